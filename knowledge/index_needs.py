"""Several needs in one message: the main one ranked, the others exposed (``Found.others``).

"làm sổ đỏ với đăng ký kết hôn" is two requests. The message is searched whole, and each of
its segments (``knowledge.index_query``) alone. A segment is another *need* when it names a
procedure strongly on its own and the whole message's best match does not already cover it
("kết hôn với người nước ngoài" is one need: the best match covers both parts). The need of
the whole message's best match is the main one (when that match is a blend of several
needs, the first need typed): its ranking is returned; the others' best matches go to
``others``. The best single segment is kept for long rambling messages too
(``Found.best_part``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.index_build import Arrays
from knowledge.index_query import MAIN, Analyzer, Tok
from knowledge.index_score import ONE_WORD_CAP, Query, Scored, cap_vague, mark_named, rank
from knowledge.index_thin import condition_only
from knowledge.normalize import fold_word
from knowledge.siblings import SIB_N, adjudicate, siblings, unsaid_foreign

NEED_SCORE = 72.0  # a segment names a need of its own from this score (dev: real needs 74+)
# ... or from this lower score when it clearly names one procedure: a need wrapped in words
# of its own ("cho hỏi làm thẻ căn cước cho con 15 tuổi", "thế chấp ngân hàng luôn")
CLEAR_NEED_SCORE, CLEAR_NEED_LEAD = 55.0, 8.0
# a segment asking for a procedure opens with one of these (accent-free), after the lead words
REQUEST_OPEN = frozenset("lam xin dang cap can sao chung doi tach nhap khai".split())
REQUEST_PAIRS = {"dang": frozenset({"ky", "ki"}), "sao": frozenset({"y"})}
REQUEST_LEAD = frozenset("em toi tui minh con chau cho hoi muon can xin".split()) - {"xin"}
MAX_SEGMENTS = 4  # segments searched alone, at most (a pasted text is not five requests)
ONE_NEED = 0.8  # the best match holds this share of the message: no other need to look for
BLEND_GAP = 30.0  # a variant this far below a segment's own best is a blend, not that need
EXPLAINED = 0.8
# a story this long (tokens) that names no procedure from STORY_CLEAR on is ranked by the
# segments telling its life event (``_told``)
STORY_TOKENS, STORY_CLEAR = (
    16,
    34.0,
)  # a part whose words the best match holds this much of is its need: not searched


@dataclass(slots=True)
class Found:
    """The ranking of the main need, other needs' best matches, and the best segment's."""

    ranked: list[Scored]
    others: list[Scored] = field(default_factory=list)
    best_part: list[Scored] = field(default_factory=list)


def ranked(a: Arrays, q: Query, k: int) -> list[Scored]:
    """Exact ranking with siblings adjudicated (the ``k`` best), vague matches capped."""
    scored = unsaid_foreign(a, q, rank(a, q, max(k, SIB_N)))
    return mark_named(a, q, cap_vague(condition_only(a, q, adjudicate(a, q, scored)[:k])))


def find(analyzer: Analyzer, toks: Sequence[Tok], k: int) -> Found:
    """Search a tokenised message: main need, other needs (see the module docstring)."""
    a = analyzer.arrays
    q = analyzer.query(toks)
    whole = ranked(a, q, max(k, SIB_N))
    told = _told(analyzer, toks, q, whole, k)
    if told:
        return Found(told)
    segs = _need_segments(toks)[:MAX_SEGMENTS]
    if len(segs) < 2 or not whole:
        return Found(whole[:k])
    top = whole[0]
    # the best match explains the message (through a name or an alias, not an example
    # question that mentions other procedures): one need
    if not a.f_question[top.fid] and _covered(a, q, top.fid) >= ONE_NEED:
        return Found(whole[:k])
    typed = [t for t in toks if t.role == MAIN and not t.derived]
    parts: dict[int, list[Scored]] = {}
    top_terms = a.field_terms(top.fid)
    for s in segs:
        q_s = analyzer.query(typed, {s})
        if not q_s:
            continue
        if _covered_by(q_s, top_terms) >= EXPLAINED:
            parts[s] = [top]  # the best match explains this part: its need, not searched
            continue
        part = ranked(a, q_s, max(k, SIB_N))
        if part:
            parts[s] = part
    best_part = max(parts.values(), key=lambda p: p[0].score, default=[])[:k]
    strong = [s for s in parts if _strong(parts[s])]
    # the segments the whole message's best match is about: it is their own best, or a
    # variant of it ("kết hôn" + "với người nước ngoài" -> "kết hôn có yếu tố nước ngoài")
    anchors = [
        s
        for s in parts
        if parts[s][0].pid == top.pid
        or (siblings(a, top, parts[s][0]) and top.score >= parts[s][0].score - BLEND_GAP)
    ]
    all_segs = {t.seg for t in toks}
    cache: dict[frozenset[int], list[Scored]] = {}

    def without(drop: set[int]) -> list[Scored]:
        key = frozenset(all_segs - drop)
        if key not in cache:
            cache[key] = ranked(a, analyzer.query(toks, key), max(k, SIB_N))
        return cache[key]

    if anchors:
        # another strong segment is another need when the best match does not need it
        others_segs = [s for s in strong if s not in anchors and _still_top(without({s}), top)]
        # the best match's need is the main one, the others follow in message order; a need
        # asked before it comes first ("làm sổ đỏ với đăng ký kết hôn": sổ đỏ answered, kết
        # hôn offered), a story told before it does not ("vợ mới sinh con, xin thai sản")
        asked = [s for s in others_segs if s < anchors[0] and _asked(toks, s)]
        needs = _distinct([*asked, anchors[0], *sorted(set(others_segs) - set(asked))], parts)
    else:  # the best match is a blend of several needs: take them in message order
        needs = _distinct(sorted(strong), parts)
    if len(needs) < 2:
        return Found(whole[:k], best_part=best_part)
    main = without(set(needs[1:])) or whole
    others = [parts[s][0] for s in needs[1:] if parts[s][0].pid != main[0].pid]
    return Found(main[:k], others, best_part)


def _asked(toks: Sequence[Tok], seg: int) -> bool:
    """A segment that asks for its procedure: it opens with a request ("làm", "xin", "đăng
    ký"..., after "em muốn", "cho tôi"), tells no life event (no derived word)."""
    words = [t for t in toks if t.seg == seg]
    if not words or any(t.derived for t in words):
        return False
    folded = [fold_word(t.word) for t in words]
    while folded and folded[0] in REQUEST_LEAD:
        folded.pop(0)
    if not folded or folded[0] not in REQUEST_OPEN:
        return False
    # "dang" is also "đang" (đang hưởng lương hưu), "sao" also "sao" (why)
    pair = REQUEST_PAIRS.get(folded[0])
    return pair is None or (len(folded) > 1 and folded[1] in pair)


def _told(
    analyzer: Analyzer, toks: Sequence[Tok], q: Query, whole: list[Scored], k: int
) -> list[Scored]:
    """A long story that tells a life event and names no procedure clearly: the ranking of
    the segments telling the event, when its best match holds the event's procedure words
    ("tôi năm nay 72 tuổi, chồng tôi vừa mất ở nhà hôm qua, ... giờ phải làm gì với xã")."""
    if not q.event_tids or len(toks) < STORY_TOKENS or (whole and whole[0].score >= STORY_CLEAR):
        return []
    segs = {t.seg for t in toks if t.derived and t.role == MAIN}
    got = ranked(analyzer.arrays, analyzer.query(toks, segs), max(k, SIB_N)) if segs else []
    if not got or not got[0].evented or (whole and got[0].score <= whole[0].score):
        return []
    return got[:k]


def _covered(a: Arrays, q: Query, fid: int) -> float:
    """Share of the question's weight that one field holds."""
    terms = a.field_terms(fid)
    hit = sum(float(w) for t, w in zip(q.tids, q.weights, strict=True) if int(t) in terms)
    return hit / q.total


def _covered_by(q: Query, terms: frozenset[int]) -> float:
    """Share of a question's known weight that a set of term ids holds."""
    total = float(q.weights.sum()) or 1.0
    return sum(float(w) for t, w in zip(q.tids, q.weights, strict=True) if int(t) in terms) / total


def _strong(part: list[Scored]) -> bool:
    best = part[0]
    lead = best.score - (part[1].score if len(part) > 1 else 0.0)
    clear = best.score >= CLEAR_NEED_SCORE and lead >= CLEAR_NEED_LEAD
    return (best.score >= NEED_SCORE or clear) and best.score > ONE_WORD_CAP


def _still_top(again: list[Scored], top: Scored) -> bool:
    return bool(again) and again[0].pid == top.pid


def _distinct(segs: list[int], parts: dict[int, list[Scored]]) -> list[int]:
    """The segments, one per best match (the first one kept)."""
    seen: set[int] = set()
    out = []
    for s in segs:
        pid = parts[s][0].pid
        if pid not in seen:
            seen.add(pid)
            out.append(s)
    return out


def _need_segments(toks: Sequence[Tok]) -> list[int]:
    """Segments with typed (not derived) main words, in message order."""
    seen: list[int] = []
    for t in toks:
        if t.role == MAIN and not t.derived and t.seg not in seen:
            seen.append(t.seg)
    return seen
