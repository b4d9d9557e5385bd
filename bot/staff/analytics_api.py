"""``GET /api/staff/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD`` (bearer ``STAFF_API_TOKEN``):
the report of ``bot.staff.analytics`` (its docstring is the contract). Both dates are
optional (the last 7 days); a bad date or an inverted period is a 400 with the reason.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.staff.analytics import parse_period, report
from bot.staff.auth import check_token
from bot.staff.auth import error as _error
from bot.webapp import APP_KEY, json_response
from handlers.workdays import local_date


async def analytics(request: web.Request) -> web.Response:
    """The analytics of one period."""
    if (denied := check_token(request)) is not None:
        return denied
    app = request.app[APP_KEY]
    today = local_date(app.services.clock.now())
    try:
        first, last = parse_period(request.query.get("from"), request.query.get("to"), today)
    except ValueError as exc:
        return _error(400, str(exc))
    return json_response(await report(app, first, last))


def setup(web_app: web.Application, app: Any) -> None:
    """Add the route."""
    web_app.router.add_get("/api/staff/analytics", analytics)
