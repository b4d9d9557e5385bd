"""What a citizen types at the dossier lookup, read by ``handlers.status.verify``: each way of
saying the code is lost or a booking is wanted, and the phone digits in a message."""

from __future__ import annotations

import pytest

from handlers.status import verify

LOST = [
    "em không nhớ mã hồ sơ",
    "tôi quên mã rồi",
    "không biết mã là gì",
    "tôi không có mã",
    "em bị mất mã rồi",
    "em làm mất giấy biên nhận",
    "tôi mất biên nhận rồi",
    "giấy biên nhận mất rồi",
    "mất phiếu",
    "tôi không còn giấy",
    "không còn phiếu nữa",
    "không còn biên nhận",
    "I forgot the code",
    "I lost the receipt",
    "I don't remember it",
    "I dont remember it",
]


@pytest.mark.parametrize("typed", LOST)
def test_each_way_of_saying_the_code_is_lost_is_understood(typed: str) -> None:
    assert verify.lost_code(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "mã của em là 000.00.14.H20-200703-0002",
        "em nhớ mã mà",
        "mất thời gian quá",
        "em quên mang theo căn cước",
    ],
)
def test_a_code_or_other_words_are_not_a_lost_code(typed: str) -> None:
    assert not verify.lost_code(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "tra cứu hồ sơ và đặt lịch",
        "cho em hẹn lịch luôn",
        "em muốn đặt hẹn",
        "xin lịch hỗ trợ",
        "I want to book",
        "an appointment please",
    ],
)
def test_each_way_of_asking_a_booking_in_the_same_message(typed: str) -> None:
    assert verify.wants_booking(typed)
    found = verify.find(f"{typed} 000.00.14.H20-200703-0002")
    assert found is not None
    assert verify.lookup_data(found, typed) == {"code": "000.00.14.H20-200703-0002", "also": 1}


def test_a_plain_lookup_asks_no_booking() -> None:
    assert not verify.wants_booking("tra cứu hồ sơ 000.00.14.H20-200703-0002")
    found = verify.find("H20-200703-0002")
    assert found is not None
    assert verify.lookup_data(found, "tra cứu H20-200703-0002") == {"tail": "H20-200703-0002"}
    assert verify.shown_code({"tail": "H20-200703-0002"}) == "H20-200703-0002"
    assert verify.shown_code({"code": "000.00.14.H20-200703-0002", "tail": "x"}).startswith("000")
    assert verify.shown_code({}) == ""


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("1234", "1234"),
        ("12 34", "1234"),  # four digits with a space
        ("4 số cuối là 5678 ạ", "5678"),  # one group of four in a sentence
        ("0900001234", "0900001234"),  # the whole phone
        ("+84 900 001 234", "0900001234"),
        ("5678 hoặc 1234", ""),  # two groups: not a guess at one
        ("12345", ""),  # five digits: neither four nor a phone
        ("số 34", ""),
        ("", ""),
    ],
)
def test_the_phone_digits_in_a_message(typed: str, digits: str) -> None:
    assert verify.digits_in(typed) == digits


def test_digits_typed_beside_the_code_before_or_after_it() -> None:
    for text in ("000.00.14.H20-200703-0002 1234", "1234 000.00.14.H20-200703-0002"):
        found = verify.find(text)
        assert found is not None and found.code == "000.00.14.H20-200703-0002"
        assert verify.digits_beside(text, found) == "1234"  # the serial 0002 is not read


def test_a_unit_prefix_typed_with_dashes_is_the_whole_code() -> None:
    found = verify.find("hồ sơ 000-00-14-H20-200703-0003 ạ")
    assert found is not None
    assert (found.code, found.tail) == ("000.00.14.H20-200703-0003", None)
    assert found.start == len("hồ sơ ")
    # two dashed groups are not a unit code: the tail alone stays
    only = verify.find("00-14-H20-200703-0003")
    assert only is not None and only.code is None and only.tail is not None


class _Dossiers:
    def __init__(self, codes: list[str]) -> None:
        self.codes, self.asked = codes, []

    async def codes_ending(self, pattern: str, limit: int) -> list[str]:
        self.asked.append((pattern, limit))
        return self.codes[:limit]


class _Repos:
    def __init__(self, codes: list[str]) -> None:
        self.dossiers = _Dossiers(codes)


async def test_candidates_of_a_whole_code_a_tail_and_nothing() -> None:
    repos = _Repos([f"000.00.{n:02}.H20-200703-0002" for n in range(10)])
    assert await verify.candidates(repos, {"code": "C"}) == ["C"]
    assert repos.dossiers.asked == []  # a whole code is not looked up as a tail
    got = await verify.candidates(repos, {"tail": "H20-200703-0002"})
    assert len(got) == verify.MAX_CANDIDATES == 5
    assert repos.dossiers.asked == [("%.H20-200703-0002", 5)]
    assert await verify.candidates(repos, {"tail": ""}) == []
    assert await verify.candidates(repos, {}) == []


def test_a_whole_phone_for_an_unknown_code_reads_nothing_and_does_not_fail() -> None:
    assert verify.matches(None, "0900001234", "k") is False  # the same answer as a wrong phone
