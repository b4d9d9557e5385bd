"""Where a receipt code sits in a message, and what is read around it: the phone digits typed
beside a code without its unit prefix, and a right code typed after a wrong one."""

from __future__ import annotations

import pytest

from handlers.status.verify import digits_beside
from knowledge.receipts import find_receipt_code, parse_receipt


@pytest.mark.parametrize(
    ("text", "typed", "tail"),
    [
        ("mã H20-200703-0002 sđt 1234", "H20-200703-0002", "H20-200703-0002"),
        ("ho so 14.H20-200703-2 so cuoi 1234", "14.H20-200703-2", "14.H20-200703-0002"),
        ("mã 200703-0002 sđt 1234", "200703-0002", "200703-0002"),
        ("xem giúp 1234 hồ sơ 200703-2 nhé", "200703-2", "200703-0002"),
    ],
)
def test_a_tail_is_located_so_the_digits_beside_it_are_read(
    text: str, typed: str, tail: str
) -> None:
    found = parse_receipt(text)
    assert found is not None and found.code is None and found.tail == tail
    assert text[found.start : found.end] == typed
    assert digits_beside(text, found) == "1234"  # the code's own digits are not the phone's


def test_a_unit_code_with_a_digit_too_many_does_not_hide_the_right_code_after_it() -> None:
    text = "mã 1000.00.14.H20-200703-0002 à nhầm, 000.00.14.H20-200703-0003"
    assert find_receipt_code(text) == "000.00.14.H20-200703-0003"
