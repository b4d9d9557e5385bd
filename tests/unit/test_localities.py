"""The locality data: the shipped province validates (``localities validate``), the ward CSV
reader rejects bad rows one by one, an import merges cells, receipt units map to offices."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from knowledge.loader import DATA_DIR
from knowledge.localities import LOCALITIES_DIR, load_localities
from knowledge.locality_checks import merge_wards, validate_localities
from knowledge.locality_csv import read_rows, read_wards
from knowledge.programmes import load_programmes
from tests.support.places import places_folder, places_with

HEADER = "code,name,type,former_units,office_name,office_address,office_phone,receipt_units\n"


def _read(body: str):  # type: ignore[no-untyped-def]
    return read_rows(csv.DictReader(io.StringIO(HEADER + body)))


def test_the_shipped_province_validates() -> None:
    assert validate_localities(LOCALITIES_DIR, DATA_DIR) == []
    places = load_localities()
    assert places.problems == []
    assert len(places.wards) == 102  # NQ 1663/NQ-UBTVQH15: 20 phường, 82 xã
    types = [w.type for w in places.wards.values()]
    assert types.count("phường") == 20 and types.count("xã") == 82
    assert places.province.name == "Tỉnh Đồng Tháp"


def test_no_address_phone_or_hours_is_shipped_without_a_source() -> None:
    # nothing is known yet: every office must still be empty (staff fill them in)
    for ward in load_localities().wards.values():
        assert ward.offices and all(
            o.missing() == ["address", "phone", "hours"] for o in ward.offices
        )


def test_the_seed_programmes_live_in_the_wards_that_now_contain_them() -> None:
    book = load_programmes()
    places = load_localities()
    homes = {p.id: places.get(p.ward).name for p in book.programmes}
    assert homes == {
        "tan_thuan_dong_dong_dinh": "Phường Cao Lãnh",
        "phuong3_ngay_khong_viet": "Phường Cao Lãnh",
        "tan_thuan_dong_to_viet_ho_so": "Phường Cao Lãnh",
        "my_ngai_tai_nha": "Phường Mỹ Ngãi",
        "my_tan_truc_tuyen": "Phường Mỹ Ngãi",
    }
    p3 = book.get("phuong3_ngay_khong_viet")
    assert p3 is not None and any("Phường 3" in h for h in p3.history)
    assert "phường 3" in p3.aliases  # the 2020 name still finds it
    assert all(p.verify.startswith("cần xác minh") for p in book.programmes)


def test_bad_rows_are_reported_by_line_and_the_good_ones_kept() -> None:
    result = _read(
        "29869,Phường Cao Lãnh,phường,Phường 3 (TP Cao Lãnh),,,,\n"  # line 2: good
        "2986,Xã Ngắn,xã,,,,,\n"  # line 3: padded to 02986, good
        "ABCDE,Xã Chữ,xã,,,,,\n"  # line 4: bad code
        "29870,Xã Không Loại,thị xã,,,,,\n"  # line 5: bad type
        "29871,Xã Số Máy,xã,,,,12,\n"  # line 6: bad phone
        "29872,Xã Biên Nhận,xã,,,,,H20\n"  # line 7: bad receipt unit
        "29869,Phường Cao Lãnh,phường,,,,,\n"  # line 8: duplicate code
        "29873,Xã Cũ Sai,xã,Ấp Một,,,,\n"  # line 9: former unit without its type word
        "29869,,,,Điểm tiếp nhận số 2,Khóm 1,0277 3851 234,000.00.14.H20\n"  # 10: extra office
        "29874,,,,Điểm lạc,,,\n"  # line 11: an extra office with no ward above it
        "29875,Mỹ Trà,phường,,,,,000.00.14.H20\n"  # line 12: name without type; unit taken
        f"29876,Xã Dài,xã,,,{'số 1 ' * 100},,\n"  # line 13: a pasted page as the address
    )
    reasons = {p.line: p.reason for p in result.problems}
    assert reasons == {
        4: "bad_code", 5: "bad_type", 6: "bad_phone", 7: "bad_unit", 8: "duplicate_code",
        9: "bad_former", 11: "office_before_ward", 12: "duplicate_unit", 13: "too_long",
    }  # fmt: skip
    assert [w.code for w in result.wards] == ["29869", "02986"]
    cao_lanh = result.wards[0]
    assert [o.id for o in cao_lanh.offices] == ["29869", "29869-2"]
    assert cao_lanh.offices[1].receipt_units == ("000.00.14.H20",)
    assert all("dòng" in p.text() for p in result.problems)


def test_a_name_typed_without_its_type_word_gets_it() -> None:
    result = _read("29888,Mỹ Trà,phuong,,,,,\n")
    assert result.wards[0].name == "Phường Mỹ Trà" and result.wards[0].type == "phường"


def test_an_import_fills_cells_and_keeps_what_it_leaves_empty() -> None:
    shipped = read_wards(LOCALITIES_DIR / "wards.csv").wards
    incoming = _read(
        "29869,Phường Cao Lãnh,phường,,Trung tâm PVHCC phường Cao Lãnh,Số 1 đường A,,\n"
        "29884,Phường Mỹ Ngãi,phường,,,,,\n"
        "99999,Xã Mới,xã,,,,,\n"
    ).wards
    report = merge_wards(shipped, incoming, replace=False)
    assert (report.created, report.updated) == (["99999"], ["29869"])
    assert "29884" in report.unchanged
    merged = {w.code: w for w in report.wards}
    assert merged["29869"].office.address == "Số 1 đường A"
    assert merged["29869"].former == {w.code: w for w in shipped}["29869"].former  # kept
    assert len(merged) == 103
    assert len(merge_wards(shipped, incoming, replace=True).wards) == 3


def test_a_receipt_unit_maps_to_its_office(tmp_path: Path) -> None:
    places = places_with(tmp_path, {"29869": {"receipt_units": "000.00.14.H20"}})
    ward, office = places.office_of_receipt("000.00.14.h20-200703-0002")
    assert ward.code == "29869" and office.id == "29869"
    assert places.office_of_receipt("000.00.15.H20-200703-0002") is None


def test_validate_names_broken_links_between_files(tmp_path: Path) -> None:
    folder = places_folder(tmp_path, {"29869": {"source": ""}})
    data = tmp_path
    (data / "offices.yaml").write_text(
        (DATA_DIR / "offices.yaml").read_text(encoding="utf-8").replace("hcc_tinh:", "hcc_x:"),
        encoding="utf-8",
    )
    text = (DATA_DIR / "programmes.yaml").read_text(encoding="utf-8")
    (data / "programmes.yaml").write_text(text.replace('ward: "29884"', 'ward: "29885"'))
    (data / "procedures" / "x.yaml").write_text("code: x\nsource: Nghị quyết 9/2026/NQ-HĐND\n")
    problems = "\n".join(validate_localities(folder, data))
    assert "29869: thiếu nguồn" in problems
    assert "'hcc_tinh' không có trong offices.yaml" in problems
    assert "không có xã/phường mã 29885" in problems
    assert "9/2026/NQ-HĐND (dẫn ở x.yaml)" in problems
