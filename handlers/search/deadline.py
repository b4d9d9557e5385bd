"""By when a citizen must file ("trong bao lâu phải đi khai", "hạn chót đăng ký").

A duty to register within a time (a death within 15 days, a birth within 60, a stay of 30
days or more) is not the office's processing time: the answer quotes only the sentences of
the procedure's own data that state such a duty ("Trong 15 ngày kể từ ngày mất, ... có
trách nhiệm đi khai tử"). Where the data states none, the reply says so and links the
official page; a time limit is never guessed.
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.search.card import card_name
from handlers.search.validity import quoted
from handlers.textsplit import clip
from knowledge.normalize import fold
from knowledge.schema import Procedure

# "trong 15 ngày", "trong thời hạn 60 ngày", "trong tối đa 60 ngày", "từ 30 ngày trở lên"
_WITHIN = re.compile(r"\b(trong|tu)( vong| thoi han| toi da| han)? \d+ (ngay|thang)( lam viec)?\b")
# ... that the citizen must meet (a duty), never the office's time to decide
_DUTY = re.compile(r"\b(phai|trach nhiem|di dang ky|di khai|dang ky trong|ke tu ngay)\b")
_OFFICE_TIME = re.compile(r"\b(giai quyet|tra ket qua|xem xet|tham dinh|tiep nhan)\b")
_SENTENCE = re.compile(r"(?<=[.;])\s+|\n+")
MOST, LINE_MAX = 2, 300


def deadline_lines(proc: Procedure) -> list[str]:
    """The sentences of the procedure's data that say by when the citizen must file."""
    for texts in (proc.local_notes, [proc.summary or ""], [proc.requirements or ""]):
        found = _duties(texts)  # the notes say it in full; the summary only repeats them
        if found:
            return found[:MOST]
    return []


def _duties(texts: list[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        for sentence in _SENTENCE.split(text):
            folded = fold(sentence)
            if _WITHIN.search(folded) and _DUTY.search(folded):
                if _OFFICE_TIME.search(folded):
                    continue
                line = clip(" ".join(sentence.split()).rstrip(";,"), LINE_MAX)[0]
                if not any(fold(line.rstrip(".")) in fold(u) for u in found):
                    found.append(line)
    return found


def deadline_text(ctx: Context, proc: Procedure, url: str) -> str:
    """The duty to file in time as the data states it, else plainly "no official
    information" with the official page (never the processing time)."""
    return quoted(ctx, "deadline", card_name(proc, ctx.locale), url, deadline_lines(proc))
