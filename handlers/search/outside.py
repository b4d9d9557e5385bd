"""Answers outside any one procedure: out of scope (with the popular procedures and a
person to ask), a bare phone number, "none of these" after the suggestions."""

from __future__ import annotations

from typing import Any

from handlers.common import contact_lines, handoff_button, home_row, menu_button_rows
from handlers.context import Context
from handlers.filing import channel_of
from handlers.textsplit import clip
from handlers.topics import topic_of
from handlers.types import Button, Incoming, Reply, Step

POPULAR_COUNT = 4
LABEL_MAX = 60


def short_label(label: str) -> str:
    return clip(label, LABEL_MAX)[0]


def popular(kb: Any, n: int = POPULAR_COUNT) -> list[Any]:
    """The most asked-about curated procedures."""
    procs = [p for p in kb.procedures if p.curated]
    return sorted(procs, key=lambda p: (-p.popularity, p.display_name))[:n]


HOURS_WORDS = 12  # a longer message naming a weekday is about something else


async def show_out_of_scope(msg: Incoming, ctx: Context) -> Step:
    """Polite 'not something I know', popular procedures, and how to reach a person."""
    if getattr(ctx.result, "phone", None) and not any(c.isalpha() for c in msg.text or ""):
        return _phone_only(ctx)
    kb = ctx.services.kb
    buttons = [[Button(short_label(p.display_name), f"sr:card:{p.code}")] for p in popular(kb)]
    buttons.append([handoff_button(ctx.locale, "oos")])
    buttons.extend(home_row(ctx))
    # "thứ bảy có làm không", "mấy giờ mở cửa" with no procedure: the office's hours are
    # the answer, not "câu hỏi này em chưa hỗ trợ được"
    short = len((msg.text or "").split()) <= HOURS_WORDS
    topic = topic_of(msg.text or "") if short else None  # "tôi muốn nộp online": how, which
    topic = "online" if short and channel_of(msg.text or "") == "online" else topic
    general = {"hours": "search.hours_general", "online": "search.online_general"}
    lead = ctx.t(general.get(topic or "", "search.out_of_scope"))
    text = lead + "\n\n" + contact_lines(ctx)
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
    rows = [[handoff_button(ctx.locale, "oos")], *menu_button_rows(ctx.locale)]
    return Step([Reply.make(text.strip(), rows)], next="menu:idle")
