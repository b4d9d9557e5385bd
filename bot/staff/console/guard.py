"""Who may see a console page: the session cookie, the CSRF token, the admin role.

Every console route is wrapped in ``page``: no session -> an HTML page redirects to the login
(``?next=`` kept), a JSON route answers 401; a state-changing request without the session's
CSRF token (form field ``csrf`` or header ``X-CSRF-Token``) -> 403; an officer on an admin
page -> 403. Every answer carries a strict Content-Security-Policy (no inline script, nothing
from another origin) and is never cached.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.staff.accounts import Session, session_for
from bot.webapp import APP_KEY, json_response
from handlers.i18n import t

COOKIE = "tthc_staff"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
Handler = Callable[[web.Request, Session], Awaitable[web.StreamResponse]]


def redirect(location: str) -> web.Response:
    """A 303 to ``location`` (after a form: the reload does not post again)."""
    return web.Response(status=303, headers={"Location": location})


def secure_headers(resp: web.StreamResponse) -> web.StreamResponse:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "same-origin"
    resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def is_https(request: web.Request) -> bool:
    return request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"


def set_cookie(resp: web.StreamResponse, request: web.Request, token: str) -> None:
    """HttpOnly, SameSite=Strict, Secure behind HTTPS; a browser-session cookie (the idle
    timeout is enforced by the server)."""
    resp.set_cookie(
        COOKIE, token, path="/staff", httponly=True, samesite="Strict", secure=is_https(request)
    )


def _login_redirect(request: web.Request, expired: bool) -> web.StreamResponse:
    target = "/staff/login?next=" + quote(request.path_qs, safe="")
    if expired:
        target += "&expired=1"
    return secure_headers(redirect(target))


def forbidden(text_key: str, as_json: bool) -> web.StreamResponse:
    if as_json:
        return secure_headers(json_response({"error": t(text_key)}, status=403))
    from bot.staff.console.html import bare_page

    return secure_headers(bare_page(t("console.forbidden_title"), t(text_key), status=403))


async def csrf_given(request: web.Request) -> str:
    """The CSRF token a request carries (header first, else the form field)."""
    header = request.headers.get("X-CSRF-Token")
    if header:
        return header
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        value = form.get("csrf")
        return value if isinstance(value, str) else ""
    return ""


def csrf_ok(session: Session, given: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), session.csrf.encode())


def page(
    *, admin: bool = False, as_json: bool = False, own_csrf: bool = False
) -> Callable[[Handler], Callable[[web.Request], Awaitable[web.StreamResponse]]]:
    """Wrap a console route (see the module docstring). ``own_csrf``: the route checks the
    token itself (a streamed upload must not be read twice)."""

    def wrap(fn: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        @functools.wraps(fn)
        async def route(request: web.Request) -> web.StreamResponse:
            app = request.app[APP_KEY]
            token = request.cookies.get(COOKIE)
            session, expired = await session_for(app, token, touch=not as_json)
            if session is None:
                if as_json:
                    body = {"error": t("console.need_login"), "login": "/staff/login"}
                    return secure_headers(json_response(body, status=401))
                return _login_redirect(request, expired)
            if request.method not in ("GET", "HEAD") and not own_csrf:
                if not csrf_ok(session, await csrf_given(request)):
                    return forbidden("console.csrf_bad", as_json)
            if admin and not session.account.is_admin:
                return forbidden("console.admin_only", as_json)
            return secure_headers(await fn(request, session))

        return route

    return wrap


def app_of(request: web.Request) -> Any:
    return request.app[APP_KEY]
