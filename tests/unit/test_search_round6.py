"""Issue 11, round 6: a shared condition ("bị hỏng") is no evidence, the purpose after a
how-question is the need, and an accent-free "de" is "để" before "lại", "tôi"..."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.query_roles import purpose_at


@pytest.mark.parametrize(
    "text",
    ["điện thoại tôi bị hỏng rồi", "may giat nha em bi hong", "cái nồi cơm điện bị hỏng rồi"],
)
def test_a_broken_thing_that_is_no_document_stays_out(
    knowledge: tuple[Any, Any], text: str
) -> None:
    result = knowledge[1].classify(text)
    assert (result.intent, result.band) == ("out_of_scope", "none")


def test_a_broken_card_is_still_the_card(knowledge: tuple[Any, Any]) -> None:
    result = knowledge[1].classify("thẻ căn cước bị hỏng, làm lại thế nào")
    assert result.band != "none" and "căn cước" in result.matches[0].name.lower()


def test_the_purpose_after_how_is_the_need_and_a_plain_purpose_weighs_less() -> None:
    how = "giờ làm sao để tôi đứng tên".split()
    assert purpose_at(how, how.index("để")) == 0
    plain = "xin giấy độc thân để đi đăng ký kết hôn".split()
    assert purpose_at(plain, plain.index("để")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "cha tôi qua đời để lại căn nhà, giờ làm sao để tôi đứng tên",
        "bố chồng qua đời, nhà đất để lại cho chồng tôi, cần làm gì để chồng tôi đứng tên",
    ],
)
def test_holding_the_title_of_an_inherited_house_is_the_inheritance_registration(
    knowledge: tuple[Any, Any], text: str
) -> None:
    result = knowledge[1].classify(text)
    assert result.intent == "procedure" and result.band != "none"
    assert result.matches[0].code == "1.013831"  # not the death registration


def test_a_bare_de_before_lai_or_a_hen_laying_eggs_is_no_birth(
    knowledge: tuple[Any, Any],
) -> None:
    index = knowledge[1]
    words = [t.word for t in index.tokens("ba toi mat roi de lai manh dat")]
    assert "khai" not in words and "de" in words
    assert "khai" not in [t.word for t in index.tokens("con ga nha em de trung nhieu lam")]
    assert "khai" in [t.word for t in index.tokens("vo toi moi de hom qua")]


def test_a_pair_typed_with_other_accents_lets_no_weak_match_be_proposed(
    knowledge: tuple[Any, Any],
) -> None:
    storm = knowledge[1].classify("hôm nay có bão không")  # "có bão" is not "có bảo đảm"
    assert (storm.intent, storm.band) == ("out_of_scope", "none")
    named = knowledge[1].classify("chào bán chứng quyền có bảo đảm")
    assert named.band != "none" and named.matches[0].code == "3.000519"


def test_news_told_in_the_past_is_proposed_never_answered(knowledge: tuple[Any, Any]) -> None:
    news = knowledge[1].classify("hôm qua bão làm đổ cây trước nhà")
    assert news.band == "suggest"
    asked = knowledge[1].classify("hôm qua bão làm đổ cây trước nhà, có cần xin phép chặt không")
    assert asked.band == "answer" and asked.matches[0].code == "1.002693"
    death = knowledge[1].classify("ba tôi mới mất hôm qua")  # a life event names the need
    assert death.band == "answer" and death.matches[0].name == "Đăng ký khai tử"
