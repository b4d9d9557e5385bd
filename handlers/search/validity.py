"""How long a procedure's result paper stays valid ("giấy này có giá trị bao lâu").

Validity is not the processing time: the answer quotes only what the procedure's own data
says about the result's validity (its curated notes and summary, the catalogue's "kết quả"
and conditions), e.g. "Giấy có giá trị 6 tháng kể từ ngày cấp (Nghị định 123/2015/NĐ-CP)".
Where the data says nothing, the reply says so plainly and links the official page: a
validity is never guessed.
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.search.card import card_name
from handlers.textsplit import clip
from knowledge.normalize import fold
from knowledge.schema import Procedure

# a validity is a "có giá trị / hiệu lực / thời hạn sử dụng" with a duration, or "no limit"
_SAYS = re.compile(r"\b(co gia tri|gia tri su dung|thoi han su dung|co hieu luc|hieu luc)\b")
_LASTS = re.compile(
    r"\b(\d+|mot|hai|ba|sau|muoi hai) (thang|nam|ngay|gio)\b|\b(vo|khong co|khong) thoi han\b"
)
# about the papers brought in, a law coming into force, a tax: never the result's validity
_NOT_RESULT = re.compile(
    r"\b(con gia tri|con hieu luc|hieu luc tu|hieu luc ke tu|gia tri gia tang)"
)
_SENTENCE = re.compile(r"(?<=[.;])\s+|\n+")
MOST, LINE_MAX = 2, 300


def validity_lines(proc: Procedure) -> list[str]:
    """The sentences of the procedure's data that state how long its result is valid."""
    texts = [*proc.local_notes, proc.summary or "", proc.result or "", proc.requirements or ""]
    found: list[str] = []
    for text in texts:
        for sentence in _SENTENCE.split(text):
            folded = fold(sentence)
            if _SAYS.search(folded) and _LASTS.search(folded) and not _NOT_RESULT.search(folded):
                found.append(clip(" ".join(sentence.split()).rstrip(";,"), LINE_MAX)[0])
    unique: list[str] = []
    for line in found:  # the summary repeats a note: keep the fuller one only
        if not any(fold(line.rstrip(".")) in fold(u) for u in unique):
            unique.append(line)
    return unique[:MOST]


def validity_text(ctx: Context, proc: Procedure, url: str) -> str:
    """The validity of the result as the data states it, else plainly "no official
    information" with the official page (never the processing time)."""
    return quoted(ctx, "validity", card_name(proc, ctx.locale), url, validity_lines(proc))


def quoted(ctx: Context, what: str, name: str, url: str, lines: list[str]) -> str:
    """Sentences quoted from a procedure's data under ``search.<what>_title``, with the
    official page; ``search.<what>_none`` when the data states nothing."""
    if not lines:
        return ctx.t(f"search.{what}_none", name=name, url=url)
    return "\n".join(
        [
            ctx.t(f"search.{what}_title", name=name),
            *(f"  • {line}" for line in lines),
            ctx.t("search.official_page", url=url),
        ]
    )
