"""Lịch hẹn: a day's appointments by programme, attended / no-show, a print view.

Staff need the full name and phone to serve the citizen, so this page shows them (it is
behind the login, like ``bookings list``); the print view is the sheet for a help desk in a
hamlet without a computer. An officer sees and marks its ward's appointments only; the admin
every ward's, or one's (``?ward=``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.staff.accounts import Session, audit
from bot.staff.bookings import list_bookings, parse_day
from bot.staff.console.guard import app_of, page, redirect
from bot.staff.console.html import bare_page, csrf_field, esc, layout, table
from bot.staff.console.wards import shown_ward, ward_choice
from handlers.i18n import t
from handlers.workdays import local_date

MARKS = ("attended", "no_show")


def _day_and_programme(request: web.Request) -> tuple[dt.date, str]:
    raw = request.query.get("date", "")
    try:
        day = parse_day(raw) if raw else local_date(app_of(request).services.clock.now())
    except ValueError:
        day = local_date(app_of(request).services.clock.now())
    return day, request.query.get("programme", "")[:40]


async def _rows(request: web.Request, s: Session) -> tuple[dt.date, str, list[dict[str, Any]]]:
    day, programme = _day_and_programme(request)
    rows = await list_bookings(app_of(request), day, shown_ward(request, s))
    if programme:
        rows = [r for r in rows if r["programme_id"] == programme]
    return day, programme, rows


def _filters(request: web.Request, s: Session, day: dt.date, programme: str) -> str:
    from knowledge.programmes import load_programmes

    ward = shown_ward(request, s)
    options = [f'<option value="">{esc(t("console.bk_all"))}</option>'] + [
        f'<option value="{esc(p.id)}"{" selected" if p.id == programme else ""}>'
        f"{esc(p.name)}</option>"
        for p in load_programmes().programmes
        if ward is None or p.ward in (None, "", ward)
    ]
    query = urlencode({"date": day.isoformat(), "programme": programme, "ward": ward or ""})
    return (
        '<form method="get" action="/staff/bookings" class="inline">'
        f'<label for="date">{esc(t("console.bk_day"))}</label>'
        f'<input id="date" name="date" type="date" value="{day.isoformat()}">'
        f'<label for="programme">{esc(t("console.bk_programme"))}</label>'
        f'<select id="programme" name="programme">{"".join(options)}</select>'
        + ward_choice(request, s, ward)
        + f'<button type="submit">{esc(t("console.show"))}</button>'
        f' <a href="/staff/bookings/print?{esc(query)}">{esc(t("console.bk_print"))}</a></form>'
    )


def _mark_form(s: Session, r: dict[str, Any], back: str) -> str:
    if r["status"] == "cancelled":
        return ""
    buttons = "".join(
        f'<button type="submit" name="mark" value="{m}">{esc(t("console.bk_mark_" + m))}</button>'
        for m in MARKS
        if r["status"] != m
    )
    return (
        f'<form method="post" action="/staff/bookings/{esc(r["code"])}/mark" class="marks">'
        f'{csrf_field(s)}<input type="hidden" name="back" value="{esc(back)}">{buttons}</form>'
    )


def _status(r: dict[str, Any]) -> str:
    return esc(t("console.bk_status_" + r["status"]))


@page()
async def bookings(request: web.Request, s: Session) -> web.StreamResponse:
    """One day's appointments with the marking buttons."""
    day, programme, rows = await _rows(request, s)
    ward = shown_ward(request, s) or ""
    back = "/staff/bookings?" + urlencode(
        {"date": day.isoformat(), "programme": programme, "ward": ward}
    )
    cells = [
        [
            esc(f"{r['start']}-{r['end']}"), esc(r["code"]), esc(r["full_name"]),
            esc(r["phone"]), esc(r["programme"]), esc("; ".join(x for x in (r["address"],
            r["need"]) if x)), _status(r), _mark_form(s, r, back),
        ]
        for r in rows
    ]  # fmt: skip
    body = _filters(request, s, day, programme)
    cols = ["time", "code", "name", "phone", "programme", "need", "status", "action"]
    body += (
        table([t("console.bk_col_" + c) for c in cols], cells, caption=t(
            "console.bk_caption", day=day.strftime("%d/%m/%Y"), count=len(rows)))
        if rows else f"<p>{esc(t('console.bk_none'))}</p>"
    )  # fmt: skip
    return layout(request, s, "bookings", t("console.nav_bookings"), body)


@page()
async def mark(request: web.Request, s: Session) -> web.StreamResponse:
    """Attended or no-show; back to the day's list."""
    form = await request.post()
    status = str(form.get("mark", ""))
    back = str(form.get("back", ""))
    back = back if back.startswith("/staff/bookings") else "/staff/bookings"
    code = request.match_info["code"].upper()[:16]
    if status not in MARKS:
        return redirect(back)
    app = app_of(request)
    async with app.uow() as uow:
        found = await uow.repos.bookings.get(code)
        record = None
        if found is not None and s.scope.sees(found.ward_code):  # another ward's: untouched
            record = await uow.repos.bookings.mark(code, status, app.services.clock.now())
        await uow.commit()
    if record is not None:
        await audit(app, s, "booking_" + status, code)
    return redirect(back + ("&" if "?" in back else "?") + "done=marked")


@page()
async def print_view(request: web.Request, s: Session) -> web.StreamResponse:
    """A plain sheet: no navigation, a signature column, printed by the browser."""
    day, _programme, rows = await _rows(request, s)
    cells = [
        [esc(f"{r['start']}-{r['end']}"), esc(r["code"]), esc(r["full_name"]), esc(r["phone"]),
         esc(r["programme"]), esc(r["need"]), _status(r), ""]
        for r in rows
    ]  # fmt: skip
    cols = ["time", "code", "name", "phone", "programme", "need", "status", "signature"]
    title = t("console.bk_print_title", day=day.strftime("%d/%m/%Y"))
    body = (
        table([t("console.bk_col_" + c) for c in cols], cells, cls="print")
        if rows
        else (f"<p>{esc(t('console.bk_none'))}</p>")
    )
    return bare_page(title, body + '<p class="noprint"><button type="button" data-print>'
                     f'{esc(t("console.bk_print_now"))}</button></p>', raw=True)  # fmt: skip


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/bookings", bookings)
    web_app.router.add_get("/staff/bookings/print", print_view)
    web_app.router.add_post("/staff/bookings/{code}/mark", mark)
