"""Render engine replies for text-only channels (Zalo): options as numbered lines.

The engine accepts a typed number or label of the *last* reply's buttons as a press
(``handlers.sanitize.match_button``), so only that reply's buttons are numbered; buttons on
earlier replies of the same turn could not be chosen by typing and are left out rather than
offered in vain.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.i18n import t
from handlers.textsplit import ZALO_LIMIT, split_text
from handlers.types import Reply


def render_reply(reply: Reply, locale: str = "vi", numbered: bool = True) -> str:
    """One reply as plain text: its text, its link, then "1. label" lines."""
    lines = [reply.text.rstrip()]
    if reply.link:
        lines.append(t("channels.link", locale, url=reply.link))
    buttons = reply.flat_buttons() if numbered else []
    if buttons:
        lines.append("")
        lines.append(t("channels.choose_hint", locale))
        lines.extend(f"{n}. {b.label}" for n, b in enumerate(buttons, start=1))
    return "\n".join(lines).strip()


def render_replies(
    replies: Sequence[Reply], locale: str = "vi", limit: int = ZALO_LIMIT
) -> list[str]:
    """The messages to send for one turn, each at most ``limit`` characters."""
    out: list[str] = []
    last = len(replies) - 1
    for i, reply in enumerate(replies):
        text = render_reply(reply, locale, numbered=(i == last))
        if text:
            out.extend(split_text(text, limit))
    return out
