"""Thống kê: the period's charts (server-side SVG, ``charts``), each with its data table,
a date range, and the same figures as CSV (UTF-8 with a BOM so that Excel reads it).

An officer sees its ward's figures; the provincial admin every ward's with a table that
compares the wards (busiest first), or one ward's (``?ward=``)."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.staff.accounts import Session
from bot.staff.analytics import parse_period
from bot.staff.console import charts as draw
from bot.staff.console.guard import app_of, page
from bot.staff.console.html import esc, layout, table
from bot.staff.console.stats_data import charts
from bot.staff.console.wards import shown_ward, ward_choice, ward_name
from handlers.i18n import t
from handlers.workdays import local_date


def _period(request: web.Request) -> tuple[Any, Any, str]:
    today = local_date(app_of(request).services.clock.now())
    try:
        first, last = parse_period(request.query.get("from") or None,
                                   request.query.get("to") or None, today)  # fmt: skip
        return first, last, ""
    except ValueError:
        first, last = parse_period(None, None, today)
        return first, last, t("console.st_bad_period")


def _figure(chart: dict[str, Any]) -> str:
    fn = draw.columns if chart["kind"] == "columns" else draw.bars
    svg = fn(chart["id"], chart["title"], chart["labels"], chart["series"])
    heads = [t("console.st_label")] + [name for name, _v in chart["series"]]
    rows = [
        [esc(label)] + [esc(draw.num(values[i])) for _n, values in chart["series"]]
        for i, label in enumerate(chart["labels"])
    ]
    data = (
        table(heads, rows, caption=chart["title"])
        if rows
        else (f"<p>{esc(t('console.st_no_data'))}</p>")
    )
    return (
        f'<figure class="stat" aria-labelledby="{chart["id"]}-cap">'
        f'<figcaption id="{chart["id"]}-cap"><h2>{esc(chart["title"])}</h2></figcaption>'
        f'<div class="pair"><div class="svgbox">{svg}</div><div class="data">{data}</div></div>'
        "</figure>"
    )


@page()
async def stats(request: web.Request, s: Session) -> web.StreamResponse:
    """Every chart of the period."""
    first, last, problem = _period(request)
    ward = shown_ward(request, s)
    data, found = await charts(app_of(request), first, last, ward)
    query = urlencode({"from": first.isoformat(), "to": last.isoformat(), "ward": ward or ""})
    place = ward_name(request, ward) if ward else t("console.ward_all")
    summary = (
        place
        + ": "
        + t(
            "console.st_summary",
            turns=data["turns"],
            chats=data["chats"],
            questions=data["questions"]["total"],
            lookups=data["dossier_lookups"],
        )
    )
    body = (
        (f'<p class="error" role="alert">{esc(problem)}</p>' if problem else "")
        + '<form method="get" action="/staff/stats" class="inline">'
        f'<label for="from">{esc(t("console.st_from"))}</label>'
        f'<input id="from" name="from" type="date" value="{first.isoformat()}">'
        f'<label for="to">{esc(t("console.st_to"))}</label>'
        f'<input id="to" name="to" type="date" value="{last.isoformat()}">'
        + ward_choice(request, s, ward)
        + f'<button type="submit">{esc(t("console.show"))}</button> '
        f'<a href="/staff/stats.csv?{esc(query)}" download>{esc(t("console.st_csv"))}</a></form>'
        f'<p class="summary">{esc(summary)}</p>'
    )
    body += _compare(request, data.get("by_ward"), first, last)
    body += "".join(_figure(c) for c in found)
    return layout(request, s, "stats", t("console.nav_stats"), body)


COMPARED = ("turns", "chats", "questions", "unanswered", "handoffs", "handoffs_answered",
            "bookings", "dossier_lookups", "satisfaction_mean")  # fmt: skip


def _compare(
    request: web.Request, rows: list[dict[str, Any]] | None, first: Any, last: Any
) -> str:
    """The admin's ward-by-ward table (each ward's name opens its own figures)."""
    if not rows:
        return ""
    period = {"from": first.isoformat(), "to": last.isoformat()}

    def name(r: dict[str, Any]) -> str:
        label = esc(r["name"] or ward_name(request, r["ward"]))
        if r["ward"] is None:
            return label
        return (
            f'<a href="/staff/stats?{esc(urlencode({**period, "ward": r["ward"]}))}">{label}</a>'
        )

    cells = [[name(r)] + [esc(draw.num(r[k]) if r[k] is not None else "—") for k in COMPARED]
             for r in rows]  # fmt: skip
    heads = [t("console.ac_ward")] + [t("console.st_ward_" + k) for k in COMPARED]
    return f"<h2>{esc(t('console.st_compare'))}</h2>" + table(heads, cells, cls="compare")


@page()
async def stats_csv(request: web.Request, s: Session) -> web.StreamResponse:
    """``chart,label,series,value`` for every figure of the page."""
    first, last, _problem = _period(request)
    ward = shown_ward(request, s)
    _data, found = await charts(app_of(request), first, last, ward)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["chart", "label", "series", "value"])
    for chart in found:
        for name, values in chart["series"]:
            for label, value in zip(chart["labels"], values, strict=True):
                writer.writerow([chart["title"], label, name, draw.num(value)])
    name = f"thong-ke-{ward + '-' if ward else ''}{first.isoformat()}-{last.isoformat()}.csv"
    return web.Response(
        body=("\ufeff" + out.getvalue()).encode("utf-8"),
        headers={"Content-Type": "text/csv; charset=utf-8",
                 "Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/stats", stats)
    web_app.router.add_get("/staff/stats.csv", stats_csv)
