"""Search index: question -> procedures.

Pipeline (each stage measured on the dev set, see ``knowledge.evaluate``):

1. normalise (``knowledge.normalize``) and expand abbreviations/colloquial names
   (``knowledge.abbrev``), on the question and on every indexed text alike;
2. fix unknown words: split glued syllables ("khaisinh") or take the closest known syllable
   ("khia" -> "khai");
3. score every procedure at once over field-level postings of accent-free syllable unigrams
   and bigrams of names, short names, aliases and example questions, IDF-weighted
   (``knowledge.index_score``);
4. re-rank the best few with a rapidfuzz ``token_sort_ratio`` on accent-free text;
5. a small popularity prior so "đăng ký khai sinh" beats "đăng ký khai sinh lưu động" unless
   the question says "lưu động" (the variant's extra words are then covered and it wins);
6. confidence bands (``answer`` / ``suggest`` / ``none``) in ``knowledge.index_bands``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.abbrev import Expander, default_expander
from knowledge.index_bands import Match, Result, band, classify
from knowledge.index_build import Arrays, build_arrays, iter_unigrams
from knowledge.index_score import Query, Scored, rank
from knowledge.index_text import STOP_ACCENTED, STOP_FOLDED, analyze_words, terms_of
from knowledge.normalize import fold_word, is_syllable, normalize
from knowledge.schema import Procedure

FIX_CUTOFF = 75  # rapidfuzz ratio needed to replace an unknown word by a known syllable
UNKNOWN_WEIGHT = 3.0  # weight of a question word that no procedure uses
MAX_QUERY_WORDS = 40  # the first 40 words say what the question is about


class SearchIndex:
    """In-memory index over a list of procedures; build once, query from many coroutines."""

    def __init__(self, expander: Expander | None = None) -> None:
        self.expander = expander if expander is not None else default_expander()
        self.procs: list[Procedure] = []
        self.codes: list[str] = []
        self.names: list[str] = []
        self.by_code: dict[str, int] = {}
        self.arrays = Arrays()
        self.bigrams: set[str] = set()
        self._unigram_set: frozenset[str] = frozenset()
        self._known: frozenset[str] = frozenset()  # words the spelling fixer leaves alone
        self._known_list: list[str] = []

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, procs: Iterable[Procedure], expander: Expander | None = None) -> SearchIndex:
        """Index procedures (names, short names, aliases, example questions)."""
        self = cls(expander)
        for p in procs:
            self.by_code.setdefault(p.code, len(self.procs))
            self.procs.append(p)
            self.codes.append(p.code)
            self.names.append(p.display_name)
        self.arrays = build_arrays(self.procs, self.expander)
        self.bigrams = {t for t in self.arrays.vocab if " " in t}
        self._unigram_set = frozenset(iter_unigrams(self.arrays))
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
        for w in normalize(text).split()[:MAX_QUERY_WORDS]:
            words += self._fix_word(w)
        if self.expander is not None:
            words = self.expander.expand(words)
        content = analyze_words(words)
        vocab, idf = self.arrays.vocab, self.arrays.idf
        terms: dict[int, float] = {}
        for t, m in terms_of(content).items():
            tid = vocab.get(t)
            if tid is not None:
                terms[tid] = float(idf[tid]) * m
        # unknown words still count in the total: a question about something else scores low
        unknown = sum((m for f, m in content if f not in self._unigram_set), 0.0)
        total = sum(terms.values()) + unknown * UNKNOWN_WEIGHT
        unigrams = frozenset(vocab[f] for f, _ in content if f in self._unigram_set)
        return Query(
            tids=np.fromiter(terms, dtype=np.int64, count=len(terms)),
            weights=np.fromiter(terms.values(), dtype=np.float64, count=len(terms)),
            unigrams=unigrams,
            total=total or 1.0,
            text=" ".join(f for f, _ in content),
        )

    def rank(self, q: Query, k: int) -> list[Scored]:
        """Exact scores of the ``k`` best procedures for an analysed question."""
        return rank(self.arrays, q, k)[0]

    def _matches(self, scored: Sequence[Scored]) -> list[Match]:
        return [
            Match(self.codes[s.pid], self.names[s.pid], round(max(0.0, min(100.0, s.score)), 1))
            for s in scored
            if s.score > 0
        ]

    def search(self, query: str, k: int = 3) -> list[Match]:
        """The ``k`` best procedures for a question, best first (may be fewer, or empty)."""
        return self._matches(self.rank(self.analyze(query), k))

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
