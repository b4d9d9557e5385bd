"""``GET /api/staff/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD[&ward=CODE]``: the report of
``bot.staff.analytics`` (its docstring is the contract). Both dates are optional (the last 7
days); a bad date or an inverted period is a 400 with the reason. The provincial admin's
token (``STAFF_API_TOKEN``) gets every ward with the ward-by-ward comparison (``by_ward``),
or one ward's figures with ``ward``; a ward officer's token gets its ward's figures only
(another ``ward`` is 403).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.staff.analytics import parse_period, report
from bot.staff.auth import error as _error
from bot.staff.auth import staff_scope, ward_param
from bot.webapp import APP_KEY, json_response
from handlers.workdays import local_date


async def analytics(request: web.Request) -> web.Response:
    """The analytics of one period."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    if isinstance(ward := ward_param(request, scope), web.Response):
        return ward
    app = request.app[APP_KEY]
    today = local_date(app.services.clock.now())
    try:
        first, last = parse_period(request.query.get("from"), request.query.get("to"), today)
    except ValueError as exc:
        return _error(400, str(exc))
    return json_response(await report(app, first, last, ward))


def setup(web_app: web.Application, app: Any) -> None:
    """Add the route."""
    web_app.router.add_get("/api/staff/analytics", analytics)
