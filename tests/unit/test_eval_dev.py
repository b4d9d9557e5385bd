"""The real knowledge base against the question sets (tests/data/questions_*.tsv).

Tuned on the dev set only; ``questions_test.tsv`` and ``questions_holdout.tsv`` (written
outside this project, never read to change the search) are measured, not tuned on. The
floors keep what was reached (README, "Search quality and speed"); the answered-wrong bounds
are the safety limit of each set. The holdout's bound is above issue 11's 1% target: that
target is not met there yet, and this test says so instead of hiding it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.evaluate import evaluate, summary
from knowledge.index import SearchIndex
from knowledge.loader import load_knowledge

DATA = Path(__file__).resolve().parents[1] / "data"
# set: (top-1 floor, top-3 floor, answered-wrong ceiling)
LIMITS = {
    "questions_dev.tsv": (0.88, 0.95, 0.015),
    "questions_test.tsv": (0.93, 0.97, 0.01),
    "questions_holdout.tsv": (0.66, 0.78, 0.045),
}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(load_knowledge().procedures)


@pytest.fixture(scope="module", params=sorted(LIMITS))
def report(request, index: SearchIndex) -> tuple[str, dict]:
    path = DATA / request.param
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return request.param, evaluate(index, path)


def test_top1_and_top3_keep_their_floor(report) -> None:
    name, r = report
    top1, top3, _wrong = LIMITS[name]
    assert r["top1"] >= top1 and r["top3"] >= top3, summary(r)


def test_answered_wrong_stays_under_its_ceiling(report) -> None:
    name, r = report
    assert r["answered_wrong"] <= LIMITS[name][2], summary(r)


def test_out_of_scope_is_never_answered(report) -> None:
    _name, r = report
    assert r["oos_confident_wrong"] == 0, summary(r)


def test_dev_set_intents_and_classes() -> None:
    r = evaluate(SearchIndex.build(load_knowledge().procedures), DATA / "questions_dev.tsv")
    assert r["intent_accuracy"] >= 0.97, summary(r)
    assert r["oos_kept_out"] >= 0.95, summary(r)
    assert r["multi_all_needs"] >= 0.7, summary(r)
    # every class of the issue has cases in the dev set
    assert {"glued", "variant", "negation", "multi", "event", "purpose", "attribute"} <= set(
        r["classes"]
    )
