"""An answer in the citizen's own words matched to the option it paraphrases
(``handlers.answer_overlap``), with the walkthrough's real labels."""

from __future__ import annotations

import pytest

from handlers.answer_overlap import closest

CERT = [
    ["Có Giấy chứng sinh", "has"],
    ["Không có, nhưng có người làm chứng việc sinh", "witness"],
    ["Không có Giấy chứng sinh, không có người làm chứng", "none"],
]
CERT_ASK = "Anh/chị có Giấy chứng sinh do bệnh viện/cơ sở y tế cấp không?"
HOME = [
    ["Nhà, đất thuộc sở hữu của tôi", "own"],
    ["Nhà của người thân (vợ/chồng, cha mẹ, con...) và được chủ hộ đồng ý", "relative"],
    ["Nhà thuê, mượn hoặc ở nhờ", "rent"],
]
HOME_ASK = "Anh/chị đăng ký thường trú vào chỗ ở nào ạ?"
WHO = [
    ["Cha hoặc mẹ của cháu", "parent"],
    ["Ông, bà hoặc người thân thích khác", "relative"],
    ["Người khác được cha/mẹ ủy quyền", "authorised"],
]
WHO_ASK = "Ai sẽ đi đăng ký khai sinh cho cháu ạ?"


@pytest.mark.parametrize(
    ("text", "options", "asked", "expected"),
    [
        ("hổng có giấy, hàng xóm có làm chứng", CERT, CERT_ASK, "witness"),
        ("khong co giay chung sinh co ba do lam chung", CERT, CERT_ASK, "witness"),
        ("mất giấy rồi mà cũng không ai làm chứng", CERT, CERT_ASK, "none"),
        ("có giấy chứng sinh bệnh viện cấp rồi", CERT, CERT_ASK, "has"),
        ("o nha cua ba me vo", HOME, HOME_ASK, "relative"),
        ("về nhà ông bà ngoại", HOME, HOME_ASK, "relative"),
        ("ở nhờ nhà bạn", HOME, HOME_ASK, "rent"),
        ("bà ngoại nó đi", WHO, WHO_ASK, "relative"),
        ("má nó đi", WHO, WHO_ASK, "parent"),
    ],
)
def test_own_words_name_the_option(text: str, options: list, asked: str, expected: str) -> None:
    assert closest(text, options, asked).payload == expected


@pytest.mark.parametrize(
    "text",
    ["nộp ở đâu", "làm giấy khai sinh cho cháu cần gì", "bao lâu thì có", "hmm", "nhà ai?"],
)
def test_questions_and_unrelated_words_name_nothing(text: str) -> None:
    for options, asked in ((CERT, CERT_ASK), (HOME, HOME_ASK), (WHO, WHO_ASK)):
        found = closest(text, options, asked)
        assert found.payload is None and not found.tied


@pytest.mark.parametrize(
    "text", ["gặp cán bộ", "cho em gap can bo", "hỏi bộ phận một cửa", "gặp bác sĩ đã"]
)
def test_compounds_that_fold_like_kin_words_name_no_relative(text: str) -> None:
    """QA pass 5: "gặp cán bộ" pressed "Nhà của người thân" ("bộ" folds as "bố", cha)."""
    for options, asked in ((HOME, HOME_ASK), (WHO, WHO_ASK)):
        assert closest(text, options, asked).payload != "relative"
        assert closest(text, options, asked).payload != "parent"


def test_equally_close_options_are_given_back_not_guessed() -> None:
    options = [["Con trai của tôi", "son"], ["Con gái của tôi", "daughter"], ["Cháu", "other"]]
    found = closest("con cua toi", options, "Ai đi cùng?")
    assert found.payload is None and set(found.tied) == {"son", "daughter"}
