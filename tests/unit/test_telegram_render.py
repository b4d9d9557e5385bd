"""Telegram <-> Incoming/Reply conversions, without a network."""

from __future__ import annotations

import datetime as dt

import pytest
from telegram import Update

from bot.channels.telegram import file_url_for, webhook_secret
from bot.channels.telegram_render import (
    addressed_in_group,
    incoming_from_callback,
    incoming_from_message,
    locale_of,
    render_reply,
)
from bot.channels.telegram_send import retry_after_seconds
from handlers.i18n import t
from handlers.types import Button, Reply

BOT = {"id": 424242, "is_bot": True, "first_name": "Bot", "username": "tthc_test_bot"}


def _message(**extra) -> dict:
    return {
        "message_id": 7,
        "date": int(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC).timestamp()),
        "chat": {"id": 555, "type": "private"},
        "from": {"id": 555, "is_bot": False, "first_name": "Lan", "language_code": "vi"},
        **extra,
    }


def _update(data: dict) -> Update:
    return Update.de_json(data, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "locale"),
    [("vi", "vi"), (None, "vi"), ("en", "en"), ("en-US", "en"), ("EN", "en"), ("fr", "vi")],
)
def test_locale_from_language_code(code, locale) -> None:
    assert locale_of(code) == locale


def test_text_message_becomes_incoming() -> None:
    msg = incoming_from_message(
        _update({"update_id": 1, "message": _message(text="Khai sinh")}).message
    )
    assert (msg.channel, msg.chat_id, msg.user_id, msg.text) == (
        "telegram",
        "555",
        "555",
        "Khai sinh",
    )
    assert (msg.kind, msg.message_id, msg.locale) == ("text", "7", "vi")
    assert msg.received_at is not None and msg.received_at.tzinfo is not None


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        ({"photo": [{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]}, "photo"),
        ({"voice": {"file_id": "v", "file_unique_id": "u", "duration": 3}}, "voice"),
        ({"location": {"latitude": 10.4, "longitude": 105.6}}, "location"),
        ({"document": {"file_id": "d", "file_unique_id": "u"}}, "file"),
        ({"contact": {"phone_number": "0900000000", "first_name": "A"}}, "other"),
    ],
)
def test_non_text_kinds(extra, kind) -> None:
    message = _update({"update_id": 1, "message": _message(caption="xem giúp", **extra)}).message
    msg = incoming_from_message(message)
    assert msg.kind == kind
    assert msg.text is None  # the engine answers non-text politely, never treats it as a query


def test_button_press_becomes_payload() -> None:
    data = {
        "update_id": 2,
        "callback_query": {
            "id": "q1",
            "from": {"id": 555, "is_bot": False, "first_name": "Lan", "language_code": "en"},
            "chat_instance": "c",
            "data": "ck:doc:3",
            "message": {**_message(text="menu"), "message_id": 9},
        },
    }
    msg = incoming_from_callback(_update(data))
    assert msg is not None
    assert (msg.payload, msg.text, msg.chat_id, msg.message_id, msg.locale) == (
        "ck:doc:3",
        None,
        "555",
        "9",
        "en",
    )


def test_reply_renders_an_inline_keyboard_row_by_row() -> None:
    reply = Reply.make(
        "Chọn", [[Button("A", "mn:ask"), Button("B", "mn:docs")], [Button("C", "mn:menu")]]
    )
    [piece] = render_reply(reply)
    assert piece.text == "Chọn"
    assert piece.markup is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in piece.markup.inline_keyboard]
    assert rows == [[("A", "mn:ask"), ("B", "mn:docs")], [("C", "mn:menu")]]


def test_link_is_appended_to_the_text() -> None:
    [piece] = render_reply(Reply("Thủ tục", link="https://dichvucong.gov.vn/x"))
    assert piece.text.endswith("https://dichvucong.gov.vn/x")
    assert piece.markup is None


def test_oversized_payload_becomes_a_numbered_option() -> None:
    long_payload = "sr:card:" + "x" * 60  # 68 bytes: Telegram would reject the whole message
    reply = Reply.make("Chọn", [[Button("Ngắn", "mn:menu")], [Button("Dài", long_payload)]])
    [piece] = render_reply(reply)
    data = [b.callback_data for row in piece.markup.inline_keyboard for b in row]
    assert data == ["mn:menu"]
    assert "2. Dài" in piece.text and t("telegram.type_number") in piece.text


def test_multibyte_payload_counts_bytes() -> None:
    payload = "sr:q:" + "đ" * 30  # 35 characters but 65 bytes
    [piece] = render_reply(Reply.make("x", [[Button("Đ", payload)]]))
    assert piece.markup is None and "1. Đ" in piece.text


def test_long_text_split_keeps_the_keyboard_on_the_last_piece() -> None:
    text = "\n".join(f"Dòng {i}:" + " giấy tờ" * 20 for i in range(60))
    pieces = render_reply(Reply.make(text, [[Button("Menu", "mn:menu")]]), limit=1000)
    assert len(pieces) > 1
    assert all(len(p.text) <= 1000 for p in pieces)
    assert [p.markup is not None for p in pieces] == [False] * (len(pieces) - 1) + [True]
    assert "\n".join(p.text for p in pieces) == text


def test_webhook_secret_is_stable_and_does_not_leak_the_token() -> None:
    assert webhook_secret("1:abc", "mine") == "mine"
    derived = webhook_secret("1:abc", None)
    assert derived == webhook_secret("1:abc", None) != webhook_secret("1:abd", None)
    assert "abc" not in derived and derived.isalnum()


def test_file_url_follows_a_self_hosted_base_url() -> None:
    assert file_url_for("http://127.0.0.1:8081/bot", None) == "http://127.0.0.1:8081/file/bot"
    assert file_url_for("http://h/bot", "http://h/files/bot") == "http://h/files/bot"
    assert file_url_for(None, None) is None


def test_retry_after_seconds() -> None:
    from telegram.error import RetryAfter

    assert retry_after_seconds(RetryAfter(3)) == 3.0
    assert retry_after_seconds(RetryAfter(dt.timedelta(seconds=1.5))) == 1.5


@pytest.mark.parametrize(
    ("extra", "addressed"),
    [
        ({"text": "ai biết làm sổ đỏ không"}, False),
        ({"text": "/start"}, True),
        ({"text": "/start@tthc_test_bot"}, True),
        ({"text": "/start@other_bot"}, False),
        ({"text": "hỏi @TTHC_test_bot khai sinh"}, True),
        ({"text": "ừ", "reply_to_message": {**_message(text="x"), "from": BOT}}, True),
        ({"new_chat_members": [BOT]}, True),
    ],
)
def test_group_message_addressed_to_the_bot(extra, addressed) -> None:
    data = {**_message(**extra), "chat": {"id": -100, "type": "supergroup"}}
    message = _update({"update_id": 3, "message": data}).message
    assert addressed_in_group(message, BOT["id"], BOT["username"]) is addressed
