""" "còn gì nữa không" after a card: what else the card holds, never a new search.

The citizen read the first reply and asks whether there is more. The answer names the
card's own parts behind its buttons (papers, fee details, legal basis, notes, online filing,
booking help), each in one line, and offers the walkthrough; the card's buttons stay.
"""

from __future__ import annotations

import re

from handlers import answers
from handlers.context import Context
from handlers.search.card import card_name
from handlers.topics import spelled
from knowledge.schema import Procedure

_MORE = re.compile(
    r"^(?:(?:the|vay|ua|a|da|roi|ok|vang)\s+)*"
    r"(?:con\s+(?:cai\s+)?(?:gi|nua|gi khac|thong tin gi|phan nao|gi can biet|gi khong)"
    r"|het chua|vay thoi|chi vay thoi|co vay thoi|nua|con nua|what else|anything else|more)"
    r"(?:\s+(?:nua|khong|ha|a|vay|nhi|em|ad|nha|chua|khac|ban|oi|is there))*$"
)


def asks_more(text: str) -> bool:
    """ "còn gì nữa không", "còn gì nữa ko", "còn nữa không", "hết chưa", "vậy thôi hả"."""
    return bool(_MORE.match(" ".join(spelled(text).split())))


def more_text(ctx: Context, proc: Procedure) -> str:
    """The card's parts behind its buttons, one line each, and the walkthrough offered."""
    parts = ["docs", "fees", "legal"]
    if proc.local_notes or proc.requirements:
        parts.append("notes")
    parts += ["online", "book"]
    lines = [ctx.t("search.more_title", name=card_name(proc, ctx.locale))]
    lines += [f"  • {ctx.t(f'search.more_{part}')}" for part in parts]
    lines.append(ctx.t("search.more_offer"))
    return "\n".join(lines)


def goes_on(text: str) -> bool:
    """ "có", "ok", "ừa", "dc", "vâng" after a card (or its "còn gì nữa" list, which offers
    the walkthrough): "yes, go on", the card's main button ("Giấy tờ cần chuẩn bị")."""
    return answers.role_of(text) == answers.YES


def heard_text(ctx: Context, text: str, proc: Procedure) -> str | None:
    """What a card answers to "còn gì nữa không" (the rest of the card), or None."""
    return more_text(ctx, proc) if asks_more(text) else None
