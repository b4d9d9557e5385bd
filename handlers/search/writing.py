"""Help with writing asked for after a card: "bà không biết chữ nhiều", "tôi không biết viết",
"ai viết giúp tờ khai không"; and "cần lưu ý gì không", which is the card's "Lưu ý".

The answer is not a fact of the procedure (the card has none): it is the assistance
programmes that fill in forms for citizens ("Ngày không viết", "Tổ viết hồ sơ giúp dân"),
offered through the booking with that procedure as the need; the chat's ward is asked once
when it is not known yet.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.types import Reply, Step
from knowledge.intent_phrases import PhraseSet
from knowledge.normalize import normalize

WRITING = PhraseSet(
    """không biết chữ, ko biết chữ, k biết chữ, hổng biết chữ, không rành chữ, không biết đọc,
    không biết viết, ko biết viết, viết không được, viết không nổi, không viết được,
    ko viết được, chữ nghĩa không rành, mù chữ, viết giúp, viết hộ, viết giùm, viết dùm,
    điền giúp, điền hộ, điền giùm, khai giúp, khai hộ"""
)


NOTES = PhraseSet(
    """lưu ý gì, lưu ý những gì, cần lưu ý, có lưu ý, chú ý gì, cần chú ý, điều kiện gì,
    cần biết gì, có gì cần biết, luu y gi, can luu y, chu y gi, can chu y"""
)


def asks_notes(text: str, proc: Any) -> bool:
    """ "cần lưu ý gì không": the card's "Lưu ý" (its local notes, conditions), when it has one."""
    has = bool(getattr(proc, "local_notes", None) or getattr(proc, "requirements", None))
    return has and NOTES.has(normalize(text[:500]).split())


def asks_writing_help(text: str) -> bool:
    """The citizen cannot write the forms, or asks someone to write them."""
    return WRITING.has(normalize(text[:500]).split())


async def offer_writing_help(ctx: Context, code: str) -> Step:
    """The booking of a programme that writes the forms, the procedure as its need."""
    step = await ctx.start("booking", "start", f"need={code}&write=1")
    step.replies.insert(0, Reply(ctx.t("search.writing_help")))
    return step
