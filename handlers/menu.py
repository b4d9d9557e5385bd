"""Main menu flow: greeting, the four jobs, contact information, help, cancel.

```mermaid
stateDiagram-v2
    [*] --> idle: /start, menu, xin chào
    idle --> idle: mn:contact / mn:help
    idle --> search: mn:ask (then free text)
    idle --> checklist: mn:docs
    idle --> status: mn:status
    idle --> booking: mn:book
    state "any state" as any
    any --> idle: hủy / menu / stale (30 min)
```
"""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.i18n import t
from handlers.types import Button, Incoming, Reply, Step


def menu_button_rows(locale: str = "vi") -> list[list[Button]]:
    """The four jobs plus contact, one per row (short labels fit every phone)."""
    return [
        [Button(t("menu.btn_ask", locale), "mn:ask")],
        [Button(t("menu.btn_docs", locale), "mn:docs")],
        [Button(t("menu.btn_status", locale), "mn:status")],
        [Button(t("menu.btn_book", locale), "mn:book")],
        [Button(t("menu.btn_contact", locale), "mn:contact")],
    ]


def contact_text(ctx: Context) -> str:
    """Contact lines of the one-stop shop from the knowledge base's local data."""
    kb = ctx.services.kb
    contact = getattr(kb, "contact", None)
    if contact is None:
        return ctx.t("menu.contact_unknown")
    lines = [ctx.t("menu.contact_title", name=getattr(contact, "name", "") or "")]
    for label_key, attr in (
        ("menu.contact_address", "address"),
        ("menu.contact_phone", "phone"),
        ("menu.contact_hotline", "hotline"),
        ("menu.contact_hours", "hours"),
        ("menu.contact_web", "website"),
    ):
        value = getattr(contact, attr, None)
        if value:
            lines.append(ctx.t(label_key, value=value))
    return "\n".join(lines)


async def show_menu(msg: Incoming, ctx: Context) -> Step:
    """Greeting with the menu."""
    return Step(
        [Reply.make(ctx.t("menu.greeting"), menu_button_rows(ctx.locale))], next="menu:idle"
    )


def back_to_menu(ctx: Context, text_key: str) -> Step:
    """Leave the current flow (its data dropped) with a message and the menu buttons."""
    return Step(
        [Reply.make(ctx.t(text_key), menu_button_rows(ctx.locale))], next="menu:idle", data={}
    )


async def cancel_flow(msg: Incoming, ctx: Context) -> Step:
    """Stop whatever was going on and go back to the menu."""
    return back_to_menu(ctx, "menu.cancelled")


async def show_help(msg: Incoming, ctx: Context) -> Step:
    """How to talk to the bot."""
    return Step([Reply.make(ctx.t("menu.help"), menu_button_rows(ctx.locale))])


async def show_contact(msg: Incoming, ctx: Context) -> Step:
    """Address, phone and hours of the one-stop shop."""
    back = [[Button(ctx.t("menu.btn_home"), "mn:menu")]]
    return Step([Reply.make(contact_text(ctx), back)])


async def ask_question(msg: Incoming, ctx: Context) -> Step:
    """Invite a free-text question about a procedure."""
    return Step([Reply(ctx.t("menu.ask_prompt"))], next="menu:idle")


async def ask_docs(msg: Incoming, ctx: Context) -> Step:
    """Invite the name of the procedure whose documents to prepare."""
    return Step([Reply(ctx.t("menu.docs_prompt"))], next="menu:await_docs", data={"want": "docs"})


async def open_status(msg: Incoming, ctx: Context) -> Step:
    """'Tra cứu hồ sơ': the dossier lookup flow (imported late: it imports this module)."""
    from handlers.status import start_lookup

    ctx.arg = ""
    return await start_lookup(msg, ctx)


async def open_booking(msg: Incoming, ctx: Context) -> Step:
    """'Đặt lịch hỗ trợ': the booking flow."""
    from handlers.booking import start

    ctx.arg = ""
    return await start(msg, ctx)


async def answer_greeting(msg: Incoming, ctx: Context) -> Step:
    return await show_menu(msg, ctx)


async def answer_thanks(msg: Incoming, ctx: Context) -> Step:
    return Step([Reply.make(ctx.t("menu.thanks"), menu_button_rows(ctx.locale))])


async def answer_empty(msg: Incoming, ctx: Context) -> Step:
    return Step([Reply.make(ctx.t("errors.empty"), menu_button_rows(ctx.locale))])


async def answer_unknown(msg: Incoming, ctx: Context) -> Step:
    """No flow claims this intent: polite fallback with the menu."""
    return Step([Reply.make(ctx.t("errors.not_understood"), menu_button_rows(ctx.locale))])


async def await_docs(msg: Incoming, ctx: Context) -> Step:
    """The procedure name typed after 'Chuẩn bị giấy tờ': start its walkthrough directly,
    or offer the closest procedures; anything else is routed like a normal message."""
    index = ctx.services.index
    result = index.classify(msg.text or "") if index is not None else None
    if result is None or result.intent != "procedure" or not result.matches:
        return Step(unhandled=True)
    if result.band == "answer":
        from handlers.checklist import start_checklist

        ctx.arg = result.matches[0].code
        return await start_checklist(msg, ctx)
    buttons = [[Button(m.name[:60], f"ck:start:{m.code}")] for m in result.matches[:3]]
    buttons.append([Button(ctx.t("menu.btn_home"), "mn:menu")])
    return Step([Reply.make(ctx.t("search.did_you_mean"), buttons)], next="menu:idle")


FLOW = Flow(
    name="menu",
    prefix="mn",
    actions={
        "menu": show_menu,
        "home": show_menu,
        "cancel": cancel_flow,
        "help": show_help,
        "contact": show_contact,
        "ask": ask_question,
        "docs": ask_docs,
        "status": open_status,
        "book": open_booking,
    },
    steps={"await_docs": await_docs},
    intents={
        "greeting": answer_greeting,
        "thanks": answer_thanks,
        "empty": answer_empty,
        "*": answer_unknown,
    },
)
