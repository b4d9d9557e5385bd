"""Help asked for as a need (knowledge.support_needs) and weekday numerals that are no hour
(handlers.booking.times)."""

from __future__ import annotations

import pytest

from handlers.booking.times import parse_time
from knowledge.intents import detect_intent
from knowledge.support_needs import kind_of, tomorrow_said


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("tôi già yếu đi không nổi, muốn nhờ cán bộ xuống nhà giúp làm hồ sơ", "home"),
        ("can bo xuong tan nha ho tro duoc ko", "home"),
        ("muon dc huong dan nop ho so online", "online_guidance"),
        ("hướng dẫn nộp hồ sơ trực tuyến giúp tôi", "online_guidance"),
        ("mai co cho nao ho tro lam giay to ko", ""),
        ("ở đâu hỗ trợ làm hồ sơ", ""),
        ("đăng ký khai sinh", None),
        ("hỗ trợ chi phí mai táng", None),
    ],
)
def test_kind_of_a_need(text: str, kind: str | None) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "tôi già yếu đi không nổi, muốn nhờ cán bộ xuống nhà giúp làm hồ sơ",
        "muon dc huong dan nop ho so online",
        "mai co cho nao ho tro lam giay to ko",
        "cho e doi sang tuan sau dc ko",
    ],
)
def test_a_need_or_a_move_is_a_booking_request(text: str) -> None:
    assert detect_intent(text).intent == "booking"


@pytest.mark.parametrize(
    "text",
    [
        "hỗ trợ chi phí mai táng",
        "nộp hồ sơ online khai sinh",
        "cán bộ xuống nhà làm khai tử cho ông bị liệt",  # the "lưu động" registration
        "chuyển sang tên sổ đỏ cho con",
    ],
)
def test_procedure_questions_are_no_booking(text: str) -> None:
    assert detect_intent(text).intent != "booking"


def test_mai_opening_a_need_leaves_the_rest_to_name_the_need() -> None:
    rest = detect_intent("mai co cho nao ho tro lam giay to ko").rest or ""
    assert "mai" not in rest.split()
    assert tomorrow_said("mai co cho nao ho tro lam giay to ko")
    assert not tomorrow_said("mai táng cho bố")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("thu 3 gan nhat", None),
        ("thứ 6 gần nhất", None),
        ("t7 gan nhat", None),
        ("thứ 3 lúc 9h", "09:00"),
        ("t7 8h30", "08:30"),
        ("thu 4 3g chieu", "15:00"),
        ("2 giờ chiều thứ 6", "14:00"),
    ],
)
def test_a_weekday_numeral_is_never_an_hour(text: str, start: str | None) -> None:
    assert parse_time(text) == start
