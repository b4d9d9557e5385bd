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


async def test_a_phone_typed_in_words_at_the_name_question_is_kept_never_the_name(
    app: Any,
) -> None:
    # QA pass 10, q21: "số cô là 0977..." at the name question
    chat = Chat(app.engine, chat_id="nav-name-phone")
    await _to_name_question(chat)
    await chat.say("số cô là 0977 123 456")
    assert "họ và tên" in chat.text and "0977123456" not in chat.text  # asked again, masked
    await chat.say("Lê Thị Hoa")
    assert "số điện thoại" not in chat.text.lower() or "Bỏ qua" in chat.labels()
    await chat.click("Bỏ qua")
    assert "L** T** H" in chat.text or "Lê T" in chat.text, chat.text
    assert "Số Cô Là" not in chat.text


async def test_a_name_and_phone_in_one_message_fill_both(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nav-name-both")
    await _to_name_question(chat)
    await chat.say("Trần Thị Lan, sđt 0977 123 456 nhé")
    assert "Bỏ qua" in chat.labels(), chat.text  # the need question: name and phone taken
    await chat.click("Bỏ qua")
    assert "Trần T" in chat.text and "0977123456" not in chat.text, chat.text
