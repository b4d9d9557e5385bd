"""Strandings left by citizen QA pass 8 (its "after" run), fixed this round: "sáng sớm" when
only a late morning time is left, giving up a booking at its confirmation, a typed "xác
nhận" to the one time proposed, two needs in one message, an elderly citizen's words, a bare
"làm giấy tờ", and the one-stop shop's phone and address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.chat import Chat

TO_VIET = "tan_thuan_dong_to_viet_ho_so"  # Mon and Wed 07:30-11:00, 30-minute slots


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


@pytest.fixture
def clock() -> Any:
    """Wednesday 02/12/2026 09:15: of the programme's Wednesday, only 10:30 can be booked."""
    from handlers.context import VN_TZ, FixedClock

    return FixedClock(dt.datetime(2026, 12, 2, 9, 15, tzinfo=VN_TZ))


async def _at_today(chat: Chat) -> None:
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("ngay gan nhat")
    assert "Em đặt giúp anh/chị 10:30 Thứ Tư 02/12" in _text(chat), _text(chat)


async def test_sang_som_when_only_a_late_time_is_left_offers_the_next_early_morning(
    app: Any,
) -> None:
    chat = Chat(app.engine, chat_id="early")
    await _at_today(chat)
    await chat.say("sang som")
    text = _text(chat)
    assert "chỉ còn giờ 10:30" in text and "chưa rõ ý" not in text, text
    assert "07:30 Thứ Hai 07/12/2026" in text, text
    assert "Thứ Tư 02/12/2026 lúc 10:30" in chat.labels()  # today's time stays a tap away
    await chat.say("đồng ý")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.click("Bỏ qua")
    assert "Thứ Hai 07/12/2026, 07:30" in _text(chat), _text(chat)


async def test_sang_som_on_a_day_with_early_times_proposes_the_first_of_them(app: Any) -> None:
    chat = Chat(app.engine, chat_id="early-monday")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("07/12")
    await chat.say("sáng sớm nha")
    text = _text(chat)
    assert "Em đặt giúp anh/chị 07:30 Thứ Hai 07/12" in text and "chỉ còn" not in text, text


async def test_sang_som_at_the_days_picks_the_first_day_with_an_early_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="early-days")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("sang som")
    assert "Em đặt giúp anh/chị 07:30 Thứ Hai 07/12" in _text(chat), _text(chat)


async def _at_confirm(chat: Chat) -> None:
    await _at_today(chat)
    await chat.say("đồng ý")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.say("dang ky thuong tru")
    assert "kiểm tra lại thông tin đặt lịch" in _text(chat), _text(chat)


async def test_giving_up_at_the_confirmation_then_dung_roi_huy_drops_the_draft(app: Any) -> None:
    chat = Chat(app.engine, chat_id="drop")
    await _at_confirm(chat)
    await chat.say("thoi huy lich do di")
    text = _text(chat)
    assert "chưa có lịch hẹn nào được đặt" in text and "Tiếp tục đặt lịch" in chat.labels(), text
    await chat.say("dung roi huy")
    text = _text(chat)
    assert "đã bỏ lịch hẹn đang đặt dở" in text and "chưa hỗ trợ được" not in text, text
    await chat.say("lịch hẹn của tôi")
    assert "chưa có lịch hẹn nào" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["thôi không hủy nữa", "đừng hủy"])
async def test_changing_ones_mind_after_giving_up_still_resumes(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"resume-{typed}")
    await _at_confirm(chat)
    await chat.say("thoi huy lich do di")
    await chat.say(typed)
    assert "kiểm tra lại thông tin đặt lịch" in _text(chat), _text(chat)


async def test_xac_nhan_takes_the_time_proposed_after_a_time_that_is_gone(app: Any) -> None:
    chat = Chat(app.engine, chat_id="xac-nhan")
    await _at_today(chat)
    await chat.say("8 gio")  # past: the next free times, the proposal still standing
    await chat.say("Dang Thi Kim")
    await chat.say("0909888777")
    await chat.say("khai sinh")
    assert "Em đặt giúp anh/chị 10:30 Thứ Tư 02/12" in _text(chat), _text(chat)
    await chat.say("xac nhan")
    text = _text(chat)
    assert "Thứ Tư 02/12/2026, 10:30" in text and "chưa chọn giờ" not in text, text


async def test_a_yes_with_no_time_proposed_still_asks_for_a_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="yes-none")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("07/12")
    await chat.say("xác nhận")
    assert "chưa chọn giờ hẹn" in _text(chat), _text(chat)
