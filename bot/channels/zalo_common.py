"""Pieces both Zalo channels share: background turns, retried HTTP calls, JSON bodies.

Zalo expects a webhook to be answered quickly (the OA platform within 2 s) and may resend
otherwise, so a webhook only validates, stores the updates in the durable inbox and answers
200; the turns run from the inbox (``bot.channels.delivery``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Coroutine
from typing import Any

import aiohttp

from bot.channels.text_render import render_replies
from handlers.types import Reply

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024
MAX_UPDATES = 100  # per webhook body: more is refused (413), not queued for minutes of work
MAX_TEXT = 4000  # characters of one message kept (Zalo's own limit is 2000)
RETRY_STATUSES = {429, 500, 502, 503, 504}


class ZaloApiError(Exception):
    """Zalo answered with an error we cannot fix by retrying the same request."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class TaskSet:
    """Background tasks that are kept referenced and awaited at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last: dict[str, asyncio.Task[Any]] = {}

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coro`` in the background; failures are logged, never lost silently."""
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def spawn_after(self, key: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Like ``spawn`` but after the previous task of the same ``key`` (one chat's messages
        are answered in the order they arrived, even when two arrive together)."""
        previous = self._last.get(key)

        async def chained() -> Any:
            try:
                if previous is not None:
                    await asyncio.wait([previous])
            except asyncio.CancelledError:
                coro.close()  # never started: avoid the "never awaited" warning
                raise
            return await coro

        task = self.spawn(chained())
        self._last[key] = task
        task.add_done_callback(
            lambda t: self._last.pop(key, None) if self._last.get(key) is t else None
        )
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())

    def __len__(self) -> int:
        return len(self._tasks)

    async def join(self, timeout: float = 3.0) -> None:
        """Wait for the running tasks; cancel whatever is still running after ``timeout``."""
        if not self._tasks:
            return
        pending = set(self._tasks)
        _done, still = await asyncio.wait(pending, timeout=timeout)
        for task in still:
            task.cancel()
        if still:
            await asyncio.gather(*still, return_exceptions=True)


async def post_with_retries(
    session: aiohttp.ClientSession,
    url: str,
    *,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    attempts: int = 4,
    base_delay: float = 0.5,
    timeout: float = 15.0,
) -> dict[str, Any]:
    """POST and return the JSON answer, retrying network errors, 5xx and 429.

    ``Retry-After`` is honoured up to 30 s. The URL may contain a bot token, so it is never
    logged; only the exception type and status are.
    """
    delay = base_delay
    last_error = "no attempt"
    for attempt in range(1, attempts + 1):
        try:
            async with session.post(
                url,
                json=json_body,
                data=form,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as resp:
                if resp.status in RETRY_STATUSES:
                    last_error = f"HTTP {resp.status}"
                    wait = _retry_after(resp.headers.get("Retry-After"), delay)
                else:
                    data = await resp.json(content_type=None)
                    if not isinstance(data, dict):
                        raise ZaloApiError(f"unexpected answer (HTTP {resp.status})")
                    return data
        except (aiohttp.ClientError, TimeoutError, json.JSONDecodeError) as exc:
            last_error = type(exc).__name__
            wait = delay
        if attempt < attempts:
            log.warning("zalo call failed (%s), retry %d/%d", last_error, attempt, attempts - 1)
            await asyncio.sleep(wait)
            delay *= 2
    raise ZaloApiError(f"gave up after {attempts} attempts: {last_error}")


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (payload fields are untrusted)."""
    return value if isinstance(value, dict) else {}


def _retry_after(value: str | None, default: float) -> float:
    try:
        return min(max(float(value), 0.0), 30.0) if value else default
    except ValueError:
        return default


def render(replies: list[Reply], locale: str) -> list[dict[str, Any]]:
    """Outbox payloads of a turn on a text-only channel: the rendered pieces, in order."""
    return [{"text": text} for text in render_replies(replies, locale)]


def as_int(value: Any) -> int | None:
    """An int from a JSON field that Zalo sends as a number or a string; None otherwise."""
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: Infinity
        return None
