"""Calibrating the answer band on a question file (run: ``python -m knowledge.calibrate F``).

For every procedure line: the best match's score, the runner-up's, how much of the matched
text the question covers, its prior, curated or not, capped or not, and whether it is right;
for every out-of-scope line the same (never right). ``fit`` learns a logistic confidence
(``knowledge.index_bands.CONFIDENCE``) that the first match is right; ``choose`` picks the
threshold (``ANSWER_Z``) that answers the most questions right while answering at most
``max_wrong`` of them wrong and no out-of-scope line. The printed numbers are written down in
``knowledge.index_bands``; tune on the dev set only, then report the held-out sets.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from knowledge.evaluate import _Resolver, read_cases

FEATURES = ("score", "lead", "cover", "curated", "prior")
RIDGE = 1.0  # L2 penalty of the standardised coefficients (the dev set is small)


@dataclass(frozen=True, slots=True)
class Row:
    """One question: the first match's features and whether it is right."""

    top: float
    second: float
    curated: bool
    right: bool | None  # None: an out-of-scope line
    cover: float = 1.0
    prior: float = 0.0
    capped: bool = False

    def features(self) -> list[float]:
        """The values of ``FEATURES``."""
        return [self.top, self.top - self.second, self.cover, float(self.curated), self.prior]


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
        top = matches[0]
        second = matches[1].score if len(matches) > 1 else 0.0
        right = None
        if not case.expected.startswith("@"):
            right = top.code in resolver.codes(case.expected)
        rows.append(Row(top.score, second, top.curated, right, top.cover, top.prior, top.capped))
    return rows


def fit(rows: list[Row]) -> dict[str, float]:
    """Logistic regression (Newton steps, ridge on standardised features): the coefficients
    of ``FEATURES`` and ``bias`` on the raw feature values."""
    x = np.array([r.features() for r in rows], dtype=np.float64)
    y = np.array([1.0 if r.right else 0.0 for r in rows])
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mu) / sd]
    w = np.zeros(z.shape[1])
    penalty = RIDGE * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty @ w
        hess = (z * (p * (1.0 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hess, grad)
    coef = w[1:] / sd
    out = {"bias": float(w[0] - (w[1:] * mu / sd).sum())}
    out.update({name: float(c) for name, c in zip(FEATURES, coef, strict=True)})
    return out


def logit(model: dict[str, float], row: Row) -> float:
    """The model's logit for one row (what ``index_bands.confidence`` computes)."""
    return model["bias"] + sum(model[n] * v for n, v in zip(FEATURES, row.features(), strict=True))


def counts(rows: list[Row], model: dict[str, float], at: float, floor: float) -> tuple[int, ...]:
    """(answered right, answered wrong, out-of-scope answered) with threshold ``at``."""
    right = wrong = oos = 0
    for r in rows:
        if r.capped or r.top < floor or logit(model, r) < at:
            continue
        if r.right is None:
            oos += 1
        elif r.right:
            right += 1
        else:
            wrong += 1
    return right, wrong, oos


def choose(
    rows: list[Row], model: dict[str, float], floor: float, max_wrong: float = 0.01
) -> tuple[float, int, int]:
    """The lowest threshold keeping wrong answers within ``max_wrong`` and no out-of-scope
    line answered: (threshold, right, wrong)."""
    n = sum(1 for r in rows if r.right is not None) or 1
    best = (math.inf, 0, 0)
    for at in sorted({logit(model, r) for r in rows}):
        right, wrong, oos = counts(rows, model, at, floor)
        if oos == 0 and wrong <= max_wrong * n and right > best[1]:
            best = (at, right, wrong)
    return best


def main(argv: list[str]) -> int:
    """Print the fitted confidence and threshold for a question file."""
    from knowledge.index import SearchIndex
    from knowledge.index_bands import ANSWER_FLOOR
    from knowledge.loader import load_knowledge

    index = SearchIndex.build(load_knowledge().procedures)
    rows = collect(index, argv[0])
    limit = float(argv[1]) if len(argv) > 1 else 0.01
    model = fit(rows)
    at, right, wrong = choose(rows, model, ANSWER_FLOOR, limit)
    n = sum(1 for r in rows if r.right is not None) or 1
    print("CONFIDENCE = {")
    for name, value in model.items():
        print(f'    "{name}": {value:.4f},')
    print("}")
    print(
        f"ANSWER_Z = {math.floor(at * 1e4) / 1e4}  # right {right / n:.3f}, wrong {wrong / n:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
