"""Staff API for bookings (bearer ``STAFF_API_TOKEN``):

- ``GET /api/staff/bookings?date=YYYY-MM-DD`` (default: today) -> ``{"date", "bookings"}``
- ``POST /api/staff/bookings/{code}/attended`` and ``.../no-show`` -> ``{"booking"}``

Without ``STAFF_API_TOKEN`` the routes answer 503: personal data is never served openly.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from aiohttp import web

from bot.cli_bookings import booking_rows, list_bookings, parse_day
from bot.server import APP_KEY

MARKS = {"attended": "attended", "no-show": "no_show"}


def _authorised(request: web.Request) -> web.Response | None:
    """``None`` when the bearer token matches (compared in constant time), else the error."""
    token = request.app[APP_KEY].settings.staff_api_token
    if not token:
        return web.json_response({"error": "staff API disabled: set STAFF_API_TOKEN"}, status=503)
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        return web.json_response(
            {"error": "unauthorised"}, status=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return None


async def list_route(request: web.Request) -> web.Response:
    """Bookings of one day."""
    if (denied := _authorised(request)) is not None:
        return denied
    app = request.app[APP_KEY]
    raw = request.query.get("date", "")
    try:
        day = parse_day(raw) if raw else _today(app)
    except ValueError:
        return web.json_response({"error": "date must be YYYY-MM-DD"}, status=400)
    rows = await list_bookings(app, day)
    return web.json_response({"date": day.isoformat(), "bookings": rows})


async def mark_route(request: web.Request) -> web.Response:
    """Mark a booking attended or no-show."""
    if (denied := _authorised(request)) is not None:
        return denied
    app = request.app[APP_KEY]
    status = MARKS.get(request.match_info["mark"])
    code = request.match_info["code"].upper()
    if status is None:
        return web.json_response({"error": "use /attended or /no-show"}, status=404)
    async with app.uow() as uow:
        record = await uow.repos.bookings.mark(code, status, app.services.clock.now())
        await uow.commit()
    if record is None:
        return web.json_response({"error": f"no active booking {code}"}, status=404)
    return web.json_response({"booking": booking_rows([record])[0]})


def _today(app: Any) -> dt.date:
    from handlers.workdays import local_date

    return local_date(app.services.clock.now())


def setup(web_app: web.Application, app: Any) -> None:
    """Register the routes (``bot.server.SETUP_MODULES``)."""
    web_app.router.add_get("/api/staff/bookings", list_route)
    web_app.router.add_post("/api/staff/bookings/{code}/{mark}", mark_route)
