"""The small rules under the handoff: asking for a person, ticket codes, masking before
anything is logged, and office hours with the holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.context import VN_TZ
from handlers.privacy import chat_hash, mask_name, mask_text
from handlers.workdays import default_calendar
from knowledge.intents import detect_intent, find_ticket_code
from knowledge.offices import OpenHours


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("gặp cán bộ", "human"),
        ("cho tôi nói chuyện với người thật", "human"),
        ("tu van vien", "human"),
        ("em muốn gặp nhân viên", "human"),
        ("gặp cán bộ hỏi về sổ đỏ", "human"),
        ("hẹn cán bộ hỗ trợ tại nhà", "booking"),  # an appointment, not the chat
        ("đặt lịch gặp cán bộ", "booking"),
        ("cán bộ xã làm sai gây thiệt hại", None),  # a procedure question
        ("HT-4K7Q", "ticket"),
        ("xem phiếu ht 4k7q", "ticket"),
    ],
)
def test_who_asks_for_a_person(text: str, intent: str | None) -> None:
    assert detect_intent(text).intent == intent


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("HT-4K7Q", "HT-4K7Q"),
        ("ht4k7q", "HT-4K7Q"),
        ("ht – abcd", "HT-ABCD"),
        ("ht jksv", "HT-JKSV"),  # a short message: the code alone
        ("cho hỏi ht tran văn a ở đâu", None),  # "ht" before a word in a sentence
        ("ht-ab1o", None),  # O is not in the alphabet
        ("ght-4k7q", None),
    ],
)
def test_ticket_codes_as_typed(text: str, code: str | None) -> None:
    assert find_ticket_code(text) == code


def test_masking_before_logging() -> None:
    text = (
        "hồ sơ 000.00.14.H20-200703-0002 của tôi, gọi 0912.345.678 hoặc +84 912 345 678, "
        "CCCD 079123456789, mail an@example.com"
    )
    masked = mask_text(text)
    for secret in ("200703", "0912", "345", "079123456789", "an@example.com"):
        assert secret not in masked
    assert masked == (
        "hồ sơ [mã hồ sơ] của tôi, gọi [số điện thoại] hoặc [số điện thoại], "
        "CCCD [số giấy tờ], mail [email]"
    )
    assert mask_text("làm sổ đỏ mất 30 ngày, lệ phí 100.000 đồng") == (
        "làm sổ đỏ mất 30 ngày, lệ phí 100.000 đồng"  # short numbers are not data
    )
    assert mask_name("Nguyễn Văn An") == "Nguyễn V*** A" and mask_name(None) == ""
    one, other = chat_hash("k", "web", "a"), chat_hash("k2", "web", "a")
    assert one != other and len(one) == 64  # keyed: another key, another hash


HOURS = OpenHours(
    days=["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu"],
    sessions=["07:00-11:30", "13:30-17:00"],
)
CAL = default_calendar()


def _closed(day: dt.date) -> bool:
    return CAL.holiday_name(day) is not None


def _swapped(day: dt.date) -> bool:
    return day in CAL.working


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("moment", "is_open", "next_opening"),
    [
        (_at(2026, 12, 1, 9, 0), True, _at(2026, 12, 1, 13, 30)),
        (_at(2026, 12, 1, 11, 30), False, _at(2026, 12, 1, 13, 30)),  # lunch
        (_at(2026, 12, 1, 17, 0), False, _at(2026, 12, 2, 7, 0)),
        (_at(2026, 12, 5, 9, 0), False, _at(2026, 12, 7, 7, 0)),  # Saturday
        (_at(2026, 9, 2, 9, 0), False, _at(2026, 9, 3, 7, 0)),  # Quốc khánh
        (_at(2026, 6, 30, 6, 59), False, _at(2026, 6, 30, 7, 0)),
        (_at(2027, 2, 3, 16, 0), True, _at(2027, 2, 11, 7, 0)),  # last afternoon before Tết
        (_at(2027, 2, 8, 9, 0), False, _at(2027, 2, 11, 7, 0)),  # a Monday of Tết
        (_at(2026, 8, 22, 9, 0), True, _at(2026, 8, 22, 13, 30)),  # a Saturday made a workday
    ],
)
def test_office_hours_respect_the_calendar(
    moment: dt.datetime, is_open: bool, next_opening: dt.datetime
) -> None:
    assert HOURS.open_at(moment, _closed, _swapped) is is_open
    assert HOURS.next_opening(moment, _closed, _swapped) == next_opening


def test_office_hours_are_checked_as_data() -> None:
    for bad in (
        {"days": ["thứ Hai"], "sessions": ["7h-11h"]},
        {"days": ["thứ Hai"], "sessions": ["11:30-07:00"]},
        {"days": ["ngày mai"], "sessions": ["07:00-11:00"]},
        {"days": [], "sessions": ["07:00-11:00"]},
    ):
        with pytest.raises(ValueError):
            OpenHours(**bad)


def test_the_purge_runs_at_night() -> None:
    from bot.retention import next_run

    assert next_run(_at(2026, 12, 1, 2, 0)) == _at(2026, 12, 1, 3, 0)
    assert next_run(_at(2026, 12, 1, 3, 0)) == _at(2026, 12, 2, 3, 0)  # just ran: tomorrow
    assert next_run(_at(2026, 12, 31, 9, 0)) == _at(2027, 1, 1, 3, 0)
