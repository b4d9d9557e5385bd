"""Phrase tables of the intent rules, compiled once and matched accent-aware.

A phrase typed with accents must match accent for accent: "tách thửa đất cho con" holds no
"đặt chỗ", although both are "dat cho" without accents. Typed without accents a phrase
matches its accent-free form; when that form is also an ordinary procedure phrase
(``AMBIGUOUS``: "dat cho" may be "đất cho"), the match is *weak* and the search may overrule
it (``knowledge.index_bands.classify``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.events import word_matches
from knowledge.normalize import fold_word, normalize

# accent-free booking phrases that are also land words: "đất cho (con)", "đất trước (nhà)"
AMBIGUOUS: dict[tuple[str, ...], str] = {("dat", "cho"): "dat", ("dat", "truoc"): "dat"}


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a phrase matched, and whether only its ambiguous accent-free form did."""

    start: int
    end: int
    weak_word: str | None  # the ambiguous word ("dat") when the match is weak


class PhraseSet:
    """Comma-separated phrases, matched on whole normalised words (see module docstring)."""

    def __init__(self, text: str) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for raw in text.split(","):
            words = tuple(normalize(raw).split())
            if words:
                self._by_first.setdefault(fold_word(words[0]), []).append(words)
        for phrases in self._by_first.values():
            phrases.sort(key=len, reverse=True)

    def hits(self, words: Sequence[str]) -> list[Hit]:
        """Non-overlapping matches, longest first at each position."""
        out: list[Hit] = []
        i = 0
        while i < len(words):
            hit = self._at(words, i)
            if hit is None:
                i += 1
            else:
                out.append(hit)
                i = hit.end
        return out

    def _at(self, words: Sequence[str], i: int) -> Hit | None:
        for phrase in self._by_first.get(fold_word(words[i]), ()):
            n = len(phrase)
            span = words[i : i + n]
            if len(span) == n and all(
                word_matches(t, w) for t, w in zip(span, phrase, strict=True)
            ):
                folded = tuple(fold_word(w) for w in span)
                weak = AMBIGUOUS.get(folded) if tuple(span) == folded else None
                return Hit(i, i + n, weak)
        return None

    def has(self, words: Sequence[str]) -> bool:
        """True when any phrase occurs in the words."""
        return any(self._at(words, i) is not None for i in range(len(words)))

    def without(self, words: Sequence[str]) -> list[str]:
        """The words with every matched phrase removed."""
        hits = self.hits(words)
        drop = {j for h in hits for j in range(h.start, h.end)}
        return [w for j, w in enumerate(words) if j not in drop]
