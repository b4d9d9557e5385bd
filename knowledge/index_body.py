"""The secondary texts of a procedure, a weaker field of evidence (used by ``index_score``).

An official name is short; the catalogue record carries more of the citizen's vocabulary: what
the citizen gets (``result``: "Giấy chứng nhận nuôi con nuôi", "Tiền trợ cấp"), the field
("Nuôi con nuôi"), who may file ("Công dân Việt Nam", "Hộ gia đình"). Those texts form one
*body* per procedure. A question word found in a procedure's body (and in none of
its names) counts as partly covered (``BODY_SHARE``) in that procedure's score, weighted by
how few bodies use the word. The body never makes a candidate on its own: only procedures a
name, alias or example question already touched are lifted, so nothing is answered on the
body alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from knowledge.abbrev import Expander
from knowledge.index_text import analyze_words, prepare_words, terms_of
from knowledge.schema import Procedure

BODY_SHARE = 0.5  # a body word counts this much of a name word (times its rarity)
MAX_CHARS = 400  # of each secondary text (the start says what the procedure gives and to whom)


def body_parts(p: Procedure) -> list[str]:
    """The secondary texts of a procedure: result, field, subjects (each cut).

    Measured on the dev set (2026-12): conditions, papers and steps add nothing to top-1 or
    top-3 there, cost 5 s of index build, and let long texts match almost any question.
    """
    return [x[:MAX_CHARS] for x in (p.result, p.field, p.subjects) if x]


@dataclass(slots=True)
class Body:
    """Term -> procedures postings of the bodies (CSR), with each term's rarity weight."""

    vocab: dict[str, int] = field(default_factory=dict)
    ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    procs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    rarity: np.ndarray = field(default_factory=lambda: np.zeros(0))  # 0..1 per term


def build_body(
    procs: Sequence[Procedure], expander: Expander | None, name_terms: Sequence[set[str]]
) -> Body:
    """Postings of every procedure's body terms that none of its own names hold."""
    per_proc: list[set[str]] = []
    df: dict[str, int] = {}
    cache: dict[str, frozenset[str]] = {}  # fields and subjects repeat across procedures
    for p, own in zip(procs, name_terms, strict=True):
        terms: set[str] = set()
        for text in body_parts(p):
            got = cache.get(text)
            if got is None:
                got = cache[text] = frozenset(
                    terms_of(analyze_words(prepare_words(text, expander)))
                )
            terms |= got
        terms -= own
        per_proc.append(terms)
        for t in terms:
            df[t] = df.get(t, 0) + 1
    b = Body()
    if not df:
        return b
    ordered = sorted(df)
    b.vocab = {t: i for i, t in enumerate(ordered)}
    n = max(1, len(procs))
    top = math.log(1.0 + n)
    b.rarity = np.array([math.log(1.0 + n / df[t]) / top for t in ordered], dtype=np.float64)
    tids, pids = [], []
    for pid, terms in enumerate(per_proc):
        for t in terms:
            tids.append(b.vocab[t])
            pids.append(pid)
    t_arr = np.array(tids, dtype=np.int64)
    order = np.argsort(t_arr, kind="stable")
    b.procs = np.array(pids, dtype=np.int32)[order]
    counts = np.bincount(t_arr, minlength=len(ordered))
    b.ptr = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)])
    return b


def body_hits(b: Body, tids: np.ndarray, weights: np.ndarray, n_procs: int) -> np.ndarray:
    """Per procedure: the question weight its body holds (times rarity and BODY_SHARE)."""
    starts, ends = b.ptr[tids], b.ptr[tids + 1]
    lens = ends - starts
    if not lens.sum():
        return np.zeros(n_procs, dtype=np.float64)
    procs = np.concatenate([b.procs[s:e] for s, e in zip(starts, ends, strict=True)])
    per_term = BODY_SHARE * weights * b.rarity[tids]
    return np.bincount(procs, weights=np.repeat(per_term, lens), minlength=n_procs)
