"""The answer band at its exact edges (``knowledge.index_bands.band``): a match at exactly
the score floor, a confidence exactly at the threshold, a lone match (no runner-up), and a
long story scoring exactly the suggestion floor."""

from __future__ import annotations

import pytest

from knowledge import index_bands
from knowledge.index_bands import (
    ANSWER_FLOOR,
    CLAUSE_MIN_WORDS,
    STORY_WORDS,
    STORY_WORDS_NAMED,
    SUGGEST_EVENT,
    SUGGEST_EVENT_LONG,
    SUGGEST_NAMED,
    SUGGEST_SCORE,
    Finding,
    Match,
    band,
    classify,
    confidence,
)
from knowledge.intents import asks


def _at_threshold(monkeypatch: pytest.MonkeyPatch, top: Match, runner_up: float) -> float:
    """Move the threshold to exactly this match's confidence."""
    z = confidence(top, runner_up)
    monkeypatch.setattr(index_bands, "ANSWER_Z", z)
    return z


def test_a_confidence_exactly_at_the_threshold_is_answered(monkeypatch) -> None:
    top = Match("1.001193", "Đăng ký khai sinh", 80.0, curated=True)
    matches = [top, Match("1.000656", "Đăng ký khai tử", 50.0)]
    z = _at_threshold(monkeypatch, top, 50.0)
    assert band(matches) == "answer"
    monkeypatch.setattr(index_bands, "ANSWER_Z", z + 1e-9)
    assert band(matches) == "suggest"


def test_a_score_exactly_at_the_floor_may_be_answered(monkeypatch) -> None:
    top = Match("1.001193", "Đăng ký khai sinh", ANSWER_FLOOR, curated=True)
    matches = [top, Match("1.000656", "Đăng ký khai tử", 10.0)]
    _at_threshold(monkeypatch, top, 10.0)
    assert band(matches) == "answer"
    below = Match("1.001193", "Đăng ký khai sinh", ANSWER_FLOOR - 0.01, curated=True)
    monkeypatch.setattr(index_bands, "ANSWER_Z", -1e9)  # however sure: under the floor
    assert band([below, matches[1]]) == "suggest"


def test_a_lone_match_has_no_runner_up_to_lead(monkeypatch) -> None:
    """With one match, the lead is its whole score (the runner-up counts as 0)."""
    top = Match("1.001193", "Đăng ký khai sinh", 70.0)
    _at_threshold(monkeypatch, top, 0.0)
    assert band([top]) == "answer"


class _Found:
    """An index that finds the same matches whatever is asked (one catalogue procedure at
    ``score`` unless told otherwise)."""

    def __init__(self, score: float = 0.0, *matches: Match) -> None:
        self.matches = list(matches) or [Match("1.001193", "Đăng ký khai sinh", score)]

    def find(self, query: str, k: int = 3) -> Finding:
        return Finding(self.matches)


def _words(n: int) -> str:
    """A story of ``n`` words that asks nothing."""
    words = "hôm qua nhà tôi vừa đón thêm một cháu trai khỏe mạnh lắm mọi người đều vui".split()
    story = " ".join(words[:n])
    assert len(story.split()) == n and not asks(story)
    return story


def test_a_long_story_scoring_exactly_the_suggestion_floor_still_gets_the_suggestion() -> None:
    # a story told at length that asks nothing loses only a suggestion scored below the floor
    story = "hôm qua nhà tôi vừa đón thêm một cháu trai khỏe mạnh"
    assert len(story.split()) > STORY_WORDS and not asks(story)
    assert classify(_Found(SUGGEST_SCORE), story).band == "suggest"


def test_an_exclamation_that_asks_nothing_loses_a_suggestion_below_the_answer_floor() -> None:
    # "cây xoài trước nhà năm nay sai trái lắm": how things are, not a need
    said = "cây xoài trước nhà năm nay sai trái lắm"
    assert not asks(said)
    assert classify(_Found(ANSWER_FLOOR - 0.1), said).band == "none"
    assert classify(_Found(ANSWER_FLOOR - 0.1), said.removesuffix(" lắm")).band == "suggest"
    assert classify(_Found(ANSWER_FLOOR - 0.1), "lương thấp quá!").band == "none"
    # a clear match stays a suggestion; asking keeps it; without diacritics "lam" is "làm"
    assert classify(_Found(ANSWER_FLOOR), said).band != "none"
    assert classify(_Found(40.0), "làm sổ đỏ lâu quá, cần giấy tờ gì").band == "suggest"
    assert classify(_Found(40.0), "cay xoai truoc nha sai trai lam").band == "suggest"


def test_a_story_that_asks_nothing_loses_a_named_suggestion_only_from_twelve_words() -> None:
    # a procedure's own rare words in a story are a need up to a little longer on
    named = _Found(0.0, Match("1.001193", "Đăng ký khai sinh", SUGGEST_NAMED + 3, named=True))
    assert classify(named, _words(STORY_WORDS_NAMED - 1)).band == "suggest"
    assert classify(named, _words(STORY_WORDS_NAMED)).band == "none"


def test_a_story_that_asks_nothing_loses_a_life_event_suggestion_from_eight_words() -> None:
    event = _Found(0.0, Match("1.001193", "Đăng ký khai sinh", 25.0, evented=True))
    assert classify(event, _words(STORY_WORDS - 1)).band == "suggest"
    assert classify(event, _words(STORY_WORDS)).band == "none"
    assert classify(event, _words(STORY_WORDS_NAMED - 1)).band == "none"


def test_a_long_question_about_a_life_event_is_suggested_only_well_ahead_of_the_next() -> None:
    asked = (
        "bà nội tôi mới mất tuần trước ở quê, cả nhà đang lo hậu sự cho bà "
        "mà chưa biết giấy tờ gì cần làm trước, xin hỏi phải làm sao?"
    )
    assert len(asked.split()) >= 20 and asks(asked)
    top = Match("1.000656", "Đăng ký khai tử", SUGGEST_EVENT_LONG + 3, evented=True)
    ahead = _Found(0.0, top, Match("1.001193", "Đăng ký khai sinh", top.score - 2))
    close = _Found(0.0, top, Match("1.001193", "Đăng ký khai sinh", top.score - 0.5))
    assert classify(ahead, asked).band == "suggest"
    assert classify(close, asked).band == "none"  # two procedures alike: nothing proposed


def test_a_question_about_a_life_event_is_suggested_from_twenty_words_and_the_event_floor() -> (
    None
):
    asked = "bà nội tôi mới mất tuần trước ở quê, cả nhà đang lo hậu sự, xin hỏi phải làm sao?"
    shorter = asked.replace("bà nội tôi", "bà tôi")
    assert len(asked.split()) == CLAUSE_MIN_WORDS * 2 == len(shorter.split()) + 1
    assert asks(asked) and asks(shorter)

    def found(score: float, *, evented: bool = True, runner_up: float | None = None) -> _Found:
        top = Match("1.000656", "Đăng ký khai tử", score, evented=evented)
        rest = [] if runner_up is None else [Match("1.001193", "Đăng ký khai sinh", runner_up)]
        return _Found(0.0, top, *rest)

    at_floor = found(SUGGEST_EVENT_LONG)
    assert classify(at_floor, asked).band == "suggest"  # exactly twenty words, the floor
    assert classify(at_floor, shorter).band == "none"  # nineteen: too short for this rule
    assert classify(found(SUGGEST_EVENT_LONG - 0.5), asked).band == "none"
    assert classify(found(SUGGEST_EVENT_LONG + 3, evented=False), asked).band == "none"
    one_ahead = found(SUGGEST_EVENT_LONG + 3, runner_up=SUGGEST_EVENT_LONG + 2)
    assert classify(one_ahead, asked).band == "suggest"  # exactly EVENT_LEAD ahead


def test_a_life_event_match_under_the_suggestion_floor_must_lead_the_next_one() -> None:
    top = Match("1.000656", "Đăng ký khai tử", 25.0, evented=True)
    assert band([top]) == "suggest"  # alone: its whole score is its lead
    assert band([top, Match("1.001193", "Đăng ký khai sinh", 24.0)]) == "suggest"  # EVENT_LEAD
    assert band([top, Match("1.001193", "Đăng ký khai sinh", 24.5)]) == "none"  # too alike
    assert band([Match("1.000656", "Đăng ký khai tử", SUGGEST_EVENT, evented=True)]) == "suggest"
    assert (
        band([Match("1.000656", "Đăng ký khai tử", SUGGEST_EVENT - 0.5, evented=True)]) == "none"
    )
    assert band([Match("1.000656", "Đăng ký khai tử", 25.0)]) == "none"  # no life event told


def test_a_quoted_match_is_answered_from_its_lead_whatever_its_score() -> None:
    from knowledge.index_bands import QUOTE_LEAD

    top = Match("1.001193", "Đăng ký khai sinh", 30.0, curated=True, quoted=True)
    assert band([top, Match("1.000656", "Đăng ký khai tử", 30.0 - QUOTE_LEAD)]) == "answer"
    close = Match("1.000656", "Đăng ký khai tử", 30.0 - QUOTE_LEAD + 0.1)
    assert band([top, close]) != "answer"
    capped = Match("1.001193", "Đăng ký khai sinh", 60.0, quoted=True, capped=True)
    assert band([capped]) == "suggest"


def test_a_named_catalogue_match_far_ahead_is_answered_but_not_one_an_event_led_to() -> None:
    from knowledge.index_bands import NAMED_LEAD

    def top(**kw: bool) -> Match:
        return Match("1.001632", "Giải quyết hưởng chế độ TNLĐ", SUGGEST_SCORE, **kw)

    def runner(lead: float) -> Match:
        return Match("1.001643", "TNLĐ tái phát", SUGGEST_SCORE - lead)

    assert band([top(named=True), runner(NAMED_LEAD)]) == "answer"
    assert band([top(named=True), runner(NAMED_LEAD - 0.1)]) != "answer"
    assert band([top(named=True, curated=True), runner(NAMED_LEAD)]) != "answer"
    assert band([top(named=True, evented=True), runner(NAMED_LEAD)]) != "answer"
    assert band([top(), runner(NAMED_LEAD)]) != "answer"
    weak = Match("1.001632", "Giải quyết hưởng chế độ TNLĐ", SUGGEST_SCORE - 0.1, named=True)
    assert band([weak]) == "suggest"  # a weak lone match is proposed, whatever its lead
