"""Views every flow shares: the main-menu buttons and the way back to the menu.

They live in the kernel, not in the menu flow, so that no flow imports another one (flows
start each other by name through the registry: ``ctx.start("booking", "start")``).
"""

from __future__ import annotations

from handlers.context import Context
from handlers.i18n import t
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
