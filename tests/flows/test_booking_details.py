"""Booking's typed times, days and details (issue 12, round 5): times as people say them,
a part of the day said before the hour, weeks ahead, name and phone in one message, leaving
at a free-text step, texts that are no name, and a step rejected twice.

Clock: Tuesday 01/12/2026 09:00 (tests/conftest.py). Phường 3's programme: Tuesdays
07:30-11:00 and 13:30-16:30, 30-minute slots.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

P3 = "phuong3_ngay_khong_viet"
ASK_NAME = "họ và tên"
ASK_PHONE = "số điện thoại di động"
ASK_NEED = "thủ tục gì"


async def _at_times(chat: Chat, day: str = "15/12") -> None:
    await chat.press(f"bk:prog:{P3}")
    await chat.say(day)
    assert "chọn giờ hẹn" in chat.text, chat.text


async def _summary_time(chat: Chat) -> str:
    """Fill the form and read the time the confirmation shows."""
    await chat.say("Võ Thị Hạnh")
    await chat.say("0977 111 222")
    await chat.click("Bỏ qua")
    assert "Xác nhận" in " ".join(chat.labels()), chat.text
    return chat.text


@pytest.mark.parametrize(
    ("typed", "start"),
    [("7 giờ rưỡi", "07:30"), ("7g30", "07:30"), ("7 giờ 30", "07:30"), ("3 rưỡi chiều", "15:30")],
)
async def test_typed_times_become_that_slot(app: Any, typed: str, start: str) -> None:
    chat = Chat(app.engine, chat_id=f"time-{typed}")
    await _at_times(chat)
    await chat.say(typed)
    assert ASK_NAME in chat.text, chat.text
    assert start in await _summary_time(chat)


async def test_an_hour_after_chieu_is_the_afternoon(app: Any) -> None:
    chat = Chat(app.engine, chat_id="time-part")
    await _at_times(chat)
    await chat.say("buổi chiều")
    times = [label.split()[0] for label in chat.labels() if label[:2].isdigit()]
    assert times and min(times) >= "13:30", chat.labels()
    await chat.say("2 giờ")
    assert ASK_NAME in chat.text, chat.text
    assert "14:00" in await _summary_time(chat)


async def test_morning_at_the_times_lists_just_the_morning(app: Any) -> None:
    chat = Chat(app.engine, chat_id="time-morning")
    await _at_times(chat)
    await chat.say("buổi sáng")
    times = [label.split()[0] for label in chat.labels() if label[:2].isdigit()]
    assert times and max(times) < "12:00" and times[0] == "07:30", chat.labels()


@pytest.mark.parametrize("typed", ["7 giờ tối", "19h"])
async def test_an_evening_time_is_outside_the_hours(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"time-late-{typed}")
    await _at_times(chat)
    await chat.say(typed)
    assert "19:00 nằm ngoài giờ" in chat.text and "13:30-16:30" in chat.text, chat.text
    assert ASK_NAME not in chat.text and chat.payload("bk:slot:"), chat.labels()


async def test_the_week_after_next(app: Any) -> None:
    chat = Chat(app.engine, chat_id="week-after")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("thứ 3 tuần sau nữa")
    assert "15/12/2026" in chat.text and "chọn giờ hẹn" in chat.text, chat.text


async def test_name_and_phone_in_one_message_are_both_taken(app: Any) -> None:
    chat = Chat(app.engine, chat_id="both")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say("Nguyễn Thị Mai 0912 345 678")
    assert ASK_NEED in chat.text, chat.text  # neither asked again
    await chat.click("Bỏ qua")
    assert "Nguyễn T*** M" in chat.text and "091****678" in chat.text, chat.text


async def test_both_typed_at_the_times_are_kept(app: Any) -> None:
    chat = Chat(app.engine, chat_id="both-ahead")
    await _at_times(chat)
    await chat.say("Phan Văn Lộc, 0903 222 444 ạ")
    assert "P*** L" in chat.text or "V*** L" in chat.text, chat.text
    assert "090****444" in chat.text and "chưa chọn giờ" in chat.text, chat.text
    await chat.say("8h")
    assert ASK_NEED in chat.text, chat.text


async def test_a_phone_inside_a_sentence_is_the_phone(app: Any) -> None:
    chat = Chat(app.engine, chat_id="phone-sentence")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say("Lê Văn Tám")
    await chat.say("số của tôi là 0912345678 nhé")
    assert ASK_NEED in chat.text and "chưa đúng" not in chat.text, chat.text


@pytest.mark.parametrize(
    "typed", ["hủy lịch hẹn", "thôi không đặt nữa", "thoi khong dat lich nua"]
)
@pytest.mark.parametrize("at", ["times", "name", "phone", "need"])
async def test_leaving_at_a_typed_step_books_nothing(app: Any, typed: str, at: str) -> None:
    chat = Chat(app.engine, chat_id=f"leave-{at}-{typed}")
    await _at_times(chat)
    steps = {"times": [], "name": ["9h"], "phone": ["9h", "Lê Văn Tám"]}
    for answer in steps.get(at, ["9h", "Lê Văn Tám", "0912 345 678"]):
        await chat.say(answer)
    if at == "need":
        assert ASK_NEED in chat.text
    await chat.say(typed)
    assert "chưa có lịch hẹn nào được đặt" in chat.text or "đã dừng" in chat.text, chat.text
    assert (
        "chưa đúng" not in chat.text
        and "kiểm tra lại thông tin" not in chat.text
        and "Đặt lịch hỗ trợ" in chat.labels()
    )
    await chat.press("bk:mine:")
    assert "LH-" not in chat.text


@pytest.mark.parametrize("typed", ["đăng ký khai sinh", "chọn giờ khác nha", "làm sao đặt được?"])
async def test_what_is_clearly_no_name_is_not_taken_as_one(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"noname-{typed}")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say(typed)
    assert ASK_PHONE not in chat.text, chat.text  # not kept as the name
    if "giờ khác" in typed:
        assert chat.payload("bk:slot:"), chat.labels()  # the day's times again


async def test_a_step_rejected_twice_says_briefly_what_it_needs(app: Any) -> None:
    chat = Chat(app.engine, chat_id="twice")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say("Lê Văn Tám")
    await chat.say("abc")
    first = chat.text
    assert "chưa đúng" in first
    await chat.say("12345")
    assert chat.text != first and len(chat.text) < len(first), chat.text
    assert "Dừng đặt lịch" in chat.labels() and "Liên hệ Bộ phận Một cửa" in chat.labels()
    await chat.say("0912 345 678")  # and the answer is still taken
    assert ASK_NEED in chat.text


async def test_names_rejected_twice_get_the_short_line(app: Any) -> None:
    chat = Chat(app.engine, chat_id="twice-name")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say("đăng ký kết hôn")
    first = chat.text
    await chat.say("123")
    assert chat.text != first and len(chat.text) < len(first), chat.text
    assert "Liên hệ Bộ phận Một cửa" in chat.labels()
    await chat.say("Trần Thị Bình")
    assert ASK_PHONE in chat.text


async def test_a_day_and_a_time_in_one_message(app: Any) -> None:
    chat = Chat(app.engine, chat_id="day-time")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("thứ 3 tuần sau lúc 8 giờ rưỡi")
    assert ASK_NAME in chat.text, chat.text
    summary = await _summary_time(chat)
    assert "08/12/2026" in summary and "08:30" in summary, summary


async def test_a_part_of_the_day_with_the_day(app: Any) -> None:
    chat = Chat(app.engine, chat_id="day-part")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("chiều thứ ba tuần sau nữa")
    times = [label.split()[0] for label in chat.labels() if label[:2].isdigit()]
    assert "15/12/2026" in chat.text and times and min(times) >= "13:30", chat.labels()


async def test_a_choice_missed_twice_is_one_short_line_not_the_list_again(app: Any) -> None:
    chat = Chat(app.engine, chat_id="missed")
    await _at_times(chat)
    full = len(chat.labels())
    await chat.say("asdf")
    assert len(chat.labels()) == full  # the first time: the same buttons, one short line
    await chat.say("zxcv qwer")
    assert "em cần giờ hẹn" in chat.text and len(chat.labels()) < full, chat.labels()
    assert "Dừng đặt lịch" in chat.labels() and "Liên hệ Bộ phận Một cửa" in chat.labels()
    await chat.click("Xem lại các giờ")
    assert len(chat.labels()) == full
    await chat.say("8 rưỡi")  # typing still works
    assert ASK_NAME in chat.text


async def test_a_time_typed_before_the_day_is_kept(app: Any) -> None:
    chat = Chat(app.engine, chat_id="time-first")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("8 giờ rưỡi")
    assert "08:30" in chat.text and "chưa chọn ngày" in chat.text, chat.text
    await chat.say("15/12")
    assert ASK_NAME in chat.text, chat.text  # the time kept: not asked again
    summary = await _summary_time(chat)
    assert "15/12/2026" in summary and "08:30" in summary


async def test_an_evening_time_before_the_day_is_outside_the_hours(app: Any) -> None:
    chat = Chat(app.engine, chat_id="late-first")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("7 giờ tối")
    assert "19:00 nằm ngoài giờ" in chat.text and "chưa chọn ngày" in chat.text, chat.text
    await chat.say("15/12")
    assert "chọn giờ hẹn" in chat.text, chat.text


async def test_a_name_typed_again_at_the_phone_corrects_it(app: Any) -> None:
    chat = Chat(app.engine, chat_id="name-again")
    await _at_times(chat)
    await chat.say("9h")
    await chat.say("Lê Văn Tám")
    await chat.say("Lê Văn Tâm")  # a typo fixed, not "bad phone number"
    assert "chưa đúng" not in chat.text and ASK_PHONE in chat.text, chat.text
    await chat.say("0912 345 678")
    await chat.click("Bỏ qua")
    assert "Lê V*** T" in chat.text
