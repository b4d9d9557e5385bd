"""The few Zalo Bot Platform API methods the channel uses (``bot.channels.zalo_bot``)."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from bot.channels.text_render import render_reply
from bot.channels.zalo_common import ZaloApiError, as_int, post_with_retries
from handlers.textsplit import ZALO_LIMIT, split_text
from handlers.types import Reply

POLL_TIMEOUT = 30


class ZaloBotClient:
    """The few Bot API methods we use, over one lazily created aiohttp session."""

    def __init__(self, token: str, base_url: str) -> None:
        self._token = token
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _url(self, method: str) -> str:
        return f"{self.base_url}/bot{self._token}/{method}"

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def call(
        self, method: str, payload: dict[str, Any], *, attempts: int = 4, timeout: float = 15
    ) -> Any:
        """Call ``method``; returns ``result``; raises ``ZaloApiError`` when ``ok`` is false.

        A 429 or 5xx reported inside a 200 answer is retried like an HTTP one.
        """
        delay = 0.5
        for attempt in range(1, attempts + 1):
            data = await post_with_retries(
                self.session(),
                self._url(method),
                json_body=payload,
                attempts=attempts,
                timeout=timeout,
            )
            if data.get("ok"):
                return data.get("result")
            code = as_int(data.get("error_code"))
            description = str(data.get("description") or "error")
            if code is not None and (code == 429 or code >= 500) and attempt < attempts:
                await asyncio.sleep(delay)
                delay *= 2
                continue
            raise ZaloApiError(f"{method}: {description}", code)
        raise ZaloApiError(f"{method}: gave up")  # pragma: no cover - loop always returns

    async def send_text(self, chat_id: str, text: str) -> None:
        """``sendMessage`` of one piece of at most 2000 characters."""
        await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_reply(self, chat_id: str, reply: Reply) -> None:
        """Sender for background jobs (reminders, status changes); raises on failure so the
        job is retried. Its buttons are not numbered: a typed number answers the last
        conversation turn, not a notification."""
        for piece in split_text(render_reply(reply, numbered=False), ZALO_LIMIT):
            await self.send_text(chat_id, piece)

    async def set_webhook(self, url: str, secret: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret})

    async def get_updates(self, timeout: int = POLL_TIMEOUT) -> list[dict[str, Any]]:
        """One long poll; an empty list when it ended without news."""
        try:
            result = await self.call(
                "getUpdates", {"timeout": str(timeout)}, attempts=1, timeout=timeout + 10
            )
        except ZaloApiError as exc:
            if exc.code == 408:
                return []
            raise
        return unwrap({"result": result})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def unwrap(body: Any) -> list[dict[str, Any]]:
    """The updates in a webhook body or ``getUpdates`` answer: wrapped or bare, one or many."""
    if isinstance(body, dict) and "result" in body and "event_name" not in body:
        body = body["result"]
    if isinstance(body, list):
        return [u for u in body if isinstance(u, dict)]
    return [body] if isinstance(body, dict) and body else []
