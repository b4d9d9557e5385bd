"""Tài khoản (admins only): the accounts with their ward, adding one (an officer with its
ward), disabling or enabling one, and the audit log of staff actions (who did what, to which
dossier, booking or handoff, when)."""

from __future__ import annotations

from aiohttp import web

from bot.staff.accounts import ROLES, AccountError, Session, add_account, set_disabled
from bot.staff.console.guard import app_of, page, redirect
from bot.staff.console.html import csrf_field, esc, layout, table, when
from bot.staff.console.wards import ward_name
from handlers.i18n import t


def _add_form(s: Session) -> str:
    options = "".join(f'<option value="{r}">{esc(t("console.role_" + r))}</option>' for r in ROLES)
    return (
        f"<h2>{esc(t('console.ac_add'))}</h2>"
        f'<form method="post" action="/staff/accounts" class="stack">{csrf_field(s)}'
        f'<label for="new-username">{esc(t("console.username"))}</label>'
        '<input id="new-username" name="username" required maxlength="64" autocomplete="off">'
        f'<label for="new-role">{esc(t("console.ac_role"))}</label>'
        f'<select id="new-role" name="role">{options}</select>'
        f'<label for="new-ward">{esc(t("console.ac_ward"))}</label>'
        '<input id="new-ward" name="ward" maxlength="80" autocomplete="off" '
        'aria-describedby="new-ward-help">'
        f'<small id="new-ward-help">{esc(t("console.ac_ward_help"))}</small>'
        f'<label for="new-password">{esc(t("console.password"))}</label>'
        '<input id="new-password" name="password" type="password" required minlength="8" '
        'autocomplete="new-password">'
        f'<button type="submit">{esc(t("console.ac_add"))}</button></form>'
    )


def _toggle(s: Session, username: str, disabled: bool) -> str:
    if username == s.account.username:
        return ""  # an admin never locks themself out
    verb = "enable" if disabled else "disable"
    return (
        f'<form method="post" action="/staff/accounts/{esc(username)}/{verb}">{csrf_field(s)}'
        f'<button type="submit" class="secondary">{esc(t("console.ac_" + verb))}</button></form>'
    )


async def _page(request: web.Request, s: Session, error: str = "", status: int = 200):
    async with app_of(request).uow() as uow:
        accounts = await uow.repos.staff.accounts()
        log = await uow.repos.staff.audit_log(200)
    rows = [
        [esc(a.username), esc(t("console.role_" + a.role)),
         esc(ward_name(request, a.ward_code) if a.ward_code else t("console.ward_all")),
         esc(t("console.ac_disabled") if a.disabled else t("console.ac_active")),
         esc(when(a.last_login_at)), _toggle(s, a.username, a.disabled)]
        for a in accounts
    ]  # fmt: skip
    cols = ["username", "ac_role", "ac_ward", "col_status", "ac_last_login", "un_action"]
    body = (f'<p class="error" role="alert">{esc(error)}</p>' if error else "") + table(
        [t("console." + c) for c in cols], rows
    )
    body += _add_form(s)
    audit_rows = [
        [esc(when(e.at)), esc(e.username), esc(e.action), esc(e.target), esc(e.detail)]
        for e in log
    ]
    body += f"<h2>{esc(t('console.ac_audit'))}</h2>" + table(
        [t("console.col_time"), t("console.un_staff"), t("console.ac_action"),
         t("console.ac_target"), t("console.col_detail")], audit_rows)  # fmt: skip
    return layout(request, s, "accounts", t("console.nav_accounts"), body, status=status)


@page(admin=True)
async def accounts(request: web.Request, s: Session) -> web.StreamResponse:
    return await _page(request, s)


@page(admin=True)
async def add(request: web.Request, s: Session) -> web.StreamResponse:
    form = await request.post()
    try:
        await add_account(app_of(request), str(form.get("username", "")),
                          str(form.get("role", "")), str(form.get("password", "")),
                          s.account.username, str(form.get("ward", "")))  # fmt: skip
    except AccountError as exc:
        return await _page(request, s, t(exc.key, **exc.params), status=400)
    return redirect("/staff/accounts?done=account_added")


@page(admin=True)
async def toggle(request: web.Request, s: Session) -> web.StreamResponse:
    username, verb = request.match_info["username"], request.match_info["verb"]
    if verb not in ("disable", "enable") or username == s.account.username:
        return redirect("/staff/accounts")
    try:
        await set_disabled(app_of(request), username, verb == "disable", s.account.username)
    except AccountError as exc:
        return await _page(request, s, t(exc.key, **exc.params), status=404)
    return redirect(f"/staff/accounts?done=account_{verb}d")


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/accounts", accounts)
    web_app.router.add_post("/staff/accounts", add)
    web_app.router.add_post("/staff/accounts/{username}/{verb}", toggle)
