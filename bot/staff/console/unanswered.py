"""Câu hỏi chưa trả lời: the questions the bot could not answer, grouped by similar wording
(``bot.staff.analytics.group_similar``), each with "suggest as alias of procedure X".

A suggestion is appended to a CSV file (``ALIAS_SUGGESTIONS_PATH``) for a person to review
and copy into the curated overlay; the knowledge YAML is never edited from the web.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.staff.accounts import Session, audit
from bot.staff.analytics import parse_period, report
from bot.staff.console.guard import app_of, page, redirect
from bot.staff.console.html import csrf_field, esc, layout, table, when
from bot.staff.console.wards import shown_ward, ward_choice
from handlers.i18n import t
from handlers.workdays import local_date

COLUMNS = ["suggested_at", "staff", "procedure_code", "procedure_name", "alias", "count"]
MAX_ALIAS = 200
_LOCK = asyncio.Lock()  # one writer per process; each row is one short append


def _path(app: Any) -> Path:
    return Path(app.settings.alias_suggestions_path)


def read_suggestions(path: Path) -> list[dict[str, str]]:
    """The suggestions written so far (newest last)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _append(path: Path, row: dict[str, str]) -> bool:
    """Append one row; False when the same alias of the same procedure is there already."""
    existing = read_suggestions(path)
    if any(
        r.get("procedure_code") == row["procedure_code"]
        and r.get("alias", "").casefold() == row["alias"].casefold()
        for r in existing
    ):
        return False  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with path.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        if new:
            writer.writeheader()
        writer.writerow(row)
    return True


def _guess(app: Any, text: str) -> str:
    index = app.services.index
    try:
        found = index.search(text, 1) if index is not None else []
    except Exception:  # a guess only: never break the page
        return ""
    return found[0].code if found else ""


def _group(s: Session, app: Any, g: dict[str, Any], back: str, n: int) -> list[str]:
    examples = "".join(f"<li>{esc(e)}</li>" for e in g["examples"])
    form = (
        f'<form method="post" action="/staff/unanswered/suggest" class="suggest">'
        f'{csrf_field(s)}<input type="hidden" name="back" value="{esc(back)}">'
        f'<input type="hidden" name="count" value="{g["count"]}">'
        f'<label for="alias-{n}">{esc(t("console.un_alias"))}</label>'
        f'<input id="alias-{n}" name="alias" value="{esc(g["text"])}" maxlength="{MAX_ALIAS}">'
        f'<label for="code-{n}">{esc(t("console.un_code"))}</label>'
        f'<input id="code-{n}" name="code" value="{esc(_guess(app, g["text"]))}" required '
        'maxlength="32">'
        f'<button type="submit">{esc(t("console.un_suggest"))}</button></form>'
    )
    return [str(g["count"]), f"<ul>{examples}</ul>", form]


def _ward_form(request: web.Request, s: Session, period: dict[str, str], ward: str | None) -> str:
    """An officer's ward named; the admin's choice of a ward for the same period."""
    choice = ward_choice(request, s, ward)
    if not choice or s.scope.ward is not None:
        return f"<p>{choice}</p>" if choice else ""
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{esc(v)}">' for k, v in period.items()
    )
    return (
        f'<form method="get" action="/staff/unanswered" class="inline">{hidden}{choice}'
        f'<button type="submit">{esc(t("console.show"))}</button></form>'
    )


@page()
async def unanswered(request: web.Request, s: Session) -> web.StreamResponse:
    """The grouped questions of a period (default: the last 30 days) and the suggestions."""
    app = app_of(request)
    today = local_date(app.services.clock.now())
    try:
        first, last = parse_period(request.query.get("from") or None,
                                   request.query.get("to") or None, today)  # fmt: skip
    except ValueError:
        first, last = today - dt.timedelta(days=29), today
    if not request.query.get("from"):
        first = last - dt.timedelta(days=29)
    ward = shown_ward(request, s)
    data = await report(app, first, last, ward)
    period = {"from": first.isoformat(), "to": last.isoformat()}
    back = "/staff/unanswered?" + urlencode({**period, "ward": ward or ""})
    rows = [_group(s, app, g, back, n) for n, g in enumerate(data["unanswered"])]
    help_text = t(
        "console.un_help", first=first.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y")
    )
    body = f"<p>{esc(help_text)}</p>" + _ward_form(request, s, period, ward)
    cols = [t("console.un_count"), t("console.un_examples"), t("console.un_action")]
    body += table(cols, rows) if rows else f"<p>{esc(t('console.un_none'))}</p>"
    made = read_suggestions(_path(app))[-50:]
    if made:
        body += f"<h2>{esc(t('console.un_made', path=str(_path(app))))}</h2>" + table(
            [t("console.col_time"), t("console.un_staff"), t("console.un_code"),
             t("console.un_alias")],
            [[esc(r.get("suggested_at", "")), esc(r.get("staff", "")),
              esc(f"{r.get('procedure_code', '')} {r.get('procedure_name', '')}"),
              esc(r.get("alias", ""))] for r in reversed(made)],
        )  # fmt: skip
    return layout(request, s, "unanswered", t("console.nav_unanswered"), body)


@page()
async def suggest(request: web.Request, s: Session) -> web.StreamResponse:
    """Write one suggestion (an unknown procedure code is refused with the reason)."""
    app = app_of(request)
    form = await request.post()
    alias = " ".join(str(form.get("alias", "")).split())[:MAX_ALIAS]
    code = str(form.get("code", "")).strip()[:32]
    back = str(form.get("back", ""))
    back = back if back.startswith("/staff/unanswered") else "/staff/unanswered"
    proc = app.services.kb.get(code) if app.services.kb is not None and code else None
    if proc is None or not alias:
        key = "console.un_bad_code" if alias else "console.un_bad_alias"
        body = (f'<p class="error" role="alert">{esc(t(key, code=code))}</p>'
                f'<p><a href="{esc(back)}">{esc(t("console.back"))}</a></p>')  # fmt: skip
        return layout(request, s, "unanswered", t("console.nav_unanswered"), body, status=400)
    row = {
        "suggested_at": when(app.services.clock.now()), "staff": s.account.username,
        "procedure_code": code, "procedure_name": str(proc.display_name), "alias": alias,
        "count": str(form.get("count", ""))[:8],
    }  # fmt: skip
    async with _LOCK:
        added = await asyncio.to_thread(_append, _path(app), row)
    if added:
        await audit(app, s, "alias_suggest", code, alias)
    return redirect(back + "&done=suggested")


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/unanswered", unanswered)
    web_app.router.add_post("/staff/unanswered/suggest", suggest)
