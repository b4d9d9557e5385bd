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
from dataclasses import replace

from knowledge.abbrev import Expander, default_expander
from knowledge.events import AgeRule, EventTable, default_table
from knowledge.index_bands import Finding, Match, Result, band, classify
from knowledge.index_build import Arrays, build_arrays, iter_unigrams
from knowledge.index_needs import find, ranked
from knowledge.index_query import Analyzer, Tok
from knowledge.index_quote import quoted, quotes_of
from knowledge.index_score import Query, Scored
from knowledge.index_text import STOP_ACCENTED, STOP_FOLDED
from knowledge.normalize import fold_word, normalize
from knowledge.schema import Procedure
from knowledge.story import pair_typed_otherwise, told_past


class SearchIndex:
    """In-memory index over a list of procedures; build once, query from many coroutines."""

    def __init__(
        self,
        expander: Expander | None = None,
        events: tuple[EventTable, dict[str, list[str]]] | None = None,
    ) -> None:
        self.expander = expander if expander is not None else default_expander()
        self.events, self.aliases = events if events is not None else default_table()
        self.procs: list[Procedure] = []
        self.codes: list[str] = []
        self.names: list[str] = []
        self.by_code: dict[str, int] = {}
        self.arrays = Arrays()
        self.analyzer: Analyzer | None = None
        self.quotes: list[tuple[str, ...]] = []

    # ------------------------------------------------------------------ build
    @classmethod
    def build(
        cls,
        procs: Iterable[Procedure],
        expander: Expander | None = None,
        events: tuple[EventTable, dict[str, list[str]]] | None = None,
    ) -> SearchIndex:
        """Index procedures (names, short names, aliases, example questions)."""
        self = cls(expander, events)
        for p in procs:
            self.by_code.setdefault(p.code, len(self.procs))
            self.procs.append(p)
            self.codes.append(p.code)
            self.names.append(p.display_name)
        self.arrays = a = build_arrays(self.procs, self.expander, self.aliases)
        self.quotes = quotes_of(self.procs)
        stop = {fold_word(w) for w in STOP_ACCENTED} | set(STOP_FOLDED)
        known = set(iter_unigrams(a)) | stop | self.expander.known_words()
        known |= self.events.known_words()
        df = {t: float(a.t_ptr[i + 1] - a.t_ptr[i]) for t, i in a.vocab.items() if " " not in t}
        self.analyzer = Analyzer(
            a, self.expander, self.events, AgeRule(p.name for p in self.procs), known, df
        )
        return self

    def __len__(self) -> int:
        return len(self.procs)

    # ------------------------------------------------------------------ query
    def tokens(self, text: str) -> list[Tok]:
        """The analysed words of a message (``knowledge.index_query``)."""
        return self.analyzer.tokens(text) if self.analyzer is not None else []

    def analyze(self, text: str) -> Query:
        """Analyse a question the same way names were analysed at build time."""
        if self.analyzer is None:
            return Query()
        return self.analyzer.query(self.analyzer.tokens(text))

    def rank(self, q: Query, k: int) -> list[Scored]:
        """Exact scores of the ``k`` best procedures for an analysed question."""
        return ranked(self.arrays, q, k) if q else []

    def _matches(self, scored: Sequence[Scored]) -> list[Match]:
        return [
            Match(
                self.codes[s.pid],
                self.names[s.pid],
                round(max(0.0, min(100.0, s.score)), 1),
                self.procs[s.pid].curated,
                s.cover,
                float(self.arrays.prior[s.pid]),
                s.capped,
                s.named,
                s.evented,
            )
            for s in scored
            if s.score > 0
        ]

    def find(self, query: str, k: int = 3) -> Finding:
        """Main need's matches, the other needs' best matches and the best part's matches."""
        if self.analyzer is None or not self.procs:
            return Finding([])
        toks = self.analyzer.tokens(query)
        found = find(self.analyzer, toks, k)
        matches = self._matches(found.ranked)
        if matches and matches[0].named:
            typed = [t.word for t in toks if not t.derived]
            if pair_typed_otherwise(typed, matches[0].name):
                matches[0] = replace(matches[0], named=False)
        if matches and quoted(query, toks, self.quotes, [s.pid for s in found.ranked[:2]]):
            matches[0] = replace(matches[0], quoted=True)
        if matches and not matches[0].evented and told_past(query):
            # news told, nothing asked: proposed at most (``knowledge.story``)
            matches[0] = replace(matches[0], capped=True)
        return Finding(
            matches,
            self._matches(found.others),
            self._matches(found.best_part),
        )

    def search(self, query: str, k: int = 3) -> list[Match]:
        """The ``k`` best procedures for a question's main need, best first (may be empty)."""
        return self.find(query, k).matches

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
