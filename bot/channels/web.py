"""Web chat: the page at ``GET /`` (``bot/web``), its static files, and queued notifications.

The page talks to ``POST /api/chat`` (``bot.channels.web_api``). A browser cannot be pushed
to, so background jobs (reminders, status changes) for the ``web`` channel are queued in the
``kv`` table and handed out by ``GET /api/chat/pending?user=...``, which the page polls.
The chat is that of the session cookie and the page's label (``bot.channels.web_identity``):
without the cookie, knowing the label reads nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.channels.body import valid_id
from bot.channels.delivery import ChannelHooks, Turn, delivery_of, incoming_from_dict
from bot.channels.web_identity import COOKIE, chat_id_for, session_of
from bot.jobs import reply_from_dict, senders
from bot.webapp import APP_KEY, json_response
from handlers.types import Reply

log = logging.getLogger(__name__)

CHANNEL = "web"
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
MAX_PENDING = 20  # a page closed for weeks must not grow an endless queue
DEFAULT_OFFICE = "Bộ phận Một cửa"
STATIC = {"chat.js": "application/javascript", "chat.css": "text/css"}
# no inline script or style and nothing from another origin: injected markup cannot run
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def pending_key(user: str) -> str:
    """The kv key of a web chat's queue (hashed: kv keys are short, user ids up to 64)."""
    return "web.pending." + hashlib.sha256(user.encode("utf-8")).hexdigest()[:40]


def office_name(app: Any) -> str:
    """The one-stop shop's name from the knowledge base's contact data."""
    contact = getattr(app.services.kb, "contact", None)
    return str(getattr(contact, "name", "") or DEFAULT_OFFICE)


async def index(request: web.Request) -> web.Response:
    """The chat page, with the office name filled in (escaped)."""
    app = request.app[APP_KEY]
    page = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{OFFICE_NAME}}", html.escape(office_name(app)))
    return web.Response(
        text=page, content_type="text/html", charset="utf-8", headers=SECURITY_HEADERS
    )


async def static_file(request: web.Request) -> web.Response:
    """``chat.js`` and ``chat.css`` (nothing else is served from the folder)."""
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    body = (WEB_DIR / name).read_bytes()
    headers = {"Cache-Control": "no-cache", **SECURITY_HEADERS}
    return web.Response(body=body, content_type=STATIC[name], charset="utf-8", headers=headers)


async def enqueue(app: Any, user: str, reply: Reply) -> None:
    """Queue a notification for the page to fetch on its next poll."""
    async with app.uow() as uow:
        key = pending_key(user)
        raw = await uow.repos.kv.get(key, for_update=True)
        queue = _loads(raw)
        queue.append(reply.to_dict())
        await uow.repos.kv.set(key, json.dumps(queue[-MAX_PENDING:], ensure_ascii=False))
        await uow.commit()


async def take_pending(app: Any, user: str) -> list[dict[str, Any]]:
    """Hand out and forget the queued notifications of ``user``."""
    async with app.uow() as uow:
        key = pending_key(user)
        raw = await uow.repos.kv.get(key, for_update=True)
        if raw is None:
            return []
        await uow.repos.kv.delete(key)
        await uow.commit()
    return _loads(raw)


def _loads(raw: str | None) -> list[dict[str, Any]]:
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


async def pending(request: web.Request) -> web.Response:
    """``GET /api/chat/pending?user=LABEL`` -> ``{"replies": [...]}`` (as /api/chat)."""
    label = valid_id(request.query.get("user", ""))
    if label is None:
        return json_response({"error": "'user' must be 1 to 64 characters"}, status=400)
    app = request.app[APP_KEY]
    session = session_of(app.settings, request.cookies.get(COOKIE))
    replies = await take_pending(app, chat_id_for(session, label)) if session else []
    return json_response({"replies": replies}, headers={"Cache-Control": "no-store"})


def setup(web_app: web.Application, app: Any) -> None:
    """Page, static files, pending-notification route, the ``web`` sender and its turns."""
    web_app.router.add_get("/", index)
    web_app.router.add_get("/static/{name}", static_file)
    web_app.router.add_get("/api/chat/pending", pending)

    async def sender(chat_id: str, reply: Reply) -> None:
        await enqueue(app, chat_id, reply)

    senders(app)[CHANNEL] = sender

    async def process(turn: Turn) -> None:
        await turn.answer(incoming_from_dict(turn.payload))

    async def late(chat_id: str, payload: dict[str, Any]) -> None:
        await enqueue(app, chat_id, reply_from_dict(payload.get("reply") or {}))

    delivery = delivery_of(app)
    delivery.register(CHANNEL, ChannelHooks(process, render))  # the request takes the replies
    delivery.late_senders[CHANNEL] = late


def render(replies: list[Reply], _locale: str) -> list[dict[str, Any]]:
    """Outbox payloads of a web turn: the replies as the API returns them."""
    return [{"reply": r.to_dict()} for r in replies]
