"""Knowledge validator: the shipped data is clean, and each kind of mistake is caught."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.catalogue import load_catalogue
from knowledge.evaluate import CLASSES
from knowledge.loader import CATALOGUE_FILE, DATA_DIR
from knowledge.validate import fold, read_required, validate_knowledge
from tests.unit.test_loader import (
    OVERLAY_KHAI_SINH,
    OVERLAY_XAY_DUNG,
    make_kb_dir,
    write_overlay,
)


def test_shipped_knowledge_validates_clean() -> None:
    problems = validate_knowledge()
    assert problems == [], "\n".join(problems)


def test_small_valid_data_has_no_problem(tmp_path: Path) -> None:
    assert validate_knowledge(make_kb_dir(tmp_path)) == []


def _with(**changes: object) -> Callable[[Path], None]:
    """Rewrite the khai sinh overlay with some keys changed (None removes the key)."""

    def apply(data: Path) -> None:
        overlay = copy.deepcopy(OVERLAY_KHAI_SINH)
        for key, value in changes.items():
            if value is None:
                overlay.pop(key, None)
            else:
                overlay[key] = value
        write_overlay(data, overlay)

    return apply


def _local(**changes: object) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        overlay = {k: v for k, v in OVERLAY_XAY_DUNG.items() if k not in changes}
        overlay.update({k: v for k, v in changes.items() if v is not None})
        write_overlay(data, overlay)

    return apply


def _write(name: str, text: str) -> Callable[[Path], None]:
    return lambda data: (data / "procedures" / name).write_text(text, "utf-8")


def _extra_overlay(overlay: dict, name: str | None = None) -> Callable[[Path], None]:
    return lambda data: write_overlay(data, overlay, name)


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "yaml syntax": (_write("1.000656.yaml", "code: '1.000656\nshort_name: [x"), "1.000656.yaml"),
    "unknown key": (_with(tom_tat="..."), "1.001193.yaml: tom_tat"),
    "wrong type": (_with(documents=[{"originals": 1}]), "1.001193.yaml: documents.0.name"),
    "duplicate code": (
        _extra_overlay({"code": "1.001193", "summary": "x"}, "khai-sinh-2.yaml"),
        "trùng với tệp",
    ),
    "code not in catalogue": (
        _extra_overlay({"code": "1.999999", "short_name": "Y"}),
        "1.999999.yaml: mã 1.999999 không có trong danh mục",
    ),
    "required short_name missing": (
        _with(short_name="Khai sinh cho con"),
        "chưa có tệp nào có short_name 'Đăng ký khai sinh'",
    ),
    "required short_name twice": (
        _extra_overlay({**OVERLAY_KHAI_SINH, "code": "1.003583", "aliases": []}),
        "short_name 'Đăng ký khai sinh' xuất hiện nhiều lần",
    ),
    "required short_name on the wrong code": (
        lambda data: (
            (data / "procedures" / "1.001193.yaml").unlink(),
            write_overlay(data, {**OVERLAY_KHAI_SINH, "code": "1.003583"}),
        ),
        "phải thuộc mã 1.001193",
    ),
    "alias on two procedures (accents folded)": (
        _local(aliases=["LAM GIAY KHAI SINH"]),
        "tên gọi 'làm giấy khai sinh' trùng",
    ),
    "unknown office": (_with(offices=["mot_cua_ao"]), "cơ quan 'mot_cua_ao' không có"),
    "when on unknown question": (
        _with(documents=[{"id": "a", "name": "A", "when": {"nguoi_nop": "x"}}]),
        "hỏi câu 'nguoi_nop' không có",
    ),
    "when on unknown option": (
        _with(documents=[{"id": "a", "name": "A", "when": {"who": ["parent", "ong_ba"]}}]),
        "không có lựa chọn 'ong_ba'",
    ),
    "missing legal basis": (_local(legal_basis=[]), "thiếu legal_basis"),
    "missing source": (_with(source=None), "1.001193.yaml: thiếu source"),
    "missing verified_on": (_with(verified_on=None), "1.001193.yaml: thiếu verified_on"),
    "local entry without documents": (_local(documents=[]), "phải có documents"),
    "local entry without fees": (_local(fees=[]), "phải có fees"),
    "local entry without where": (_local(where=None), "phải có where"),
    "broken offices.yaml": (
        lambda data: (data / "offices.yaml").write_text("offices:\n  x: {ten: 1}\n", "utf-8"),
        "offices.yaml",
    ),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_each_kind_of_problem_is_reported(tmp_path: Path, kind: str) -> None:
    data = make_kb_dir(tmp_path)
    breaker, expected = BROKEN[kind]
    breaker(data)
    problems = validate_knowledge(data)
    assert any(expected in p for p in problems), f"{kind}: {problems}"


def test_catalogue_legal_basis_counts_for_overlays(tmp_path: Path) -> None:
    # the khai sinh overlay gives no legal_basis: the catalogue record's one is enough
    data = make_kb_dir(tmp_path)
    assert "legal_basis" not in OVERLAY_KHAI_SINH
    assert not any("legal_basis" in p for p in validate_knowledge(data))


def test_fold_matches_what_people_type() -> None:
    assert fold("Làm  Giấy ĐỘC THÂN") == fold("lam giay doc than") == "lam giay doc than"


INTENTS = {"@greeting", "@thanks", "@out_of_scope", "@dossier_status", "@booking"}
QUESTION_SETS = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "name",
    ["questions_dev.tsv", "questions_test.tsv", "questions_holdout.tsv", "questions_holdout2.tsv"],
)
def test_question_sets_point_at_known_procedures(name: str) -> None:
    # an expected label that matches nothing would silently count as a search miss
    path = QUESTION_SETS / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    required = read_required(DATA_DIR / "required_procedures.tsv")
    names = {r["name"] for r in required}
    required_codes = {r["national_code"] for r in required if r["national_code"]}
    codes = {p.code for p in load_catalogue()} if (DATA_DIR / CATALOGUE_FILE).exists() else None
    lines = path.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(r) in (2, 3) and r[0].strip() for r in rows)
    assert all(r[2].strip() in CLASSES for r in rows if len(r) == 3), "unknown class"
    for question, expected, *_ in rows:
        for label in expected.split("|"):
            if label in names or label in INTENTS:
                continue
            if label.startswith("dp."):  # a curated procedure outside the catalogue
                assert (DATA_DIR / "procedures" / f"{label}.yaml").exists(), label
                continue
            assert re.fullmatch(r"\d\.\d{6}", label), f"{question!r}: nhãn lạ {label!r}"
            # our own sets name the curated procedures; the holdout's author may use codes
            if not name.startswith("questions_holdout"):
                assert label not in required_codes, f"{question!r}: dùng tên thay cho mã {label}"
            if codes is not None:
                assert label in codes, f"{question!r}: mã {label} không có trong danh mục"
