"""Everyday words of catalogue-only procedures: the expander's accent rules, classifiers,
the reviewed vocabulary, and proposing a low-scoring match that names the procedure."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from knowledge.abbrev import TABLE_FILE, Expander, drop_classifiers, typed_with_accents
from knowledge.index_bands import SUGGEST_NAMED, SUGGEST_SCORE, Match, band
from knowledge.index_query import MAIN, NEGATED
from knowledge.normalize import normalize

BOATS = Expander({"đò": "phương tiện thủy nội địa", "xuồng": "phương tiện thủy nội địa"})


def _words(text: str) -> list[str]:
    return normalize(text).split()


def test_a_bare_word_in_an_accented_text_is_that_word() -> None:
    # "do" in "Giấy chứng nhận do bị mất" is "do" (because), not "đò" typed without accents
    assert BOATS.expand(_words("Cấp lại Giấy chứng nhận do bị mất")) == _words(
        "cấp lại giấy chứng nhận do bị mất"
    )
    assert "phương" in BOATS.expand(_words("đăng ký chiếc đò mới đóng"))


def test_everyday_words_typed_without_accents_keep_their_everyday_meaning() -> None:
    # "xuong" typed without accents is "xuống" (cán bộ xuống tận nhà) far more than "xuồng"
    assert "phuong" not in BOATS.expand(_words("can bo xuong tan nha lam khai tu"))
    assert "phuong" not in BOATS.expand(_words("tach so do"))
    assert "phương" in BOATS.expand(_words("xin đăng ký xuồng máy"))


def test_how_a_text_was_typed_is_judged_on_the_whole_text() -> None:
    assert typed_with_accents(_words("Giấy chứng nhận do bị mất"))
    assert not typed_with_accents(_words("lam can cươc cho me gia 75 tuoi di lai kho khan"))
    assert not typed_with_accents(_words("do"))


def test_classifiers_before_a_noun_are_dropped() -> None:
    assert drop_classifiers(_words("mua lại chiếc ghe")) == _words("mua lại ghe")
    assert drop_classifiers(_words("bán miếng đất")) == _words("bán đất")
    assert drop_classifiers(_words("mua căn nhà cũ")) == _words("mua nhà cũ")
    # "căn cước" and "căn hộ" are words of their own; a classifier at the end stays
    assert drop_classifiers(_words("làm căn cước")) == _words("làm căn cước")
    assert drop_classifiers(_words("bán căn hộ")) == _words("bán căn hộ")
    assert drop_classifiers(_words("mua một chiếc")) == _words("mua một chiếc")


def test_every_everyday_entry_says_where_it_comes_from() -> None:
    raw = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
    entries = raw["everyday"]
    assert len(entries) > 40
    for entry in entries:
        assert entry.get("say") and entry.get("means") and entry.get("source"), entry


def _m(score: float, named: bool) -> Match:
    return Match("1.000001", "x", score, named=named)


def test_a_low_match_is_proposed_only_when_it_names_the_procedure() -> None:
    assert band([_m(SUGGEST_NAMED, True)]) == "suggest"
    assert band([_m(SUGGEST_NAMED - 0.1, True)]) == "none"
    assert band([_m(SUGGEST_SCORE - 0.1, False)]) == "none"
    curated = Match("1.000001", "x", SUGGEST_NAMED + 5, True, named=True)
    assert band([curated]) == "none"  # aliases and examples: a wrapped need, retried


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # everyday words of catalogue-only commune procedures (written here, not in a set)
        ("mẹ tôi mất rồi, tôi muốn lãnh tiền tử tuất", "2.000821"),
        ("chồng tôi mới mãn hạn tù, muốn lãnh lại lương hưu", "2.000809"),
        ("mua lại chiếc xuồng của ông hàng xóm thì đăng ký sao", "1.004002"),
        ("làm mất thẻ APEC thì báo ở đâu", "1.011728|1.011727"),
    ],
)
def test_everyday_questions_find_the_catalogue_procedure(
    knowledge: tuple[Any, Any], question: str, code: str
) -> None:
    result = knowledge[1].classify(question)
    assert result.intent == "procedure" and result.band != "none", result
    assert set(code.split("|")) & {m.code for m in result.matches}, result


@pytest.mark.parametrize(
    "question", ["giá vàng hôm nay", "lương hưu năm nay tăng bao nhiêu phần trăm"]
)
def test_small_talk_with_a_catalogue_word_stays_out_of_scope(
    knowledge: tuple[Any, Any], question: str
) -> None:
    assert knowledge[1].classify(question).band == "none"


def test_an_end_word_right_after_the_negation_cue_belongs_to_it(
    knowledge: tuple[Any, Any],
) -> None:
    index = knowledge[1]
    roles = {t.word: t.role for t in index.tokens("không phải là khai tử, mà là khai sinh")}
    assert roles["tử"] == NEGATED and roles["sinh"] == MAIN
    roles = {t.word: t.role for t in index.tokens("đừng chỉ em cấp đổi, thẻ bị mất hẳn rồi")}
    assert roles["đổi"] == NEGATED
    result = index.classify("đừng chỉ em cấp đổi, thẻ căn cước bị mất hẳn rồi")
    assert result.matches[0].code == "1.014064", result  # Cấp lại thẻ căn cước


@pytest.mark.parametrize(
    "question",
    [
        "làm thủ tục kết hôn với người nước ngoài ở Việt Nam",
        "kết hôn với chồng nước ngoài tại Việt Nam thì làm sao",
    ],
)
def test_a_shared_phrase_alone_does_not_name_a_longer_sibling(
    knowledge: tuple[Any, Any], question: str
) -> None:
    # "Việt Nam" and "nước ngoài" are in "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt
    # Nam đã được giải quyết ... ở nước ngoài" too, but few of its own words were said
    result = knowledge[1].classify(question)
    assert result.matches[0].code == "2.000806", result  # kết hôn có yếu tố nước ngoài
