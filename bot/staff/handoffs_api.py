"""Staff API for handoffs (bearer ``STAFF_API_TOKEN``, or a ward officer's token from
``STAFF_WARD_TOKENS``; contract, DESIGN section 11).

- ``GET /api/staff/handoffs?status=open|waiting|closed&ward=CODE&limit=&offset=`` ->
  ``{"handoffs": [handoff, ...]}``, newest first (no ``status``: all of them; an officer
  gets its ward's only, ``ward`` of another ward is 403; the admin every ward's, one's, or
  with ``ward=none`` those of no known ward, its own to answer);
- ``GET /api/staff/handoffs/{id}`` (the id or the code ``HT-4K7Q``) ->
  ``{"handoff": {..., "messages": [message, ...]}}``, the thread oldest first;
- ``POST /api/staff/handoffs/{id}/messages`` ``{"text", "staff"?}`` (optional header
  ``Idempotency-Key``: a retried request sends nothing twice) -> 201 ``{"message"}``;
  400/413 bad text, 404 unknown, 409 closed (``{"error", "code"}``);
- ``POST /api/staff/handoffs/{id}/close`` ``{"staff"?}`` -> ``{"handoff", "changed"}``.

A handoff: ``{"id", "code", "status" (waiting|open|closed), "mode" (live|ticket),
"channel", "citizen" (masked name), "locale", "office", "ward" (the chat's ward code when it
asked, null when unknown: only the admin sees those), "context" ({"reason", "flow",
"procedure"?: {"code", "name"}, "dossier"?, "questions": [{"text", "answer"}]}),
"created_at", "updated_at", "answer_by", "first_reply_at", "first_staff", "closed_at",
"closed_by"}`` (ISO 8601 times, UTC). A message: ``{"id", "sender" (citizen|staff|system),
"staff", "text", "at", "delivered_at"}``: ``delivered_at`` is when a staff message reached
the citizen's chat. No chat id, phone or full name is ever in an answer. Another ward's
handoff is 404 to an officer (read, reply, close), as an unknown one.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.staff import handoffs as service
from bot.staff.auth import error as _error
from bot.staff.auth import staff_scope, ward_param
from bot.staff.scope import NO_WARD
from bot.storage.handoff_records import STATUSES
from bot.webapp import APP_KEY, json_response

PREFIX = "/api/staff/handoffs"
MAX_LIMIT = 500
MAX_BODY = 64 * 1024


async def _body(request: web.Request) -> dict[str, Any] | web.Response:
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        return _error(413, "body too large")
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid JSON")
    return body if isinstance(body, dict) else _error(400, "expected a JSON object")


def _failed(exc: service.HandoffError) -> web.Response:
    extra = {"code": exc.code} if exc.code else {}
    return _error(exc.status, exc.message, **extra)


async def list_handoffs(request: web.Request) -> web.Response:
    """Handoffs, newest first, optionally of one status (and ward)."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    if scope.ward is None and request.query.get("ward", "").strip().lower() == NO_WARD:
        ward: str | None = ""  # the province's own queue: chats that never said their ward
    elif isinstance(asked := ward_param(request, scope), web.Response):
        return asked
    else:
        ward = asked
    status = request.query.get("status") or None
    if status is not None and status not in STATUSES:
        return _error(400, "unknown status", statuses=list(STATUSES))
    try:
        limit = min(max(int(request.query.get("limit", "50")), 1), MAX_LIMIT)
        offset = max(int(request.query.get("offset", "0")), 0)
    except ValueError:
        return _error(400, "limit and offset must be integers")
    async with request.app[APP_KEY].uow() as uow:
        found = await uow.repos.handoffs.recent(status, limit, offset, ward=ward)
    return json_response({"handoffs": [h.to_dict() for h in found]})


async def get_handoff(request: web.Request) -> web.Response:
    """One handoff with its thread."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    async with request.app[APP_KEY].uow(read=True) as uow:
        handoff_id = await uow.repos.handoffs.id_of(request.match_info["id"])
        found = await uow.repos.handoffs.get(handoff_id, True) if handoff_id else None
    if found is None or not scope.sees(found.ward_code):
        return _error(404, "no such handoff")
    return json_response({"handoff": found.to_dict(with_thread=True)})


async def post_message(request: web.Request) -> web.Response:
    """A staff reply to the citizen."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    body = await _body(request)
    if isinstance(body, web.Response):
        return body
    given = request.headers.get("Idempotency-Key", "").strip()
    key = f"api:{given}"[:128] if given else None
    try:
        message = await service.reply(
            request.app[APP_KEY],
            request.match_info["id"],
            body.get("text"),
            service.staff_name(body.get("staff")),
            key=key,
            scope=scope,
        )
    except service.HandoffError as exc:
        return _failed(exc)
    return json_response({"message": message.to_dict()}, status=201)


async def close_handoff(request: web.Request) -> web.Response:
    """Close the conversation (idempotent: closing a closed one changes nothing)."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    body = await _body(request)
    if isinstance(body, web.Response):
        return body
    try:
        found, changed = await service.close(
            request.app[APP_KEY],
            request.match_info["id"],
            service.staff_name(body.get("staff")),
            scope=scope,
        )
    except service.HandoffError as exc:
        return _failed(exc)
    return json_response({"handoff": found.to_dict(), "changed": changed})


def setup(web_app: web.Application, app: Any) -> None:
    """Add the handoff routes to the service."""
    web_app.router.add_get(PREFIX, list_handoffs)
    web_app.router.add_get(PREFIX + "/{id}", get_handoff)
    web_app.router.add_post(PREFIX + "/{id}/messages", post_message)
    web_app.router.add_post(PREFIX + "/{id}/close", close_handoff)
