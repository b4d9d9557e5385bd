"""Views every flow shares: the main-menu buttons and the way back to the menu.

They live in the kernel, not in the menu flow, so that no flow imports another one (flows
start each other by name through the registry: ``ctx.start("booking", "start")``).
"""

from __future__ import annotations

from handlers.context import Context
from handlers.i18n import t
from handlers.language import classify
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
    same buttons (the state does not move, nothing is lost)."""
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(ctx.t("answers.not_understood"), rows)])


def elsewhere(ctx: Context, text: str, current_code: str | None = None) -> bool:
    """True when typed text is clearly about something else: another procedure answered
    with confidence, a dossier lookup or a booking, or a long message. Such a message leaves
    the step instead of being told to pick an option ("lam giay khai sinh can gi")."""
    if ctx.services.index is None or len(text) > 40:
        return len(text) > 40
    result = classify(ctx, text)
    intent = getattr(result, "intent", "")
    if intent in ("dossier_status", "booking"):
        return True
    matches = getattr(result, "matches", None) or []
    return bool(
        intent == "procedure"
        and getattr(result, "band", "") == "answer"
        and matches[0].code != current_code
    )


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
