"""Booking conversations the citizen QA pass found stranded after round 1 (issue 12, round
2): "đúng rồi" at the confirmation, "cái đầu tiên" at the times, "cán bộ tới nhà", "hủy
lịch" / "đổi lịch" typed after a booking, "lịch hẹn của tôi" at the main menu, and typed
English answers.

Clock: Tuesday 01/12/2026 09:00 (tests/conftest.py). The QA script each test comes from is
named.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

P3 = "phuong3_ngay_khong_viet"  # Tuesdays
FALLBACK = "câu hỏi này em chưa hỗ trợ được"


async def _bookings(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return [b for b in await uow.repos.bookings.list() if b.status == "booked"]


async def _to_confirmation(chat: Chat) -> None:
    await chat.press(f"bk:prog:{P3}")
    await chat.say("15/12")
    await chat.say("cái đầu tiên")  # c41: the first time offered
    assert "họ và tên" in chat.text, chat.text
    await chat.say("Huỳnh Văn Sáu")
    await chat.say("0913 000 111")
    await chat.click("Bỏ qua")
    assert "Xác nhận" in chat.labels()


@pytest.mark.parametrize("typed", ["đúng rồi", "dung roi", "đúng"])
async def test_dung_roi_at_the_confirmation_books(app: Any, typed: str) -> None:
    """c43: "đúng rồi" was "em chưa rõ" and the booking was not made."""
    chat = Chat(app.engine, chat_id=f"yes-{typed}")
    await _to_confirmation(chat)
    await chat.say(typed)
    assert "Đặt lịch thành công" in chat.text
    [booking] = await _bookings(app)
    assert (booking.slot_date.isoformat(), booking.slot_start) == ("2026-12-15", "07:30")


async def test_dung_typed_as_stop_never_books(app: Any) -> None:
    """ "dừng" folds like "đúng": it stops, it does not confirm."""
    chat = Chat(app.engine, chat_id="stop")
    await _to_confirmation(chat)
    await chat.say("dừng")
    assert "Đặt lịch thành công" not in chat.text
    assert await _bookings(app) == []


async def test_can_bo_toi_nha_opens_the_home_visit(app: Any) -> None:
    """c39: "đặt lịch cán bộ tới nhà" got the list of all five programmes."""
    chat = Chat(app.engine, chat_id="home")
    await chat.say("đặt lịch cán bộ tới nhà")
    assert "Hỗ trợ tại nhà - Mỹ Ngãi" in chat.text.splitlines()[0]
    await chat.say("ngày mai")
    assert "Thứ Tư 02/12/2026" in chat.text


async def _booked(app: Any, chat: Chat) -> str:
    await _to_confirmation(chat)
    await chat.say("đồng ý")
    [booking] = await _bookings(app)
    return str(booking.code)


@pytest.mark.parametrize("typed", ["hủy lịch", "huy lich"])
async def test_typed_cancel_after_a_booking_asks_and_cancels(app: Any, typed: str) -> None:
    """c50: "huy lich" listed the bookings and the agreed cancellation was never done."""
    chat = Chat(app.engine, chat_id=f"cancel-{typed}")
    code = await _booked(app, chat)
    await chat.say(typed)
    assert f"chắc chắn muốn hủy lịch hẹn {code}" in chat.text
    await chat.say("đồng ý")
    assert f"đã hủy lịch hẹn {code}" in chat.text
    assert await _bookings(app) == []


async def test_thoi_giu_lai_keeps_the_booking_and_says_so(app: Any) -> None:
    """c40: "thôi giữ lại" got the out-of-scope reply; the citizen was not told."""
    chat = Chat(app.engine, chat_id="keep")
    code = await _booked(app, chat)
    await chat.say("hủy lịch")
    await chat.say("thôi giữ lại")
    assert f"lịch hẹn {code} vẫn giữ nguyên" in chat.text
    assert len(await _bookings(app)) == 1


async def test_typed_reschedule_moves_the_booking(app: Any) -> None:
    """c46: "đổi lịch", "22/12", "9h", "đồng ý" were all lost."""
    chat = Chat(app.engine, chat_id="move")
    code = await _booked(app, chat)
    await chat.say("đổi lịch")
    assert f"Đổi lịch hẹn {code}" in chat.text
    await chat.say("22/12")
    await chat.say("9h")
    await chat.say("đồng ý")
    [booking] = await _bookings(app)
    assert (booking.code, booking.slot_date.isoformat(), booking.slot_start) == (
        code,
        "2026-12-22",
        "09:00",
    )


@pytest.mark.parametrize("typed", ["lịch hẹn của tôi", "lich hen cua toi"])
async def test_my_bookings_typed_at_the_main_menu(app: Any, typed: str) -> None:
    """c47 (regression): it pressed "Liên hệ Bộ phận Một cửa" (it contains "cửa")."""
    chat = Chat(app.engine, chat_id=f"mine-{typed}")
    code = await _booked(app, chat)
    await chat.say("menu")
    await chat.say(typed)
    assert code in chat.text and "Tổng đài" not in chat.text


async def test_english_answers_to_vietnamese_options(app: Any) -> None:
    """c82: "in person" and "no" at the marriage walkthrough's Vietnamese options."""
    chat = Chat(app.engine, chat_id="en-walk", locale="en")
    await chat.press("ck:start:1.000894")
    await chat.say("in person")
    assert "ly hôn" in chat.text  # the next question
    await chat.say("no")
    assert "Do you already have" in chat.text


async def test_english_booking_days_and_times(app: Any) -> None:
    """c84: "next friday" and "8am" were "Sorry, I didn't catch that"."""
    chat = Chat(app.engine, chat_id="en-book", locale="en")
    await chat.say("book a help day")
    await chat.say("Mỹ Tân")  # the ward question first: two former communes of that name
    await chat.click("TP Cao Lãnh")
    await chat.say("Mỹ Tân")  # then the programme of the former Mỹ Tân
    await chat.say("next friday")
    assert "Friday 11/12/2026" in chat.text
    await chat.say("8am")
    await chat.say("John Smith")
    await chat.say("0901 234 567")
    await chat.say("skip")
    await chat.say("yes")
    assert "Booked" in chat.text
    [booking] = await _bookings(app)
    assert (booking.slot_date.isoformat(), booking.slot_start) == ("2026-12-11", "08:00")


async def test_i_dont_understand_at_the_menu_gets_help(app: Any) -> None:
    """c85: "i don't understand" got the out-of-scope refusal."""
    chat = Chat(app.engine, chat_id="en-help", locale="en")
    await chat.say("hello")
    await chat.say("i don't understand")
    assert "How to use" in chat.text and "only answer questions" not in chat.text


async def test_thoi_giu_lai_at_the_list_of_several_bookings(app: Any) -> None:
    """c40 with two bookings: "hủy lịch" lists them, "thôi giữ lại" keeps them all."""
    chat = Chat(app.engine, chat_id="two-bookings")
    await _booked(app, chat)
    await _to_confirmation(chat)
    await chat.say("đồng ý")
    await chat.say("hủy lịch")
    assert len([b for b in chat.labels() if b.startswith("Hủy lịch")]) == 2
    await chat.say("thôi giữ lại")
    assert "vẫn giữ nguyên" in chat.text and FALLBACK not in chat.text
    assert len(await _bookings(app)) == 2
