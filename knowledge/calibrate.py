"""Calibrating the answer band on a question file (run: ``python -m knowledge.calibrate F``).

For every procedure line the best two scores and whether the first is right; for every
out-of-scope line the best two scores. ``sweep`` tries answer thresholds (curated and
catalogue-only procedures apart) and margins, and keeps those that answer the most
questions right while answering at most ``max_wrong`` of them wrong and no out-of-scope
line. The chosen numbers are written down in ``knowledge.index_bands``; tune on the dev set
only, then report the held-out sets.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import product
from typing import Any

from knowledge.evaluate import _Resolver, read_cases


@dataclass(frozen=True, slots=True)
class Row:
    """One question: best score, runner-up's, curated first match, right first match."""

    top: float
    second: float
    curated: bool
    right: bool | None  # None: an out-of-scope line


def collect(index: Any, path: str) -> list[Row]:
    """The rows of a question file (booking, greeting... lines are skipped)."""
    resolver = _Resolver(index.procs)
    rows = []
    for case in read_cases(path):
        if case.expected.startswith("@") and case.expected != "@out_of_scope":
            continue
        matches = index.find(case.question).matches
        if not matches:
            continue
        second = matches[1].score if len(matches) > 1 else 0.0
        right = None
        if not case.expected.startswith("@"):
            right = matches[0].code in resolver.codes(case.expected)
        rows.append(Row(matches[0].score, second, matches[0].curated, right))
    return rows


def counts(rows: list[Row], setting: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """(answered right, answered wrong, out-of-scope answered) for one setting:
    (curated score, catalogue-only score, curated margin, catalogue-only margin)."""
    curated_at, catalogue_at, curated_margin, catalogue_margin = setting
    right = wrong = oos = 0
    for r in rows:
        needed = curated_at if r.curated else catalogue_at
        margin = curated_margin if r.curated else catalogue_margin
        if r.top < needed or r.top - r.second < margin:
            continue
        if r.right is None:
            oos += 1
        elif r.right:
            right += 1
        else:
            wrong += 1
    return right, wrong, oos


def sweep(rows: list[Row], max_wrong: float = 0.005) -> list[tuple]:
    """Settings that keep wrong answers under ``max_wrong``, best first."""
    n = sum(1 for r in rows if r.right is not None) or 1
    found = []
    grid = product(range(50, 81, 2), range(50, 81, 2), range(4, 17, 1), range(4, 17, 1))
    for setting in grid:
        right, wrong, oos = counts(rows, setting)
        if oos == 0 and wrong <= max_wrong * n:
            found.append((right / n, -wrong / n, *setting))
    return sorted(found, reverse=True)


def main(argv: list[str]) -> int:
    """Print the best few settings for a question file."""
    from knowledge.index import SearchIndex
    from knowledge.loader import load_knowledge

    index = SearchIndex.build(load_knowledge().procedures)
    rows = collect(index, argv[0])
    limit = float(argv[1]) if len(argv) > 1 else 0.005
    for right, wrong, c_at, k_at, c_margin, k_margin in sweep(rows, limit)[:15]:
        print(
            f"right {right:.3f} wrong {abs(wrong):.3f}  curated >= {c_at} lead {c_margin}  "
            f"catalogue-only >= {k_at} lead {k_margin}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
