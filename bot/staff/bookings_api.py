"""Staff API for bookings (bearer ``STAFF_API_TOKEN``, or a ward officer's token from
``STAFF_WARD_TOKENS``: that ward's bookings only, another ward's code is "no such booking"):

- ``GET /api/staff/bookings?date=YYYY-MM-DD[&ward=CODE]`` (default: today, every ward the
  token sees) -> ``{"date", "bookings"}``
- ``POST /api/staff/bookings/{code}/attended`` and ``.../no-show`` -> ``{"booking"}``

Without ``STAFF_API_TOKEN`` the routes answer 503: personal data is never served openly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from bot.staff.auth import staff_scope, ward_param
from bot.staff.bookings import booking_rows, list_bookings, parse_day
from bot.webapp import APP_KEY, json_response

MARKS = {"attended": "attended", "no-show": "no_show"}


async def list_route(request: web.Request) -> web.Response:
    """Bookings of one day."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    app = request.app[APP_KEY]
    raw = request.query.get("date", "")
    try:
        day = parse_day(raw) if raw else _today(app)
    except ValueError:
        return json_response({"error": "date must be YYYY-MM-DD"}, status=400)
    if isinstance(ward := ward_param(request, scope), web.Response):
        return ward
    rows = await list_bookings(app, day, ward)
    return json_response({"date": day.isoformat(), "bookings": rows})


async def mark_route(request: web.Request) -> web.Response:
    """Mark a booking attended or no-show."""
    if isinstance(scope := staff_scope(request), web.Response):
        return scope
    app = request.app[APP_KEY]
    status = MARKS.get(request.match_info["mark"])
    code = request.match_info["code"].upper()
    if status is None:
        return json_response({"error": "use /attended or /no-show"}, status=404)
    async with app.uow() as uow:
        found = await uow.repos.bookings.get(code)
        record = None
        if found is not None and scope.sees(found.ward_code):
            record = await uow.repos.bookings.mark(code, status, app.services.clock.now())
            await uow.commit()
    if record is None:
        return json_response({"error": f"no active booking {code}"}, status=404)
    return json_response({"booking": booking_rows([record], app.services.localities)[0]})


def _today(app: Any) -> dt.date:
    from handlers.workdays import local_date

    return local_date(app.services.clock.now())


def setup(web_app: web.Application, app: Any) -> None:
    """Register the routes (``bot.server.SETUP_MODULES``)."""
    web_app.router.add_get("/api/staff/bookings", list_route)
    web_app.router.add_post("/api/staff/bookings/{code}/{mark}", mark_route)
