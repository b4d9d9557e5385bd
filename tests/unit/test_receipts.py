"""Receipt codes as citizens type them (TT 01/2018/TT-VPCP: <unit>-<YYMMDD>-<NNNN>)."""

from __future__ import annotations

import pytest

from knowledge.receipts import find_receipt_code, looks_like_receipt, parse_receipt, tail_pattern

CODE = "000.00.14.H20-200703-0002"


@pytest.mark.parametrize(
    "typed",
    [
        "000.00.14.H20-200703-0002",
        "000.00.14.h20-200703-0002",
        "0000014H20-200703-0002",  # no dots
        "00000014H20-200703-0002",  # no dots and a zero too many in front
        "000.000.14.H20-200703-0002",  # a group typed with an extra zero
        "0.0.14.H20-200703-0002",  # leading zeros of the groups dropped
        "000.00.14.H20/200703/0002",  # slashes
        "000.00.14.H20 200703 0002",  # spaces
        "000 00 14 H20 200703 0002",
        "000.00.14.H20_200703_0002",
        "000.00.14.H20 - 200703 - 0002",
        "000.00.14.H20-2007030002",  # the last dash forgotten
        "000.00.14.H20200703-0002",  # the first dash forgotten
        "OOO.OO.14.H2O-2OO7O3-OOO2",  # the letter O for zero
        "000.00.14.H20-200703-2",  # the serial's leading zeros dropped
        "000.00.14.H20-200703-02",
        "hồ sơ của tôi mã 000.00.14.h20–200703–0002 sao rồi",
    ],
)
def test_whole_code_variants(typed: str) -> None:
    assert find_receipt_code(typed) == CODE
    assert not looks_like_receipt(typed)


@pytest.mark.parametrize(
    ("typed", "tail"),
    [
        ("H20-200703-0002", "H20-200703-0002"),
        ("h2o/200703/2", "H20-200703-0002"),
        ("14.H20-200703-0002", "14.H20-200703-0002"),
        ("0014H20 200703 0002", "00.14.H20-200703-0002"),
        ("mã 200703-0002", "200703-0002"),
    ],
)
def test_code_without_its_unit_prefix_is_a_tail(typed: str, tail: str) -> None:
    found = parse_receipt(typed)
    assert found is not None and found.code is None and found.tail == tail
    assert find_receipt_code(typed) is None  # never imported or stored as a whole code
    assert looks_like_receipt(typed)


@pytest.mark.parametrize(
    "typed",
    ["000.00.14.H20-200703-00022", "000.00.14.H20-201399-0002", "000.00.14.H20-200703-0"],
)
def test_broken_codes_are_recognised_as_attempts(typed: str) -> None:
    assert parse_receipt(typed) is None and looks_like_receipt(typed)


@pytest.mark.parametrize(
    "typed", ["0912345678", "10/12/2026", "đặt lịch 10/12", "lh-7k3q", "ho so 200703 2", ""]
)
def test_other_numbers_are_no_code(typed: str) -> None:
    assert parse_receipt(typed) is None


def test_code_and_digits_in_one_message_locate_the_code() -> None:
    text = "ma 000.00.14.H20-200703-0002 sdt 1234"
    found = parse_receipt(text)
    assert found is not None and found.code == CODE
    assert "1234" in text[found.end :] and "1234" not in text[found.start : found.end]


def test_tail_patterns_match_only_whole_codes_ending_so() -> None:
    assert tail_pattern("H20-200703-0002") == "%.H20-200703-0002"
    assert tail_pattern("200703-0002") == "%-200703-0002"
    assert tail_pattern("14.H20-200703-0002") == "%14.H20-200703-0002"
    assert tail_pattern("a_b%") == "%.a\\_b\\%"  # LIKE wildcards typed are literals


@pytest.mark.parametrize(
    ("date", "seq", "valid"),
    [
        ("200101", "1", True),  # 1 January, serial 1: the smallest of each
        ("201231", "9999", True),  # 31 December, the largest serial
        ("200001", "1", False),  # month 0
        ("201301", "1", False),  # month 13
        ("200100", "1", False),  # day 0
        ("200132", "1", False),  # day 32
        ("200101", "0", False),  # serial 0000
    ],
)
def test_the_date_and_serial_edges_of_a_code(date: str, seq: str, valid: bool) -> None:
    whole = f"000.00.14.H20-{date}-{seq}"
    assert (find_receipt_code(whole) is not None) is valid
    tail = parse_receipt(f"mã {date}-{seq}")  # the date and serial alone
    assert (tail is not None and tail.tail == f"{date}-{seq.zfill(4)}") is valid


def test_only_the_first_2000_characters_of_a_pasted_text_are_read() -> None:
    def after(n: int) -> str:  # the code after n characters
        return "x" * (n - 1) + " " + CODE

    assert len(after(1975)) == 2000 and find_receipt_code(after(1975)) == CODE
    assert find_receipt_code(after(1976)) is None  # its last digit is cut off
    assert not looks_like_receipt("x" * 2000 + " 200703-0002")


def test_a_first_impossible_code_does_not_hide_a_real_one_after_it() -> None:
    assert find_receipt_code("000.00.14.H20-201399-0002 à nhầm 000.00.14.H20-200703-0002") == CODE
    found = parse_receipt("mã 201399-0002 hay 200703-0002")
    assert found is not None and found.tail == "200703-0002"


def test_not_a_string_is_no_code() -> None:
    assert parse_receipt(None) is None  # type: ignore[arg-type]
    assert not looks_like_receipt(None)  # type: ignore[arg-type]
    assert find_receipt_code(12345) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["1000.00.14.H20-200703-0002", "10000014H20-200703-0002"])
def test_a_unit_code_with_a_digit_too_many_is_not_another_units_code(typed: str) -> None:
    # an extra leading zero is a slip ("00000014H20" is 000.00.14.H20); an extra other digit
    # makes it another unit's code, never read as 000.00.14.H20's dossier
    assert parse_receipt(typed) is None
    assert looks_like_receipt(typed)  # told the code was not recognised
