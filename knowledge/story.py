"""Weak evidence read from how a message was written (used by ``knowledge.index``).

A message that tells what happened and asks nothing:
"hôm qua bão làm đổ cây trước nhà" tells the day's news: its words may share a phrase with
a procedure's alias ("chặt cây trước nhà"), but the citizen asked for nothing. Such a match
is proposed at most, never answered directly, unless a life event of the message named the
procedure ("ba tôi mới mất hôm qua" is the death registration).

A rare word pair of an official name shared only once accents are dropped: "hôm nay có bão
không" shares "co bao" with "Chào bán chứng quyền có bảo đảm", typed with other accents.
Such a pair does not let a low-scoring match be proposed (``Match.named``).
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.abbrev import typed_with_accents
from knowledge.intent_phrases import PhraseSet
from knowledge.intents import MAX_CHARS, asks
from knowledge.normalize import fold_word, normalize

PAIR_GAP = 3  # a name's pair may stand this many words apart in the message (stop words)
# When it happened, said of the past (matched accent for accent when typed with accents)
PAST = PhraseSet(
    """hôm qua, hôm kia, hôm trước, mấy hôm trước, tuần trước, tuần rồi, tháng trước,
    tháng rồi, năm ngoái, năm trước, tối qua, đêm qua, chiều qua, sáng qua, trưa qua"""
)


def told_past(text: str) -> bool:
    """True when the message says when something happened in the past and asks nothing."""
    if not isinstance(text, str) or asks(text):
        return False
    return bool(PAST.hits(normalize(text[:MAX_CHARS]).split()))


_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def _same(typed: str, written: str) -> bool:
    """A typed word is the written one: accent for accent ("ký"/"kí" alike), or typed
    without accents at all."""
    return (
        typed == written
        or fold_word(typed) == typed
        or (typed.translate(_Y_TO_I) == written.translate(_Y_TO_I))
    )


def pair_typed_otherwise(words: Sequence[str], name: str) -> bool:
    """True when every word pair the message shares with ``name`` once accents are dropped
    was typed with other accents ("có bão" is not "có bảo đảm"); False when one pair is the
    name's own, or none is found, or the message was typed without accents."""
    if not typed_with_accents(list(words)):
        return False
    written = normalize(name).split()
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for a, b in zip(written, written[1:], strict=False):
        pairs.setdefault((fold_word(a), fold_word(b)), []).append((a, b))
    found = False
    for i, a in enumerate(words):
        for b in words[i + 1 : i + 1 + PAIR_GAP]:
            for wa, wb in pairs.get((fold_word(a), fold_word(b)), ()):
                if _same(a, wa) and _same(b, wb):
                    return False
                found = True
    return found
