"""Which days and slots a programme offers: weekdays, holidays, closed days, past, full."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from handlers.booking import slots as sl
from handlers.context import VN_TZ
from knowledge.programmes import Programmes, load_programmes, parse_programmes, parse_weekday

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)  # a Tuesday


@pytest.fixture
def book() -> Programmes:
    return load_programmes().model_copy(deep=True)


def test_seed_programmes(book: Programmes) -> None:
    assert {p.kind for p in book.programmes} == {"office", "home", "online_guidance"}
    dong_dinh = book.get("tan_thuan_dong_dong_dinh")
    assert dong_dinh is not None and dong_dinh.weekdays() == [4]  # Thursday
    assert "Đông Định" in dong_dinh.place.address
    assert book.get("phuong3_ngay_khong_viet").weekdays() == [2]  # type: ignore[union-attr]
    assert book.get("my_ngai_tai_nha").needs_address  # type: ignore[union-attr]
    for p in book.programmes:
        assert p.place.map_url.startswith("https://www.google.com/maps/search/?api=1&query=")


def test_weekday_names() -> None:
    assert parse_weekday("thứ Ba") == parse_weekday("thu 3") == parse_weekday("T3") == 2
    assert parse_weekday("Chủ nhật") == 7
    with pytest.raises(ValueError):
        parse_weekday(3)  # "3" could mean thứ 3 (Tuesday) or ISO Wednesday


def test_bad_programme_data_is_rejected() -> None:
    base = {"id": "x1", "name": "X", "place": {"name": "P"}}
    with pytest.raises(ValidationError):
        parse_programmes(
            {
                "programmes": [
                    {**base, "schedule": [{"weekday": "thứ Ba", "start": "11:00", "end": "08:00"}]}
                ]
            }
        )
    with pytest.raises(ValidationError):
        parse_programmes(
            {
                "programmes": [
                    {
                        **base,
                        "schedule": [{"weekday": "thứ Tám", "start": "08:00", "end": "09:00"}],
                    }
                ]
            }
        )


def test_slots_fit_inside_the_session(book: Programmes) -> None:
    p = book.get("my_ngai_tai_nha")
    assert p is not None
    assert p.slot_starts(3) == ["13:30", "14:30", "15:30"]  # 13:30-16:30, 60 minutes each
    assert p.slot_starts(2) == []


def test_next_dates_are_the_programme_weekday(book: Programmes) -> None:
    p = book.get("tan_thuan_dong_dong_dinh")
    days = sl.next_dates(book, p, NOW, {})  # type: ignore[arg-type]
    assert days[0] == dt.date(2026, 12, 3)
    assert all(d.isoweekday() == 4 for d in days)


def test_lunar_holidays_are_skipped(book: Programmes) -> None:
    tuesday = book.get("phuong3_ngay_khong_viet")
    friday = book.get("my_tan_truc_tuyen")
    before_tet = dt.datetime(2027, 1, 25, 8, 0, tzinfo=VN_TZ)
    assert dt.date(2027, 2, 9) not in sl.next_dates(book, tuesday, before_tet, {})  # type: ignore[arg-type]
    assert sl.day_problem(book, tuesday, dt.date(2027, 2, 9), before_tet) == "holiday"  # type: ignore[arg-type]
    before_gio_to = dt.datetime(2027, 4, 5, 8, 0, tzinfo=VN_TZ)
    days = sl.next_dates(book, friday, before_gio_to, {})  # type: ignore[arg-type]
    assert dt.date(2027, 4, 16) not in days and dt.date(2027, 4, 23) in days  # Giỗ Tổ 2027


def test_closed_days_are_skipped(book: Programmes) -> None:
    p = book.get("tan_thuan_dong_dong_dinh")
    p.closed_days.append(dt.date(2026, 12, 3))  # type: ignore[union-attr]
    book.closed_days.append(dt.date(2026, 12, 10))
    days = sl.next_dates(book, p, NOW, {})  # type: ignore[arg-type]
    assert days[:2] == [dt.date(2026, 12, 17), dt.date(2026, 12, 24)]


def test_past_and_too_soon_slots_are_not_offered(book: Programmes) -> None:
    p = book.get("phuong3_ngay_khong_viet")
    today = NOW.date()
    starts = [s.start for s in sl.free_slots(book, p, today, NOW, {})]  # type: ignore[arg-type]
    assert starts[0] == "10:00"  # 09:00 now, one hour notice
    assert sl.slot_problem(book, p, today, "09:30", NOW, {}) == "too_soon"  # type: ignore[arg-type]
    assert sl.slot_problem(book, p, dt.date(2026, 11, 24), "08:00", NOW, {}) == "past"  # type: ignore[arg-type]
    assert sl.slot_problem(book, p, dt.date(2027, 3, 2), "08:00", NOW, {}) == "too_far"  # type: ignore[arg-type]
    assert sl.slot_problem(book, p, dt.date(2026, 12, 8), "08:10", NOW, {}) == "no_such_slot"  # type: ignore[arg-type]


def test_full_slots_and_full_days(book: Programmes) -> None:
    p = book.get("phuong3_ngay_khong_viet")
    day = dt.date(2026, 12, 8)
    full_day = {(day, s): p.capacity for s in p.slot_starts(2)}  # type: ignore[union-attr]
    assert sl.slot_problem(book, p, day, "08:00", NOW, full_day) == "full"  # type: ignore[arg-type]
    assert day not in sl.next_dates(book, p, NOW, full_day)  # type: ignore[arg-type]
    offer = sl.next_slots(book, p, NOW, {(day, "08:00"): p.capacity}, after=(day, "08:00"))  # type: ignore[arg-type,union-attr]
    assert [s.key for s in offer[:2]] == ["2026-12-08_08:30", "2026-12-08_09:00"]


def test_slot_keys_round_trip() -> None:
    assert sl.parse_key("2026-12-08_08:30") == (dt.date(2026, 12, 8), "08:30")
    for bad in ("", "2026-13-08_08:30", "2026-12-08_8:30", "x_y", "2026-12-08"):
        assert sl.parse_key(bad) is None
