"""Views every flow shares: the main-menu buttons and the way back to the menu.

They live in the kernel, not in the menu flow, so that no flow imports another one (flows
start each other by name through the registry: ``ctx.start("booking", "start")``).
"""

from __future__ import annotations

from typing import Any

from handlers import answers
from handlers.answer_words import NO, UNKNOWN, YES
from handlers.context import Context
from handlers.i18n import t
from handlers.language import classify
from handlers.office_hours import hours_in
from handlers.types import Button, Reply, Step


def menu_button_rows(locale: str = "vi") -> list[list[Button]]:
    """The four jobs plus contact, one per row (short labels fit every phone)."""
    return [
        [Button(t("menu.btn_ask", locale), "mn:ask")],
        [Button(t("menu.btn_docs", locale), "mn:docs")],
        [Button(t("menu.btn_status", locale), "mn:status")],
        [Button(t("menu.btn_book", locale), "mn:book")],
        [Button(t("menu.btn_contact", locale), "mn:contact")],
    ]


def home_row(ctx: Context) -> list[list[Button]]:
    """A single "Về menu chính" button row."""
    return [[Button(ctx.t("menu.btn_home"), "mn:menu")]]


def back_to_menu(ctx: Context, text_key: str) -> Step:
    """Leave the current flow (its data dropped) with a message and the menu buttons."""
    return Step(
        [Reply.make(ctx.t(text_key), menu_button_rows(ctx.locale))], next="menu:idle", data={}
    )


def old_button(ctx: Context) -> Step:
    """A button from a conversation that has moved on: say so and offer the menu."""
    return Step(
        [Reply.make(ctx.t("errors.old_button"), menu_button_rows(ctx.locale))], next="menu:idle"
    )


def not_understood(ctx: Context) -> Step:
    """Nothing the citizen typed fits the offered buttons: say so once, briefly, with the
    same buttons (the state does not move, nothing is lost). A "có"/"không" where the
    options are cases, or a "ko rõ" where none is "không rõ", is told what fits instead."""
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    role, rest = answers.split_role(ctx.msg.text or "")
    options = answers.options_of([list(r) for r in ctx.state.last_buttons])
    cases = answers.cases_for(role, options) if len(rest) <= 1 else []
    if 1 < len(cases) <= MAX_NAMED:  # "rồi" at "Chưa từng / Đã ly hôn / Vợ chồng đã mất"
        named = ctx.t("answers.or").join(f'"{o.label.split("(")[0].strip()}"' for o in cases)
        return Step([Reply.make(ctx.t("answers.which_case", options=named), rows)])
    return Step([Reply.make(ctx.t(_miss_key(ctx)), rows)])


MAX_NAMED = 4  # a bare "có"/"rồi" between this many cases or fewer gets them named


def _miss_key(ctx: Context) -> str:
    role, rest = answers.split_role(ctx.msg.text or "")
    roles = {o.role for o in answers.options_of([list(r) for r in ctx.state.last_buttons])}
    if role in (YES, NO) and len(rest) <= 1 and not roles & {YES, NO}:
        return "answers.not_yes_no"  # "có" at "which kind of house?"
    if role == UNKNOWN and UNKNOWN not in roles:
        return "answers.not_sure_pick"  # "ko rõ" where no option is "không rõ"
    return "answers.not_understood"


def elsewhere(ctx: Context, text: str, current_code: str | None = None) -> bool:
    """True when typed text is clearly about something else: another procedure answered
    with confidence, a dossier lookup or a booking, or a long message. Such a message leaves
    the step instead of being told to pick an option ("lam giay khai sinh can gi")."""
    if ctx.services.index is None or len(text) > 40:
        return len(text) > 40
    result = classify(ctx, text)
    intent = getattr(result, "intent", "")
    if intent in ("dossier_status", "booking", "human"):  # "gặp cán bộ": the handoff
        return True
    matches = getattr(result, "matches", None) or []
    return bool(
        intent == "procedure"
        and getattr(result, "band", "") == "answer"
        and matches[0].code != current_code
    )


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
            lines.append(ctx.t("menu.contact_hours", value=hours_in(office.hours, ctx.locale)))
    if contact is not None and contact.hotline:
        label = contact.hotline_label or ctx.t("search.hotline")
        lines.append(f"☎️ {label}: {contact.hotline}")
    return "\n".join(lines)


def feedback_row(locale: str, kind: str, code: str) -> list[Button]:
    """ "Có ích 👍 / Chưa ổn 👎" under a card (``kind`` ``c``) or a checklist summary (``k``);
    the feedback flow records the tap (``fb:up:c:<code>``)."""
    return [
        Button(t("feedback.btn_up", locale), f"fb:up:{kind}:{code}", "vote"),
        Button(t("feedback.btn_down", locale), f"fb:down:{kind}:{code}", "vote"),
    ]


def handoff_button(locale: str, reason: str = "") -> Button:
    """ "Gặp cán bộ": hand the chat to ward staff (the handoff flow, ``ho:start:<reason>``)."""
    return Button(t("handoff.btn_start", locale), f"ho:start:{reason}"[:64])


def is_idle(ctx: Context) -> bool:
    """Whether the chat is doing nothing in particular (the menu, or a card it rests on):
    a message of staff or a satisfaction question may then move it without losing work."""
    state = ctx.state
    flow = ctx.flows.get(state.flow)
    return state.name == "menu:idle" or (flow is not None and state.step in flow.resting)


def typed_menu_payload(text: str, locale: str) -> str | None:
    """What a message that nothing else took means at the menu: a main-menu label typed
    ("chuan bi giay to", "tra cuu") presses it; a bare "chưa", "ko", "không biết" with
    nothing to answer shows the menu (never a search for procedures)."""
    if any(c.isalpha() for c in text) and len(text.split()) <= 5:
        rows = [[b.label, b.payload] for row in menu_button_rows(locale) for b in row]
        pressed = answers.understand(text, rows)
        if pressed:
            return pressed
    return "mn:bare" if answers.role_of(text) in (NO, UNKNOWN) else None  # short, no greeting


def menu_reply(text: str, locale: str) -> Reply:
    """``text`` with the main menu's buttons."""
    return Reply.make(text, menu_button_rows(locale))


def same_buttons(text: str, state: Any) -> Reply:
    """A reply that offers the previous buttons again: a sticker or an emoji must not wipe
    the numbered options a citizen answers by typing "1", "2"... (Zalo)."""
    return Reply.make(text, [[Button(*row[:3])] for row in state.last_buttons])
