"""Sending helpers: per-chat pacing on top of PTB's limiter, and the retry loop."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels import telegram_send
from bot.channels.telegram_send import ChatRateLimiter, call


async def _send_many(limiter: ChatRateLimiter, chat_ids: list[int]) -> int:
    """Start one send per chat id; how many went out without waiting for the bucket.

    The rate is so low that a send that has to wait never goes out during the test: the
    limiter is measured by counting, not by the clock."""
    sent = 0

    async def callback(**kwargs):
        nonlocal sent
        sent += 1
        return True

    tasks = [
        asyncio.create_task(
            limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": c}, None)
        )
        for c in chat_ids
    ]
    for _ in range(10):  # let every send that may go now go
        await asyncio.sleep(0)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return sent


async def test_one_private_chat_is_paced_after_a_burst() -> None:
    limiter = ChatRateLimiter(burst=2, rate=0.001)  # 2 at once, then one every 1000 s
    assert await _send_many(limiter, [5] * 5) == 2


async def test_different_chats_are_not_slowed_by_each_other() -> None:
    limiter = ChatRateLimiter(burst=2, rate=0.001)
    assert await _send_many(limiter, [5, 5, 5, *range(6, 26)]) == 2 + 20


async def test_groups_and_channels_are_left_to_ptbs_own_limits() -> None:
    limiter = ChatRateLimiter(burst=1, rate=0.001)
    assert await _send_many(limiter, [-100] * 5 + [0] * 3) == 8  # group ids are negative


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
