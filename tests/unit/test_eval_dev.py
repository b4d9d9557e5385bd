"""The real knowledge base against the question sets (tests/data/questions_*.tsv).

Tuned on the dev set only; ``questions_test.tsv``, ``questions_holdout.tsv`` (written
outside this project, never read to change the search) and ``questions_holdout2.tsv``
(written 2026-12-01 by a reviewer from the catalogue alone, added after the last change) are measured, not tuned on. The
floors keep what was reached (README, "Search quality and speed"); the answered-wrong bounds
are the safety limit of each set. The holdout's bound is above issue 11's 1% target: that
target is not met there yet, and this test says so instead of hiding it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knowledge.evaluate import evaluate, summary

DATA = Path(__file__).resolve().parents[1] / "data"
# set: (top-1 floor, top-3 floor, most questions answered wrongly)
LIMITS = {
    "questions_dev.tsv": (0.905, 0.96, 11),  # of 1396 procedure questions (the issue: <= 1 %)
    "questions_test.tsv": (0.93, 0.97, 0),  # of 90
    "questions_holdout.tsv": (0.66, 0.78, 14),  # of 358
    "questions_holdout2.tsv": (0.70, 0.82, 6),  # of 295 (written from the catalogue alone)
}


@pytest.fixture(scope="session")
def reports() -> dict[str, dict]:
    """Each set evaluated once per run (never across runs: the search code may differ)."""
    return {}


def _report(knowledge: tuple[Any, Any], name: str, reports: dict[str, dict]) -> dict:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    if name not in reports:
        reports[name] = evaluate(knowledge[1], path)
    return reports[name]


@pytest.fixture(params=sorted(LIMITS))
def report(request, knowledge: tuple[Any, Any], reports: dict[str, dict]) -> tuple[str, dict]:
    return request.param, _report(knowledge, request.param, reports)


def test_top1_and_top3_keep_their_floor(report) -> None:
    name, r = report
    top1, top3, _wrong = LIMITS[name]
    assert r["top1"] >= top1 and r["top3"] >= top3, summary(r)


def test_answered_wrong_stays_under_its_ceiling(report) -> None:
    name, r = report
    assert r["bands"]["answer_wrong"] <= LIMITS[name][2], summary(r)


def test_out_of_scope_is_never_answered(report) -> None:
    _name, r = report
    assert r["oos_confident_wrong"] == 0, summary(r)


def test_dev_set_intents_and_classes(knowledge: tuple[Any, Any], reports) -> None:
    r = _report(knowledge, "questions_dev.tsv", reports)
    # round 6 added 44 harder out-of-scope lines written here (small talk sharing a rare word
    # with a procedure name: 0.941 kept out); on the older lines: intent 0.975, oos 0.965
    assert r["intent_accuracy"] >= 0.955, summary(r)
    assert r["oos_kept_out"] >= 0.94, summary(r)
    assert r["multi_all_needs"] >= 0.7, summary(r)
    # every class of the issue has cases in the dev set
    assert {"glued", "variant", "negation", "multi", "event", "purpose", "attribute"} <= set(
        r["classes"]
    )
