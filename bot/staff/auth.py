"""The staff API's bearer token check (``STAFF_API_TOKEN``, compared in constant time)."""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from bot.webapp import APP_KEY, json_response


def error(status: int, message: str, **extra: Any) -> web.Response:
    return json_response({"error": message, **extra}, status=status)


def check_token(request: web.Request) -> web.Response | None:
    """None when the request carries the staff bearer token, else the error response."""
    token = request.app[APP_KEY].settings.staff_api_token
    if not token:
        return error(503, "staff API disabled: set STAFF_API_TOKEN")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    ok = hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))
    if scheme.lower() != "bearer" or not ok:
        return json_response(
            {"error": "unauthorised"}, status=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return None
