"""Steps of the search flow: the answer card, "did you mean", online filing, out of scope."""

from __future__ import annotations

from typing import Any

from handlers.common import home_row, menu_button_rows
from handlers.context import Context
from handlers.search.card import render_card
from handlers.types import Button, Incoming, Reply, Step

POPULAR_COUNT = 4
LABEL_MAX = 60


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rsplit(" ", 1)[0] + "…"


def card_buttons(ctx: Context, code: str) -> list[list[Button]]:
    """The four actions offered under an answer card."""
    return [
        [Button(ctx.t("search.btn_docs"), f"ck:start:{code}")],
        [Button(ctx.t("search.btn_online"), f"sr:online:{code}")],
        [Button(ctx.t("search.btn_book"), f"bk:start:need={code}")],
        [Button(ctx.t("search.btn_other"), "mn:ask")],
    ]


def popular(kb: Any, n: int = POPULAR_COUNT) -> list[Any]:
    """The most asked-about curated procedures."""
    procs = [p for p in kb.procedures if p.curated]
    return sorted(procs, key=lambda p: (-p.popularity, p.display_name))[:n]


def contact_lines(ctx: Context) -> str:
    """Phone, address and hours of the one-stop shop (only what local data gives)."""
    kb = ctx.services.kb
    lines: list[str] = []
    office = (getattr(kb, "offices", {}) or {}).get("ubnd_xa")
    contact = getattr(kb, "contact", None)
    if office is not None:
        lines.append(ctx.t("search.office_name", value=office.name))
        if office.address:
            lines.append(ctx.t("menu.contact_address", value=office.address))
        if office.phone:
            lines.append(ctx.t("menu.contact_phone", value=office.phone))
        if office.hours:
            lines.append(ctx.t("menu.contact_hours", value=office.hours))
    if contact is not None and contact.hotline:
        label = contact.hotline_label or ctx.t("search.hotline")
        lines.append(f"☎️ {label}: {contact.hotline}")
    return "\n".join(lines)


async def show_card(msg: Incoming, ctx: Context) -> Step:
    """The answer card of the procedure whose code is the payload argument."""
    kb = ctx.services.kb
    proc = kb.get(ctx.arg) if kb is not None else None
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    text = render_card(proc, kb, ctx.locale)
    return Step(
        [Reply.make(text, card_buttons(ctx, proc.code))],
        next="menu:idle",
        data={"last_code": proc.code},
    )


async def show_online(msg: Incoming, ctx: Context) -> Step:
    """How to file this procedure online, with the official link."""
    kb = ctx.services.kb
    proc = kb.get(ctx.arg) if kb is not None else None
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    online = proc.online
    available = (
        online.available if online else any(m.channel == "Trực tuyến" for m in proc.methods)
    )
    url = (online.url if online and online.url else None) or proc.url or ctx.t("search.portal")
    if available:
        text = ctx.t("search.online_yes", name=proc.display_name, url=url)
        if online and online.note:
            text += "\n" + online.note.strip()
    else:
        text = ctx.t("search.online_no", name=proc.display_name, url=url)
    buttons = [
        [Button(ctx.t("search.btn_docs"), f"ck:start:{proc.code}")],
        [Button(ctx.t("search.btn_book"), f"bk:start:need={proc.code}")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step([Reply.make(text, buttons, link=url)])


async def show_result(msg: Incoming, ctx: Context) -> Step:
    """Route a procedure question by confidence band: card, suggestions or out of scope."""
    result = ctx.result
    matches = list(getattr(result, "matches", []) or [])
    band = getattr(result, "band", "none")
    if band == "answer" and matches:
        ctx.arg = matches[0].code
        return await show_card(msg, ctx)
    if band == "suggest" and matches:
        buttons = [[Button(_short(m.name), f"sr:card:{m.code}")] for m in matches[:3]]
        buttons.append([Button(ctx.t("search.btn_none"), "sr:none:")])
        return Step([Reply.make(ctx.t("search.did_you_mean"), buttons)], next="menu:idle")
    return await show_out_of_scope(msg, ctx)


async def show_out_of_scope(msg: Incoming, ctx: Context) -> Step:
    """Polite 'not something I know', popular procedures, and how to reach a person."""
    if getattr(ctx.result, "phone", None) and not any(c.isalpha() for c in msg.text or ""):
        return _phone_only(ctx)
    kb = ctx.services.kb
    buttons = [[Button(_short(p.display_name), f"sr:card:{p.code}")] for p in popular(kb)]
    buttons.extend(home_row(ctx))
    text = ctx.t("search.out_of_scope") + "\n\n" + contact_lines(ctx)
    return Step([Reply.make(text.strip(), buttons)], next="menu:idle")


def _phone_only(ctx: Context) -> Step:
    """A bare phone number: say what can be done with it instead of "not supported"."""
    buttons = [
        [Button(ctx.t("menu.btn_status"), "mn:status")],
        [Button(ctx.t("menu.btn_book"), "mn:book")],
        [Button(ctx.t("menu.btn_contact"), "mn:contact")],
    ]
    return Step([Reply.make(ctx.t("search.phone_only"), buttons)], next="menu:idle")


async def show_none(msg: Incoming, ctx: Context) -> Step:
    """None of the suggestions was right: ask to rephrase, offer a person."""
    text = ctx.t("search.none_fit") + "\n\n" + contact_lines(ctx)
    return Step([Reply.make(text.strip(), menu_button_rows(ctx.locale))], next="menu:idle")
