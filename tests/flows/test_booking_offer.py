"""A part of the day or "any time" at the booking lists gets ONE concrete time proposed, as a
clerk would, and a following yes takes it (citizen QA pass 5, issue 12: bookings rarely
reached the confirmation; q22 typed "sáng", name, phone, "đồng ý" and was hinted forever).

Clock: Tuesday 01/12/2026 09:00 (tests/conftest.py). The Mỹ Tân online-filing programme of
phường Mỹ Ngãi works on Fridays, 07:30-11:00.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

ONLINE = "my_tan_truc_tuyen"  # Fridays 07:30-11:00
P3 = "phuong3_ngay_khong_viet"  # Tuesdays, morning and afternoon


async def _booked(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return [b for b in await uow.repos.bookings.list() if b.status == "booked"]


async def _to_days(chat: Chat) -> None:
    await chat.say("dat lich ho tro")
    await chat.say("phuong my ngai")
    await chat.say("huong dan nop truc tuyen")
    assert chat.payload("bk:day:2026-12-04"), chat.text


async def test_q22_morning_then_name_phone_and_yes_reaches_the_booking(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q22")
    await _to_days(chat)
    await chat.say("ngay mot")  # a Thursday: not offered, the Fridays stay
    await chat.say("sang")  # no day said: which day (QA round 14), then that day's mornings
    assert "chọn giúp em ngày nào" in chat.text and chat.payload("bk:day:2026-12-04")
    await chat.say("4/12")
    assert "Em đặt giúp anh/chị 07:30 Thứ Sáu 04/12 nhé?" in chat.text
    assert chat.payload("bk:slot:2026-12-04_08:00")  # the other times stay offered
    await chat.say("Nguyen Van An")
    assert "07:30 Thứ Sáu 04/12 nhé?" in chat.text  # the name kept, the proposal repeated
    await chat.say("0977888999")
    assert "097****999" in chat.text and "07:30 Thứ Sáu 04/12 nhé?" in chat.text
    await chat.say("dong y")
    assert "kiểm tra lại thông tin" in chat.text  # one clear question: the summary
    assert "Nguyen V*** A" in chat.text and "097****999" in chat.text
    await chat.say("đồng ý")
    assert "Đặt lịch thành công" in chat.text
    [booking] = await _booked(app)
    assert (booking.slot_date.isoformat(), booking.slot_start) == ("2026-12-04", "07:30")
    assert booking.full_name == "Nguyen Van An" and booking.phone == "0977888999"


@pytest.mark.parametrize("typed", ["giờ nào cũng được", "luc nao cung duoc a", "sớm nhất"])
@pytest.mark.parametrize("yes", ["ok", "đúng rồi", "dc"])
async def test_any_time_at_the_day_list_proposes_the_first_time(
    app: Any, typed: str, yes: str
) -> None:
    chat = Chat(app.engine, chat_id=f"any-{typed}-{yes}")
    await _to_days(chat)
    await chat.say(typed)
    assert "Em đặt giúp anh/chị 07:30 Thứ Sáu 04/12 nhé?" in chat.text
    await chat.say(yes)
    assert "họ và tên" in chat.text  # the time taken: the form begins
    await chat.say("Trần Thị Bình")
    await chat.say("0912 345 678")
    await chat.click("Bỏ qua")
    await chat.say("ok")
    [booking] = await _booked(app)
    assert (booking.slot_date.isoformat(), booking.slot_start) == ("2026-12-04", "07:30")


async def test_afternoon_at_the_time_list_proposes_an_afternoon_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="afternoon")
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.say("buổi chiều")
    proposed = chat.payload("bk:slot:")  # the first button: the proposal
    assert proposed is not None
    assert int(proposed.rsplit("_", 1)[1][:2]) >= 12, proposed
    start = proposed.rsplit("_", 1)[1]
    assert f"Em đặt giúp anh/chị {start} Thứ Ba 08/12 nhé?" in chat.text
    await chat.say("ừ")
    assert "họ và tên" in chat.text


@pytest.mark.parametrize("yes", ["đồng ý", "ok", "có"])
async def test_a_bare_yes_at_a_time_list_without_a_proposal_asks_for_a_time(
    app: Any, yes: str
) -> None:
    chat = Chat(app.engine, chat_id=f"bare-{yes}")
    await _to_days(chat)
    await chat.press("bk:day:2026-12-04")
    await chat.say(yes)
    assert "chưa chọn giờ hẹn" in chat.text and "trường hợp" not in chat.text
    assert chat.payload("bk:slot:2026-12-04_07:30")  # the times stay
    assert await _booked(app) == []


async def test_a_bare_yes_at_the_day_list_asks_for_a_day(app: Any) -> None:
    chat = Chat(app.engine, chat_id="bare-day")
    await _to_days(chat)
    await chat.say("đồng ý")
    assert "chưa chọn ngày hẹn" in chat.text and "trường hợp" not in chat.text
    assert chat.payload("bk:day:2026-12-04")


async def test_a_name_typed_at_the_proposal_then_another_time_keeps_the_name(app: Any) -> None:
    chat = Chat(app.engine, chat_id="other-time")
    await _to_days(chat)
    await chat.say("sáng")
    await chat.say("4/12")  # the day asked after "sáng" alone (QA round 14)
    await chat.say("Lê Văn Tám")
    await chat.say("9 giờ")  # another time than the one proposed
    assert "số điện thoại" in chat.text  # the name is not asked again
    await chat.say("0903 456 789")
    assert chat.payload("bk:need:")  # the need asked as usual: the proposal was not taken


async def test_a_day_said_in_the_opening_message_is_applied_or_explained(app: Any) -> None:
    """QA pass 5: the Thursday in the opening message was dropped; the programme works on
    Tuesdays, so the reply says so and shows its days (the booking goes on)."""
    chat = Chat(app.engine, chat_id="open-thursday")
    await chat.say("cho tôi đặt lịch ngày không viết ở phường 3 cũ sáng thứ năm tuần sau")
    assert "không làm việc vào Thứ Năm 10/12/2026" in chat.text
    assert "Thứ Ba" in chat.text and chat.payload("bk:day:2026-12-08")


async def test_an_offered_day_and_part_in_the_opening_message_propose_a_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="open-tuesday")
    await chat.say("đặt lịch ngày không viết phường 3 cũ chiều thứ 3 tuần sau")
    proposed = chat.payload("bk:slot:2026-12-08_")  # that Tuesday's times
    assert proposed is not None, chat.text
    start = proposed.rsplit("_", 1)[1]
    assert start >= "12:00" and f"Em đặt giúp anh/chị {start} Thứ Ba 08/12 nhé?" in chat.text
    await chat.say("ok")
    assert "họ và tên" in chat.text


async def test_a_day_in_the_opening_message_survives_the_ward_question(app: Any) -> None:
    chat = Chat(app.engine, chat_id="open-ward")
    await chat.say("đặt lịch hỗ trợ thứ 3 tuần sau")
    assert "xã/phường nào" in chat.text
    await chat.say("phường Cao Lãnh")
    assert chat.payload(f"bk:prog:{P3}"), chat.text  # the list: no made-up need chosen
    await chat.press(f"bk:prog:{P3}")
    assert chat.payload("bk:slot:2026-12-08_07:30"), chat.text  # that Tuesday's times


async def test_a_name_in_the_opening_message_is_no_day(app: Any) -> None:
    """Only day phrases are read: "Đỗ Thị Mai" is no "ngày mai"."""
    chat = Chat(app.engine, chat_id="open-name")
    await chat.say("đặt lịch ngày không viết phường 3 cũ cho Đỗ Thị Mai")
    assert chat.payload("bk:day:2026-12-01") and not chat.payload("bk:slot:")


async def _to_need(chat: Chat) -> None:
    await chat.press(f"bk:prog:{P3}")
    await chat.say("8/12")
    await chat.say("9 giờ")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912345678")
    assert chat.payload("bk:need:"), chat.text


@pytest.mark.parametrize("stop", ["thôi không đặt nữa", "dừng", "press"])
@pytest.mark.parametrize("undo", ["thôi không hủy nữa", "thoi khong huy nua", "không hủy nữa"])
async def test_no_cancel_after_a_stop_resumes_the_booking_with_its_draft(
    app: Any, stop: str, undo: str
) -> None:
    chat = Chat(app.engine, chat_id=f"resume-{stop}-{undo}")
    await _to_need(chat)
    if stop == "press":
        await chat.click("Dừng đặt lịch")
    else:
        await chat.say(stop)
    assert "chưa có lịch hẹn nào được đặt" in chat.text
    await chat.say(undo)
    assert "câu hỏi này em chưa hỗ trợ được" not in chat.text
    assert "chưa có lịch hẹn nào được đặt" in chat.text  # truthful: nothing booked yet
    assert "09:00 Thứ Ba 08/12/2026" in chat.text and "091****678" in chat.text
    assert chat.payload("bk:need:")  # back at the question it left
    await chat.click("Bỏ qua")
    await chat.click("Xác nhận")
    [booking] = await _booked(app)
    assert (booking.slot_start, booking.phone) == ("09:00", "0912345678")


@pytest.mark.parametrize("undo", ["press", "đừng hủy", "không, em đặt tiếp", "tiếp tục"])
async def test_no_cancel_at_the_time_list_resumes_there(app: Any, undo: str) -> None:
    chat = Chat(app.engine, chat_id=f"resume-slot-{undo}")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("8/12")
    await chat.say("dừng")
    if undo == "press":
        await chat.click("Tiếp tục đặt lịch")
    else:
        await chat.say(undo)
    assert chat.payload("bk:slot:2026-12-08_07:30"), chat.text


@pytest.mark.parametrize("typed", ["không tiếp tục", "thôi không đặt nữa"])
async def test_no_after_a_stop_does_not_resume(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"no-resume-{typed}")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("8/12")
    await chat.say("dừng")
    await chat.say(typed)
    assert not chat.payload("bk:slot:"), chat.text


async def test_no_cancel_at_the_cancel_question_keeps_the_booking(app: Any) -> None:
    chat = Chat(app.engine, chat_id="keep-typed")
    await _to_need(chat)
    await chat.click("Bỏ qua")
    await chat.click("Xác nhận")
    await chat.say("hủy lịch hẹn")
    assert "chắc chắn muốn hủy" in chat.text
    await chat.say("thoi khong huy nua")
    assert "vẫn giữ nguyên" in chat.text and not chat.payload("bk:cancelok:")
    assert len(await _booked(app)) == 1


async def test_no_cancel_with_nothing_going_on_says_what_stands(app: Any) -> None:
    chat = Chat(app.engine, chat_id="keep-nothing")
    await chat.say("thôi không hủy nữa")
    assert "em chưa hủy lịch hẹn nào" in chat.text
    assert "chưa có lịch hẹn nào được đặt" in chat.text


async def test_a_part_said_with_a_day_not_offered_applies_to_the_day_chosen(app: Any) -> None:
    chat = Chat(app.engine, chat_id="open-part-later")
    await chat.say("cho tôi đặt lịch ngày không viết ở phường 3 cũ chiều thứ năm tuần sau")
    assert "không làm việc vào Thứ Năm" in chat.text
    await chat.press("bk:day:2026-12-08")
    proposed = chat.payload("bk:slot:")
    assert proposed is not None and proposed.rsplit("_", 1)[1] >= "12:00", chat.text
    assert "buổi chiều" in chat.text and "Em đặt giúp anh/chị" in chat.text


@pytest.mark.parametrize("typed", ["càng sớm càng tốt", "giờ nào cũng được", "bất cứ lúc nào"])
async def test_any_time_at_the_time_list_proposes_the_days_first_time(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"any-slot-{typed}")
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.say(typed)
    assert "Em đặt giúp anh/chị 07:30 Thứ Ba 08/12 nhé?" in chat.text


async def test_the_proposal_and_the_resume_in_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-offer", locale="en")
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.say("morning")
    assert "Shall I book 07:30 on Tuesday 08/12 for you?" in chat.text
    await chat.say("yes")
    await chat.say("stop")
    await chat.say("don't cancel")
    assert "07:30 Tuesday 08/12/2026" in chat.text and "full name" in chat.text
