"""The English glossary: longest phrase first, plurals, ages, words that mislead dropped."""

from __future__ import annotations

from knowledge.english_gloss import Glossary, default_glossary


def test_the_longest_key_wins_and_unknown_words_are_dropped() -> None:
    g = Glossary({"id card": "căn cước", "card": "thẻ", "lost": "mất cấp lại"})
    assert g.to_vietnamese("I lost my ID card!") == "mất cấp lại căn cước"
    assert g.to_vietnamese("a card please") == "thẻ"
    assert g.to_vietnamese("nothing known here") == ""


def test_plurals_ages_and_repeats() -> None:
    g = Glossary({"paper": "giấy tờ", "kid": "con", "father": ""})
    assert g.to_vietnamese("papers for my kids, papers") == "giấy tờ con"
    assert g.to_vietnamese("my father is 80") == "80 tuổi"  # a dropped word, an age kept
    assert g.to_vietnamese("my 10 year old kid") == "10 tuổi con"
    assert g.to_vietnamese("children under 14") == "dưới 14 tuổi"
    assert g.to_vietnamese("call 0912345678") == ""  # a long number is no age


def test_the_shipped_glossary_speaks_the_catalogue() -> None:
    g = default_glossary()
    assert g.to_vietnamese("my grandmother passed away") == "khai tử"
    assert g.to_vietnamese("criminal record certificate") == "lý lịch tư pháp"
    assert "căn cước" in g.to_vietnamese("my id card was stolen")
