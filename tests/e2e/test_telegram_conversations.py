"""Issue 12 on Telegram: the real PTB Application polling the fake Bot API.

A walkthrough answered by typing ("không", "có", "roi", "ko bik", "ok") with a stale button
pressed in between (a keyboard of an earlier message), a phone-sized card with its detail
buttons, and an English client.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.channels import telegram_send
from handlers.search.card import CARD_MAX
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.telegram_support import _fast_retries, fake, keyboard, payloads, start_server

__all__ = ["_fast_retries", "fake"]  # fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
async def polling(
    app: Any, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    # the per-chat pace (about 1 message/s, tested in test_telegram_send) would make a dozen
    # turns take a dozen seconds; these tests are about what is said, not how fast
    monkeypatch.setattr(telegram_send.ChatRateLimiter.__init__, "__defaults__", (4, 100.0))
    server, channel = await start_server(app, fake)
    yield channel
    await server.close()


async def _say(fake: FakeTelegram, text: str, **kw: Any) -> Any:
    """Type a message; the last message of the answer (the one with the buttons)."""
    count = len(fake.sent("sendMessage"))
    await fake.push_text(text, **kw)
    return await _answer(fake, count)


async def _press(fake: FakeTelegram, payload: str, message: Any) -> Any:
    count = len(fake.sent("sendMessage"))
    await fake.push(fake.make_callback_update(payload, message_id=message.result["message_id"]))
    return await _answer(fake, count)


async def _answer(fake: FakeTelegram, count: int) -> Any:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        fresh = [c for c in fake.sent("sendMessage")[count:] if keyboard(c)]
        if fresh:
            return fresh[-1]
        await asyncio.sleep(0.02)  # a turn may send several messages, the last with buttons
    raise AssertionError("no answer with buttons")


async def test_typed_walkthrough_and_a_stale_button(polling: Any, fake: FakeTelegram) -> None:
    card = await _say(fake, "lam giay khai sinh cho con can gi")
    assert card.params["text"].startswith("📄 Đăng ký khai sinh")
    assert len(card.params["text"]) <= CARD_MAX
    assert {"sr:fees:1.001193", "sr:legal:1.001193"} <= set(payloads(card))
    last = await _press(fake, "ck:start:1.001193", card)
    # the deciding questions; the last one in the citizen's own words (no label holds them)
    for typed in ("nop truc tiep", "cha hoac me", "không", "hổng có giấy, có bà đỡ làm chứng"):
        last = await _say(fake, typed)
    assert "Em ghi nhận: Không có, nhưng có người làm chứng" in fake.texts()[-2]
    assert "(1/3)" in last.params["text"]
    first_doc = last  # its keyboard stays: the citizen types instead of tapping
    last = await _say(fake, "roi")
    assert "(2/3)" in last.params["text"]
    stale = next(p for p in payloads(first_doc) if p.startswith("ck:d:have"))
    last = await _press(fake, stale, first_doc)  # document 1's button, pressed late
    assert "đã trả lời rồi" in fake.texts()[-2] + last.params["text"]
    assert "(2/3)" in last.params["text"]
    last = await _say(fake, "ko bik")
    assert "(3/3)" in last.params["text"]
    await _say(fake, "ok")
    summary = fake.texts()[-1]
    assert "Tóm tắt hồ sơ" in summary
    assert "Giấy tờ đã có (2)" in summary and "Giấy tờ anh/chị chưa rõ (1)" in summary
    assert "❔ Văn bản của người làm chứng" in summary


async def test_english_client_gets_english_search(polling: Any, fake: FakeTelegram) -> None:
    card = await _say(fake, "birth registration", language_code="en")
    assert card.params["text"].startswith("📄 Birth registration (Đăng ký khai sinh)")
    labels = [b["text"] for row in keyboard(card) for b in row]
    assert "Documents to prepare" in labels and "Fee details" in labels
    booking = await _say(fake, "book an appointment", language_code="en")
    assert "Which commune or ward" in booking.params["text"]  # asked once, in English
    booking = await _say(fake, "p3 cao lanh", language_code="en")
    assert "Which assistance programme" in booking.params["text"]
