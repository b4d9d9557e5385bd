"""Times and days as citizens type them while booking (issue 12, round 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.booking.dates import parse_day
from handlers.booking.guard import details_in, not_a_name
from handlers.booking.times import parse_time

TODAY = dt.date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7 giờ rưỡi", "07:30"),
        ("7 gio ruoi", "07:30"),
        ("7g30", "07:30"),
        ("7 giờ 30", "07:30"),
        ("7 giờ 30 phút", "07:30"),
        ("8:30", "08:30"),
        ("8.30", "08:30"),
        ("9.45 sáng", "09:45"),
        ("8h30 sáng", "08:30"),
        ("3 rưỡi chiều", "15:30"),
        ("2 giờ chiều", "14:00"),
        ("2 giờ", "14:00"),  # nobody books the one-stop shop at 2 in the night
        ("8 giờ kém 15", "07:45"),
        ("12 giờ trưa", "12:00"),
        ("1 giờ trưa", "13:00"),
        ("12 giờ đêm", "00:00"),
        ("10 giờ đêm", "22:00"),
        ("7h", "07:00"),
        ("19h", "19:00"),
        ("7 giờ tối", "19:00"),
        ("7h toi", "19:00"),  # accent-free "tối" right after the time
        ("7 giờ, tôi tên Lan", "07:00"),  # "tôi" (I) is no "tối"
        ("8", "08:00"),
        ("2:30 pm", "14:30"),
        ("tám giờ rưỡi", "08:30"),  # hours in words
        ("hai giờ chiều", "14:00"),
        ("mười một giờ", "11:00"),
    ],
)
def test_typed_times(typed: str, expected: str) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "10/12",
        "10.12",  # a date (10 December), not 10:12
        "0912345678",
        "0912.345.678",
        "25 giờ",
        "8 giờ 75",
        "thứ hai giờ nào cũng được",  # Monday, not 2 o'clock
        "chín giờ kém mười lăm",  # not read: better asked again than booked at 9:00
    ],
)
def test_not_times(typed: str) -> None:
    assert parse_time(typed) is None


def test_a_part_of_the_day_said_before_places_the_hour() -> None:
    assert parse_time("9 giờ", "chieu") == "21:00"
    assert parse_time("4 giờ", "chieu") == "16:00"
    assert parse_time("9 giờ sáng", "chieu") == "09:00"  # said now wins


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("thứ 3 tuần sau nữa", dt.date(2026, 12, 15)),
        ("thu 5 tuan toi nua", dt.date(2026, 12, 17)),
        ("thứ 3 tuần sau", dt.date(2026, 12, 8)),
        ("thứ 5", dt.date(2026, 12, 3)),
    ],
)
def test_weeks_ahead(typed: str, expected: dt.date) -> None:
    assert parse_day(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Nguyễn Thị Mai 0912 345 678", {"name": "Nguyễn Thị Mai", "phone": "0912345678"}),
        ("số của tôi là 0912345678 nhé", {"phone": "0912345678"}),
        ("tôi tên là Lê Văn Tám, sđt 0903.111.222", {"name": "Lê Văn Tám", "phone": "0903111222"}),
        ("Nguyễn Văn A ạ", {"name": "Nguyễn Văn A"}),
        ("nguyen van a", {"name": "Nguyen Van A"}),
        ("chọn giờ khác", {}),
        ("đăng ký khai sinh", {}),
        ("0212 345 678", {}),  # a landline: no mobile to call back
    ],
)
def test_name_and_phone_in_one_message(typed: str, expected: dict[str, str]) -> None:
    assert details_in(typed) == expected


@pytest.mark.parametrize("typed", ["làm sao đặt", "đăng ký kết hôn", "chon gio khac", "hả?"])
def test_clearly_not_names(typed: str) -> None:
    assert not_a_name(typed)


@pytest.mark.parametrize(
    "typed",
    ["Trần Minh", "Lê Thị Sao Mai", "Đậu Văn Bình", "Hoa", "Nguyen Van Dat", "tran thi thu",
     "Le Quang Huy", "Pham Van Bao", "Ngo Van Hoi"],
)  # fmt: skip
def test_names_stay_names(typed: str) -> None:
    assert not not_a_name(typed)
