"""The staff API's bearer tokens, compared in constant time: ``STAFF_API_TOKEN`` is the
provincial admin's (every ward), ``STAFF_WARD_TOKENS`` gives each ward officer a token that
sees only that ward's bookings, dossiers, handoffs and analytics (``Scope``)."""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from bot.staff.scope import Scope
from bot.webapp import APP_KEY, json_response

__all__ = ["Scope", "error", "staff_scope", "ward_param"]


def error(status: int, message: str, **extra: Any) -> web.Response:
    return json_response({"error": message, **extra}, status=status)


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def staff_scope(request: web.Request) -> Scope | web.Response:
    """The caller's scope from its bearer token, else the error response (503 when no token
    is configured at all, 401 for a missing or wrong one)."""
    settings = request.app[APP_KEY].settings
    wards = settings.ward_tokens()
    if not settings.staff_api_token and not wards:
        return error(503, "staff API disabled: set STAFF_API_TOKEN")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    given = given.strip()
    if scheme.lower() == "bearer" and given:
        if settings.staff_api_token and _same(given, settings.staff_api_token):
            return Scope()
        # every token compared, so the time taken does not tell which one was near
        found = [ward for token, ward in wards.items() if _same(given, token)]
        if found:
            return Scope(found[0])
    return json_response(
        {"error": "unauthorised"}, status=401, headers={"WWW-Authenticate": "Bearer"}
    )


def ward_param(request: web.Request, scope: Scope) -> str | None | web.Response:
    """The ``?ward=`` a request asks for within its scope: an officer gets their own ward
    (another one is 403), the admin any known ward (400 for an unknown one) or all."""
    asked = request.query.get("ward", "").strip() or None
    if scope.ward is not None:
        if asked is not None and asked != scope.ward:
            return error(403, "this token sees only ward " + scope.ward)
        return scope.ward
    places = request.app[APP_KEY].services.localities
    if asked is not None and (places is None or places.get(asked) is None):
        return error(400, "ward must be the code of a commune/ward")
    return asked
