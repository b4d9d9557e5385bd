"""``POST /webhooks/telegram``: check the secret, parse, queue the update, answer 200 fast.

Telegram sends the secret given to ``setWebhook`` in ``X-Telegram-Bot-Api-Secret-Token``; it
is compared in constant time. Wrong input never becomes a 5xx (Telegram would keep
redelivering it): a missing secret is 401, a wrong one 403, a malformed body 400.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web
from telegram import Update

from bot.webapp import METRICS_KEY, json_response

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024

Handler = Callable[[web.Request], Awaitable[web.Response]]


class WebhookTarget(Protocol):
    """What the route needs of the channel (``bot.channels.telegram.TelegramChannel``)."""

    secret: str
    application: Any


def webhook_secret(token: str, configured: str | None) -> str:
    """The configured secret, or one derived from the token so every worker agrees on it."""
    if configured:
        return configured
    return hashlib.sha256(f"tthc-telegram-webhook:{token}".encode()).hexdigest()[:48]


def _error(status: int, message: str) -> web.Response:
    return json_response({"ok": False, "error": message}, status=status)


def make_handler(channel: WebhookTarget) -> Handler:
    """The aiohttp handler feeding ``channel``'s PTB application."""

    async def telegram_webhook(request: web.Request) -> web.Response:

        metrics = request.app[METRICS_KEY]
        metrics["telegram_webhook"] += 1
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            metrics["telegram_webhook_unauthorized"] += 1
            return _error(401, "missing secret token")
        if not secrets.compare_digest(given.encode(), channel.secret.encode()):
            metrics["telegram_webhook_unauthorized"] += 1
            return _error(403, "wrong secret token")
        try:
            raw = await request.content.read(MAX_BODY + 1)
            if len(raw) > MAX_BODY:
                return _error(413, "body too large")
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return _error(400, "invalid JSON")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return _error(400, "not a Telegram update")
        application = channel.application
        if not application.running:
            # not started yet (or Telegram unreachable at start): Telegram will redeliver
            return _error(503, "starting")
        try:
            update = Update.de_json(data, application.bot)
        except Exception:  # any shape PTB cannot read is the sender's error, not ours
            log.info("telegram webhook: unreadable update")
            return _error(400, "unreadable update")
        await application.update_queue.put(update)
        return json_response({"ok": True})

    return telegram_webhook
