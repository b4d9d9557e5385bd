"""Zalo Official Account (API v3) channel: webhook ``POST /webhooks/zalo-oa`` and CS messages.

Facts relied on (DESIGN section 8; Zalo OA docs as published, not verified live):

- webhook header ``X-ZEvent-Signature: mac=<sha256 hex of app_id + raw body + timestamp +
  OA secret key>`` (plain SHA-256, ``timestamp`` taken from the JSON body);
- ``user_send_text``: ``sender.id``, ``message.text``, ``message.msg_id``, ``timestamp``;
  ``user_send_image``/``sticker``/... get the polite "text only" answer, ``follow`` the
  greeting, every other event is acknowledged and ignored;
- the platform wants a 200 within 2 s: the turn runs in the background;
- sending: ``POST <ZALO_OA_API_BASE_URL>/v3.0/oa/message/cs``, header ``access_token``, body
  ``{"recipient": {"user_id"}, "message": {"text"}}``; answers ``{"error": 0, ...}``;
  error -216 (invalid) or -124 (expired) means the access token must be refreshed;
- refresh: ``POST <ZALO_OA_OAUTH_BASE_URL>/v4/oa/access_token`` form ``refresh_token``,
  ``app_id``, ``grant_type=refresh_token``, header ``secret_key`` -> ``access_token``,
  ``refresh_token``, ``expires_in`` (seconds, ~25 h). Refresh tokens are single-use, so the
  new one is committed to the ``kv`` table before it is used (``bot.channels.zalo_oa_tokens``).
"""

from __future__ import annotations

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
from bot.channels.zalo_common import (
    MAX_BODY,
    MAX_TEXT,
    TaskSet,
    ZaloApiError,
    as_dict,
    as_int,
    render,
)
from bot.channels.zalo_oa_tokens import OaClient
from bot.channels.zalo_window import OaWindow
from bot.jobs import notice_senders, senders
from bot.webapp import APP_KEY, METRICS_KEY, json_response
from handlers.context import VN_TZ
from handlers.types import Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "zalo_oa"
SIGNATURE_HEADER = "X-ZEvent-Signature"
KINDS = {
    "user_send_text": "text",
    "user_send_image": "photo",
    "user_send_gif": "photo",
    "user_send_sticker": "sticker",
    "user_send_audio": "voice",
    "user_send_video": "file",
    "user_send_file": "file",
    "user_send_location": "location",
    "user_send_link": "other",
    "user_send_business_card": "other",
}


def signature(app_id: str, raw_body: bytes, timestamp: str, secret_key: str) -> str:
    """The ``mac`` Zalo puts in ``X-ZEvent-Signature`` (hex SHA-256, no HMAC)."""
    digest = hashlib.sha256()
    digest.update(app_id.encode("utf-8"))
    digest.update(raw_body)
    digest.update(timestamp.encode("utf-8"))
    digest.update(secret_key.encode("utf-8"))
    return digest.hexdigest()


def to_incoming(event: dict[str, Any]) -> Incoming | None:
    """The neutral message of one OA event, or None for events that need no answer."""
    name = str(event.get("event_name") or "")
    if name == "follow":  # a new follower gets the greeting and menu
        follower = as_dict(event.get("follower"))
        user = valid_id(follower.get("id"))
        if not user:
            return None
        return Incoming(
            channel=CHANNEL,
            chat_id=user,
            user_id=user,
            text="/start",
            received_at=_received_at(event.get("timestamp")),
        )
    kind = KINDS.get(name)
    if kind is None:
        return None
    sender = as_dict(event.get("sender"))
    message = as_dict(event.get("message"))
    user = valid_id(sender.get("id"))
    if not user:
        return None
    text = message.get("text") if kind == "text" else None
    return Incoming(
        channel=CHANNEL,
        chat_id=user,
        user_id=user,
        text=clean_text(text, MAX_TEXT)
        if isinstance(text, str)
        else ("" if kind == "text" else None),
        received_at=_received_at(event.get("timestamp")),
        message_id=valid_id(message.get("msg_id"), 96),
        kind=kind,
    )


def _received_at(value: Any) -> dt.datetime | None:
    millis = as_int(value) if not isinstance(value, float) else None
    if millis is None:
        return None
    try:
        return dt.datetime.fromtimestamp(millis / 1000, VN_TZ)
    except (ValueError, OverflowError, OSError):
        return None


def stored_item(event: dict[str, Any]) -> tuple[str, str, str, dict[str, Any], int | None] | None:
    """The inbox item of one event (None: nothing to answer)."""
    msg = to_incoming(event)
    if msg is None:
        return None
    if msg.message_id:
        key = f"zo:{msg.message_id}"
    else:  # follow events have no message id: the follower and the moment identify them
        key = (
            "zo:" + hashlib.sha256(f"{msg.chat_id}:{event.get('timestamp')}".encode()).hexdigest()
        )
    order = int(msg.received_at.timestamp() * 1000) if msg.received_at else None
    return CHANNEL, msg.chat_id, key, incoming_to_dict(msg), order


@dataclass
class ZaloOaRuntime:
    client: OaClient | None
    tasks: TaskSet = field(default_factory=TaskSet)


RUNTIME_KEY: web.AppKey[ZaloOaRuntime] = web.AppKey("zalo_oa_runtime", ZaloOaRuntime)


def _verified(request_sig: str, expected: str) -> bool:
    given = request_sig.strip()
    if given.lower().startswith("mac="):
        given = given[4:]
    return secrets.compare_digest(
        given.strip().lower().encode("utf-8", "replace"), expected.encode()
    )


async def webhook(request: web.Request) -> web.Response:
    """Verify the signature, store the event, answer 200 (within Zalo's 2 s)."""
    app = request.app[APP_KEY]
    request.app[METRICS_KEY]["zalo_oa_webhook"] += 1
    runtime = request.app[RUNTIME_KEY]
    s = app.settings
    if runtime.client is None or not s.zalo_oa_app_id or not s.zalo_oa_secret_key:
        return json_response({"error": "zalo OA channel not configured"}, status=404)
    header = request.headers.get(SIGNATURE_HEADER)
    if not header:
        return json_response({"error": "missing signature"}, status=401)
    try:
        raw, event = await read_json(request, MAX_BODY)
    except BadBody as exc:
        return exc.response()
    if not isinstance(event, dict):
        return json_response({"error": "expected a JSON object"}, status=400)
    expected = signature(
        s.zalo_oa_app_id, raw, clean_text(str(event.get("timestamp", ""))), s.zalo_oa_secret_key
    )
    if not _verified(header, expected):
        return json_response({"error": "bad signature"}, status=403)
    item = stored_item(event)
    if item is not None:
        try:
            await delivery_of(app).store([item])
        except Exception as exc:  # the database cannot take it: Zalo resends later
            log.warning("zalo OA webhook: could not store the event: %s", type(exc).__name__)
            return json_response({"error": "busy"}, status=503, headers={"Retry-After": "5"})
    return json_response({"ok": True})


def setup(web_app: web.Application, app: Any) -> None:
    """Route, sender and shutdown of the OA channel (inactive without OA credentials)."""
    s = app.settings
    configured = bool(s.zalo_oa_app_id and (s.zalo_oa_access_token or s.zalo_oa_refresh_token))
    client = OaClient(app) if configured else None
    runtime = ZaloOaRuntime(client)
    web_app[RUNTIME_KEY] = runtime
    web_app.router.add_post("/webhooks/zalo-oa", webhook)
    if client is None:
        return
    window = OaWindow(app, client)

    async def sender(chat_id: str, reply: Reply) -> None:
        await window.send_notice(chat_id, reply, {})

    senders(app)[CHANNEL] = sender
    notice_senders(app)[CHANNEL] = window.send_notice

    async def process(turn: Turn) -> None:
        await turn.answer(incoming_from_dict(turn.payload), extra=window.on_turn)

    delivery_of(app).register(CHANNEL, ChannelHooks(process, render, window.send_piece))

    async def lifecycle(_web_app: web.Application) -> AsyncIterator[None]:
        yield
        await runtime.tasks.join()
        await client.close()

    web_app.cleanup_ctx.append(lifecycle)


__all__ = ["ZaloApiError", "setup", "signature", "to_incoming", "webhook"]
