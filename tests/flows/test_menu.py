"""The main menu and the engine's handling of commands and bad input, through the engine."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat

MENU_LABELS = ["Hỏi thủ tục", "Chuẩn bị giấy tờ", "Tra cứu hồ sơ", "Đặt lịch hỗ trợ"]


async def test_start_greets_with_the_four_jobs(app) -> None:
    chat = Chat(app.engine)
    await chat.say("/start")
    assert "Xin chào anh/chị" in chat.text
    for label in MENU_LABELS:
        assert label in chat.labels()


async def test_greeting_text_shows_menu(app) -> None:
    chat = Chat(app.engine)
    await chat.say("xin chao")
    assert "Xin chào anh/chị" in chat.text
    assert "Tra cứu hồ sơ" in chat.labels()


async def test_contact_information_of_the_one_stop_shop(app) -> None:
    chat = Chat(app.engine)
    await chat.say("menu")
    await chat.click("Liên hệ")
    assert "xã/phường nào" in chat.text  # the contact depends on the place: asked once
    await chat.say("p3 cao lanh")
    assert "Thông tin liên hệ Bộ phận Một cửa phường Cao Lãnh" in chat.text
    assert "1800" in chat.text  # the national public service hotline


async def test_typed_number_presses_the_numbered_option(app) -> None:
    chat = Chat(app.engine)
    await chat.say("menu")
    await chat.say("5")
    assert "xã/phường nào" in chat.text


@pytest.mark.parametrize("word", ["hủy", "huy", "/huy", "HỦY"])
async def test_cancel_works_everywhere(app, word) -> None:
    chat = Chat(app.engine)
    await chat.say("menu")
    await chat.click("Chuẩn bị giấy tờ")
    await chat.say(word)
    assert "đã dừng" in chat.text
    assert "Hỏi thủ tục" in chat.labels()


async def test_help(app) -> None:
    chat = Chat(app.engine)
    await chat.say("trợ giúp")
    assert "Cách dùng" in chat.text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x02", "😀😀😀", "🙏", "...", "\u200b"],
)
async def test_empty_like_messages_get_a_polite_answer(app, text) -> None:
    chat = Chat(app.engine)
    await chat.say(text)
    assert "chưa nhận được nội dung" in chat.text
    await chat.say("menu")
    assert "Hỏi thủ tục" in chat.labels()


async def test_huge_message_is_answered_and_chat_stays_usable(app) -> None:
    chat = Chat(app.engine)
    await chat.say("khai sinh " * 2000)
    assert "khá dài" in chat.text
    await chat.say("menu")
    assert "Hỏi thủ tục" in chat.labels()


async def test_sticker_gets_a_text_only_answer(app) -> None:
    chat = Chat(app.engine)
    await chat.say(None, kind="sticker")
    assert "chỉ đọc được tin nhắn chữ" in chat.text


@pytest.mark.parametrize("payload", ["zz:whatever:1", "garbage", "", "ck:doc:99", "mn:nope"])
async def test_unknown_or_old_payloads_are_refused_politely(app, payload) -> None:
    chat = Chat(app.engine)
    await chat.press(payload)
    assert "không còn dùng được" in chat.text
    assert "Hỏi thủ tục" in chat.labels()


async def test_stale_conversation_falls_back_to_menu(app, clock) -> None:
    chat = Chat(app.engine)
    await chat.say("menu")
    await chat.click("Chuẩn bị giấy tờ")
    clock.advance(minutes=31)
    await chat.say("menu")
    assert "đã lâu không tiếp tục" in chat.text


async def test_english_locale(app) -> None:
    chat = Chat(app.engine, locale="en")
    await chat.say("/start")
    assert "Hello" in chat.text
    assert "Check a dossier" in chat.labels()
