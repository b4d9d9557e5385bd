"""Booking words the fourth citizen QA pass found stranded (issue 12, round 6): a day chosen
by "sớm nhất", "muộn nhất" or a part of the day at the day list, another ward's name there,
a confirmation word at the optional task step, and "thôi không hủy nữa".

Clock: Tuesday 01/12/2026 09:00 (knowledge/data/programmes.yaml for the programmes).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.flows.test_booking_typed import P3, THURSDAY, _booked_then_cancel_asked, _bookings
from tests.support.chat import Chat

HOME = "my_ngai_tai_nha"


async def _days(chat: Chat, programme: str) -> list[str]:
    await chat.press(f"bk:prog:{programme}")
    days = [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")]
    assert days, chat.text
    return days


@pytest.mark.parametrize(
    ("typed", "which"),
    [("ngày nào sớm nhất", 0), ("càng sớm càng tốt", 0), ("muộn nhất được không", -1),
     ("ngay cuoi cung", -1)],
)  # fmt: skip
async def test_a_day_word_at_the_day_list_chooses_an_offered_day(
    app: Any, typed: str, which: int
) -> None:
    chat = Chat(app.engine, chat_id=f"dayword-{typed}")
    days = await _days(chat, THURSDAY)
    await chat.say(typed)
    day = days[which].split(":", 2)[2]
    assert chat.payload(f"bk:slot:{day}"), chat.text  # that day's times are offered
    assert "chưa rõ ý" not in chat.text


@pytest.mark.parametrize("typed", ["chieu", "buổi chiều nhé"])
async def test_a_part_no_offered_day_has_keeps_the_day_open(app: Any, typed: str) -> None:
    """QA pass 5 (q18): "chiều" at a mornings-only programme's day list chose the first
    day for the citizen; it says there is no afternoon and leaves the days on offer."""
    chat = Chat(app.engine, chat_id=f"part-none-{typed}")
    days = await _days(chat, THURSDAY)  # Thursdays 07:30-11:00 only
    await chat.say(typed)
    assert "không có lượt hẹn buổi chiều" in chat.text, chat.text
    assert [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")] == days
    assert not [b for b in chat.buttons() if b.payload.startswith("bk:slot:")]


@pytest.mark.parametrize("typed", ["buổi chiều", "chieu nhe"])
async def test_a_part_at_the_day_list_asks_which_day_then_offers_that_part(
    app: Any, typed: str
) -> None:
    """QA round 14: "chiều" alone chose the nearest day for the citizen; it asks which day
    (the days with an afternoon time), then that day's afternoon times."""
    chat = Chat(app.engine, chat_id=f"part-first-{typed}")
    days = await _days(chat, P3)  # Tuesdays, morning and afternoon
    await chat.say(typed)
    assert "chọn giúp em ngày nào" in chat.text and chat.payload(days[0]), chat.text
    assert not chat.payload("bk:slot:"), chat.text
    await chat.press(days[0])
    day = days[0].split(":", 2)[2]
    slots = [b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:")]
    assert slots and all(p.startswith(f"bk:slot:{day}_1") for p in slots), chat.text


async def test_a_name_with_mai_at_the_time_list_is_the_name_not_tomorrow(app: Any) -> None:
    """QA pass 5 (q23): "Đỗ Thị Mai" at the time list was read as "ngày mai"."""
    chat = Chat(app.engine, chat_id="name-mai")
    days = await _days(chat, P3)
    await chat.press(days[0])
    slots = [b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:")]
    await chat.say("Đỗ Thị Mai")
    assert "Đ** T*** M" in chat.text or "Đỗ T*** M" in chat.text, chat.text
    assert [b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:")] == slots
    await chat.say("ngày mai")  # the same word alone is still a day
    assert "không làm việc vào" in chat.text, chat.text


@pytest.mark.parametrize("typed", ["09123", "0912 345 67"])
async def test_a_phone_short_of_digits_at_the_day_list_says_so(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"short-phone-{typed}")
    days = await _days(chat, P3)
    await chat.say(typed)
    assert "Số di động gồm 10 chữ số" in chat.text and "chưa rõ ý" not in chat.text
    assert [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")] == days


async def test_another_wards_name_at_the_day_list_says_where_the_programme_works(
    app: Any,
) -> None:
    chat = Chat(app.engine, chat_id="dayword-ward")
    days = await _days(chat, HOME)
    await chat.say("ở phường Cao Lãnh")
    assert "chỉ làm việc ở phường Mỹ Ngãi" in chat.text and "phường Cao Lãnh" in chat.text
    assert [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")] == days


@pytest.mark.parametrize("typed", ["chắc chắn", "ok em", "đồng ý", "xác nhận", "không"])
async def test_a_confirmation_word_at_the_task_step_is_no_task(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"need-{typed}")
    days = await _days(chat, THURSDAY)
    await chat.press(days[0])
    await chat.press(next(b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:")))
    await chat.say("Trần Thị Bảy")
    await chat.say("0912345678")
    assert "cần hỗ trợ thủ tục gì" in chat.text
    await chat.say(typed)
    assert "Xác nhận" in chat.labels(), chat.text
    assert typed not in chat.text.lower().split("việc cần hỗ trợ")[-1][:40]


@pytest.mark.parametrize("typed", ["thôi không hủy nữa", "thoi khong huy nua", "không hủy đâu"])
async def test_not_cancelling_after_all_keeps_the_booking(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"nocancel-{typed}")
    code = await _booked_then_cancel_asked(chat)
    await chat.say(typed)
    assert f"{code} vẫn giữ nguyên" in chat.text
    assert [b.status for b in await _bookings(app)] == ["booked"]


@pytest.mark.parametrize(
    ("locale", "typed"), [("en", "the Tuesday one"), ("vi", "cái làm vào thứ ba")]
)
async def test_a_weekday_at_the_programme_list_picks_the_programme_of_that_day(
    app: Any, locale: str, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"prog-day-{locale}", locale=locale)
    await chat.say("book an appointment" if locale == "en" else "đặt lịch hỗ trợ")
    await chat.say("p3 cao lanh")
    assert chat.payload(f"bk:prog:{P3}"), chat.text  # the ward's programmes are offered
    await chat.say(typed)
    assert "Ngày không viết" in chat.text  # the programme that runs on Tuesdays
    assert chat.payload("bk:slot:") or chat.payload("bk:day:"), chat.text


@pytest.mark.parametrize(("typed", "which"), [("giờ sớm nhất", 0), ("muộn nhất", -1)])
async def test_earliest_or_latest_at_the_time_list_takes_that_time(
    app: Any, typed: str, which: int
) -> None:
    chat = Chat(app.engine, chat_id=f"slotword-{typed}")
    days = await _days(chat, THURSDAY)
    await chat.press(days[0])
    slots = [b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:")]
    await chat.say(typed)
    assert "họ và tên" in chat.text, chat.text  # the time taken: the form goes on
    start = slots[which].rsplit("_", 1)[1]
    for typed_next in ("Lê Văn Tám", "0912345678", "bỏ qua"):
        await chat.say(typed_next)
    assert "Xác nhận" in chat.labels() and start in chat.text  # that time is the one booked
