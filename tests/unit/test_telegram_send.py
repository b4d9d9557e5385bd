"""Sending helpers: per-chat pacing on top of PTB's limiter, and the retry loop."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels import telegram_send
from bot.channels.telegram_send import ChatRateLimiter, call


async def _send_many(limiter: ChatRateLimiter, chat_ids: list[int]) -> float:
    async def callback(**kwargs):
        return True

    started = time.monotonic()
    for chat_id in chat_ids:
        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, None)
    return time.monotonic() - started


async def test_one_private_chat_is_paced_after_a_burst() -> None:
    limiter = ChatRateLimiter(burst=2, rate=10.0)  # 2 at once, then 10 per second
    assert await _send_many(limiter, [5] * 2) < 0.05
    assert await _send_many(limiter, [5] * 3) >= 0.2


async def test_different_chats_are_not_slowed_by_each_other() -> None:
    limiter = ChatRateLimiter(burst=2, rate=10.0)
    assert await _send_many(limiter, list(range(1, 21))) < 0.1


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram_send, "RETRY_DELAYS", (0.01, 0.01, 0.01))


async def test_call_retries_network_errors_and_429s_then_succeeds() -> None:
    errors = [NetworkError("reset"), TimedOut(), RetryAfter(0)]

    async def flaky(**kwargs):
        if errors:
            raise errors.pop(0)
        return "sent"

    assert await call(flaky, text="x") == "sent"


@pytest.mark.parametrize("exc", [BadRequest("Chat not found"), Forbidden("blocked")])
async def test_call_does_not_retry_refusals(exc) -> None:
    calls = 0

    async def refused(**kwargs):
        nonlocal calls
        calls += 1
        raise exc

    with pytest.raises(type(exc)):
        await call(refused)
    assert calls == 1


async def test_call_gives_up_after_the_last_retry() -> None:
    async def down(**kwargs):
        raise NetworkError("down")

    with pytest.raises(NetworkError):
        await asyncio.wait_for(call(down), 2)
