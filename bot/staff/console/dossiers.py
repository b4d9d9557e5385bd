"""Hồ sơ: find a dossier by its receipt code however it is typed, change its status with a
note (subscribers are notified exactly as with ``dossiers set-status``), import a CSV.

The upload is streamed to a temporary file (no size limit of the in-memory form), imported
by ``bot.staff.dossier_import`` in batches, and answered with the per-row report; the page's
script shows the upload's progress for a large file. An officer finds, changes and imports
its ward's dossiers only (another ward's code is "not found"; an import's rows of another
ward are rejected, one of no ward is filed under the officer's).
"""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from bot.staff.accounts import Session, audit
from bot.staff.console.guard import app_of, forbidden, page, redirect
from bot.staff.console.html import csrf_field, esc, layout, table, when
from bot.staff.console.wards import shown_ward, ward_choice
from bot.staff.dossier_import import REASONS_VI, import_csv
from handlers.i18n import t
from handlers.status.dossier import STATUSES, canonical_status
from handlers.status.views import notify_changes

MAX_UPLOAD = 200 * 1024 * 1024
SHOWN_REJECTS = 500
RECENT = 20


def _find_form(q: str) -> str:
    return (
        '<form method="get" action="/staff/dossiers" class="inline" role="search">'
        f'<label for="q">{esc(t("console.dossier_code"))}</label>'
        f'<input id="q" name="q" value="{esc(q)}" placeholder="000.00.14.H20-200703-0002">'
        f'<button type="submit">{esc(t("console.find"))}</button></form>'
    )


def _import_form(s: Session) -> str:
    return (
        f"<h2>{esc(t('console.import_title'))}</h2>"
        f"<p>{esc(t('console.import_help'))}</p>"
        '<form method="post" action="/staff/dossiers/import" enctype="multipart/form-data" '
        f'class="upload" data-progress="import-progress">{csrf_field(s)}'
        f'<label for="csv">{esc(t("console.import_file"))}</label>'
        '<input id="csv" name="file" type="file" accept=".csv,text/csv" required>'
        f'<button type="submit">{esc(t("console.import_send"))}</button>'
        '<progress id="import-progress" max="100" value="0" hidden></progress></form>'
    )


def _dossier(s: Session, view: object) -> str:
    v = view.public()  # type: ignore[attr-defined]
    facts = [
        ("dossier_code", v["code"]), ("dossier_procedure", v["procedure_name"]),
        ("dossier_applicant", v["applicant"]), ("dossier_received", v["received_at"] or "—"),
        ("dossier_due", v["due_at"] or "—"), ("col_status", v["status"]),
        ("dossier_note", v["note"] or "—"),
    ]  # fmt: skip
    dl = "".join(f"<dt>{esc(t('console.' + k))}</dt><dd>{esc(val)}</dd>" for k, val in facts)
    history = [
        [esc(when(e.changed_at)), esc(e.status), esc(e.note or "")]
        for e in view.history  # type: ignore[attr-defined]
    ]
    options = "".join(
        f"<option{' selected' if name == v['status'] else ''}>{esc(name)}</option>"
        for name in STATUSES.values()
    )
    form = (
        f'<form method="post" action="/staff/dossiers/status" class="status">{csrf_field(s)}'
        f'<input type="hidden" name="code" value="{esc(v["code"])}">'
        f'<label for="status">{esc(t("console.dossier_new_status"))}</label>'
        f'<select id="status" name="status">{options}</select>'
        f'<label for="note">{esc(t("console.dossier_note"))}</label>'
        '<input id="note" name="note" maxlength="500">'
        f'<button type="submit">{esc(t("console.save"))}</button></form>'
    )
    cols = [t("console.col_time"), t("console.col_status"), t("console.dossier_note")]
    return (
        f"<dl class='context'>{dl}</dl>{form}<h2>{esc(t('console.dossier_history'))}</h2>"
        + table(cols, history)
    )


@page()
async def dossiers(request: web.Request, s: Session) -> web.StreamResponse:
    """The search box, the dossier found (with its status form), the CSV import."""
    from knowledge.intents import find_receipt_code

    q = request.query.get("q", "").strip()[:100]
    body = _find_form(q)
    if q:
        code = find_receipt_code(q)
        ward = s.scope.ward
        async with app_of(request).uow(read=True) as uow:
            view = await uow.repos.dossiers.get(code) if code else None
            if view is not None and not s.scope.sees(view.ward_code):
                view = None  # another ward's: as unknown
            tail = q[-8:].strip()
            near = [] if view else await uow.repos.dossiers.codes_ending(tail, 5, ward=ward)
        if view is not None:
            sent = request.query.get("sent")
            if sent is not None and sent.isdigit():
                body += f'<p class="notice">{esc(t("console.dossier_sent", count=sent))}</p>'
            body += _dossier(s, view)
        else:
            links = "".join(f'<li><a href="/staff/dossiers?q={esc(c)}">{esc(c)}</a></li>'
                            for c in near)  # fmt: skip
            body += f'<p class="error" role="alert">{esc(t("console.dossier_none"))}</p>'
            body += f"<ul>{links}</ul>" if links else ""
    else:
        body += await _recent(request, s)
    body += _import_form(s)
    return layout(request, s, "dossiers", t("console.nav_dossiers"), body)


async def _recent(request: web.Request, s: Session) -> str:
    """The dossiers changed last (of the ward shown: the admin may pick one), to open with
    one click."""
    ward = shown_ward(request, s)
    async with app_of(request).uow(read=True) as uow:
        views = await uow.repos.dossiers.recent(None, RECENT, 0, ward=ward)
    choice = ward_choice(request, s, ward)
    picker = (
        '<form method="get" action="/staff/dossiers" class="inline">'
        f'{choice}<button type="submit">{esc(t("console.show"))}</button></form>'
        if choice and s.scope.ward is None
        else (f"<p>{choice}</p>" if choice else "")
    )
    rows = [
        [f'<a href="/staff/dossiers?q={quote(v.code)}">{esc(v.code)}</a>', esc(v.procedure_name),
         esc(v.status), esc(when(v.updated_at))]
        for v in views
    ]  # fmt: skip
    cols = [t("console.dossier_code"), t("console.dossier_procedure"), t("console.col_status"),
            t("console.col_time")]  # fmt: skip
    return picker + (table(cols, rows, caption=t("console.dossier_recent")) if rows else "")


@page()
async def set_status(request: web.Request, s: Session) -> web.StreamResponse:
    """Change the status; the subscribers' notifications commit with the change."""
    form = await request.post()
    code = str(form.get("code", ""))[:64]
    status = canonical_status(str(form.get("status", "")))
    note = str(form.get("note", "")).strip()[:500] or None
    app = app_of(request)
    if status is None:
        return redirect(f"/staff/dossiers?q={quote(code)}")
    now = app.services.clock.now()
    async with app.uow() as uow:
        view = await uow.repos.dossiers.get(code, with_history=False)
        change = None
        if view is not None and s.scope.sees(view.ward_code):  # another ward's: untouched
            change = await uow.repos.dossiers.set_status(view.code, status, note, now)
        sent = await notify_changes(uow.repos, [change], now) if change else 0
        await uow.commit()
    if change is None:
        return redirect(f"/staff/dossiers?q={quote(code)}")
    if change.changed:
        await audit(app, s, "dossier_status", code, f"{status}; {note or ''}")
    return redirect(f"/staff/dossiers?q={quote(code)}&done=status&sent={sent}")


@page(own_csrf=True)
async def upload(request: web.Request, s: Session) -> web.StreamResponse:
    """Stream the CSV to disk, import it, show the per-row report."""
    reader = await request.multipart()
    token, path = request.headers.get("X-CSRF-Token", "")[:128], None
    with tempfile.TemporaryDirectory(prefix="tthc-import-") as tmp:
        while (part := await reader.next()) is not None:
            if part.name == "csrf":  # type: ignore[union-attr]
                token = (await part.text())[:128]  # type: ignore[union-attr]
            elif part.name == "file":  # type: ignore[union-attr]
                if not hmac.compare_digest(token.encode(), s.csrf.encode()):
                    break  # the token comes first in the form: nothing read without it
                path = Path(tmp) / "upload.csv"
                size = 0
                with path.open("wb") as fh:
                    while chunk := await part.read_chunk(1 << 16):  # type: ignore[union-attr]
                        size += len(chunk)
                        if size > MAX_UPLOAD:
                            return _report_page(request, s, t("console.import_too_big"))
                        fh.write(chunk)
        if not token or not hmac.compare_digest(token.encode(), s.csrf.encode()):
            return forbidden("console.csrf_bad", False)
        if path is None:
            return _report_page(request, s, t("console.import_no_file"))
        try:
            report = await import_csv(app_of(request), path, ward=s.scope.ward)
        except (ValueError, UnicodeDecodeError) as exc:
            return _report_page(request, s, t("console.import_bad_file", reason=str(exc)))
    await audit(app_of(request), s, "dossier_import", "csv", report.summary())
    rows = [
        [str(r.line), esc(r.code or "—"), esc(REASONS_VI.get(r.reason, r.reason)), esc(r.detail)]
        for r in report.rejected[:SHOWN_REJECTS]
    ]
    body = f'<p class="notice" role="status">{esc(report.summary())}</p>'
    if rows:
        cols = ["col_line", "dossier_code", "col_reason", "col_detail"]
        body += table([t("console." + c) for c in cols], rows,
                      caption=t("console.import_rejected", count=len(report.rejected)))  # fmt: skip
    body += f'<p><a href="/staff/dossiers">{esc(t("console.back"))}</a></p>'
    return layout(request, s, "dossiers", t("console.import_title"), body)


def _report_page(request: web.Request, s: Session, message: str) -> web.Response:
    body = (
        f'<p class="error" role="alert">{esc(message)}</p>'
        f'<p><a href="/staff/dossiers">{esc(t("console.back"))}</a></p>'
    )
    return layout(request, s, "dossiers", t("console.import_title"), body, status=400)


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/dossiers", dossiers)
    web_app.router.add_post("/staff/dossiers/status", set_status)
    web_app.router.add_post("/staff/dossiers/import", upload)
