"""How much a support or an allowance pays ("được bao nhiêu tiền", "mức hưởng bao nhiêu").

For a benefit (trợ cấp, hỗ trợ chi phí mai táng, trợ cấp thất nghiệp...) "bao nhiêu tiền"
asks what the citizen will receive, not the fee: the fee line ("Không thu phí, lệ phí")
answers nothing. The answer quotes only the sentences of the procedure's own data that state
a level ("Mức hỗ trợ tối thiểu bằng 20 lần mức chuẩn trợ giúp xã hội..."); where the data
states none, the reply says so and links the official page. An amount is never guessed.
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.search.card import card_name
from handlers.search.validity import quoted
from handlers.textsplit import clip
from knowledge.normalize import fold
from knowledge.schema import Procedure

# a procedure that pays the citizen (its name says so)
_BENEFIT = re.compile(
    r"\b(tro cap|ho tro chi phi|ho tro kinh phi|tro giup|huong che do|tu tuat)\b"
)
# a sentence that states the level paid
_LEVEL = re.compile(
    r"\bmuc (ho tro|tro cap|huong|chi tra|tro giup|chuan|cao nhat|toi thieu)\b|\blan muc chuan\b"
)
_SENTENCE = re.compile(r"(?<=\.)\s+|\n+")  # whole sentences: a level and its caveat stay together
MOST, LINE_MAX = 3, 300


def is_benefit(proc: Procedure) -> bool:
    """Whether the procedure pays the citizen an allowance or a support."""
    return bool(_BENEFIT.search(fold(proc.name)))


def amount_lines(proc: Procedure) -> list[str]:
    """The sentences of the procedure's data that state the level it pays."""
    found: list[str] = []
    for text in (*proc.local_notes, proc.summary or ""):
        for sentence in _SENTENCE.split(text):
            if _LEVEL.search(fold(sentence)):
                line = clip(" ".join(sentence.split()).rstrip(";,"), LINE_MAX)[0]
                if not any(fold(line.rstrip(".")) in fold(u) for u in found):
                    found.append(line)
    return found[:MOST]


def amount_text(ctx: Context, proc: Procedure, url: str) -> str:
    """The level paid as the data states it, else plainly "no official information" with
    the official page (never the fee, never a guessed amount)."""
    return quoted(ctx, "amount", card_name(proc, ctx.locale), url, amount_lines(proc))
