"""Matches that share only a *condition* with the question (used by ``knowledge.index_needs``).

"điện thoại tôi bị hỏng rồi", "máy giặt bị hỏng": the question's only specific words that
a procedure's field holds say what happened to a thing ("bị hỏng", "hết hạn", "bị rách"),
not which thing. The field is about a card or a licence ("căn cước bị hỏng"); the thing the
citizen named is something else. Such a match is no evidence: its score is scaled down (below
the suggestion score for a usual question) and it is never answered directly.
"""

from __future__ import annotations

from knowledge.index_build import Arrays
from knowledge.index_score import ONE_WORD_CAP, SPECIFIC_DF, Query, Scored
from knowledge.normalize import fold

# What may happen to a document (accent-free, as indexed); a field sharing only these with a
# question shares no object with it
CONDITIONS = tuple(
    fold(w)
    for w in """hỏng, bị hỏng, hư, bị hư, hư hỏng, hỏng hóc, rách, bị rách, rách nát, nát,
    hết hạn, quá hạn, bị mất, mất, thất lạc, bị sai, sai, nhòe, bị nhòe, mờ, bị mờ, gãy,
    bị gãy, cong vênh, bong tróc, ướt, bị ướt, cũ, bị cháy, cháy""".replace("\n", " ").split(",")
    if w.strip()
)
THIN_SCALE = 0.6  # what is left of such a match's score


def condition_ids(a: Arrays) -> frozenset[int]:
    """Term ids of ``CONDITIONS`` in this index (remembered)."""
    got = a.memo.get("conditions")
    if got is None:
        got = frozenset(a.vocab[c.strip()] for c in CONDITIONS if c.strip() in a.vocab)
        a.remember("conditions", got)
    return got  # type: ignore[return-value]


def condition_only(a: Arrays, q: Query, ranked: list[Scored]) -> list[Scored]:
    """The ranking with every match whose field shares no specific question term but a
    condition scaled down (``THIN_SCALE``) and capped; the order is kept as scored."""
    if not ranked or not len(q.tids):
        return ranked
    cond = condition_ids(a)
    asked = set(q.tids.tolist())
    if cond.isdisjoint(asked):
        return ranked
    out = []
    for s in ranked:
        shared = a.field_terms(s.fid) & asked
        specific = {t for t in shared if a.df[t] <= SPECIFIC_DF}
        if specific and specific <= cond:
            s = Scored(
                min(s.score * THIN_SCALE, ONE_WORD_CAP),
                s.pid,
                s.fid,
                s.vague,
                s.cover,
                True,
                s.named,
                s.evented,
            )
        out.append(s)
    out.sort(key=lambda s: -s.score)
    return out
