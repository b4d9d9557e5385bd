"""Tri thức: what staff must re-check in the knowledge base.

- the catalogue in use (source, retrieval and import dates, count);
- the curated overlays by verification date: one verified before the catalogue was last
  imported may describe a record the portal has changed since (``kb import-portal`` prints
  the exact field diff when it runs; this page lists the candidates between imports);
- the card audit of ``tthc-bot kb audit`` (``knowledge.audit``), computed once per process
  (a few seconds) and kept, since the knowledge only changes with a restart.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from aiohttp import web

from bot.staff.accounts import Session
from bot.staff.console.guard import app_of, page
from bot.staff.console.html import esc, layout, table
from handlers.i18n import t

STALE_DAYS = 365  # an overlay not re-checked for a year is due whatever the catalogue says
_AUDIT = "console_audit"


async def _audit(app: Any) -> Any:
    """The audit report (cached on the app's services)."""
    cached = app.services.extra.get(_AUDIT)
    if cached is not None:
        return cached
    from bot.cli.kb_cards import rendered_fields_async
    from knowledge.audit import audit

    kb = app.services.kb
    rendered = await rendered_fields_async(kb)
    today = dt.date.today()
    found = await asyncio.to_thread(lambda: audit(kb.procedures, today=today, rendered=rendered))
    app.services.extra[_AUDIT] = found
    return found


def _overlays(app: Any, imported: dt.date | None, today: dt.date) -> list[list[str]]:
    rows = []
    for proc in app.services.kb.procedures:
        if not proc.curated:
            continue
        verified = proc.verified_on
        reasons = []
        if verified is None:
            reasons.append(t("console.kn_never"))
        else:
            if imported is not None and verified < imported:
                reasons.append(t("console.kn_before_import"))
            if (today - verified).days > STALE_DAYS:
                reasons.append(t("console.kn_old", days=STALE_DAYS))
        rows.append((verified or dt.date.min, proc, reasons))
    rows.sort(key=lambda r: (not r[2], r[0]))
    return [
        [esc(p.code), esc(p.display_name), esc(v.strftime("%d/%m/%Y") if v != dt.date.min
         else "—"), esc("; ".join(reasons) or t("console.kn_ok"))]
        for v, p, reasons in rows
    ]  # fmt: skip


@page()
async def knowledge(request: web.Request, s: Session) -> web.StreamResponse:
    """Catalogue provenance, overlays to re-check, the audit."""
    from knowledge.audit import CHECKS

    app = app_of(request)
    meta = dict(app.services.kb.meta or {}) if app.services.kb is not None else {}
    imported = None
    try:
        imported = dt.date.fromisoformat(str(meta.get("imported_on")))
    except ValueError:
        pass
    today = app.services.clock.now().date()
    facts = "".join(
        f"<dt>{esc(t('console.kn_' + k))}</dt><dd>{esc(meta.get(k) or '—')}</dd>"
        for k in ("source", "retrieved", "imported_on", "count")
    )
    body = f"<h2>{esc(t('console.kn_catalogue'))}</h2><dl class='context'>{facts}</dl>"
    cols = [t("console.kn_code"), t("console.kn_name"), t("console.kn_verified"),
            t("console.kn_reason")]  # fmt: skip
    body += f"<h2>{esc(t('console.kn_overlays'))}</h2>" + table(
        cols, _overlays(app, imported, today)
    )
    report = await _audit(app)
    rows = [
        [esc(check), str(len(report.codes(check))), esc(", ".join(report.codes(check, "curated"))
         or "—"), esc(", ".join(report.codes(check, "commune")[:30]) or "—")]
        for check in CHECKS
    ]  # fmt: skip
    body += f"<h2>{esc(t('console.kn_audit', total=report.total))}</h2>" + table(
        [t("console.kn_check"), t("console.kn_cards"), t("console.kn_curated"),
         t("console.kn_commune")], rows)  # fmt: skip
    return layout(request, s, "knowledge", t("console.nav_knowledge"), body)


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/knowledge", knowledge)
