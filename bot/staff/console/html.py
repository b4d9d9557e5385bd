"""The console's HTML: one layout, escaping, small form helpers.

Pages are built server-side from escaped strings (``esc`` on everything that comes from a
citizen, a file or a form), so a citizen's ``<img onerror=...>`` is shown as text. No
template engine: the pages are small and one escaping rule is easier to check than two.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from aiohttp import web

from bot.staff.accounts import Session
from handlers.context import VN_TZ
from handlers.i18n import t

NAV = (
    ("inbox", "/staff/inbox"),
    ("dossiers", "/staff/dossiers"),
    ("bookings", "/staff/bookings"),
    ("stats", "/staff/stats"),
    ("unanswered", "/staff/unanswered"),
    ("knowledge", "/staff/knowledge"),
)
# ``?done=`` notices a page may show after a redirect (nothing else is echoed)
DONE = {
    "replied", "closed", "status", "marked", "suggested", "account_added", "account_disabled",
    "account_enabled",
}  # fmt: skip


def text_or(key: str, fallback: str, **params: Any) -> str:
    """``t(key)``, or ``t(fallback)`` when ``key`` has no text (a value from the data)."""
    try:
        return t(key, **params)
    except KeyError:
        return t(fallback, **params)


def esc(value: Any) -> str:
    """Text as HTML (quotes too: safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def when(moment: dt.datetime | None) -> str:
    """A time as staff read it: local, ``dd/mm/yyyy HH:MM``."""
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if moment else "—"


def csrf_field(s: Session) -> str:
    return f'<input type="hidden" name="csrf" value="{esc(s.csrf)}">'


def _head(title: str, s: Session | None) -> str:
    csrf = f'<meta name="csrf" content="{esc(s.csrf)}">' if s else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · {esc(t('console.brand'))}</title>{csrf}"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/staff/static/console.css">'
        '<script src="/staff/static/console.js" defer></script></head>'
    )


def _nav(s: Session, active: str) -> str:
    current = ' aria-current="page"'
    items = [
        f'<li><a href="{href}"{current if key == active else ""}>'
        f"{esc(t('console.nav_' + key))}</a></li>"
        for key, href in NAV
    ]
    if s.account.is_admin:
        mark = current if active == "accounts" else ""
        items.append(
            f'<li><a href="/staff/accounts"{mark}>{esc(t("console.nav_accounts"))}</a></li>'
        )
    logout = (
        f'<form method="post" action="/staff/logout" class="logout">{csrf_field(s)}'
        f"<span>{esc(s.account.username)} ({esc(t('console.role_' + s.account.role))})</span> "
        f'<button type="submit">{esc(t("console.logout"))}</button></form>'
    )
    return (
        f'<header><a class="skip" href="#main">{esc(t("console.skip"))}</a>'
        f'<strong class="brand">{esc(t("console.brand"))}</strong>'
        f'<nav aria-label="{esc(t("console.nav_label"))}"><ul>{"".join(items)}</ul></nav>'
        f"{logout}</header>"
    )


def layout(
    request: web.Request, s: Session, active: str, title: str, body: str, status: int = 200
) -> web.Response:
    """A console page: navigation, the ``?done=`` notice, the body."""
    done = request.query.get("done", "")
    notice = (
        f'<p class="notice" role="status">{esc(t("console.done_" + done))}</p>'
        if done in DONE
        else ""
    )
    page = (
        f'{_head(title, s)}<body>{_nav(s, active)}<main id="main" tabindex="-1">'
        f"<h1>{esc(title)}</h1>{notice}{body}</main></body></html>"
    )
    return web.Response(text=page, content_type="text/html", status=status)


def bare_page(title: str, body_html: str, status: int = 200, raw: bool = False) -> web.Response:
    """A page without navigation (login, errors, print view); ``raw``: body is HTML."""
    body = body_html if raw else f"<p>{esc(body_html)}</p>"
    page = (
        f'{_head(title, None)}<body class="bare"><main id="main">'
        f"<h1>{esc(title)}</h1>{body}</main></body></html>"
    )
    return web.Response(text=page, content_type="text/html", status=status)


def table(headers: list[str], rows: list[list[str]], caption: str = "", cls: str = "") -> str:
    """A data table; cells are already HTML (escape them first)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<div class="scroll"><table{klass}>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
