"""A message that tells what happened and asks nothing (used by ``knowledge.index``).

"hôm qua bão làm đổ cây trước nhà" tells the day's news: its words may share a phrase with
a procedure's alias ("chặt cây trước nhà"), but the citizen asked for nothing. Such a match
is proposed at most, never answered directly, unless a life event of the message named the
procedure ("ba tôi mới mất hôm qua" is the death registration).
"""

from __future__ import annotations

from knowledge.intent_phrases import PhraseSet
from knowledge.intents import MAX_CHARS, asks
from knowledge.normalize import normalize

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
