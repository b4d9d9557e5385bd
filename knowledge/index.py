"""Search index: question -> procedures.

Pipeline (each stage measured on the dev set, see ``knowledge.evaluate``):

1. normalise (``knowledge.normalize``) and expand abbreviations/colloquial names
   (``knowledge.abbrev``), on the question and on every indexed text alike;
2. fix unknown words: split glued syllables ("khaisinh") or take the closest known syllable
   ("khia" -> "khai");
3. candidates from an inverted index of accent-free syllable unigrams and bigrams of names,
   short names, aliases and example questions, IDF-weighted (a procedure-level sum);
4. re-rank the best candidates per field: how much of the question the field covers, how much
   of the field the question covers, and a rapidfuzz ``token_set_ratio`` on accent-free text;
5. a small popularity prior so "đăng ký khai sinh" beats "đăng ký khai sinh lưu động" unless
   the question says "lưu động" (the variant's extra words are then covered and it wins);
6. confidence bands (``answer`` / ``suggest`` / ``none``) in ``knowledge.index_bands``.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.abbrev import Expander, default_expander
from knowledge.index_bands import ANSWER_SCORE, Match, Result, band, classify
from knowledge.index_text import (
    STOP_ACCENTED,
    STOP_FOLDED,
    analyze_words,
    prepare_words,
    terms_of,
)
from knowledge.normalize import fold_word, is_syllable, normalize, strip_procedure_prefix
from knowledge.schema import Procedure

CANDIDATES = 50  # procedures re-ranked per question
POSTINGS_BUDGET = 4000  # postings summed per question to pick the candidates
FIELD_KIND = {"name": 1.0, "short": 1.0, "alias": 0.97, "question": 0.95}
# Score = qcov**W_Q * fcov**W_F blended with rapidfuzz similarity of accent-free texts
# (W_FUZZ), where qcov is the share of the question's IDF mass found in a field and fcov the
# share of the field's mass found in the question. Tuned on the dev set (a linear blend and
# token_set_ratio were measured too: top-1 0.929 vs 0.937, and worse out-of-scope separation).
W_Q, W_F, W_FUZZ = 1.0, 0.5, 0.1
FUZZ_SCORER = fuzz.token_sort_ratio
FIX_CUTOFF = 75  # rapidfuzz ratio needed to replace an unknown word by a known syllable
UNKNOWN_WEIGHT = 3.0  # weight of a question word that no procedure uses
PRIOR_POP, PRIOR_CURATED, PRIOR_XA, PRIOR_CENTRAL = 2.0, 0.75, 1.0, -1.0
ONE_WORD_CAP = ANSWER_SCORE - 1.0  # best score of a match sharing a single syllable
MAX_QUERY_WORDS = 40  # the first 40 words say what the question is about


@dataclass(slots=True)
class _Field:
    weights: dict[int, float]  # term id -> idf * multiplier
    total: float
    text: str  # accent-free content words, for rapidfuzz
    kind: float


@dataclass(slots=True)
class Query:
    """An analysed question: weighted term ids and its accent-free content text."""

    terms: dict[int, float]
    unigrams: frozenset[int]  # term ids of single syllables (not bigrams)
    total: float
    text: str
    words: list[str]


def _prior(p: Procedure) -> float:
    """Score points (0..~6) that favour common, local procedures over rare variants."""
    prior = PRIOR_POP * max(0.0, min(1.0, p.popularity)) + (PRIOR_CURATED if p.curated else 0.0)
    if any("xã" in lv for lv in p.levels):
        prior += PRIOR_XA
    low = p.name.lower()
    if "trung ương" in low or "cấp bộ" in low or "cấp tỉnh" in low:
        prior += PRIOR_CENTRAL
    return prior


def _texts(p: Procedure) -> list[tuple[str, str]]:
    out = [("name", strip_procedure_prefix(p.name))]
    if p.short_name:
        out.append(("short", p.short_name))
    out += [("alias", a) for a in p.aliases if a]
    out += [("question", q) for q in p.questions if q]
    return out


class SearchIndex:
    """In-memory index over a list of procedures; build once, query from many coroutines."""

    def __init__(self, expander: Expander | None = None) -> None:
        self.expander = expander if expander is not None else default_expander()
        self.procs: list[Procedure] = []
        self.codes: list[str] = []
        self.names: list[str] = []
        self.prior: list[float] = []
        self.vocab: dict[str, int] = {}
        self.idf: list[float] = []
        self.postings: list[array] = []
        self.fields: list[list[_Field]] = []
        self.unigrams: list[str] = []
        self.bigrams: set[str] = set()
        self.by_code: dict[str, int] = {}
        self._unigram_set: frozenset[str] = frozenset()
        self._known: frozenset[str] = frozenset()  # words the spelling fixer leaves alone
        self._known_list: list[str] = []

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, procs: Iterable[Procedure], expander: Expander | None = None) -> SearchIndex:
        """Index procedures (names, short names, aliases, example questions)."""
        self = cls(expander)
        raw_fields: list[list[tuple[str, dict[str, float], str]]] = []
        df: dict[str, int] = {}
        for p in procs:
            self.by_code.setdefault(p.code, len(self.procs))
            self.procs.append(p)
            self.codes.append(p.code)
            self.names.append(p.display_name)
            self.prior.append(_prior(p))
            per_proc = []
            seen: set[str] = set()
            for kind, text in _texts(p):
                content = analyze_words(prepare_words(text, self.expander))
                terms = terms_of(content)
                if not terms:
                    continue
                per_proc.append((kind, terms, " ".join(f for f, _ in content)))
                seen.update(terms)
            for t in seen:
                df[t] = df.get(t, 0) + 1
            raw_fields.append(per_proc)
        n = max(1, len(self.procs))
        for term, count in df.items():
            self.vocab[term] = len(self.idf)
            self.idf.append(math.log(1.0 + n / count))
            self.postings.append(array("i"))
            if " " in term:
                self.bigrams.add(term)
            else:
                self.unigrams.append(term)
        for pid, per_proc in enumerate(raw_fields):
            fields = []
            ids: set[int] = set()
            for kind, terms, text in per_proc:
                weights = {self.vocab[t]: self.idf[self.vocab[t]] * m for t, m in terms.items()}
                ids.update(weights)
                fields.append(
                    _Field(weights, sum(weights.values()) or 1.0, text, FIELD_KIND[kind])
                )
            for tid in ids:
                self.postings[tid].append(pid)
            self.fields.append(fields)
        self._unigram_set = frozenset(self.unigrams)
        stop = {fold_word(w) for w in STOP_ACCENTED} | set(STOP_FOLDED)
        self._known = frozenset(self._unigram_set | stop | self.expander.known_words())
        self._known_list = sorted(self._known)
        return self

    def __len__(self) -> int:
        return len(self.procs)

    # ------------------------------------------------------------------ query
    def _fix_word(self, word: str) -> list[str]:
        """Known syllables for an unknown word: glued syllables split, else the closest one.

        A word that is a well-formed syllable is left alone even when unknown ("loan" in
        "Đài Loan"): it is more likely a word we do not index than a typo.
        """
        f = fold_word(word)
        if f in self._known or not f.isalpha() or len(f) < 3:
            return [word]
        if is_syllable(f):
            return [word]
        best: list[str] | None = None
        for i in range(2, len(f) - 1):
            a, b = f[:i], f[i:]
            if a in self._known and b in self._known:
                if a + " " + b in self.bigrams:
                    return [a, b]
                best = best or [a, b]
        if best:
            return best
        hit = process.extractOne(f, self._known_list, scorer=fuzz.ratio, score_cutoff=FIX_CUTOFF)
        return [hit[0]] if hit else [word]

    def analyze(self, text: str) -> Query:
        """Analyse a question the same way names were analysed at build time."""
        words: list[str] = []
        fixed_n = 0
        for w in normalize(text).split()[:MAX_QUERY_WORDS]:
            parts = self._fix_word(w)
            fixed_n += parts != [w]
            words += parts
        if self.expander is not None:
            words = self.expander.expand(words)
        content = analyze_words(words)
        terms: dict[int, float] = {}
        for t, m in terms_of(content).items():
            tid = self.vocab.get(t)
            if tid is not None:
                terms[tid] = self.idf[tid] * m
        # unknown words still count in the total: a question about something else scores low
        unknown = sum((m for f, m in content if f not in self._unigram_set), 0.0)
        total = sum(terms.values()) + unknown * UNKNOWN_WEIGHT
        unigrams = frozenset(self.vocab[f] for f, _ in content if f in self._unigram_set)
        return Query(terms, unigrams, total or 1.0, " ".join(f for f, _ in content), words)

    def _candidates(self, q: Query, k: int) -> list[int]:
        # Rarest terms first; once POSTINGS_BUDGET postings are summed, common terms ("cấp",
        # "đăng ký") are skipped: they cannot single out a procedure, and the exact scoring
        # of the candidates still counts them. This bounds the cost on a 20,000-procedure KB.
        acc: dict[int, float] = {}
        get = acc.get
        budget = POSTINGS_BUDGET
        postings = self.postings
        for tid in sorted(q.terms, key=lambda t: len(postings[t])):
            plist = postings[tid]
            if budget <= 0:
                break
            budget -= len(plist)
            w = q.terms[tid]
            for pid in plist:
                acc[pid] = get(pid, 0.0) + w
        if len(acc) <= k:
            return list(acc)
        return heapq.nlargest(k, acc, key=acc.__getitem__)

    def _score(self, q: Query, pid: int) -> float:
        best = 0.0
        best_field: _Field | None = None
        for f in self.fields[pid]:
            hit_q = 0.0
            hit_f = 0.0
            fw = f.weights
            for tid, w in q.terms.items():
                v = fw.get(tid)
                if v is not None:
                    hit_q += w
                    hit_f += v
            if hit_q == 0.0:
                continue
            # geometric: a field that covers the question but is mostly about something else
            # (a few shared words in a 40-word official name) gets little credit
            sim = (hit_q / q.total) ** W_Q * (hit_f / f.total) ** W_F * f.kind
            if sim > best:
                best, best_field = sim, f
        if best_field is None:
            return 0.0
        fz = FUZZ_SCORER(q.text, best_field.text) / 100.0
        score = 100.0 * ((1.0 - W_FUZZ) * best + W_FUZZ * fz) + self.prior[pid]
        # One shared syllable ("tên" in "bạn tên gì" vs "đổi tên") is too thin to answer on:
        # such a match may be suggested, never answered directly.
        if sum(1 for t in q.unigrams if t in best_field.weights) < 2:
            score = min(score, ONE_WORD_CAP)
        return score

    def search(self, query: str, k: int = 3) -> list[Match]:
        """The ``k`` best procedures for a question, best first (may be fewer, or empty)."""
        q = self.analyze(query)
        if not q.terms:
            return []
        scored = [(self._score(q, pid), pid) for pid in self._candidates(q, CANDIDATES)]
        top = heapq.nlargest(k, scored)
        return [
            Match(self.codes[pid], self.names[pid], round(max(0.0, min(100.0, s)), 1))
            for s, pid in top
            if s > 0
        ]

    def band(self, matches: Sequence[Match]) -> str:
        """Confidence band of a ranked match list: ``answer``, ``suggest`` or ``none``."""
        return band(matches)

    def classify(self, query: str, k: int = 3) -> Result:
        """Intent, confidence band and matches of one message; never raises."""
        return classify(self, query, k)

    def get(self, code: str) -> Procedure | None:
        """The indexed procedure with this code, if any."""
        pid = self.by_code.get(code)
        return self.procs[pid] if pid is not None else None


def official_names(procs: Sequence[Procedure]) -> list[str]:
    """Normalised official names, the input of the naive baseline in ``knowledge.evaluate``."""
    return [normalize(p.name) for p in procs]
