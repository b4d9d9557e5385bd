"""Vietnamese mobile numbers as people type them, and masking for replies."""

from __future__ import annotations

import pytest

from handlers.booking.input import clean_name, find_code, mask_name, mask_phone, parse_mobile


@pytest.mark.parametrize(
    "text",
    ["0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678",
     "+84912345678", "84912345678", "(+84) 912 345 678", "+84 0912 345 678", " 0912345678 "],
)  # fmt: skip
def test_accepted_forms(text: str) -> None:
    assert parse_mobile(text) == "0912345678"


@pytest.mark.parametrize("prefix", ["03", "05", "07", "08", "09"])
def test_every_mobile_prefix(prefix: str) -> None:
    assert parse_mobile(prefix + "12345678") == prefix + "12345678"


@pytest.mark.parametrize(
    "text",
    ["", "123", "091234567", "09123456789", "0212345678", "0112345678", "1912345678",
     "+1 912 345 678", "+44 7911 123456", "09l2345678", "0912345678 hoặc 0987654321",
     "84 212 345 678", "++84912345678", "0912+345678", "số của tôi"],
)  # fmt: skip
def test_refused(text: str) -> None:
    assert parse_mobile(text) is None


def test_masks() -> None:
    assert mask_phone("0912345678") == "091****678"
    assert mask_name("Nguyễn Văn An") == "Nguyễn V*** A"
    assert mask_name("Trần Bình") == "Trần B***"
    assert mask_name("Nguyễn Thị Minh Khai") == "Nguyễn T*** M*** K"


def test_names() -> None:
    assert clean_name("  nguyễn   văn AN ") == "Nguyễn Văn An"
    assert clean_name("0912345678") is None
    assert clean_name("a") is None
    assert clean_name("<script>") is None


def test_booking_codes_in_text() -> None:
    assert find_code("hủy lịch lh-7k3q giúp em") == "LH-7K3Q"
    assert find_code("LH 7K3Q") == "LH-7K3Q"
    assert find_code("LH-7K0Q") is None  # 0 is not in the alphabet
    assert find_code("khai sinh") is None
