"""Measuring the search's accuracy on a question file (timing: ``knowledge.bench``).

``evaluate`` reads ``question<TAB>expected`` lines, where expected is a citizen-facing name,
a national code, or ``@greeting``/``@thanks``/``@out_of_scope``/``@dossier_status``/``@booking``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from knowledge.index import SearchIndex
from knowledge.normalize import has_diacritics, normalize, strip_procedure_prefix
from knowledge.schema import Procedure

REQUIRED_TSV = Path(__file__).resolve().parent / "data" / "required_procedures.tsv"
_CODE = re.compile(r"^(?:\d\.\d{6}|dp\.[\w.-]+)$")


def read_tsv(path: str | Path) -> list[tuple[str, str]]:
    """``(question, expected)`` pairs of a question file; blank and ``#`` lines skipped."""
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        question, expected = line.split("\t", 1)
        pairs.append((question, expected.strip()))
    return pairs


def _required_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    if REQUIRED_TSV.exists():
        for row in REQUIRED_TSV.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) > 1 and cols[1].strip():
                out[normalize(cols[0])] = cols[1].strip()
    return out


class _Resolver:
    """Maps an expected name or code to the procedure codes that count as right."""

    def __init__(self, procs: Sequence[Procedure]) -> None:
        self.by_name: dict[str, set[str]] = {}
        for p in procs:
            for name in (p.short_name, p.name, strip_procedure_prefix(p.name)):
                if name:
                    self.by_name.setdefault(normalize(name), set()).add(p.code)
        self.required = _required_codes()

    def codes(self, expected: str) -> set[str]:
        if _CODE.match(expected):
            return {expected}
        key = normalize(expected)
        codes = set(self.by_name.get(key, set()))
        if key in self.required:
            codes.add(self.required[key])
        return codes


def evaluate(index: SearchIndex, tsv_path: str | Path) -> dict:
    """Accuracy of ``index`` on a question file (see module docstring for the format).

    Returns top-1/top-3 over procedure lines (all, with and without diacritics), intent
    accuracy over ``@`` lines, confident wrong answers on ``@out_of_scope`` lines, the band
    counts of procedure lines and the list of failures.
    """
    resolver = _Resolver(index.procs)
    stats = {k: [0, 0, 0] for k in ("all", "accented", "plain")}  # n, top1, top3
    bands = {
        "answer_right": 0,
        "answer_wrong": 0,
        "suggest_right": 0,
        "suggest_wrong": 0,
        "none": 0,
    }
    intents_n = intents_ok = oos_confident = 0
    failures: list[dict] = []
    for question, expected in read_tsv(tsv_path):
        result = index.classify(question)
        if expected.startswith("@"):
            intents_n += 1
            if result.intent == expected[1:]:
                intents_ok += 1
            else:
                failures.append(
                    {
                        "question": question,
                        "expected": expected,
                        "got": result.intent,
                        "band": result.band,
                    }
                )
            if expected == "@out_of_scope" and result.band == "answer":
                oos_confident += 1
            continue
        wanted = resolver.codes(expected)
        ranked = index.search(question, k=3)
        codes = [m.code for m in ranked]
        top1 = bool(codes) and codes[0] in wanted
        top3 = any(c in wanted for c in codes)
        for key in ("all", "accented" if has_diacritics(question) else "plain"):
            stats[key][0] += 1
            stats[key][1] += top1
            stats[key][2] += top3
        shown_right = bool(result.matches) and result.matches[0].code in wanted
        if result.band == "answer":
            bands["answer_right" if shown_right else "answer_wrong"] += 1
        elif result.band == "suggest":
            in_list = any(m.code in wanted for m in result.matches)
            bands["suggest_right" if in_list else "suggest_wrong"] += 1
        else:
            bands["none"] += 1
        if not top1 or result.band != "answer":
            failures.append(
                {
                    "question": question,
                    "expected": expected,
                    "wanted": sorted(wanted),
                    "got": [m.code for m in ranked],
                    "names": [m.name for m in ranked],
                    "scores": [m.score for m in ranked],
                    "band": result.band,
                    "intent": result.intent,
                    "top1": top1,
                }
            )

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    out: dict = {"procedure_questions": stats["all"][0]}
    for key, (n, t1, t3) in stats.items():
        suffix = "" if key == "all" else f"_{key}"
        out[f"top1{suffix}"] = ratio(t1, n)
        out[f"top3{suffix}"] = ratio(t3, n)
        out[f"n{suffix}"] = n
    out.update(
        intent_questions=intents_n,
        intent_accuracy=ratio(intents_ok, intents_n),
        oos_confident_wrong=oos_confident,
        bands=bands,
        failures=failures,
    )
    return out


def summary(report: dict) -> str:
    """A few printable lines for an ``evaluate`` or ``bench`` report."""
    lines = []
    if "top1" in report and "procedure_questions" in report:
        lines.append(
            f"procedure questions: {report['n']}  top-1 {report['top1']}  top-3 {report['top3']}"
        )
        lines.append(
            f"  with diacritics ({report['n_accented']}): top-1 "
            f"{report['top1_accented']} top-3 {report['top3_accented']}"
        )
        lines.append(
            f"  without diacritics ({report['n_plain']}): top-1 "
            f"{report['top1_plain']} top-3 {report['top3_plain']}"
        )
        lines.append(f"  bands: {report['bands']}")
        lines.append(
            f"intent questions: {report['intent_questions']}  accuracy "
            f"{report['intent_accuracy']}  confident wrong on out-of-scope: "
            f"{report['oos_confident_wrong']}"
        )
        lines.append(f"failures: {len(report['failures'])}")
    if "build_s" in report:
        lines.append(
            f"procedures {report['procedures']}  queries {report['queries']}  build "
            f"{report['build_s']} s  p50 {report['p50_ms']} ms  p99 "
            f"{report['p99_ms']} ms  {report['qps']} q/s  rss {report['rss_mb']} MB"
            + (f"  top-1 {report['top1']}" if "top1" in report else "")
        )
        if "baseline" in report:
            b = report["baseline"]
            lines.append(
                f"baseline extractOne/WRatio: p50 {b['p50_ms']} ms  p99 "
                f"{b['p99_ms']} ms  {b['qps']} q/s"
                + (f"  top-1 {b['top1']}" if "top1" in b else "")
            )
    return "\n".join(lines)


EXPLAIN = """Giải thích / what the counts mean:
  top-1: thủ tục đứng đầu là thủ tục đúng / the first procedure found is the right one
  top-3: thủ tục đúng nằm trong 3 kết quả đầu / the right one is among the first three
  trả lời thẳng: bot gửi ngay thẻ thủ tục (band answer) / the card was sent at once
  gợi ý: bot hỏi "Ý anh/chị là...?" với tối đa 3 nút / the bot offered up to 3 buttons
  không đề xuất: bot nói ngoài phạm vi / the bot said it cannot help (band none)"""


def _row(label: str, *cells: object) -> str:
    return f"  {label:<44}" + "".join(f"{str(c):>8}" for c in cells)


def _share(n: int, total: int) -> str:
    return f"{n / total:.3f}" if total else "-"


def table(report: dict, path: str | Path = "", failures: int = 20) -> str:
    """The ``tthc-bot eval`` report as a readable table, with what each count means."""
    lines = [f"Đánh giá tìm kiếm / search evaluation: {path}", ""]
    lines.append(_row("Câu hỏi về thủ tục / procedure questions", "n", "top-1", "top-3"))
    for label, key in (
        ("tất cả / all", ""),
        ("có dấu / with diacritics", "_accented"),
        ("không dấu / without diacritics", "_plain"),
    ):
        lines.append(_row(label, report[f"n{key}"], report[f"top1{key}"], report[f"top3{key}"]))
    bands, total = report["bands"], report["n"]
    lines += ["", _row("Bot trả lời thế nào / how the bot answered", "n", "share")]
    for label, key in (
        ("trả lời thẳng, đúng / answered, right", "answer_right"),
        ("trả lời thẳng, SAI / answered, wrong", "answer_wrong"),
        ("gợi ý có thủ tục đúng / suggested, right", "suggest_right"),
        ("gợi ý thiếu thủ tục đúng / suggested, wrong", "suggest_wrong"),
        ("không đề xuất / nothing proposed", "none"),
    ):
        lines.append(_row(label, bands[key], _share(bands[key], total)))
    lines += [
        "",
        f"Tin nhắn khác (chào, cảm ơn, tra cứu, đặt lịch, ngoài phạm vi) / other messages: "
        f"{report['intent_questions']}, đúng ý định / intent right: {report['intent_accuracy']}; "
        f"ngoài phạm vi mà trả lời thẳng / out of scope answered: "
        f"{report['oos_confident_wrong']}",
        "",
        EXPLAIN,
    ]
    misses = [f for f in report.get("failures", []) if not f.get("top1", False)]
    shown = min(len(misses), failures)
    lines += [
        "",
        f"Sai (top-1 sai hoặc ý định sai) / misses: {len(misses)}"
        + (
            f" (in {shown} câu đầu; --failures N để xem thêm / first {shown} shown)"
            if shown < len(misses)
            else ""
        ),
    ]
    for f in misses[:failures]:
        got = f.get("got")
        if isinstance(got, list):
            got = ", ".join(f"{c} {n[:40]}" for c, n in zip(got, f.get("names", []), strict=False))
        lines.append(f"  ✗ {f['question'][:70]!r} -> {f['expected']}; got {got} ({f['band']})")
    return "\n".join(lines)
