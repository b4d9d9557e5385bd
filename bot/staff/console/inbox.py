"""Hộp thư: open handoffs and tickets, a thread with its context, a reply box, close.

Replies and closing go through ``bot.staff.handoffs`` (the same path as the staff API and the
Telegram group): the citizen gets them on their own channel, exactly once. An officer sees
its ward's handoffs only (another ward's is "not found"); the admin every ward's, or one's. The thread page
polls ``/staff/api/inbox/{id}?after=N`` every few seconds (``console.js``) so new citizen
messages appear without a reload; the JSON carries text only and the script inserts it as
text (never as HTML).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.staff import handoffs as service
from bot.staff.accounts import Session, audit
from bot.staff.console.guard import app_of, page, redirect
from bot.staff.console.html import csrf_field, esc, layout, table, text_or, when
from bot.staff.console.wards import shown_ward, ward_choice, ward_name
from bot.staff.scope import NO_WARD
from bot.webapp import json_response
from handlers.i18n import t

FILTERS = ("active", "waiting", "open", "closed")


def _status(h: Any) -> str:
    text = t(f"console.ho_status_{h.status}")
    return text + (f" · {t('console.ho_ticket')}" if h.mode == "ticket" else "")


async def _found(request: web.Request, s: Session) -> tuple[str, list[dict[str, Any]]]:
    """The shown filter and its handoffs as plain rows (the table and its poll share them)."""
    shown = request.query.get("status", "active")
    shown = shown if shown in FILTERS else "active"
    ward = shown_ward(request, s, unknown=True)
    async with app_of(request).uow(read=True) as uow:
        if shown == "active":
            found = await uow.repos.handoffs.recent("waiting", 200, ward=ward)
            found += await uow.repos.handoffs.recent("open", 200, ward=ward)
        else:
            found = await uow.repos.handoffs.recent(shown, 200, ward=ward)
    rows = [
        {"id": h.id, "code": h.code, "status": _status(h), "channel": h.channel,
         "citizen": h.citizen or "—", "topic": _topic(h.context), "created": when(h.created_at),
         "ward": ward_name(request, h.ward_code)}
        for h in found
    ]  # fmt: skip
    return shown, rows


@page()
async def inbox(request: web.Request, s: Session) -> web.StreamResponse:
    """Open handoffs and tickets (waiting first), or one status; new ones appear by polling
    ``/staff/api/inbox`` (``console.js``)."""
    shown, found = await _found(request, s)
    ward = shown_ward(request, s, unknown=True)
    keys = ["status", "channel", "citizen", "topic", "created"]
    if s.scope.ward is None and ward is None:  # every ward's: say whose each one is
        keys.insert(0, "ward")
    rows = [
        [f'<a href="/staff/inbox/{r["id"]}">{esc(r["code"])}</a>'] + [esc(r[k]) for k in keys]
        for r in found
    ]
    heads = ["code", *keys]
    keep = f"&ward={quote(ward or NO_WARD)}" if ward is not None and s.scope.ward is None else ""
    body = (
        _ward_form(request, s, shown, ward) + f'<p class="tabs">{_tabs(shown, keep)}</p>'
        f'<p id="inbox-empty"{"" if not rows else " hidden"}>{esc(t("console.inbox_empty"))}</p>'
        f'<div id="inbox-list" data-poll="/staff/api/inbox?status={shown}{esc(keep)}" '
        f'data-keys="{" ".join(keys)}">'
        + table([t("console.col_" + c) for c in heads], rows)
        + "</div>"
    )
    return layout(request, s, "inbox", t("console.nav_inbox"), body)


@page(as_json=True)
async def inbox_poll(request: web.Request, s: Session) -> web.StreamResponse:
    """``{"handoffs": [{"id", "code", "status", "channel", "citizen", "topic", "created",
    "ward"}]}`` (``ward``: the name of the handoff's ward, or "not known")."""
    _shown, found = await _found(request, s)
    return json_response({"handoffs": found})


def _ward_form(request: web.Request, s: Session, shown: str, ward: str | None) -> str:
    """The admin's choice of a ward (an officer's page names its own ward)."""
    choice = ward_choice(request, s, ward, unknown=True)
    if s.scope.ward is not None or not choice:
        return f"<p>{choice}</p>" if choice else ""
    return (
        '<form method="get" action="/staff/inbox" class="inline">'
        f'<input type="hidden" name="status" value="{esc(shown)}">{choice}'
        f'<button type="submit">{esc(t("console.show"))}</button></form>'
    )


def _tabs(shown: str, keep: str = "") -> str:
    out = []
    for f in FILTERS:
        mark = ' aria-current="true"' if f == shown else ""
        label = esc(t("console.inbox_" + f))
        out.append(f'<a href="/staff/inbox?status={f}{esc(keep)}"{mark}>{label}</a>')
    return " · ".join(out)


def _topic(context: dict[str, Any]) -> str:
    proc = context.get("procedure") or {}
    if isinstance(proc, dict) and proc.get("name"):
        return str(proc["name"])
    if context.get("dossier"):
        return str(context["dossier"])
    return text_or("console.topic_" + str(context.get("reason") or ""), "console.topic_other")


def _message(m: Any) -> str:
    who = {
        "citizen": t("console.sender_citizen"),
        "staff": t("console.sender_staff", staff=m.staff or ""),
        "system": t("console.sender_system"),
    }.get(m.sender, m.sender)
    return (
        f'<li class="msg from-{esc(m.sender)}" data-id="{m.id}"><span class="who">{esc(who)}'
        f' · {esc(when(m.created_at))}</span><span class="text">{esc(m.text)}</span></li>'
    )


@page()
async def thread(request: web.Request, s: Session) -> web.StreamResponse:
    """One handoff: context, thread, reply box and close button."""
    async with app_of(request).uow(read=True) as uow:
        ref = await uow.repos.handoffs.id_of(request.match_info["id"])
        h = await uow.repos.handoffs.get(ref, True) if ref else None
    if h is None or not s.scope.sees(h.ward_code):  # another ward's: as unknown
        return layout(request, s, "inbox", t("console.nav_inbox"),
                      f"<p>{esc(t('console.ho_unknown'))}</p>", status=404)  # fmt: skip
    ctx = h.context
    questions = "".join(
        f"<li>{esc(q.get('text', ''))}</li>"
        for q in ctx.get("questions", [])
        if isinstance(q, dict)
    )
    info = (
        f"<dl class='context'><dt>{esc(t('console.col_status'))}</dt><dd>{esc(_status(h))}</dd>"
        f"<dt>{esc(t('console.col_channel'))}</dt><dd>{esc(h.channel)}</dd>"
        f"<dt>{esc(t('console.col_citizen'))}</dt><dd>{esc(h.citizen or '—')}</dd>"
        f"<dt>{esc(t('console.ac_ward'))}</dt><dd>{esc(ward_name(request, h.ward_code))}</dd>"
        f"<dt>{esc(t('console.col_topic'))}</dt><dd>{esc(_topic(ctx))}</dd></dl>"
        + (f"<details><summary>{esc(t('console.ho_last_turns'))}</summary><ul>{questions}</ul>"
           "</details>" if questions else "")
    )  # fmt: skip
    last = h.messages[-1].id if h.messages else 0
    msgs = "".join(_message(m) for m in h.messages)
    body = (
        f"{info}<ol id='thread' class='thread' aria-live='polite' data-poll='/staff/api/inbox/"
        f"{h.id}' data-after='{last}'>{msgs}</ol>"
    )
    if not h.closed:
        body += (
            f'<form method="post" action="/staff/inbox/{h.id}/reply" class="reply">'
            f'{csrf_field(s)}<input type="hidden" name="nonce" value="{secrets.token_hex(8)}">'
            f'<label for="reply">{esc(t("console.ho_reply_label"))}</label>'
            f'<textarea id="reply" name="text" rows="3" maxlength="{service.MAX_TEXT}" required>'
            f'</textarea><button type="submit">{esc(t("console.ho_send"))}</button></form>'
            f'<form method="post" action="/staff/inbox/{h.id}/close">{csrf_field(s)}'
            f'<button type="submit" class="secondary">{esc(t("console.ho_close"))}</button>'
            "</form>"
        )
    title = t("console.ho_title", code=h.code)
    return layout(request, s, "inbox", title, body)


@page()
async def reply(request: web.Request, s: Session) -> web.StreamResponse:
    """Send the reply; a repeated form (double click, reload) sends nothing twice."""
    form = await request.post()
    ref = request.match_info["id"]
    nonce = str(form.get("nonce", ""))[:32]
    key = f"console:{s.account.username}:{nonce}" if nonce else None
    try:
        message = await service.reply(app_of(request), ref, form.get("text"),
                                      s.account.username, key=key, source="console",
                                      scope=s.scope)  # fmt: skip
    except service.HandoffError as exc:
        text = text_or(f"console.ho_error_{exc.status}", "console.ho_error_400")
        return layout(request, s, "inbox", t("console.nav_inbox"),
                      f'<p class="error" role="alert">{esc(text)}</p>'
                      f'<p><a href="/staff/inbox/{esc(ref)}">{esc(t("console.back"))}</a></p>',
                      status=exc.status)  # fmt: skip
    await audit(app_of(request), s, "handoff_reply", ref, f"message {message.id}")
    return redirect(f"/staff/inbox/{quote(ref)}?done=replied")


@page()
async def close(request: web.Request, s: Session) -> web.StreamResponse:
    ref = request.match_info["id"]
    try:
        _found, changed = await service.close(
            app_of(request), ref, s.account.username, "console", scope=s.scope
        )
    except service.HandoffError:
        return redirect("/staff/inbox")
    if changed:
        await audit(app_of(request), s, "handoff_close", ref)
    return redirect(f"/staff/inbox/{quote(ref)}?done=closed")


@page(as_json=True)
async def poll(request: web.Request, s: Session) -> web.StreamResponse:
    """``{"status", "messages": [{"id", "sender", "who", "at", "text"}]}`` after ``after``."""
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        after = 0
    async with app_of(request).uow(read=True) as uow:
        ref = await uow.repos.handoffs.id_of(request.match_info["id"])
        h = await uow.repos.handoffs.get(ref, True) if ref else None
    if h is None or not s.scope.sees(h.ward_code):
        return json_response({"error": t("console.ho_unknown")}, status=404)
    fresh = [m for m in h.messages if m.id > after]
    return json_response({
        "status": h.status,
        "messages": [
            {"id": m.id, "sender": m.sender, "at": when(m.created_at), "text": m.text,
             "who": t("console.sender_" + m.sender, staff=m.staff or "")}
            for m in fresh
        ],
    })  # fmt: skip


def routes(web_app: web.Application) -> None:
    web_app.router.add_get("/staff/inbox", inbox)
    web_app.router.add_get("/staff/inbox/{id}", thread)
    web_app.router.add_post("/staff/inbox/{id}/reply", reply)
    web_app.router.add_post("/staff/inbox/{id}/close", close)
    web_app.router.add_get("/staff/api/inbox", inbox_poll)
    web_app.router.add_get("/staff/api/inbox/{id}", poll)
