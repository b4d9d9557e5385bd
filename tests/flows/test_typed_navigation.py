"""Typed "quay lại" / "dừng" / "thôi" in the middle of a flow, as citizens type them."""

from __future__ import annotations

from typing import Any

from tests.support.chat import Chat


async def _to_name_question(chat: Chat) -> None:
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("phuong cao lanh")  # the ward, asked once
    await chat.say("1")  # first programme
    await chat.say("1")  # first day
    await chat.say("1")  # first time
    assert "họ và tên" in chat.text


async def test_quay_lai_at_the_name_question_is_not_taken_as_a_name(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-name")
    await _to_name_question(chat)
    await chat.say("quay lại")
    assert "chọn giờ hẹn" in chat.text
    await chat.say("1")
    await chat.say("Nguyễn Văn Bình")
    await chat.say("0912345678")
    await chat.click("Bỏ qua")
    assert "Nguyễn V*** B" in chat.text  # the name typed after going back, not "Quay Lai"


async def test_quay_lai_steps_back_through_the_booking_form(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-form")
    await _to_name_question(chat)
    await chat.say("Nguyễn Văn Bình")
    await chat.say("0912345678")
    assert "cần hỗ trợ thủ tục gì" in chat.text
    await chat.say("quay lai")
    assert "số điện thoại" in chat.text
    await chat.say("0987654321")  # the corrected number is kept, the name too
    await chat.click("Bỏ qua")
    assert "098****321" in chat.text and "Nguyễn V*** B" in chat.text
    await chat.say("trở lại")  # from the confirmation back to the need question
    assert "cần hỗ trợ thủ tục gì" in chat.text


async def test_dung_with_accents_stops_a_booking_but_dung_is_a_name(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-stop")
    await _to_name_question(chat)
    await chat.say("Dung")  # a given name (Dung, Dũng), not "dừng"
    assert "số điện thoại" in chat.text
    await chat.say("dừng")
    assert "đã dừng" in chat.text
    assert "Hỏi thủ tục" in chat.labels()


async def test_thoi_stops_the_checklist(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-thoi")
    await chat.press("ck:start:1.001193")
    await chat.say("thôi")
    assert "đã dừng phần chuẩn bị giấy tờ" in chat.text


async def test_quay_lai_while_asked_for_a_receipt_code_goes_to_the_menu(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-status")
    await chat.say("tra cứu hồ sơ")
    await chat.say("quay lại")
    assert "chưa hỗ trợ được" not in chat.text
    assert "Tra cứu hồ sơ" in chat.labels() and "Đặt lịch hỗ trợ" in chat.labels()
