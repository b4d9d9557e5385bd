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
import hashlib
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.channels.body import BadBody, clean_text, read_json, valid_id
from bot.channels.delivery import (
    ChannelHooks,
    Turn,
    delivery_of,
    incoming_from_dict,
    incoming_to_dict,
)
from bot.channels.zalo_bot_client import ZaloBotClient, unwrap
from bot.channels.zalo_common import (
    MAX_BODY,
    MAX_TEXT,
    MAX_UPDATES,
    TaskSet,
    ZaloApiError,
    as_dict,
    as_int,
    render,
)
from bot.jobs import senders
from bot.webapp import APP_KEY, METRICS_KEY, json_response
from handlers.context import VN_TZ
from handlers.types import Incoming

log = logging.getLogger(__name__)

CHANNEL = "zalo_bot"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
KINDS = {
    "message.text.received": "text",
    "message.image.received": "photo",
    "message.sticker.received": "sticker",
    "message.unsupported.received": "other",
}


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
    chat_id = valid_id(chat.get("id")) or valid_id(sender.get("id"))
    if not chat_id:
        return None
    text = message.get("text") if kind == "text" else None
    return Incoming(
        channel=CHANNEL,
        chat_id=chat_id,
        user_id=valid_id(sender.get("id")) or chat_id,
        text=clean_text(text, MAX_TEXT)
        if isinstance(text, str)
        else ("" if kind == "text" else None),
        received_at=_received_at(message.get("date")),
        message_id=valid_id(message.get("message_id"), 96),
        kind=kind,
        user_name=clean_text(name, 80)
        if isinstance(name := sender.get("display_name"), str)
        else None,
    )


def _sort_key(msg: Incoming) -> int | None:
    """Zalo's send time in ms orders one chat's messages (None: arrival order)."""
    return int(msg.received_at.timestamp() * 1000) if msg.received_at else None


def _received_at(value: Any) -> dt.datetime | None:
    millis = as_int(value) if not isinstance(value, float) else None
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


def stored_items(body: Any) -> list[tuple[str, str, str, dict[str, Any], int | None]]:
    """Inbox items for the messages in ``body`` (events we do not answer are left out)."""
    items = []
    for update in unwrap(body):
        msg = to_incoming(update)
        if msg is None:
            continue
        key = msg.message_id or hashlib.sha256(repr(sorted(update.items())).encode()).hexdigest()
        order = _sort_key(msg)
        items.append((CHANNEL, msg.chat_id, f"zb:{key}"[:128], incoming_to_dict(msg), order))
    return items


async def webhook(request: web.Request) -> web.Response:
    """Check the secret, store the messages, then answer 200."""
    app = request.app[APP_KEY]
    request.app[METRICS_KEY]["zalo_bot_webhook"] += 1
    runtime = request.app[RUNTIME_KEY]
    secret = app.settings.zalo_bot_webhook_secret
    if runtime.client is None or not secret:
        return json_response({"error": "zalo bot channel not configured"}, status=404)
    given = request.headers.get(SECRET_HEADER)
    if given is None:
        return json_response({"error": "missing secret token"}, status=401)
    if not secrets.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8")):
        return json_response({"error": "wrong secret token"}, status=403)
    try:
        _raw, body = await read_json(request, MAX_BODY)
    except BadBody as exc:
        return exc.response()
    if len(unwrap(body)) > MAX_UPDATES:
        return json_response({"error": f"at most {MAX_UPDATES} updates per body"}, status=413)
    items = stored_items(body)
    if items:
        try:
            await delivery_of(app).store(items)
        except Exception as exc:  # the database cannot take them: Zalo resends later
            log.warning("zalo bot webhook: could not store the updates: %s", type(exc).__name__)
            return json_response({"error": "busy"}, status=503, headers={"Retry-After": "5"})
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
        items = stored_items(body)
        while items:  # received means consumed by Zalo: keep trying to store them
            try:
                await delivery_of(app).store(items)
                items = []
            except Exception:
                log.exception("zalo polling: could not store updates; retrying")
                await asyncio.sleep(backoff)


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

    async def process(turn: Turn) -> None:
        await turn.answer(incoming_from_dict(turn.payload))

    async def send(chat_id: str, payload: dict[str, Any]) -> None:
        await client.send_text(chat_id, str(payload.get("text") or "…"))

    delivery_of(app).register(CHANNEL, ChannelHooks(process, render, send))

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
