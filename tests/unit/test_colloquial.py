"""Colloquial questions found while trying the bot: the right procedure is offered first."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # from 01/7/2025 someone of 75 or more without a pension gets the social pension
        # (Luật Bảo hiểm xã hội 2024, Điều 21), no longer the monthly social allowance
        ("ong toi 80 tuoi xin tro cap", "dp.tro-cap-huu-tri-xa-hoi"),
        ("xin tiền già cho ông", "dp.tro-cap-xa-hoi-hang-thang"),
        ("lam so do", "1.013978"),
        ("khai sinh quá hạn mất bao nhiêu tiền", "1.001193"),
    ],
)
def test_colloquial_question_offers_the_right_procedure_first(knowledge, question, code) -> None:
    _kb, index = knowledge
    result = index.classify(question)
    assert result.intent == "procedure"
    assert result.band in ("answer", "suggest")
    assert result.matches[0].code == code
