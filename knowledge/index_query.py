"""Reading a question: clauses, fixed words, roles and needs (used by ``knowledge.index``).

``Analyzer.tokens`` turns a message into tokens that remember their clause, their *role*
and their *segment*:

* words are fixed first: glued words split over the syllable vocabulary
  (``knowledge.segment``), typos replaced by the closest known syllable; then abbreviations
  and colloquial names expanded (``knowledge.abbrev``) and life events rewritten
  (``knowledge.events``);
* role ``NEGATED``: what follows "không phải", "chứ không phải", "đừng", "không cần"... in
  its clause is evidence *against*;
* role ``PURPOSE``: what follows "để", "nhằm", "cho việc"... weighs less ("giấy độc thân để
  đi đăng ký kết hôn" wants the certificate);
* segments: clauses and connectors ("với", "và", "rồi", "đồng thời"...) split a message into
  parts that may each be a need ("làm sổ đỏ với đăng ký kết hôn").

``Analyzer.query`` weighs the tokens (of all segments or some) into a ``Query``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.abbrev import Expander, typed_with_accents
from knowledge.events import AgeRule, EventTable
from knowledge.index_build import Arrays
from knowledge.index_runs import (
    MAIN,
    NEGATED,
    PURPOSE,
    Tok,
    clause_context,
    event_ids,
    run_content,
    runs_of,
)
from knowledge.index_score import SPECIFIC_DF, Query
from knowledge.index_text import terms_of
from knowledge.normalize import fold_word, is_syllable, normalize_clauses
from knowledge.query_roles import (
    background_before_now,
    is_done,
    mark_roles,
    negated_things,
)
from knowledge.segment import Segmenter, digit_runs

FIX_CUTOFF = 75  # rapidfuzz ratio needed to replace an unknown word by a known syllable
UNKNOWN_WEIGHT = 3.0  # weight of a question word that no procedure uses
NUMBER_WEIGHT = 1.0  # ... but a number ("2 đứa con") is not "about something else"
MAX_QUERY_WORDS = 40  # the first 40 words say what the question is about
PURPOSE_W = 0.35  # weight of a purpose clause when the message has a need before it
DERIVED_W = 0.7  # weight of words an event rule or the age rule added
_FIX_CACHE_MAX = 50_000


class Analyzer:
    """Question analysis bound to one index's vocabulary."""

    def __init__(
        self,
        arrays: Arrays,
        expander: Expander | None,
        events: EventTable,
        age: AgeRule,
        known: Collection[str],
        frequencies: dict[str, float],
    ) -> None:
        self.arrays = arrays
        self.expander = expander
        self.events = events
        self.age = age
        self.unigrams = frozenset(t for t in arrays.vocab if " " not in t)
        self.known = frozenset(known)
        self._known_list = sorted(self.known)
        bigrams = [t for t in arrays.vocab if " " in t]
        vocab = dict.fromkeys(self.known, 1.0)
        vocab.update(frequencies)
        self.segmenter = Segmenter(vocab, bigrams)
        self.specific_bigrams = frozenset(
            t for t in bigrams if arrays.df[arrays.vocab[t]] <= SPECIFIC_DF
        )
        self._fixed: dict[str, list[str]] = {}
        self._words: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._clauses: dict[tuple[object, ...], tuple[list[str], list[bool], list[str]]] = {}
        self._runs: dict[tuple[object, ...], list[tuple[str, float, bool]]] = {}

    # ------------------------------------------------------------------ words
    def fix_word(self, word: str) -> list[str]:
        """Known syllables for an unknown word: glued syllables split, else the closest one;
        a well-formed syllable stays even when unknown ("loan" in "Đài Loan": not a typo)."""
        f = fold_word(word)
        if f in self.known or len(f) < 3 or is_syllable(f):
            return [word]
        if not f.isalpha():  # "ruttienbhxh1lan": digits glued between words
            runs = digit_runs(word)
            return [w for r in runs for w in (self.fix_word(r) if r.isalpha() else [r])]
        cached = self._fixed.get(word)
        if cached is not None:
            return cached
        pieces = self.segmenter.split(f)
        if pieces:
            out, pos = [], 0
            for p in pieces:  # the fold keeps one letter per letter: cut the typed word
                out.append(word[pos : pos + len(p)])
                pos += len(p)
        else:
            hit = process.extractOne(
                f, self._known_list, scorer=fuzz.ratio, score_cutoff=FIX_CUTOFF
            )
            out = [hit[0]] if hit else [word]
        if len(self._fixed) < _FIX_CACHE_MAX:
            self._fixed[word] = out
        return out

    def tokens(self, text: str) -> list[Tok]:
        """The message's tokens with clause, segment and role (see the module docstring)."""
        toks: list[Tok] = []
        budget = MAX_QUERY_WORDS
        seg = -1
        expanded = []
        typed: list[str] = []
        for clause in normalize_clauses(text):
            if budget <= 0:
                break
            typed += clause[:budget]
            expanded.append(self._expanded(tuple(clause[:budget])))
            budget -= len(clause)
        # typed with accents, a bare word of the message is itself ("do" is not "đồ")
        bare = not typed_with_accents(typed)
        clauses = [
            self._events(words, clause_context(expanded, c), bare)
            for c, words in enumerate(expanded)
        ]
        for c, (words, derived, band) in enumerate(clauses):
            seg += 1
            if len(clauses) > 1 and not any(derived) and is_done(words):
                # "khai sinh làm rồi, giờ cần nhập hộ khẩu": the done step is not the need
                toks += [Tok(w, c, seg, NEGATED, d) for w, d in zip(words, derived, strict=True)]
                continue
            seg = mark_roles(words, derived, c, seg, toks)
            toks += [Tok(w, c, seg, MAIN, True) for w in band]
        return negated_things(background_before_now(toks))

    def _expanded(self, clause: tuple[str, ...]) -> tuple[str, ...]:
        """One clause's fixed and expanded words (remembered: a clause comes back in many
        messages, "cần giấy tờ gì", "ở đâu")."""
        got = self._words.get(clause)
        if got is None:
            words: list[str] = []
            for w in clause:
                words += self.fix_word(w)
            if self.expander is not None:
                words = self.expander.expand(words)
            got = tuple(words)
            if len(self._words) >= _FIX_CACHE_MAX:
                self._words.clear()
            self._words[clause] = got
        return got

    def _events(
        self, words: tuple[str, ...], context: tuple[str, ...], bare: bool
    ) -> tuple[list[str], list[bool], list[str]]:
        """A clause's event-rewritten words, which were derived, and its age band words."""
        key = (words, context, bare)
        got = self._clauses.get(key)
        if got is None:
            out, derived = self.events.apply(words, context, bare)
            got = (out, derived, self.age.band(out, context))
            if len(self._clauses) >= _FIX_CACHE_MAX:
                self._clauses.clear()
            self._clauses[key] = got
        return got

    # ------------------------------------------------------------------ weights
    def query(self, toks: Sequence[Tok], segs: Collection[int] | None = None) -> Query:
        """Weighted terms of the tokens (of segments ``segs`` only, when given)."""
        if segs is not None:
            toks = [t for t in toks if t.seg in segs]
        runs = runs_of(toks)
        vocab, idf = self.arrays.vocab, self.arrays.idf
        main = self._terms([r for r in runs if r[0].role == MAIN], 1.0)
        main_mass = sum(float(idf[vocab[t]]) * m for t, m in main[0].items() if t in vocab)
        # a purpose clause is a bonus after a need, the need itself when nothing precedes it
        purpose = self._terms([r for r in runs if r[0].role == PURPOSE], PURPOSE_W)
        if main_mass == 0:
            main = self._terms([r for r in runs if r[0].role != NEGATED], 1.0)
            purpose = ({}, 0.0)
        negated = self._terms([r for r in runs if r[0].role == NEGATED], 1.0)
        pos = self._ids(main[0])
        soft = {t: w for t, w in self._ids(purpose[0]).items() if t not in pos}
        unknown = main[1]
        neg = {t: w for t, w in self._ids(negated[0]).items() if t not in pos and t not in soft}
        unigrams = frozenset(t for t in pos if self.arrays.t_unigram[t])
        body = self._body_ids(main[0])
        # the accent-free content words, for rapidfuzz (a run's words whatever its weight)
        text = " ".join(
            f for r in runs if r[0].role != NEGATED for f, _, _ in self._run_content(r, 1.0)
        )
        return Query(
            tids=np.fromiter(pos, dtype=np.int64, count=len(pos)),
            weights=np.fromiter(pos.values(), dtype=np.float64, count=len(pos)),
            unigrams=unigrams,
            total=(sum(pos.values()) + unknown) or 1.0,
            text=text,
            neg_tids=np.fromiter(neg, dtype=np.int64, count=len(neg)),
            neg_weights=np.fromiter(neg.values(), dtype=np.float64, count=len(neg)),
            soft_tids=np.fromiter(soft, dtype=np.int64, count=len(soft)),
            soft_weights=np.fromiter(soft.values(), dtype=np.float64, count=len(soft)),
            body_tids=np.fromiter(body, dtype=np.int64, count=len(body)),
            body_weights=np.fromiter(body.values(), dtype=np.float64, count=len(body)),
            event_tids=event_ids(self.arrays, [r for r in runs if r[0].role != NEGATED]),
        )

    def _body_ids(self, terms: dict[str, float]) -> dict[int, float]:
        """Body term ids of the question's terms, weighted as in the question (a word no
        name uses weighs ``UNKNOWN_WEIGHT``)."""
        bvocab = self.arrays.body.vocab
        vocab, idf = self.arrays.vocab, self.arrays.idf
        out: dict[int, float] = {}
        for t, m in terms.items():
            bt = bvocab.get(t)
            if bt is None:
                continue
            if t in vocab:
                out[bt] = float(idf[vocab[t]]) * m
            elif " " not in t:
                out[bt] = UNKNOWN_WEIGHT * m
        return out

    def _run_content(self, run: list[Tok], scale: float) -> list[tuple[str, float, bool]]:
        """Content words of one run (remembered: the parts of a message are re-weighed)."""
        key = (scale, *((t.word, t.derived) for t in run))
        got = self._runs.get(key)
        if got is None:
            scales = [scale * (DERIVED_W if t.derived else 1.0) for t in run]
            got = run_content([t.word for t in run], scales, self.specific_bigrams)
            if len(self._runs) >= _FIX_CACHE_MAX:
                self._runs.clear()
            self._runs[key] = got
        return got

    def _ids(self, terms: dict[str, float]) -> dict[int, float]:
        vocab, idf = self.arrays.vocab, self.arrays.idf
        return {vocab[t]: float(idf[vocab[t]]) * m for t, m in terms.items() if t in vocab}

    def _terms(self, runs: list[list[Tok]], scale: float) -> tuple[dict[str, float], float]:
        """Terms (word/bigram -> multiplier) of some runs and the weight of unknown words."""
        terms: dict[str, float] = {}
        unknown = 0.0
        for run in runs:
            content = self._run_content(run, scale)
            for t, m in terms_of(content).items():
                if m > terms.get(t, 0.0):
                    terms[t] = m
            for f, m, _ in content:
                if f not in self.unigrams:
                    unknown += m * (NUMBER_WEIGHT if f.isdigit() else UNKNOWN_WEIGHT)
        return terms, unknown
