"""Zalo Bot Platform channel: webhook ``POST /webhooks/zalo-bot`` or ``getUpdates`` polling.

API (Telegram-like, DESIGN section 8): ``<ZALO_BOT_BASE_URL>/bot<TOKEN>/<method>``, JSON in,
``{"ok", "result"}`` (or ``{"ok": false, "error_code", "description"}``) out. Payload shape as
published in the Zalo Bot Platform docs and seen in public integrations (assumed, not verified
against the live service):

    {"event_name": "message.text.received",
     "message": {"message_id": "...", "date": <ms>, "text": "...",
                 "from": {"id": "...", "display_name": "...", "is_bot": false},
                 "chat": {"id": "...", "chat_type": "PRIVATE"}}}

delivered bare or wrapped in ``{"ok": true, "result": {...}}``; ``getUpdates`` returns one such
update or a list in ``result`` and ``error_code`` 408 when the long poll ends empty. There is no
update id, so redeliveries are recognised by ``message_id``. No buttons: options become numbered
text (``bot.channels.text_render``) and the engine takes a typed number back as the press.

Modes: webhook when ``ZALO_BOT_WEBHOOK_URL`` is set (``setWebhook {url, secret_token}`` on
start, header ``X-Bot-Api-Secret-Token`` compared in constant time); polling when only
``ZALO_BOT_TOKEN`` is set.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bot.channels.text_render import render_reply
from bot.channels.zalo_common import (
    TaskSet,
    ZaloApiError,
    as_dict,
    as_int,
    post_with_retries,
    read_json,
    run_turn,
)
from bot.jobs import senders
from bot.webapp import APP_KEY, METRICS_KEY, json_response
from handlers.context import VN_TZ
from handlers.textsplit import ZALO_LIMIT, split_text
from handlers.types import Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "zalo_bot"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
POLL_TIMEOUT = 30
KINDS = {
    "message.text.received": "text",
    "message.image.received": "photo",
    "message.sticker.received": "sticker",
    "message.unsupported.received": "other",
}


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


def to_incoming(update: dict[str, Any]) -> Incoming | None:
    """The neutral message of one update, or None for events we do not answer."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    event = str(update.get("event_name") or "")
    if event in KINDS:
        kind = KINDS[event]
    elif not event and isinstance(message.get("text"), str):
        kind = "text"
    elif event.startswith("message."):
        kind = "other"  # a new message type: answer politely rather than stay silent
    else:
        return None
    sender = as_dict(message.get("from"))
    chat = as_dict(message.get("chat"))
    if sender.get("is_bot"):
        return None  # never talk to another bot (loops)
    chat_id = chat.get("id") or sender.get("id")
    if not chat_id:
        return None
    text = message.get("text") if kind == "text" else None
    message_id = message.get("message_id")
    return Incoming(
        channel=CHANNEL,
        chat_id=str(chat_id)[:64],
        user_id=str(sender.get("id") or chat_id)[:64],
        text=text if isinstance(text, str) else ("" if kind == "text" else None),
        received_at=_received_at(message.get("date")),
        message_id=str(message_id)[:96] if message_id else None,
        kind=kind,
    )


def _received_at(value: Any) -> dt.datetime | None:
    millis = as_int(value)
    if millis is None:
        return None
    try:
        return dt.datetime.fromtimestamp(millis / 1000, VN_TZ)
    except (OverflowError, OSError, ValueError):
        return None


@dataclass
class ZaloBotRuntime:
    """What the webhook and the lifecycle share: the API client and the background tasks."""

    client: ZaloBotClient | None
    tasks: TaskSet = field(default_factory=TaskSet)
    poller: asyncio.Task[Any] | None = None


RUNTIME_KEY: web.AppKey[ZaloBotRuntime] = web.AppKey("zalo_bot_runtime", ZaloBotRuntime)


def dispatch(app: Any, runtime: ZaloBotRuntime, body: Any) -> int:
    """Queue a turn for every message in ``body``; returns how many were queued."""
    assert runtime.client is not None
    queued = 0
    for update in unwrap(body):
        msg = to_incoming(update)
        if msg is not None:
            runtime.tasks.spawn_after(msg.chat_id, run_turn(app, msg, runtime.client.send_text))
            queued += 1
    return queued


async def webhook(request: web.Request) -> web.Response:
    """Check the secret, queue the turn and answer 200 at once."""
    app = request.app[APP_KEY]
    request.app[METRICS_KEY]["zalo_bot_webhook"] += 1
    runtime = request.app[RUNTIME_KEY]
    secret = app.settings.zalo_bot_webhook_secret
    if runtime.client is None or not secret:
        return json_response({"error": "zalo bot channel not configured"}, status=404)
    given = request.headers.get(SECRET_HEADER)
    if given is None:
        return json_response({"error": "missing secret token"}, status=401)
    if not secrets.compare_digest(given.encode("utf-8"), secret.encode("utf-8")):
        return json_response({"error": "wrong secret token"}, status=403)
    _raw, body = await read_json(request)
    dispatch(app, runtime, body)
    return json_response({"ok": True})


async def poll_forever(app: Any, runtime: ZaloBotRuntime) -> None:
    """Long-poll ``getUpdates`` until cancelled, backing off while Zalo is unreachable."""
    assert runtime.client is not None
    backoff = 1.0
    while True:
        try:
            body = await runtime.client.get_updates()
        except ZaloApiError as exc:
            log.warning("zalo getUpdates failed: %s; retrying in %.0fs", exc, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 60.0)
            continue
        backoff = 1.0
        dispatch(app, runtime, body)


async def _register_webhook(client: ZaloBotClient, url: str, secret: str) -> None:
    try:
        await client.set_webhook(url, secret)
        log.info("zalo bot webhook registered")
    except ZaloApiError as exc:
        log.error("zalo bot setWebhook failed: %s", exc)


def setup(web_app: web.Application, app: Any) -> None:
    """Route, sender and start/stop of the Zalo Bot channel (inactive without a token)."""
    s = app.settings
    client = ZaloBotClient(s.zalo_bot_token, s.zalo_bot_base_url) if s.zalo_bot_token else None
    runtime = ZaloBotRuntime(client)
    web_app[RUNTIME_KEY] = runtime
    web_app.router.add_post("/webhooks/zalo-bot", webhook)
    if client is None:
        return
    senders(app)[CHANNEL] = client.send_reply

    async def lifecycle(_web_app: web.Application) -> AsyncIterator[None]:
        if s.zalo_bot_webhook_url:
            if not s.zalo_bot_webhook_secret:
                log.error("ZALO_BOT_WEBHOOK_URL is set without ZALO_BOT_WEBHOOK_SECRET")
            else:  # in the background: an unreachable Zalo must not delay start-up
                runtime.tasks.spawn(
                    _register_webhook(client, s.zalo_bot_webhook_url, s.zalo_bot_webhook_secret)
                )
        else:
            runtime.poller = asyncio.create_task(poll_forever(app, runtime))
        yield
        if runtime.poller is not None:
            runtime.poller.cancel()
            await asyncio.gather(runtime.poller, return_exceptions=True)
        await runtime.tasks.join()
        await client.close()

    web_app.cleanup_ctx.append(lifecycle)
