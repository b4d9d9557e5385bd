"""Booking by typing: dates and weekdays, times, and confirmations that mean what they say.

Clock: Tuesday 01/12/2026 09:00. "Ngày không viết - Phường 3" runs on Tuesdays, the ấp Đông
Định desk on Thursday mornings (knowledge/data/programmes.yaml).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.chat import Chat

P3 = "phuong3_ngay_khong_viet"
THURSDAY = "tan_thuan_dong_dong_dinh"


async def _bookings(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return list(await uow.repos.bookings.list())


async def _at_days(chat: Chat, programme: str) -> None:
    await chat.press(f"bk:prog:{programme}")
    assert chat.payload("bk:day:"), chat.text


@pytest.mark.parametrize(
    ("programme", "typed", "day"),
    [
        (THURSDAY, "thứ 5 tuần sau", "10/12/2026"),
        (THURSDAY, "thu 5", "03/12/2026"),
        (THURSDAY, "10/12", "10/12/2026"),
        (P3, "15/12", "15/12/2026"),
        (P3, "thứ ba tuần sau", "08/12/2026"),
        (P3, "hẹn ngày 22/12 được không", "22/12/2026"),
    ],
)
async def test_typed_day_that_is_offered_selects_it(
    app: Any, programme: str, typed: str, day: str
) -> None:
    chat = Chat(app.engine, chat_id=f"day-{programme}-{typed}")
    await _at_days(chat, programme)
    await chat.say(typed)
    assert day in chat.text and "chọn giờ hẹn" in chat.text
    assert chat.payload("bk:slot:")


@pytest.mark.parametrize("typed", ["ngày mai", "10/12", "thứ 5 tuần sau", "chủ nhật"])
async def test_typed_day_not_offered_says_which_days_are(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"noday-{typed}")
    await _at_days(chat, P3)
    await chat.say(typed)
    assert "không làm việc" in chat.text and "Thứ Ba" in chat.text
    days = [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")]
    assert days and all(dt.date.fromisoformat(p[7:]).isoweekday() == 2 for p in days)
    await chat.say("1")  # the booking was not dropped: the first offered day
    assert "chọn giờ hẹn" in chat.text


async def test_unclear_text_at_a_booking_step_keeps_the_booking(app: Any) -> None:
    chat = Chat(app.engine, chat_id="day-unclear")
    await _at_days(chat, P3)
    offered = chat.labels()
    await chat.say("để em hỏi lại nhà đã")  # "hôm nào cũng được" now gets a time proposed
    assert "chưa rõ ý" in chat.text and chat.labels() == offered
    await chat.say("8/12")
    await chat.say("8h30")  # a typed time on the chosen day
    assert "họ và tên" in chat.text


async def _to_confirmation(chat: Chat) -> None:
    await _at_days(chat, P3)
    await chat.say("8/12")
    await chat.say("9 giờ")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912 345 678")
    await chat.say("không")  # "Bỏ qua" the need question
    assert "Xác nhận" in chat.labels(), chat.text


@pytest.mark.parametrize("typed", ["ok", "có", "đồng ý", "xác nhận"])
async def test_typed_yes_confirms_the_booking(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"book-yes-{typed}")
    await _to_confirmation(chat)
    await chat.say(typed)
    assert "Đặt lịch thành công" in chat.text
    assert len(await _bookings(app)) == 1


@pytest.mark.parametrize("typed", ["hủy", "không", "thôi"])
async def test_anything_but_yes_at_the_booking_confirmation_books_nothing_and_says_so(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"book-no-{typed}")
    await _to_confirmation(chat)
    await chat.say(typed)
    assert "chưa được đặt" in chat.text or "chưa có lịch hẹn nào được đặt" in chat.text
    assert await _bookings(app) == []


async def _booked_then_cancel_asked(chat: Chat) -> str:
    await _to_confirmation(chat)
    await chat.say("có")
    code = chat.text.split("Mã lịch hẹn của anh/chị: ")[1][:7]
    await chat.say("lịch hẹn của tôi")
    await chat.click(f"Hủy lịch {code}")
    assert "chắc chắn muốn hủy" in chat.text
    return code


@pytest.mark.parametrize("typed", ["hủy", "đồng ý", "có", "ừ hủy đi", "huy", "hủy giúp em"])
async def test_typed_yes_at_are_you_sure_cancels(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"cancel-{typed}")
    code = await _booked_then_cancel_asked(chat)
    await chat.say(typed)
    assert f"đã hủy lịch hẹn {code}" in chat.text
    assert [b.status for b in await _bookings(app)] == ["cancelled"]


@pytest.mark.parametrize("typed", ["không", "thôi", "quay lại", "giữ lại", "để em nghĩ đã"])
async def test_anything_else_at_are_you_sure_says_the_booking_stands(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"keep-{typed}")
    code = await _booked_then_cancel_asked(chat)
    await chat.say(typed)
    assert f"{code} vẫn giữ nguyên" in chat.text
    assert [b.status for b in await _bookings(app)] == ["booked"]


@pytest.mark.parametrize("typed", ["menu", "làm giấy khai sinh cần gì", "/start"])
async def test_leaving_are_you_sure_says_the_booking_stands_first(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"leave-{typed}")
    code = await _booked_then_cancel_asked(chat)
    await chat.say(typed)
    assert chat.last[0].text.startswith(f"Dạ, em chưa hủy lịch hẹn {code}")
    assert len(chat.last) >= 2  # and then the answer to what was typed
    assert [b.status for b in await _bookings(app)] == ["booked"]


async def test_moving_a_booking_typed_no_keeps_the_old_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="move-no")
    await _to_confirmation(chat)
    await chat.say("có")
    code = chat.text.split("Mã lịch hẹn của anh/chị: ")[1][:7]
    await chat.press(f"bk:move:{code}")
    await chat.say("15/12")
    await chat.say("14h")
    assert "Xác nhận đổi" in chat.labels()
    await chat.say("không")
    assert f"{code} vẫn giữ nguyên" in chat.text and "08/12/2026" in chat.text
    [booking] = await _bookings(app)
    assert (booking.slot_date, booking.slot_start) == (dt.date(2026, 12, 8), "09:00")


async def test_digits_at_a_digits_step_are_data_never_a_button(app: Any) -> None:
    chat = Chat(app.engine, chat_id="digits-data")
    await chat.say("000.00.14.H20-200703-0002")
    assert chat.labels() == ["Về menu chính"]
    await chat.say("0001")  # not button 1 ("Về menu chính"): a wrong last-4 answer
    assert "không tìm thấy hồ sơ" in chat.text
    await chat.say("1234")
    assert "Tình trạng: Đang xử lý" in chat.text


async def test_numbers_typed_at_the_name_and_phone_questions_are_data(app: Any) -> None:
    chat = Chat(app.engine, chat_id="phone-data")
    await _at_days(chat, P3)
    await chat.say("8/12")
    await chat.say("9h")
    await chat.say("1")  # button 1 is "Dừng đặt lịch": here it is a (wrong) name
    assert "họ tên chỉ gồm chữ cái" in chat.text
    await chat.say("Trần Thị Bình")
    await chat.say("1")
    assert "số điện thoại chưa đúng" in chat.text
    await chat.say("0389 123 456")
    assert "thủ tục gì" in chat.text
