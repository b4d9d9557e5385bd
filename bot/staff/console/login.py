"""``/staff/login`` and ``/staff/logout``.

The login form has its own CSRF token (a random value in a SameSite=Strict cookie and in the
form, compared on POST), since there is no session yet to hold one. A wrong name and a wrong
password get the same answer; the 5th wrong password in a row locks the account and says so.
"""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

from bot.staff.accounts import AccountError, Session, login, logout
from bot.staff.console.guard import (
    COOKIE,
    app_of,
    is_https,
    page,
    redirect,
    secure_headers,
    set_cookie,
)
from bot.staff.console.html import bare_page, esc
from handlers.i18n import t

PRE = "tthc_staff_login"


def _safe_next(value: str | None) -> str:
    """Only a console path (no open redirect to another site)."""
    if value and value.startswith("/staff") and not value.startswith("//"):
        return value
    return "/staff/inbox"


def _form(token: str, nxt: str, message: str = "", username: str = "") -> str:
    alert = f'<p class="error" role="alert">{esc(message)}</p>' if message else ""
    return (
        f'{alert}<form method="post" action="/staff/login" class="login">'
        f'<input type="hidden" name="csrf" value="{esc(token)}">'
        f'<input type="hidden" name="next" value="{esc(nxt)}">'
        f'<label for="username">{esc(t("console.username"))}</label>'
        f'<input id="username" name="username" autocomplete="username" required '
        f'value="{esc(username)}" autofocus>'
        f'<label for="password">{esc(t("console.password"))}</label>'
        f'<input id="password" name="password" type="password" '
        f'autocomplete="current-password" required>'
        f'<button type="submit">{esc(t("console.login"))}</button></form>'
    )


def _login_page(request: web.Request, message: str = "", username: str = "", status: int = 200):
    token = request.cookies.get(PRE) or secrets.token_urlsafe(24)
    nxt = _safe_next(request.query.get("next") or None)
    resp = bare_page(
        t("console.login_title"), _form(token, nxt, message, username), status=status, raw=True
    )
    resp.set_cookie(
        PRE, token, path="/staff", httponly=True, samesite="Strict", secure=is_https(request)
    )
    return secure_headers(resp)


async def login_form(request: web.Request) -> web.StreamResponse:
    """The login page (with a notice when an idle session just ended)."""
    message = t("console.session_expired") if request.query.get("expired") else ""
    return _login_page(request, message)


async def login_post(request: web.Request) -> web.StreamResponse:
    """Check the password; a session cookie and a redirect, or the form with the reason."""
    form = await request.post()
    given, expected = str(form.get("csrf", "")), request.cookies.get(PRE, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return secure_headers(bare_page(t("console.forbidden_title"), t("console.csrf_bad"), 403))
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    try:
        token, _session = await login(app_of(request), username, password)
    except AccountError as exc:
        return _login_page(request, t(exc.key, **exc.params), username[:64], status=401)
    resp = redirect(_safe_next(str(form.get("next", "")) or None))
    set_cookie(resp, request, token)
    resp.del_cookie(PRE, path="/staff")
    return secure_headers(resp)


@page()
async def logout_post(request: web.Request, s: Session) -> web.StreamResponse:
    """End the session."""
    await logout(app_of(request), s)
    resp = redirect("/staff/login")
    resp.del_cookie(COOKIE, path="/staff")
    return resp


@page()
async def home(request: web.Request, s: Session) -> web.StreamResponse:
    return redirect("/staff/inbox")
