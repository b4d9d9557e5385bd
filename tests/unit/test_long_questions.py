"""Long, rambling questions: one clause names the procedure, the rest dilutes the score."""

from __future__ import annotations

from typing import Any

import pytest

LONG_BIRTH = (
    "toi muon hoi la con toi moi sinh duoc 2 thang roi ma chua lam giay khai sinh thi bay gio "
    "lam the nao co bi phat khong va can mang theo nhung gi a"
)


def test_long_question_suggests_the_procedure_of_its_clause(knowledge: tuple[Any, Any]) -> None:
    _kb, index = knowledge
    result = index.classify(LONG_BIRTH)
    assert result.intent == "procedure"
    assert result.band == "suggest"  # found in one clause only: proposed, never asserted
    assert result.matches[0].code == "1.001193"


@pytest.mark.parametrize(
    "text",
    [
        "hôm qua tôi đi chợ mua rau thì gặp bà hàng xóm và nói chuyện về con mèo nhà bà ấy",
        "trời hôm nay đẹp quá, tôi định đi câu cá với mấy người bạn cũ, mà không biết có mưa",
    ],
)
def test_long_unrelated_chatter_stays_out_of_scope(knowledge: tuple[Any, Any], text: str) -> None:
    _kb, index = knowledge
    assert index.classify(text).intent == "out_of_scope"
