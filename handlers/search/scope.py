"""A citizen confirming the case a card's procedure is for: "cả 2 đều người VN" after the
card of "Đăng ký kết hôn" (between two Vietnamese citizens).

The card says whom the procedure is for ("giữa hai công dân Việt Nam"); a citizen unsure
whether theirs has a foreign element answers it in a few words. Read as a new question, the
words found nothing ("chưa hỗ trợ được") or another procedure (QA round 12, item 4). When
the procedure's own summary says it is for Vietnamese citizens (and names no foreign party)
and the message says they all are, the reply confirms that this is the procedure and points
to its next step: the walkthrough of its papers. Nothing is said the data does not say.
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.facts import first_sentence
from handlers.search.card import card_name
from handlers.topics import spelled, topic_of
from knowledge.normalize import fold
from knowledge.schema import Procedure

# "cả 2 đều người VN", "ca hai deu la nguoi viet nam", "hai đứa đều quốc tịch Việt Nam"
_ALL_VIET = re.compile(
    r"\b(?:ca 2|ca hai|hai dua|2 dua|hai ben|2 ben|hai vo chong|2 vo chong|hai nguoi|2 nguoi"
    r"|ca hai ben|ca 2 ben|vo chong (?:em|toi|tui|minh|chau))\b"
    r"(?:\s+(?:deu|la|deu la|cung|cung la|dang|co|mang))*"
    r"\s+(?:(?:nguoi|cong dan|quoc tich|dan)\s+)?(?:vn|viet nam|viet)\b"
)
_NOT = frozenset("khong ko chua ngoai".split())  # "một người nước ngoài": not all Vietnamese
MAX_WORDS = 12


def _domestic(proc: Procedure) -> bool:
    summary = f" {fold(proc.summary or '')} "
    return " cong dan viet nam " in summary and " nuoc ngoai " not in summary


def confirms_scope(text: str, proc: Procedure) -> bool:
    """Whether the message only says the parties are all Vietnamese, on a card of a
    procedure for Vietnamese citizens."""
    words = spelled(text).split()
    if not 0 < len(words) <= MAX_WORDS or _NOT & set(words) or topic_of(text) is not None:
        return False
    return _domestic(proc) and bool(_ALL_VIET.search(" ".join(words)))


def scope_text(ctx: Context, proc: Procedure) -> str:
    """ "Yes, then this is the procedure" in the card's own words, and its next step."""
    scope = first_sentence(proc.summary or "", 200)
    return ctx.t("search.scope_confirmed", name=card_name(proc, ctx.locale), scope=scope)
