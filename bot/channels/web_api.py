"""``POST /api/chat``: the web chat's turn, answered in the response, through the inbox.

``{"user", "text"}`` or ``{"user", "payload"}`` -> ``{"replies": [...]}`` (DESIGN section
7). ``user`` is the page's own label for a conversation; who the client is comes from the
server-issued session cookie (``bot.channels.web_identity``), so a client cannot act as
another web chat by choosing its ``user``.

The message is stored in the inbox like any other update and processed in the same per-chat
order (this request claims its chat and runs the chat's pending turns up to its own; if
another worker holds the chat, it waits for its turn to be done). The answer is the turn's
outbox rows. Protection, cheapest first: per-address limit (429), a bounded number of turns
in flight per worker (503 with ``Retry-After`` at once, no database touched), a deadline on
the whole turn (503; the replies then reach the page by its notification poll).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.channels import web_identity as ident
from bot.channels.body import BadBody, clean_text, read_json, valid_id
from bot.channels.delivery import Delivery, delivery_of, incoming_to_dict
from bot.metrics import metrics_of
from bot.webapp import APP_KEY, METRICS_KEY, json_response
from handlers.types import Incoming

log = logging.getLogger(__name__)

CHANNEL = "web"
MAX_BODY = 64 * 1024
MAX_TEXT = 4000
MAX_PAYLOAD = 64
DEFAULT_LABEL = "default"
LIMITER_KEY: web.AppKey[ident.RateLimiter] = web.AppKey("api_chat_limiter", ident.RateLimiter)


def _error(status: int, message: str, retry_after: int | None = None) -> web.Response:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return json_response({"error": message}, status=status, headers=headers)


def parse(body: Any) -> tuple[str, str | None, str | None, str] | web.Response:
    """(label, text, payload, locale) of a request body, or the 400 to answer."""
    if not isinstance(body, dict):
        return _error(400, "expected a JSON object")
    user, text, payload = body.get("user"), body.get("text"), body.get("payload")
    if user is not None and valid_id(user if isinstance(user, str) else None) is None:
        return _error(400, "'user' must be a non-empty string of at most 64 characters")
    if text is not None and not isinstance(text, str):
        return _error(400, "'text' must be a string")
    if isinstance(text, str) and len(text) > MAX_TEXT:
        return _error(413, f"'text' is longer than {MAX_TEXT} characters")
    if payload is not None and (valid_id(payload, MAX_PAYLOAD) is None):
        return _error(400, "'payload' must be a short string")
    label = valid_id(user) if isinstance(user, str) else DEFAULT_LABEL
    locale = "en" if body.get("locale") == "en" else "vi"
    return label or DEFAULT_LABEL, clean_text(text) if text is not None else None, payload, locale


async def answer_now(
    delivery: Delivery, chat_id: str, item_id: int, timeout: float
) -> list[dict[str, Any]] | None:
    """Process the chat up to ``item_id`` (or wait for the worker that holds it) and take
    that update's replies; None when it is not done within ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    app = delivery.app
    while True:
        async with app.uow() as uow:
            claimed = await uow.repos.inbox.claim_chat(
                CHANNEL, chat_id, delivery.owner, delivery._now(), delivery.lease
            )
            await uow.commit()
        if claimed:
            await delivery.drain(CHANNEL, chat_id, until=item_id)
        async with app.uow() as uow:
            status = await uow.repos.inbox.status_of(item_id)
        if status != "pending":
            async with app.uow() as uow:
                taken = await uow.repos.outbox.take_for_inbox(item_id, delivery._now())
                await uow.commit()
            return [dict(m.payload.get("reply") or {}) for m in taken]
        if loop.time() > deadline:
            return None
        await asyncio.sleep(0.05)


async def api_chat(request: web.Request) -> web.Response:
    """The web chat's turn (see the module docstring)."""
    app = request.app[APP_KEY]
    request.app[METRICS_KEY]["api_chat"] += 1
    metrics = metrics_of(app)
    settings = app.settings
    trusted = frozenset(a.strip() for a in settings.trusted_proxies.split(",") if a.strip())
    address = ident.client_address(request, trusted)
    limiter = request.app[LIMITER_KEY]
    if not limiter.allow(address):
        metrics.shed.labels("api_chat_rate").inc()
        return _error(429, "too many messages", limiter.retry_after(address))
    try:
        _raw, body = await read_json(request, MAX_BODY)
    except BadBody as exc:
        return exc.response()
    parsed = parse(body)
    if isinstance(parsed, web.Response):
        return parsed
    label, text, payload, locale = parsed
    delivery = delivery_of(app)
    if not delivery.try_slot():
        metrics.shed.labels("api_chat").inc()
        return _error(503, "busy, please retry", retry_after=2)
    cookie: str | None = None
    try:
        session, cookie = ident.request_session(request, settings)
        chat_id = ident.chat_id_for(session, label)
        msg = Incoming(
            CHANNEL, chat_id, text=text, payload=payload, user_id=chat_id, locale=locale
        )
        key = f"web:{uuid.uuid4().hex}"
        timeout = settings.api_chat_timeout_s
        [item_id] = await asyncio.wait_for(
            delivery.store([(CHANNEL, chat_id, key, incoming_to_dict(msg), None)], wake=False),
            timeout,
        )
        replies = await answer_now(delivery, chat_id, int(item_id or 0), timeout)
    except (TimeoutError, SQLAlchemyError, OSError):
        log.warning("api/chat: database busy or unreachable", exc_info=True)
        replies = None
    finally:
        delivery.free_slot()
    if replies is None:
        metrics.shed.labels("api_chat_slow").inc()
        return _error(503, "busy, please retry", retry_after=5)
    resp = json_response({"replies": replies})
    if cookie is not None:
        ident.set_session_cookie(resp, request, cookie)
    return resp


def setup(web_app: web.Application, app: Any) -> None:
    """The route and its per-address limiter."""
    s = app.settings
    web_app[LIMITER_KEY] = ident.RateLimiter(s.api_chat_per_minute, s.api_chat_burst)
    web_app.router.add_post("/api/chat", api_chat)
