"""What a re-import tells staff: new, removed and changed records, and the curated overlays
whose record changed after they were last verified (stale). Also: the shipped catalogue keeps
the portal's text, while loading it drops temporary rates whose period has ended."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from knowledge.catalogue import load_catalogue, save_catalogue
from knowledge.portal import import_portal_command
from knowledge.portal_diff import catalogue_diff, stale_overlays
from knowledge.schema import Procedure, SubmissionMethod

MH = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def _record(code: str, time: str = "3 Ngày làm việc", name: str = "Thủ tục") -> dict:
    return {
        "ma_thu_tuc": code,
        "ten_thu_tuc": name,
        "cap_thuc_hien": "Cấp xã",
        "cach_thuc_thuc_hien": MH + f"Trực tiếp{time}Miễn phí",
        "thanh_phan_ho_so": "",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
    }


def test_diff_names_new_removed_and_changed_fields() -> None:
    old = [Procedure(code="1", name="A"), Procedure(code="2", name="B")]
    new = [Procedure(code="2", name="B", field="Hộ tịch"), Procedure(code="3", name="C")]
    diff = catalogue_diff(old, new)
    assert (diff.new, diff.removed, diff.changed) == (["3"], ["1"], {"2": ["field"]})


def test_overlay_is_stale_when_its_record_changed_after_it_was_verified() -> None:
    old = [Procedure(code="2", name="B"), Procedure(code="4", name="D")]
    new = [Procedure(code="2", name="B2"), Procedure(code="4", name="D")]
    diff = catalogue_diff(old, new)
    day = dt.date(2026, 12, 1)
    overlays = {"2": dt.date(2026, 11, 26), "4": dt.date(2026, 11, 26)}
    assert [s.code for s in stale_overlays(diff, overlays, day)] == ["2"]  # 4 did not change
    # Verified on the import day (after reading the new record): not stale.
    assert stale_overlays(diff, {"2": day}, day) == []
    gone = catalogue_diff([Procedure(code="5", name="E")], [])
    assert stale_overlays(gone, {"5": dt.date(2026, 1, 1)}, day)[0].fields == ("(removed)",)


def test_import_report_prints_the_diff_and_the_stale_overlays(tmp_path: Path) -> None:
    raw = tmp_path / "raw" / "bo-tu-phap"
    raw.mkdir(parents=True)
    for code, time in (("1.000001", "3 Ngày làm việc"), ("1.000002", "5 Ngày làm việc")):
        (raw / f"{code}.json").write_text(json.dumps(_record(code, time)), encoding="utf-8")
    shipped = tmp_path / "shipped.json.gz"
    before = [
        Procedure(code="1.000001", name="Thủ tục", levels=["Cấp xã"]),
        Procedure(code="1.000009", name="Bỏ đi"),
    ]
    save_catalogue(before, shipped, source="s", retrieved="r", imported_on="2026-11-26")
    overlays = tmp_path / "procedures"
    overlays.mkdir()
    (overlays / "1.000001.yaml").write_text(
        'code: "1.000001"\nverified_on: 2026-11-26\n', encoding="utf-8"
    )
    report = import_portal_command(
        tmp_path / "raw",
        tmp_path / "out.json.gz",
        imported_on="2026-12-01",
        against=shipped,
        overlay_dir=overlays,
    )
    assert "1 thủ tục mới, 1 bị bỏ, 1 thay đổi" in report
    assert "Mới: 1.000002" in report and "Bị bỏ: 1.000009" in report
    assert "Thay đổi 1.000001:" in report and "methods" in report
    assert "Cần kiểm tra lại 1 tệp biên soạn" in report
    assert "1.000001 (kiểm tra 2026-11-26)" in report


def test_loading_drops_a_temporary_rate_whose_period_ended(tmp_path: Path) -> None:
    row = SubmissionMethod(
        channel="Trực tiếp",
        fee_text="5,000,000 VNĐ",
        fee_note="Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024 theo Thông tư 43/2024",
    )
    path = save_catalogue([Procedure(code="1.002511", name="T", methods=[row])],
                          tmp_path / "c.json.gz", source="s", retrieved="r")  # fmt: skip
    after = load_catalogue(path, as_of=dt.date(2026, 12, 1))[0].methods[0]
    assert (after.fee_text, after.fee_note) == ("", None)
    during = load_catalogue(path, as_of=dt.date(2024, 12, 1))[0].methods[0]
    assert during.fee_text == "5,000,000 VNĐ"
    stored = load_catalogue(path, as_published=True)[0].methods[0]
    assert stored.fee_note and "31/12/2024" in stored.fee_note  # the file keeps the portal text


def test_shipped_catalogue_shows_no_ended_rate_for_the_aircraft_lease() -> None:
    # 1.002511: "5,000,000 VNĐ (Mức phí kể từ ... đến hết ngày 31/12/2024 ... giảm 20%)".
    proc = next(p for p in load_catalogue(as_of=dt.date(2026, 12, 1)) if p.code == "1.002511")
    assert all(m.fee_text == "" and not m.fee_note for m in proc.methods)
