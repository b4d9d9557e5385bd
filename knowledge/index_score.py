"""Scoring a question against every procedure at once (numpy over field-level postings).

For each field: ``qcov`` is the share of the question's weight found in the field, ``fcov``
the share of the field's weight found in the question; ``sim = qcov**W_Q * fcov**W_F * kind``
(geometric: a field that covers the question but is mostly about something else gets little
credit). Negated words (``Query.neg``) take credit away from the fields that contain them.
A procedure's score is its best field's ``sim`` blended with a rapidfuzz similarity of the
accent-free texts, plus its prior. Rapidfuzz runs only for the few procedures whose upper
bound (fuzz = 100) can still reach the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.index_body import body_hits
from knowledge.index_build import Arrays

W_Q, W_F, W_FUZZ = 1.0, 0.5, 0.1
FUZZ_SCORER = fuzz.token_sort_ratio
NEG_W = 0.9  # a field holding all the negated words keeps 10% of its credit
ONE_WORD_CAP = 54.0  # best score of a match sharing a single syllable (below ANSWER_SCORE)
EXACT_MIN = 8  # procedures scored exactly (with rapidfuzz) per question, at least ...
EXACT_MAX = 32  # ... and at most
# A match is answered directly only if it shares a *specific* term with the question, one
# that at most this many procedures use: "hỗ trợ" (81) or "đăng ký" (615) alone is too vague
# to answer "Hỗ trợ chi phí"; "khai tử" (8), "căn cước" (29) are not.
SPECIFIC_DF = 60
VAGUE_MASS = 12.0
COMMON_SHARE, COMMON_MIN = 0.03, 40  # a term in more procedures than this is common
# A word pair of the official name that at most this many procedures use ("tử tuất",
# "khu vực biển", "đơn khởi kiện"): a low-scoring match that shares one is still proposed
# (``knowledge.index_bands.SUGGEST_NAMED``), a long question about a catalogue procedure
# rarely reaches the usual suggestion score
NAMED_DF = 15
SHOWN = 3  # matches a question shows (buttons, ``ask --top``)  # ... unless the question says much more than that ("đăng ký thường trú")
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)


@dataclass(slots=True)
class Query:
    """An analysed question: weighted term ids, negated term ids, accent-free content text."""

    tids: np.ndarray = field(default_factory=lambda: _EMPTY_I)
    weights: np.ndarray = field(default_factory=lambda: _EMPTY_F)
    unigrams: frozenset[int] = frozenset()  # term ids of the question's single syllables
    total: float = 1.0  # weight of the whole question (unknown words included)
    text: str = ""
    neg_tids: np.ndarray = field(default_factory=lambda: _EMPTY_I)
    neg_weights: np.ndarray = field(default_factory=lambda: _EMPTY_F)
    # a purpose clause's terms: a bonus for the fields that hold them, never required and
    # not counted in how much of a field the question covers ("để đi đăng ký kết hôn")
    soft_tids: np.ndarray = field(default_factory=lambda: _EMPTY_I)
    soft_weights: np.ndarray = field(default_factory=lambda: _EMPTY_F)
    # the question's terms in the bodies' vocabulary (knowledge.index_body), with weights
    body_tids: np.ndarray = field(default_factory=lambda: _EMPTY_I)
    body_weights: np.ndarray = field(default_factory=lambda: _EMPTY_F)
    # specific terms that an event rule put in the question ("mất" near "ba" -> "khai tử")
    event_tids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return len(self.tids) > 0


@dataclass(slots=True)
class Scored:
    """One procedure's exact score, with the field that earned it."""

    score: float
    pid: int
    fid: int
    vague: bool = False  # shares no specific term with the question (SPECIFIC_DF)
    cover: float = 1.0  # share of the best field's weight the question holds
    capped: bool = False  # held at ONE_WORD_CAP (one shared syllable, a subject head, vague)
    named: bool = False  # shares a rare word pair of the official name (NAMED_DF)
    evented: bool = False  # its best field holds a specific term an event rule derived

    def rescored(self, score: float) -> Scored:
        """The same match with another score."""
        return Scored(
            score,
            self.pid,
            self.fid,
            self.vague,
            self.cover,
            self.capped,
            self.named,
            self.evented,
        )


def _gather(a: Arrays, tids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    starts, ends = a.t_ptr[tids], a.t_ptr[tids + 1]
    lens = ends - starts
    if len(tids) == 1:
        sl = slice(int(starts[0]), int(ends[0]))
        return a.t_field[sl], a.t_weight[sl], np.repeat(weights, lens), np.repeat(tids, lens)
    fields = np.concatenate([a.t_field[s:e] for s, e in zip(starts, ends, strict=True)])
    fweights = np.concatenate([a.t_weight[s:e] for s, e in zip(starts, ends, strict=True)])
    return fields, fweights, np.repeat(weights, lens), np.repeat(tids, lens)


@dataclass(slots=True)
class Touched:
    """The fields a question touches (sorted ids) and their numbers, grouped by procedure."""

    fids: np.ndarray
    sim: np.ndarray
    shared: np.ndarray  # question syllables the field shares
    specific: np.ndarray  # holds a specific question term (SPECIFIC_DF)
    starts: np.ndarray  # where each procedure's touched fields start in ``fids``
    pids: np.ndarray  # the procedure of each group
    cover: np.ndarray  # share of each field's weight the question holds
    best: np.ndarray | None = None  # groups' best fields (``_best_fields``), on demand


def field_sims(a: Arrays, q: Query) -> Touched:
    """``sim`` of the fields the question touches (see the module docstring).

    One pass over the question's postings marks the touched fields; the rest works on those."""
    fields, fweights, qweights, ptids = _gather(a, q.tids, q.weights)
    mark = np.zeros(a.n_fields, dtype=bool)
    mark[fields] = True
    fids = np.flatnonzero(mark)
    n = len(fids)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        nothing = np.zeros(0)
        return Touched(empty, nothing, nothing, np.zeros(0, dtype=bool), empty, empty, nothing)
    where = np.empty(a.n_fields, dtype=np.int64)  # field id -> position among the touched
    where[fids] = np.arange(n)
    at = where[fields]
    hit_q = np.bincount(at, weights=qweights, minlength=n)
    hit_f = np.bincount(at, weights=fweights, minlength=n)
    # per posting: is its term a syllable (not a bigram), is it specific
    shared = np.bincount(at, weights=a.t_unigram[ptids], minlength=n)
    specific = np.bincount(at, weights=a.df[ptids] <= SPECIFIC_DF, minlength=n) > 0
    if len(q.soft_tids):
        hit_q += _sum_at(a, q.soft_tids, q.soft_weights, fids)
    procs = a.f_proc[fids]
    if len(q.body_tids):
        hit_q += body_hits(a.body, q.body_tids, q.body_weights, a.n_procs)[procs]
    qcov = np.minimum(hit_q / q.total, 1.0)
    cover = hit_f / a.f_total[fids]
    sim = qcov**W_Q * cover**W_F * a.f_kind[fids]
    if len(q.neg_tids):
        neg = _sum_at(a, q.neg_tids, q.neg_weights, fids) / float(q.neg_weights.sum())
        sim *= 1.0 - NEG_W * np.minimum(neg, 1.0)
    change = np.empty(n, dtype=bool)
    change[0] = True
    np.not_equal(procs[1:], procs[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    return Touched(fids, sim, shared, specific, starts, procs[starts], cover)


def _sum_at(a: Arrays, tids: np.ndarray, weights: np.ndarray, fids: np.ndarray) -> np.ndarray:
    """Question weight of some terms per touched field (a field touched by none earns 0)."""
    fields, _fw, qw, _ = _gather(a, tids, weights)
    at = np.minimum(np.searchsorted(fids, fields), len(fids) - 1)
    keep = fids[at] == fields
    return np.bincount(at[keep], weights=qw[keep], minlength=len(fids))


def _best_fields(t: Touched, groups: np.ndarray) -> np.ndarray:
    """Position in ``t`` of the best field (first of equals) of each of some procedure
    groups; each group is looked at once (``t.best``, -1 until then)."""
    if t.best is None:
        t.best = np.full(len(t.starts), -1, dtype=np.int64)
    best, starts, sim, n = t.best, t.starts, t.sim, len(t.fids)
    for g in groups.tolist():
        if best[g] < 0:
            lo = int(starts[g])
            hi = int(starts[g + 1]) if g + 1 < len(starts) else n
            best[g] = lo + int(np.argmax(sim[lo:hi])) if hi - lo > 1 else lo
    return best[groups]


def rank(a: Arrays, q: Query, k: int) -> list[Scored]:
    """The ``k`` best procedures, exact scores, best first."""
    if not q or a.n_procs == 0:
        return []
    return _rank(a, q, k, field_sims(a, q))


def _rank(a: Arrays, q: Query, k: int, t: Touched) -> list[Scored]:
    if len(t.fids) == 0:
        return []
    # upper bound of each procedure's exact score: rapidfuzz's ratio of two texts is at most
    # 2*min(len)/(len1+len2), so a long official name cannot look like a short question
    n_q = float(len(q.text))
    f_len = a.f_len[t.fids]
    fz_max = 2.0 * np.minimum(f_len, n_q) / np.maximum(f_len + n_q, 1.0)
    field_upper = np.where(t.sim > 0, (1.0 - W_FUZZ) * t.sim + W_FUZZ * fz_max, -1.0)
    best = np.maximum.reduceat(field_upper, t.starts)
    upper = np.where(best > -1.0, 100.0 * best + a.prior[t.pids], -1e9)
    n_hit = int(np.count_nonzero(best > -1.0))
    want = min(n_hit, max(k, EXACT_MIN))
    if want == 0:
        return []
    order = _top_indices(upper, want)
    done: list[Scored] = []
    pos = 0
    while True:
        done += _exact(a, q, t, order[pos:])
        pos = len(order)
        done.sort(key=lambda s: (-s.score, s.pid))
        if pos >= n_hit or len(done) < k:
            break
        # every procedure not scored yet is bounded by the smallest upper bound scored so far;
        # past EXACT_MAX the rest is left out (a long question's bound is loose)
        if done[k - 1].score >= upper[order[-1]] or pos >= EXACT_MAX:
            break
        order = _top_indices(upper, min(n_hit, 2 * pos))
    return done[:k]


def _top_indices(values: np.ndarray, n: int) -> np.ndarray:
    if n >= len(values):
        idx = np.arange(len(values))
    else:
        idx = np.argpartition(-values, n - 1)[:n]
    return idx[np.lexsort((idx, -values[idx]))]


def _exact(a: Arrays, q: Query, t: Touched, groups: np.ndarray) -> list[Scored]:
    """Exact scores of some procedures (groups of ``t``): best field, rapidfuzz on it in one
    batch, caps."""
    if len(groups) == 0:
        return []
    at = _best_fields(t, groups)
    fids, pids = t.fids[at], t.pids[groups]
    texts = [a.f_text[f] for f in fids]
    fz = process.cdist([q.text], texts, scorer=FUZZ_SCORER, dtype=np.float64)[0] / 100.0
    score = 100.0 * ((1.0 - W_FUZZ) * t.sim[at] + W_FUZZ * fz) + a.prior[pids]
    # One shared syllable ("tên" in "bạn tên gì" vs "đổi tên") is too thin to answer on:
    # such a match may be suggested, never answered directly; nor is a match on a name's
    # head without its "đối với ..." part (index_build); an alias of one word typed whole
    # ("ĐKKH") is not thin: that word is the procedure's own
    thin = (((t.shared[at] < 2) & ~a.f_token[fids]) | a.f_capped[fids]) & (score > ONE_WORD_CAP)
    score = np.where(thin, ONE_WORD_CAP, score)
    vague = ~t.specific[at] & (float(q.weights.sum()) < VAGUE_MASS)
    return [
        Scored(float(sc), int(p), int(f), bool(v), float(c), bool(th))
        for sc, p, f, v, c, th in zip(
            score, pids, fids, vague, t.cover[at].tolist(), thin, strict=True
        )
    ]


def mark_named(a: Arrays, q: Query, ranked: list[Scored]) -> list[Scored]:
    """The ranking with its first match's ``named`` set: whether its official name holds
    one of the question's rare word pairs, and ``evented``: whether its best field holds a
    term an event rule derived (only the first match's band depends on them)."""
    if not ranked:
        return ranked
    top = ranked[0]
    pairs = q.tids[~a.t_unigram[q.tids] & (a.df[q.tids] <= NAMED_DF)].tolist()
    own = a.name_pairs[top.pid]
    named = any(t in own for t in pairs)
    evented = bool(q.event_tids) and not q.event_tids.isdisjoint(a.field_terms(top.fid))
    if named == top.named and evented == top.evented:
        return ranked
    first = Scored(top.score, top.pid, top.fid, top.vague, top.cover, top.capped, named, evented)
    return [first, *ranked[1:]]


def cap_vague(ranked: list[Scored]) -> list[Scored]:
    """Scores as shown: a vague match (see SPECIFIC_DF) at most ONE_WORD_CAP, and no score
    above the one before it, so the order is kept and the bands never answer it."""
    out: list[Scored] = []
    for s in ranked:
        capped = s.capped or (s.vague and s.score > ONE_WORD_CAP)
        score = min(s.score, ONE_WORD_CAP) if s.vague else s.score
        if out and score > out[-1].score:
            score = out[-1].score
        if score != s.score or capped != s.capped:
            s = Scored(score, s.pid, s.fid, s.vague, s.cover, capped, s.named, s.evented)
        out.append(s)
    return out
