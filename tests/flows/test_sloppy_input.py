"""What a citizen types that is almost right: a receipt code with a digit missing, or a
phone number alone. Neither is "a question I cannot answer"."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.intents import detect_intent, looks_like_receipt
from tests.support.chat import Chat


@pytest.mark.parametrize(
    "typed",
    [
        "000.00.14.H20-200703-00022",  # a digit too many in the serial
        "000.00.14.H20-201399-0002",  # no such date
        "mã hồ sơ 000.00.14.H20-200703-0",  # serial 0 does not exist
    ],
)
async def test_broken_receipt_code_is_recognised_as_one(app: Any, typed: str) -> None:
    assert looks_like_receipt(typed)
    assert detect_intent(typed).intent == "dossier_status"
    chat = Chat(app.engine, chat_id="broken-code")
    await chat.say(typed)
    assert "chưa nhận ra mã hồ sơ" in chat.text
    assert "chưa hỗ trợ được" not in chat.text
    await chat.say("000.00.14.H20-200703-0002")  # typed again, correctly: asked for digits
    assert "4 số cuối" in chat.text


@pytest.mark.parametrize(
    "typed", ["000.00.14.H20-200703-0002", "0912345678", "2024-01-01", "đăng ký khai sinh"]
)
def test_valid_codes_and_other_numbers_are_not_broken_codes(typed: str) -> None:
    assert not looks_like_receipt(typed)


async def test_phone_number_alone_explains_what_to_do(app: Any) -> None:
    chat = Chat(app.engine, chat_id="phone-alone")
    await chat.say("0912 345 678")
    assert "chưa hỗ trợ được" not in chat.text
    assert "mã hồ sơ" in chat.text
    assert {"Tra cứu hồ sơ", "Đặt lịch hỗ trợ"} <= set(chat.labels())


async def test_last_four_digits_inside_a_sentence(app: Any) -> None:
    chat = Chat(app.engine, chat_id="digits-sentence")
    await chat.say("000.00.14.H20-200703-0003")
    await chat.say("4 số cuối là 5678 ạ")  # the "4" of "4 số cuối" is not the answer
    assert "📄 Hồ sơ 000.00.14.H20-200703-0003" in chat.text


@pytest.mark.parametrize("kind", ["emoji", "sticker"])
async def test_emoji_or_sticker_mid_flow_keeps_the_numbered_options(app: Any, kind: str) -> None:
    chat = Chat(app.engine, chat_id=f"emoji-{kind}")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("phường Cao Lãnh")
    await chat.say("1")
    offered = chat.labels()
    if kind == "emoji":
        await chat.say("😀👍")
    else:
        await chat.say(None, kind="sticker")
    assert chat.labels() == offered  # the same options, still numbered 1, 2, ...
    await chat.say("1")  # typed number still picks the first day
    assert "chọn giờ hẹn" in chat.text
