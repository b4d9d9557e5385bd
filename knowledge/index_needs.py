"""Several needs in one message: the main one ranked, the others exposed (``Found.others``).

"làm sổ đỏ với đăng ký kết hôn" is two requests. The message is searched whole, and each of
its segments (``knowledge.index_query``) alone. A segment is another *need* when it names a
procedure strongly on its own and the whole message's best match does not already cover it
("kết hôn với người nước ngoài" is one need: the best match covers both parts). The first
need in the message is the main one: its ranking is returned; the others' best matches go
to ``others``. The best single segment is kept for long rambling messages too
(``Found.best_part``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from knowledge.index_build import Arrays
from knowledge.index_query import MAIN, Analyzer, Tok
from knowledge.index_score import ONE_WORD_CAP, Query, Scored, cap_vague, rank
from knowledge.siblings import SIB_N, adjudicate

NEED_SCORE = 55.0  # a segment names a procedure on its own from this score (ANSWER_SCORE)
COVER = 0.3  # share of a segment's weight the best match holds when it covers the segment
MAX_SEGMENTS = 6  # segments searched alone, at most (a pasted text is not six requests)


@dataclass(slots=True)
class Found:
    """The ranking of the main need, other needs' best matches, and the best segment's."""

    ranked: list[Scored]
    others: list[Scored] = field(default_factory=list)
    best_part: list[Scored] = field(default_factory=list)


def ranked(a: Arrays, q: Query, k: int) -> list[Scored]:
    """Exact ranking with siblings adjudicated (the ``k`` best), vague matches capped."""
    return cap_vague(adjudicate(a, q, rank(a, q, max(k, SIB_N))[0])[:k])


def find(analyzer: Analyzer, toks: Sequence[Tok], k: int) -> Found:
    """Search a tokenised message: main need, other needs (see the module docstring)."""
    a = analyzer.arrays
    whole = ranked(a, analyzer.query(toks), max(k, SIB_N))
    segs = _need_segments(toks)
    if len(segs) < 2 or not whole:
        return Found(whole[:k])
    top = whole[0]
    groups: list[tuple[list[int], Scored]] = []  # (segments, best match), in message order
    best_part: list[Scored] = []
    for s in segs[:MAX_SEGMENTS]:
        q_s = analyzer.query([t for t in toks if t.role == MAIN and not t.derived], {s})
        part = ranked(a, q_s, max(k, SIB_N)) if q_s else []
        if not part:
            continue
        if not best_part or part[0].score > best_part[0].score:
            best_part = part
        covered = part[0].pid == top.pid or _cover(a, q_s, top.fid) >= COVER
        if covered:
            _join(groups, s, top)
        elif part[0].score >= NEED_SCORE and part[0].score > ONE_WORD_CAP:
            _join(groups, s, part[0])
    best_part = best_part[:k]
    if len(groups) < 2:
        return Found(whole[:k], best_part=best_part)
    main_segs, main_top = groups[0]
    others = [g[1] for g in groups[1:] if g[1].pid != main_top.pid]
    drop = {s for g in groups[1:] for s in g[0]}
    main = ranked(a, analyzer.query(toks, {t.seg for t in toks} - drop), k) or whole
    return Found(main[:k], others, best_part)


def _need_segments(toks: Sequence[Tok]) -> list[int]:
    """Segments with typed (not derived) main words, in message order."""
    seen: list[int] = []
    for t in toks:
        if t.role == MAIN and not t.derived and t.seg not in seen:
            seen.append(t.seg)
    return seen


def _cover(a: Arrays, q: Query, fid: int) -> float:
    """Share of the query's weight found in one field."""
    terms = a.f_terms[fid]
    hit = sum(float(w) for t, w in zip(q.tids, q.weights, strict=True) if int(t) in terms)
    return hit / float(np.sum(q.weights)) if len(q.weights) else 0.0


def _join(groups: list[tuple[list[int], Scored]], seg: int, best: Scored) -> None:
    for segs, g in groups:
        if g.pid == best.pid:
            segs.append(seg)
            return
    groups.append(([seg], best))
