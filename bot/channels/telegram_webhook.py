"""``POST /webhooks/telegram``: check the secret, store the update, then answer 200.

Telegram sends the secret given to ``setWebhook`` in ``X-Telegram-Bot-Api-Secret-Token``; it
is compared in constant time. The update is committed to the inbox before the 200, so an
acknowledged update survives a crash. Wrong input never becomes a 5xx (Telegram would keep
redelivering it): a missing secret is 401, a wrong one 403, an oversized body 413, a
malformed one 400; an update without a chat we could answer is acknowledged and ignored.
The only 5xx is a 503 when the database cannot take the update (Telegram retries later).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from bot.channels.body import BadBody, clean, read_json, valid_id
from bot.webapp import METRICS_KEY, json_response

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024
CHANNEL = "telegram"

Handler = Callable[[web.Request], Awaitable[web.Response]]


class WebhookTarget(Protocol):
    """What the route needs of the channel (``bot.channels.telegram.TelegramChannel``)."""

    secret: str


def webhook_secret(token: str, configured: str | None) -> str:
    """The configured secret, or one derived from the token so every worker agrees on it."""
    if configured:
        return configured
    return hashlib.sha256(f"tthc-telegram-webhook:{token}".encode()).hexdigest()[:48]


def _error(status: int, message: str) -> web.Response:
    return json_response({"ok": False, "error": message}, status=status)


def _chat_of(update: dict[str, Any]) -> str | None:
    """The chat an update belongs to, read from the raw JSON (None: nothing to answer)."""
    query = update.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        if not isinstance(query.get("from"), dict):
            return None
    else:
        message = update.get("message") or update.get("edited_message")
    chat = message.get("chat") if isinstance(message, dict) else None
    return valid_id(chat.get("id")) if isinstance(chat, dict) else None


def stored_item(update: dict[str, Any]) -> tuple[str, str, str, dict[str, Any], int] | None:
    """The inbox item of one update (channel, chat, dedupe key, payload), or None."""
    update_id = update.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    chat_id = _chat_of(update)
    if chat_id is None:
        return None
    # update ids grow one by one in the order Telegram received the updates
    return CHANNEL, chat_id, f"tg:{update_id}", {"update": clean(update)}, update_id


def make_handler(channel: WebhookTarget, app: Any) -> Handler:
    """The aiohttp handler storing updates for ``channel``."""
    from bot.channels.delivery import delivery_of

    async def telegram_webhook(request: web.Request) -> web.Response:
        metrics = request.app[METRICS_KEY]
        metrics["telegram_webhook"] += 1
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            metrics["telegram_webhook_unauthorized"] += 1
            return _error(401, "missing secret token")
        if not secrets.compare_digest(
            given.encode("utf-8", "replace"), channel.secret.encode("utf-8")
        ):
            metrics["telegram_webhook_unauthorized"] += 1
            return _error(403, "wrong secret token")
        try:
            _raw, data = await read_json(request, MAX_BODY)
        except BadBody as exc:
            return exc.response()
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return _error(400, "not a Telegram update")
        item = stored_item(data)
        if item is None:
            return json_response({"ok": True, "ignored": True})
        try:
            await delivery_of(app).store([item])
        except Exception as exc:  # the database is unreachable or saturated: Telegram retries
            log.warning("telegram webhook: could not store the update: %s", type(exc).__name__)
            return json_response(
                {"ok": False, "error": "busy"}, status=503, headers={"Retry-After": "5"}
            )
        return json_response({"ok": True})

    return telegram_webhook
