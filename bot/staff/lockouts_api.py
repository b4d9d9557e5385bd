"""Staff API for receipt codes locked against lookups (bearer ``STAFF_API_TOKEN``):

- ``GET /api/staff/lookups/locked`` -> ``{"locked": [{"code", "failures", "last_failure",
  "locked_until"}]}``: codes that had ``LOOKUP_CODE_MAX_FAILURES`` failed verifications (from
  any chats) within ``LOOKUP_CODE_LOCK_HOURS``; the chat lookups of those codes are refused
  and the citizen is told to come to the one-stop shop;
- ``DELETE /api/staff/lookups/locked/{code}`` -> ``{"code", "lifted"}``: lift the lock (the
  code's failures are forgotten), e.g. after checking the citizen's papers at the desk.

The same from the terminal: ``tthc-bot dossiers locks`` and ``tthc-bot dossiers unlock CODE``.
A ward officer's token sees and lifts the locks of its ward's dossiers only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from bot.staff.auth import Scope, staff_scope
from bot.staff.auth import error as _error
from bot.webapp import APP_KEY, json_response

PREFIX = "/api/staff/lookups/locked"


async def locked_codes(app: Any) -> list[dict[str, Any]]:
    """The locked codes, most recent failure first."""
    s = app.settings
    window = dt.timedelta(hours=s.lookup_code_lock_hours)
    since = app.services.clock.now() - window
    async with app.uow() as uow:
        rows = await uow.repos.lookups.locked_codes(since, s.lookup_code_max_failures)
        out = []
        for code, count, last in rows:
            times = await uow.repos.lookups.code_failures_since(code, since)
            until = times[-s.lookup_code_max_failures] + window
            out.append(
                {
                    "code": code,
                    "failures": count,
                    "last_failure": last.isoformat(),
                    "locked_until": until.isoformat(),
                }
            )
    return out


async def lift(app: Any, code: str) -> int:
    """Forget the failures of ``code``; how many there were."""
    async with app.uow() as uow:
        removed = await uow.repos.lookups.lift(code)
        await uow.commit()
    return removed


async def _seen(app: Any, scope: Scope, codes: list[str]) -> set[str]:
    """The codes whose dossier the scope sees (a code of no dossier: the admin only)."""
    if scope.ward is None:
        return set(codes)
    async with app.uow() as uow:
        views = [await uow.repos.dossiers.get(c, with_history=False) for c in codes]
    return {v.code for v in views if v is not None and scope.sees(v.ward_code)}


async def list_locked(request: web.Request) -> web.Response:
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    app = request.app[APP_KEY]
    locked = await locked_codes(app)
    seen = await _seen(app, scope, [r["code"] for r in locked])
    return json_response({"locked": [r for r in locked if r["code"] in seen]})


async def lift_lock(request: web.Request) -> web.Response:
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    from knowledge.intents import find_receipt_code

    code = find_receipt_code(request.match_info["code"])
    if code is None:
        return _error(400, "not a receipt code")
    if not await _seen(request.app[APP_KEY], scope, [code]):
        return _error(404, "no such dossier")
    return json_response({"code": code, "lifted": await lift(request.app[APP_KEY], code)})


def setup(web_app: web.Application, app: Any) -> None:
    """Add the lockout routes."""
    web_app.router.add_get(PREFIX, list_locked)
    web_app.router.add_delete(PREFIX + "/{code}", lift_lock)
