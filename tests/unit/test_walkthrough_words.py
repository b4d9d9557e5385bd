"""The walkthrough's own words and the prepare requests that start it (issue 12, round 5)."""

from __future__ import annotations

import pytest

from handlers.checklist.typed import is_later, is_restart
from handlers.search.prepare import is_prepare_request


@pytest.mark.parametrize(
    "typed",
    ["làm lại từ đầu", "lam lai tu dau nhe", "bắt đầu lại giúp em", "từ đầu", "start over"],
)
def test_restart_words(typed: str) -> None:
    assert is_restart(typed)


@pytest.mark.parametrize("typed", ["từ đâu?", "từ đâu", "làm lại giấy khai sinh", "lại"])
def test_not_restart(typed: str) -> None:
    assert not is_restart(typed)


@pytest.mark.parametrize(
    "typed", ["để hỏi lại", "de em hoi lai da", "để tôi hỏi lại người nhà rồi tính", "để sau"]
)
def test_ask_and_come_back(typed: str) -> None:
    assert is_later(typed)


@pytest.mark.parametrize("typed", ["hỏi lại", "hỏi lại được không?", "đã có", "không rõ"])
def test_not_ask_and_come_back(typed: str) -> None:
    assert not is_later(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("chuẩn bị giấy tờ khai sinh cho con", True),
        ("giup toi soan giay to tam tru", True),
        ("kiểm tra giúp em giấy tờ kết hôn", True),
        ("đăng ký kết hôn cần giấy tờ gì", False),  # asks about it: the card
        ("chuẩn bị giấy tờ gia hạn tạm trú", True),  # "gia" of "gia hạn" is no price
        ("chuẩn bị giấy tờ làm sổ đỏ tốn bao nhiêu tiền", False),  # asks the fee
        ("kiểm tra hồ sơ của tôi", False),  # a dossier lookup
    ],
)
def test_prepare_requests(typed: str, expected: bool) -> None:
    assert is_prepare_request(typed) is expected
