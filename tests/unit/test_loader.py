"""Knowledge loader: catalogue + overlays + offices, on small temporary data and shipped data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge import loader
from knowledge.catalogue import save_catalogue
from knowledge.loader import OverlayError, load_knowledge
from knowledge.schema import Procedure

SHIPPED = Path(loader.__file__).resolve().parent / "data"

CATALOGUE = [
    {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "ministry": "bo-tu-phap",
        "field": "Hộ tịch",
        "url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
        "methods": [
            {"channel": "Trực tiếp", "time_text": "Ngay trong ngày", "fee_text": "Miễn phí"}
        ],
        "legal_basis": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
    },
    {"code": "1.000656", "name": "Thủ tục đăng ký khai tử", "field": "Hộ tịch"},
    {"code": "1.003583", "name": "Thủ tục đăng ký khai sinh lưu động", "field": "Hộ tịch"},
]

OVERLAY_KHAI_SINH = {
    "code": "1.001193",
    "short_name": "Đăng ký khai sinh",
    "aliases": ["làm giấy khai sinh", "GKS"],
    "offices": ["ubnd_xa"],
    "checklist_questions": [
        {
            "id": "who",
            "ask": "Anh/chị là cha/mẹ của cháu hay người được ủy quyền?",
            "options": [
                {"value": "parent", "label": "Cha hoặc mẹ"},
                {"value": "authorised", "label": "Người được ủy quyền"},
            ],
        }
    ],
    "documents": [
        {"id": "to_khai", "name": "Tờ khai đăng ký khai sinh", "originals": 1},
        {"id": "uy_quyen", "name": "Văn bản ủy quyền", "when": {"who": "authorised"}},
    ],
    "source": "Cổng Dịch vụ công quốc gia, thủ tục 1.001193",
    "verified_on": "2026-11-26",
}

OVERLAY_XAY_DUNG = {
    "code": "dp.giay-phep-xay-dung-nha-o",
    "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "short_name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "field": "Xây dựng",
    "aliases": ["giấy phép xây nhà", "GPXD"],
    "where": "Bộ phận Một cửa UBND xã/phường",
    "offices": ["ubnd_xa"],
    "documents": [{"id": "don", "name": "Đơn đề nghị cấp giấy phép xây dựng"}],
    "fees": [{"label": "Lệ phí cấp giấy phép", "amount": "Theo nghị quyết HĐND tỉnh"}],
    "legal_basis": [{"number": "50/2014/QH13", "title": "Luật Xây dựng"}],
    "source": "Luật Xây dựng 2014",
    "verified_on": "2026-11-26",
}

REQUIRED_TSV = (
    "name\tnational_code\tfield\tauthority_hint\n"
    "Đăng ký khai sinh\t1.001193\tHộ tịch\tUBND cấp xã\n"
    "Cấp giấy phép xây dựng nhà ở riêng lẻ\t\tXây dựng\tUBND\n"
)


def write_catalogue(path: Path, records: list[dict]) -> None:
    """Write a small catalogue file the way the importer does."""
    procs = [Procedure.model_validate(r) for r in records]
    save_catalogue(procs, path, source="test", retrieved="2026-06", imported_on="2026-06-20")


def write_overlay(data_dir: Path, overlay: dict, name: str | None = None) -> Path:
    """Write one overlay YAML file named after its code unless ``name`` is given."""
    path = data_dir / "procedures" / (name or f"{overlay['code']}.yaml")
    path.write_text(yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def make_kb_dir(root: Path, overlays: list[dict] | None = None) -> Path:
    """A complete, valid small data dir: catalogue, offices, required list, overlays."""
    data = root / "data"
    (data / "procedures").mkdir(parents=True)
    write_catalogue(data / loader.CATALOGUE_FILE, CATALOGUE)
    shutil.copy(SHIPPED / "offices.yaml", data / "offices.yaml")
    (data / "required_procedures.tsv").write_text(REQUIRED_TSV, "utf-8")
    for overlay in overlays if overlays is not None else [OVERLAY_KHAI_SINH, OVERLAY_XAY_DUNG]:
        write_overlay(data, overlay)
    loader.clear_cache()
    return data


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return make_kb_dir(tmp_path)


def test_overlay_replaces_given_keys_and_keeps_catalogue_facts(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    ks = kb.get("1.001193")
    assert ks is not None and ks.curated
    assert ks.display_name == "Đăng ký khai sinh"
    assert [d.id for d in ks.documents] == ["to_khai", "uy_quyen"]
    # keys the overlay leaves out keep the catalogue's value
    assert ks.name == "Thủ tục đăng ký khai sinh"
    assert ks.methods[0].fee_text == "Miễn phí"
    assert ks.legal_basis[0].number == "60/2014/QH13"
    assert ks.url and "1.001193" in ks.url
    assert kb.get("1.003583") is not None and not kb.get("1.003583").curated


def test_local_only_procedure_is_added_and_counted(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    xd = kb.get("dp.giay-phep-xay-dung-nha-o")
    assert xd is not None and xd.curated and xd.where
    assert {p.code for p in kb.curated()} == {"1.001193", "dp.giay-phep-xay-dung-nha-o"}
    assert len(kb.procedures) == len(kb.by_code) == 4
    assert kb.meta["counts"] == {
        "catalogue": 3,
        "curated": 2,
        "local_only": 1,
        "total": 4,
        "offices": 7,
    }
    assert kb.get("9.999999") is None
    assert kb.meta["retrieved"] == "2026-06"  # shown as "thông tin lấy ngày ..." in answers


def test_loading_is_cached_per_path(kb_dir: Path, tmp_path: Path) -> None:
    first = load_knowledge(kb_dir)
    assert load_knowledge(kb_dir) is first
    other = make_kb_dir(tmp_path / "other", overlays=[])
    assert load_knowledge(other) is not first
    assert load_knowledge(other).curated() == []


def test_broken_overlay_is_skipped_or_raises_in_strict_mode(kb_dir: Path) -> None:
    write_overlay(kb_dir, {"code": "1.000656", "documents": [{"originals": 1}]})
    kb = load_knowledge(kb_dir)
    assert not kb.get("1.000656").curated  # the catalogue record survives
    assert any("1.000656.yaml" in p for p in kb.meta["problems"])
    with pytest.raises(OverlayError, match="1.000656.yaml"):
        load_knowledge(kb_dir, strict=True)


def test_invalid_yaml_names_the_file(kb_dir: Path) -> None:
    (kb_dir / "procedures" / "hong.yaml").write_text("code: [1.0\n  - x: :", "utf-8")
    kb = load_knowledge(kb_dir)
    assert any(p.startswith("hong.yaml") for p in kb.meta["problems"])
    assert kb.get("1.001193").curated  # other overlays still load


def test_offices_and_contact(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    assert set(kb.offices) == {
        "ubnd_xa",
        "cong_an_xa",
        "vpdk_dat_dai",
        "hcc_tinh",
        "tt_dich_vu_viec_lam",
        "csgt",
        "truong_noi_den",
    }
    assert kb.contact.hotline == "18001096"
    assert kb.contact.website == "https://dichvucong.gov.vn"


def test_shipped_offices_never_show_unverified_contact_details() -> None:
    raw = yaml.safe_load((SHIPPED / "offices.yaml").read_text("utf-8"))
    for oid, office in raw["offices"].items():
        if not office.get("address") or not office.get("phone"):
            assert office.get("note"), f"{oid}: thiếu ghi chú khi chưa có địa chỉ/điện thoại"


def test_shipped_knowledge_loads_whole_catalogue() -> None:
    # how long it takes is a benchmark's business (``tthc-bot bench search`` prints build_s)
    loader.clear_cache()
    kb = load_knowledge()
    assert kb.meta["counts"]["catalogue"] >= 2642
    assert kb.get("1.001193") is not None
