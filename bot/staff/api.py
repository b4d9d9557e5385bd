"""Staff API for dossiers (bearer ``STAFF_API_TOKEN``, compared in constant time):

- ``GET /api/staff/dossiers?status=&limit=&offset=`` -> ``{"dossiers": [...]}``
- ``GET /api/staff/dossiers/{code}`` -> ``{"dossier": {...}}`` with its history
- ``POST /api/staff/dossiers`` with the CSV fields as JSON -> 201 created / 200 updated
- ``PATCH /api/staff/dossiers/{code}`` ``{"status", "note"?}`` -> the new state; subscribers
  are notified once per change

No token configured: 503 (the API is off); missing or wrong token: 401. A ward officer's
token (``STAFF_WARD_TOKENS``) sees that ward's dossiers only: another ward's code is "no
such dossier", a new dossier is filed under the officer's ward. Answers never contain the
phone number, its hash or the full name.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.staff.auth import Scope, staff_scope, ward_param
from bot.staff.auth import error as _error
from bot.webapp import APP_KEY, json_response
from handlers.status.dossier import STATUSES, DossierError, build_input, canonical_status
from handlers.status.views import notify_changes

PREFIX = "/api/staff/dossiers"
MAX_LIMIT = 500


async def _body(request: web.Request) -> dict[str, Any] | web.Response:
    try:
        body = json.loads(await request.text())
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid JSON")
    if not isinstance(body, dict):
        return _error(400, "expected a JSON object")
    return {k: v if v is None or isinstance(v, str) else str(v) for k, v in body.items()}


def _code(request: web.Request) -> str | None:
    from knowledge.intents import find_receipt_code

    return find_receipt_code(request.match_info["code"])


async def list_dossiers(request: web.Request) -> web.Response:
    """Dossiers, most recently updated first (``?ward=``: of one ward)."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    if isinstance(ward := ward_param(request, scope), web.Response):
        return ward
    status = request.query.get("status")
    if status and canonical_status(status) is None:
        return _error(400, "unknown status", statuses=list(STATUSES.values()))
    try:
        limit = min(max(int(request.query.get("limit", "50")), 1), MAX_LIMIT)
        offset = max(int(request.query.get("offset", "0")), 0)
    except ValueError:
        return _error(400, "limit and offset must be integers")
    app = request.app[APP_KEY]
    async with app.uow() as uow:
        views = await uow.repos.dossiers.recent(canonical_status(status), limit, offset, ward=ward)
    return json_response({"dossiers": [v.public() for v in views]})


async def get_dossier(request: web.Request) -> web.Response:
    """One dossier with its history."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    code = _code(request)
    app = request.app[APP_KEY]
    async with app.uow() as uow:
        view = await uow.repos.dossiers.get(code) if code else None
    if view is None or not scope.sees(view.ward_code):
        return _error(404, "no such dossier")
    return json_response({"dossier": view.public()})


async def upsert_dossier(request: web.Request) -> web.Response:
    """Create or update a dossier from the CSV fields (``applicant_name``, ``phone``...,
    ``ward`` optional: else the receipt code's unit prefix or the officer's ward)."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    body = await _body(request)
    if isinstance(body, web.Response):
        return body
    app = request.app[APP_KEY]
    try:
        inp = build_input(body, app.settings.phone_hash_key, require_phone=False)
        inp.ward_code = _ward_of(app, body, inp.code, scope)
    except DossierError as exc:
        return _error(400, str(exc), reason=exc.reason)
    now = app.services.clock.now()
    async with app.uow() as uow:
        existing = await uow.repos.dossiers.get(inp.code, with_history=False)
        if existing is not None and not scope.sees(existing.ward_code):
            return _error(404, "no such dossier")
        if not scope.sees(inp.ward_code):
            return _error(403, f"this token files dossiers of ward {scope.ward} only")
        if existing is None and not inp.phone_hash:
            return _error(400, "a new dossier needs the applicant's phone", reason="bad_phone")
        change = await uow.repos.dossiers.upsert(inp, now)
        sent = await notify_changes(uow.repos, [change], now)
        await uow.commit()
        view = await uow.repos.dossiers.get(inp.code)
    assert view is not None
    return json_response(
        {
            "dossier": view.public(),
            "created": change.created,
            "changed": change.changed,
            "notifications": sent,
        },
        status=201 if change.created else 200,
    )


async def update_status(request: web.Request) -> web.Response:
    """Set the status (and optional note) of an existing dossier."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    body = await _body(request)
    if isinstance(body, web.Response):
        return body
    code = _code(request)
    status = canonical_status(body.get("status"))
    if status is None:
        return _error(400, "unknown status", statuses=list(STATUSES.values()))
    note = (body.get("note") or "").strip() or None
    app = request.app[APP_KEY]
    now = app.services.clock.now()
    async with app.uow() as uow:
        view = await uow.repos.dossiers.get(code, with_history=False) if code else None
        change = None
        if view is not None and scope.sees(view.ward_code):
            change = await uow.repos.dossiers.set_status(view.code, status, note, now)
        if change is None:
            return _error(404, "no such dossier")
        sent = await notify_changes(uow.repos, [change], now)
        await uow.commit()
        view = await uow.repos.dossiers.get(change.code)
    assert view is not None
    return json_response(
        {"dossier": view.public(), "changed": change.changed, "notifications": sent}
    )


def _ward_of(app: Any, body: dict[str, Any], code: str, scope: Scope) -> str | None:
    """The dossier's ward: the body's ``ward`` (code or name), else the unit prefix's, else
    the officer's own; ``DossierError`` for an unknown ward."""
    from bot.staff.dossier_import import ward_of

    return ward_of(app.services.localities, body.get("ward") or "", code) or scope.ward


def setup(web_app: web.Application, app: Any) -> None:
    """Add the dossier routes to the service."""
    web_app.router.add_get(PREFIX, list_dossiers)
    web_app.router.add_post(PREFIX, upsert_dossier)
    web_app.router.add_get(PREFIX + "/{code}", get_dossier)
    web_app.router.add_patch(PREFIX + "/{code}", update_status)
