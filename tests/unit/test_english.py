"""English phrases for the curated procedures and intents (knowledge/english.py)."""

from __future__ import annotations

import pytest

from knowledge.english import default_matcher, english_name
from knowledge.loader import load_knowledge


@pytest.mark.parametrize(
    ("typed", "intent", "code"),
    [
        ("birth registration", "procedure", "1.001193"),
        ("How do I register my baby's birth?", "procedure", "1.001193"),
        ("birth registraion", "procedure", "1.001193"),  # a typo
        ("I want to get married", "procedure", "1.000894"),
        ("marry a foreigner", "procedure", "2.000806"),
        ("what documents do I need for a building permit", "procedure", "1.013225"),
        ("i lost my red book", "procedure", "1.012786"),
        ("id card", "procedure", "1.014061"),
        ("book an appointment", "booking", None),
        ("check my dossier", "dossier_status", None),
        ("where is my application", "dossier_status", None),
        ("hello", "greeting", None),
    ],
)
def test_english_messages_find_what_they_ask(typed: str, intent: str, code: str | None) -> None:
    hit = default_matcher().match(typed)
    assert hit is not None and (hit.intent, hit.code) == (intent, code)


@pytest.mark.parametrize("typed", ["how much is the fee", "register", "blah blah", "", "x" * 3000])
def test_unsure_or_unrelated_english_matches_nothing(typed: str) -> None:
    assert default_matcher().match(typed) is None


@pytest.mark.parametrize(
    ("typed", "english"),
    [
        ("birth registration", True),
        ("check my dossier please", True),
        ("lam giay khai sinh", False),  # Vietnamese without accents
        ("lam the can cuoc", False),  # "the" is thẻ here
        ("dang ky ket hon", False),
        ("làm sổ đỏ", False),
        ("0912345678", False),
        ("ht n65s", False),  # a ticket code typed with spaces: "n", "s" are no words
        ("HT-N65S", False),
        ("birth registration 2024", True),
    ],
)
def test_english_is_told_from_unaccented_vietnamese(typed: str, english: bool) -> None:
    assert default_matcher().looks_english(typed) is english


def test_every_curated_procedure_has_an_english_name() -> None:
    curated = [p.code for p in load_knowledge().procedures if p.curated]
    assert [c for c in curated if not english_name(c)] == []
    assert set(default_matcher().names) <= set(curated)  # no name for a code that is not there
