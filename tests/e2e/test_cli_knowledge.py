"""The knowledge commands of the CLI contract (DESIGN section 7), as real processes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parent.parent / "data"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_ask_json_answers_colloquial_question_without_diacritics() -> None:
    proc = _run("ask", "lam so do can giay to gi", "--json", "--top", "3")
    out = json.loads(proc.stdout)
    assert out["question"] == "lam so do can giay to gi"
    assert out["intent"] == "procedure"
    assert out["matches"][0]["code"] == "1.013978"
    assert set(out["matches"][0]) == {"code", "name", "score"}
    assert out["others"] == []


def test_ask_json_lists_the_other_needs_of_a_message() -> None:
    proc = _run("ask", "làm sổ đỏ với đăng ký kết hôn", "--json")
    out = json.loads(proc.stdout)
    assert {"question", "intent", "band", "matches", "others"} <= set(out)
    assert out["matches"][0]["code"] == "1.013978"
    assert out["others"] == ["1.000894"]


def test_ask_batch_one_json_line_per_question(tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text(
        "xin chào\ntra cứu hồ sơ 000.00.14.H20-200703-0002\nđặt lịch ngày không viết\n"
        "giá vàng hôm nay\n\n" + "a" * 10000 + "\n",
        encoding="utf-8",
    )
    proc = _run("ask", "--batch", str(questions), "--json")
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["intent"] for line in lines[:4]] == [
        "greeting",
        "dossier_status",
        "booking",
        "out_of_scope",
    ]
    assert lines[4]["intent"] == "empty"
    assert lines[5]["intent"] != "procedure" or lines[5]["band"] != "answer"


def test_eval_prints_top1_and_top3() -> None:
    proc = _run("eval", str(DATA / "questions_test.tsv"))
    assert proc.returncode == 0
    assert "top-1" in proc.stdout and "top-3" in proc.stdout


def test_bench_search_json_keys() -> None:
    args = ("bench", "search", "--procedures", "3000", "--queries", "50", "--no-accuracy")
    proc = _run(*args, "--json")
    report = json.loads(proc.stdout)
    for key in ("procedures", "queries", "build_s", "p50_ms", "p99_ms", "qps", "rss_mb"):
        assert key in report
    assert report["procedures"] == 3000 and report["queries"] == 50
    assert 0 < report["p50_ms"] <= report["p99_ms"]
    assert {"p50_ms", "p99_ms", "qps"} <= set(report["baseline"])  # the naive scan, same run
    assert "top1" not in report  # --no-accuracy skips the dev-set evaluation


def test_kb_list_and_validate() -> None:
    proc = _run("kb", "list", "--json", "--curated")
    rows = json.loads(proc.stdout)
    names = {row["name"] for row in rows}
    assert "Đăng ký khai sinh" in names and len(rows) >= 42
    assert _run("kb", "validate").returncode == 0


def test_kb_import_portal_writes_a_loadable_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "catalogue.json.gz"
    proc = _run("kb", "import-portal", str(DATA / "portal_sample"), "--out", str(out))
    assert proc.returncode == 0
    assert "3" in proc.stdout
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    codes = {p["code"] for p in data["procedures"]}
    assert codes == {"1.001193", "1.004873", "1.004222"}
    birth = next(p for p in data["procedures"] if p["code"] == "1.001193")
    # a bare "1" with the record's own 15:00 rule ("trả kết quả trong ngày làm việc tiếp
    # theo") is one working day; a bare number without it stays unit-less (unit tests)
    assert {m.get("time_days") for m in birth["methods"]} == {1}
    status = next(p for p in data["procedures"] if p["code"] == "1.004873")
    assert {m["time_days"] for m in status["methods"]} == {3}  # "03 ngày làm việc" in its text
    # The diff against the shipped catalogue and the overlays to re-check are printed.
    assert "So với danh mục đang dùng: 0 thủ tục mới" in proc.stdout
    assert "Cần kiểm tra lại" in proc.stdout and "(removed)" in proc.stdout


CARD_KEYS = {"code", "name", "curated", "card", "documents", "legal", "where", "time", "fees"}


def test_kb_cards_json_is_the_card_the_bot_sends() -> None:
    from handlers.search.card import render_card
    from knowledge.loader import load_knowledge

    proc = _run("kb", "cards", "--codes", "2.000884,1.002755", "--json")
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["code"] for r in rows] == ["2.000884", "1.002755"]
    assert all(set(r) == CARD_KEYS for r in rows)
    kb = load_knowledge()
    assert rows[0]["card"] == render_card(kb.get("2.000884"), kb, "vi")
    docs = rows[1]["documents"]
    assert {"name", "count", "kind", "form", "condition"} == set(docs[0])
    minor = next(d for d in docs if "cha, mẹ" in d["name"])
    assert "dưới 18 tuổi" in minor["condition"]
    assert any(
        fee.startswith("Lệ phí gia hạn tạm trú") and "15.000" in fee for fee in rows[1]["fees"]
    )
    assert {"number": "75/2022/TT-BTC"}.items() <= rows[1]["legal"][4].items()
    assert "\\u" not in proc.stdout  # Vietnamese stays readable


def test_kb_cards_commune_and_unknown_codes() -> None:
    proc = _run("kb", "cards", "--commune", "--json")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) > 580 and all(r["card"].startswith("📄") for r in rows)
    bad = _run("kb", "cards", "--codes", "9.999999", "--json")
    assert bad.returncode == 2 and "9.999999" in bad.stderr and not bad.stdout


def test_kb_audit_passes_for_curated_and_commune_cards() -> None:
    proc = _run("kb", "audit", "--json")
    assert proc.returncode == 0, proc.stdout[-2000:]
    report = json.loads(proc.stdout)
    assert report["failed"] is False and report["cards"] > 2600
    for check, counts in report["checks"].items():
        assert counts["curated"] == [] and counts["commune"] == [], check
    assert report["unused_exceptions"] == []  # every reviewed exception is still needed
