"""A temporary reduction in force is the amount a citizen pays: "Cấp lại thẻ căn cước"
costs 35.000 đồng until 31/12/2026 (Thông tư 64/2025/TT-BTC, 50% of 70.000), and 70.000
again from 01/01/2027; the card's first fee line says the reduced amount first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.facts import fee_lines
from knowledge.portal_fees import reduction
from knowledge.schema import SubmissionMethod

NOTE = (
    "Cấp lại thẻ căn cước: 70.000 đồng/thẻ căn cước. - Kể từ ngày 01/7/2025 đến hết ngày "
    "31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên"
)


def _method(fee: str, note: str = NOTE) -> SubmissionMethod:
    return SubmissionMethod(channel="Trực tiếp", fee_text=fee, fee_note=note)


def test_a_reduction_applies_only_inside_its_period() -> None:
    method = _method("70.000 đồng")
    assert reduction(method, dt.date(2026, 12, 1)) == ("35.000", 50, dt.date(2026, 12, 31))
    assert reduction(method, dt.date(2026, 12, 31)) is not None  # "đến hết": the last day too
    assert reduction(method, dt.date(2025, 7, 1)) is not None
    assert reduction(method, dt.date(2027, 1, 1)) is None
    assert reduction(method, dt.date(2025, 6, 30)) is None


def test_no_reduction_is_guessed() -> None:
    day = dt.date(2026, 12, 1)
    assert reduction(_method("30.000 đồng - 50.000 đồng"), day) is None  # which amount?
    assert reduction(_method("Miễn phí"), day) is None
    assert reduction(_method("70.000 đồng", "Thông tư 73/2024/TT-BTC"), day) is None
    odd = _method("1.800.000 đồng", "từ ngày 01/7/2025 đến hết ngày 31/12/2026, giảm 20%")
    assert reduction(odd, day) is None  # not "bằng N% mức": not read as a rate


def test_the_reissued_id_card_shows_the_reduced_fee_first(knowledge: tuple[Any, Any]) -> None:
    kb = knowledge[0]
    proc = kb.get("1.014064")  # Cấp lại thẻ căn cước, catalogue only
    during = fee_lines(proc, "vi", dt.date(2026, 12, 1))
    assert during[0].startswith("  - Trực tiếp: 35.000 đồng đến hết 31/12/2026")
    assert "70.000" in during[0]  # the published amount stays visible
    after = fee_lines(proc, "vi", dt.date(2027, 1, 1))
    assert after[0].startswith("  - Trực tiếp: 70.000 đồng")
