"""Splitting a glued word into known syllables: "dangkykhaisinh" -> dang ky khai sinh.

Citizens type a whole procedure name as one token ("dangkykhaisinh", "DANGKYKHAITU") or glue
an abbreviation to the next syllable ("đkkết hôn"). ``Segmenter.split`` finds the split with
the fewest pieces over the known vocabulary (accent-free syllables of the index plus the
abbreviation table), preferring common syllables and pairs that form a known bigram: a
dynamic programme over the positions of the word, one state per last piece.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping

from knowledge.normalize import fold_word

MAX_PIECE = 7  # the longest Vietnamese syllable ("nghieng") has 7 letters
MIN_PIECE = 2  # one-letter pieces would split almost anything
PIECE_COST = 1.0  # every piece costs this much: fewer pieces win ...
RARE_COST = 0.3  # ... then common syllables (up to this much extra for the rarest)
BIGRAM_BONUS = 0.4  # a pair of pieces that forms a known bigram costs this much less


_RUNS = re.compile(r"\d+|[^\W\d_]+")
GLUED_DIGITS_MIN = 6  # a shorter word with digits ("t7", "h20") is left as typed


def digit_runs(word: str) -> list[str]:
    """A word with digits glued between letters, cut at each letter/digit boundary
    ("ruttienbhxh1lan" -> "ruttienbhxh", "1", "lan"); other words as they are."""
    runs = _RUNS.findall(word)
    if len(runs) < 2 or len(word) < GLUED_DIGITS_MIN or not any(r.isalpha() for r in runs):
        return [word]
    return runs


class Segmenter:
    """Split accent-free glued words over a vocabulary ``{piece: frequency}``."""

    def __init__(self, vocab: Mapping[str, float], bigrams: Collection[str] = ()) -> None:
        top = max((math.log1p(f) for f in vocab.values()), default=1.0) or 1.0
        self._cost = {
            piece: PIECE_COST + RARE_COST * (1.0 - math.log1p(freq) / top)
            for piece, freq in vocab.items()
            if MIN_PIECE <= len(piece) <= MAX_PIECE and piece.isalpha()
        }
        self._bigrams = frozenset(bigrams)

    def split(self, word: str) -> list[str] | None:
        """The pieces of ``word`` (accent-free, lower case), or ``None`` when no full split
        into at least two known pieces exists."""
        n = len(word)
        if n < 2 * MIN_PIECE or not word.isalpha():
            return None
        # best[i]: {last piece ending at i: (cost, start of that piece)}
        best: list[dict[str, tuple[float, int]]] = [{} for _ in range(n + 1)]
        best[0][""] = (0.0, -1)
        for i in range(n):
            if not best[i]:
                continue
            for j in range(i + MIN_PIECE, min(n, i + MAX_PIECE) + 1):
                piece = fold_word(word[i:j])  # "ky" is indexed as "ki"
                cost = self._cost.get(piece)
                if cost is None:
                    continue
                prev_piece, prev_cost = min(
                    best[i].items(), key=lambda kv: kv[1][0] + self._pair(kv[0], piece)
                )
                total = prev_cost[0] + self._pair(prev_piece, piece) + cost
                if piece not in best[j] or total < best[j][piece][0]:
                    best[j][piece] = (total, i)
        if not best[n]:
            return None
        pieces = []
        last = min(best[n], key=lambda p: best[n][p][0])
        end = n
        while end > 0:
            start = best[end][last][1]
            pieces.append(word[start:end])  # as typed ("ky"), the caller cuts the word
            if start == 0:
                break
            # the piece before ``last``: the cheapest one ending at ``start`` given ``last``
            last = self._before(best[start], last)
            end = start
        pieces.reverse()
        return pieces if len(pieces) >= 2 else None

    def _before(self, ending: dict[str, tuple[float, int]], piece: str) -> str:
        return min(ending, key=lambda p: ending[p][0] + self._pair(p, piece))

    def _pair(self, prev: str, piece: str) -> float:
        return -BIGRAM_BONUS if prev and f"{prev} {piece}" in self._bigrams else 0.0
