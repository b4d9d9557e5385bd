"""Steps of the main menu: greeting, help, contact, cancel, and handing over to the flows."""

from __future__ import annotations

from dataclasses import replace

from handlers.common import back_to_menu, handoff_button, home_row, menu_button_rows
from handlers.context import VN_TZ, Context
from handlers.i18n import t
from handlers.language import classify
from handlers.office_hours import hours_in
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import office_lines, ward_or_ask


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
            lines.append(ctx.t(label_key, value=hours_in(str(value), ctx.locale)))
    return "\n".join(lines)


async def show_menu(msg: Incoming, ctx: Context) -> Step:
    """Greeting with the menu."""
    return Step(
        [Reply.make(ctx.t("menu.greeting"), menu_button_rows(ctx.locale))], next="menu:idle"
    )


async def cancel_flow(msg: Incoming, ctx: Context) -> Step:
    """Stop whatever was going on and go back to the menu (a booking in progress keeps its
    draft for "không hủy nữa")."""
    if ctx.state.flow == "booking":
        return await ctx.start("booking", "stop")
    return back_to_menu(ctx, "menu.cancelled")


async def show_help(msg: Incoming, ctx: Context) -> Step:
    """How to talk to the bot."""
    return Step([Reply.make(ctx.t("menu.help"), menu_button_rows(ctx.locale))])


def hotline_lines(ctx: Context) -> list[str]:
    """The national portal's hotline and website from the contact data (what it gives)."""
    contact = getattr(ctx.services.kb, "contact", None)
    lines = []
    hotline = getattr(contact, "hotline", "")
    if hotline:
        label = getattr(contact, "hotline_label", "") or ctx.t("search.hotline")
        lines.append(f"☎️ {label}: {hotline}")
    website = getattr(contact, "website", "")
    if website:
        lines.append(ctx.t("menu.contact_web", value=website))
    return lines


async def show_contact(msg: Incoming, ctx: Context) -> Step:
    """Address, phone and hours of the chat's one-stop shop (its ward asked once first)."""
    ward, ask = await ward_or_ask(ctx, "menu:contact:", optional=True)
    if ask is not None:
        return ask
    after_question = "menu:idle" if ctx.state.flow == "ward" else None  # else stay put
    person = [handoff_button(ctx.locale, "contact")]  # and a person in the chat
    if ward is None:
        rows = [person, *home_row(ctx)]
        return Step([Reply.make(contact_text(ctx), rows)], next=after_question)
    lines = [ctx.t("ward.contact_title", ward=ward.display)]
    for office in ward.offices:
        lines.extend(office_lines(ctx, ward, office))
    lines.extend(hotline_lines(ctx))
    rows = [[Button(ctx.t("ward.btn_change"), "wd:change:")], person, *home_row(ctx)]
    return Step([Reply.make("\n".join(x for x in lines if x), rows)], next=after_question)


async def change_ward(msg: Incoming, ctx: Context) -> Step:
    """ "đổi xã/phường": the ward flow asks the chat's commune or ward again."""
    return await ctx.start("ward", "change")


async def ask_question(msg: Incoming, ctx: Context) -> Step:
    """Invite a free-text question about a procedure."""
    return Step([Reply(ctx.t("menu.ask_prompt"))], next="menu:idle")


async def ask_docs(msg: Incoming, ctx: Context) -> Step:
    """Invite the name of the procedure whose documents to prepare."""
    return Step([Reply(ctx.t("menu.docs_prompt"))], next="menu:await_docs", data={"want": "docs"})


async def open_status(msg: Incoming, ctx: Context) -> Step:
    """'Tra cứu hồ sơ': the dossier lookup flow."""
    return await ctx.start("status", "start")


async def open_booking(msg: Incoming, ctx: Context) -> Step:
    """'Đặt lịch hỗ trợ': the booking flow."""
    return await ctx.start("booking", "start")


async def answer_greeting(msg: Incoming, ctx: Context) -> Step:
    """A greeting gets the menu."""
    return await show_menu(msg, ctx)


async def answer_thanks(msg: Incoming, ctx: Context) -> Step:
    """A thank-you or an acknowledgement closes the exchange politely; the wish fits the
    hour in Vietnam (no "một ngày tốt lành" at two in the morning)."""
    hour = ctx.now().astimezone(VN_TZ).hour
    key = "thanks" if 5 <= hour < 18 else "thanks_evening" if 18 <= hour < 22 else "thanks_late"
    return Step([Reply.make(ctx.t(f"menu.{key}"), menu_button_rows(ctx.locale))])


async def answer_bye(msg: Incoming, ctx: Context) -> Step:
    """ "bye", "tạm biệt" when nothing is going on: a goodbye, not "you're welcome"."""
    return Step([Reply.make(ctx.t("menu.bye"), menu_button_rows(ctx.locale))])


async def answer_ack(msg: Incoming, ctx: Context) -> Step:
    """ "ok", "có rồi" when no question is open: heard, and what else can be done."""
    return Step([Reply.make(ctx.t("menu.ack"), menu_button_rows(ctx.locale))])


async def answer_empty(msg: Incoming, ctx: Context) -> Step:
    """Nothing readable was sent."""
    return Step([Reply.make(ctx.t("errors.empty"), menu_button_rows(ctx.locale))])


async def answer_unknown(msg: Incoming, ctx: Context) -> Step:
    """No flow claims this intent: polite fallback with the menu."""
    return Step([Reply.make(ctx.t("errors.not_understood"), menu_button_rows(ctx.locale))])


async def await_docs(msg: Incoming, ctx: Context) -> Step:
    """The procedure name typed after 'Chuẩn bị giấy tờ': start its walkthrough directly,
    or offer the closest procedures; anything else is routed like a normal message."""
    result = classify(ctx, msg.text or "")
    if result is None or result.intent != "procedure" or not result.matches:
        return Step(unhandled=True)
    if result.band == "answer":
        return await ctx.start("checklist", "start", result.matches[0].code)
    buttons = [[Button(m.name[:60], f"ck:start:{m.code}")] for m in result.matches[:3]]
    buttons.extend(home_row(ctx))
    return Step([Reply.make(ctx.t("search.did_you_mean"), buttons)], next="menu:idle")


async def offer_english(msg: Incoming, ctx: Context) -> Step:
    """An English message in a Vietnamese chat: a short answer in English offering English
    (the question is kept and answered once English is chosen). English typed again right
    after the offer chooses English: the new message is answered in English (QA pass 10:
    "how much is the fee?" got the same offer again and again)."""
    if any(len(row) > 1 and str(row[1]) == "mn:lang:en" for row in ctx.state.last_buttons):
        ctx.msg = replace(msg, locale="en", payload=None)
        asked = str(ctx.data.get("q", "")) if ctx.state.name == "menu:idle" else ""
        new = classify(ctx, msg.text or "")
        # a new need is answered; a follow-up ("how much is the fee?") answers the first one
        named = getattr(new, "intent", "") == "procedure" and new.band == "answer"
        step = await _answer_in(ctx, msg.text or "" if named or not asked else asked)
        step.locale = "en"
        return step
    buttons = [
        [Button(t("menu.btn_english", "en"), "mn:lang:en")],
        [Button(t("menu.btn_vietnamese", "vi"), "mn:lang:vi")],
    ]
    text = t("menu.english_offer", "en")
    return Step([Reply.make(text, buttons)], next="menu:idle", data={"q": (msg.text or "")[:200]})


async def set_language(msg: Incoming, ctx: Context) -> Step:
    """``mn:lang:en`` / ``mn:lang:vi``: the chat's language from now on; a question asked
    before choosing English is answered right away."""
    locale = "en" if ctx.arg.strip() == "en" else "vi"
    question = str(ctx.data.get("q", "")) if ctx.state.name == "menu:idle" else ""
    ctx.msg = replace(msg, locale=locale, payload=None, text=question or None)
    step = await (_answer_in(ctx, question) if question else show_menu(ctx.msg, ctx))
    step.locale = locale
    return step


async def _answer_in(ctx: Context, question: str) -> Step:
    result = classify(ctx, question)
    ctx.result = result
    intent = getattr(result, "intent", "")
    if intent == "procedure":
        return await ctx.start("search", "show_result")
    if intent in ("booking", "dossier_status"):
        return await ctx.start("booking" if intent == "booking" else "status", "start")
    return await show_menu(ctx.msg, ctx)
