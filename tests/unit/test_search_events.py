"""Issue 11, round 4: life events told at length, the foreign-element variant, home visits."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.events import Event, EventTable
from knowledge.index_bands import Match, band
from knowledge.normalize import normalize


def _words(text: str) -> list[str]:
    return normalize(text).split()


def _split_event(near_clauses: bool) -> Event:
    def phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(_words(t)) for t in texts)

    return Event(
        phrases("chia nhau"),
        tuple(_words("phân chia di sản")),
        near=phrases("để lại", "mất"),
        not_near=phrases("tiền lương"),
        near_clauses=near_clauses,
    )


def test_an_events_context_may_stand_in_the_next_clause_only_when_allowed() -> None:
    clause, before = _words("anh em muốn chia nhau"), _words("ba tôi mất để lại miếng đất")
    words, derived = EventTable([_split_event(True)]).apply(clause, before)
    assert words[-4:] == _words("phân chia di sản") and derived[-1]
    # not allowed: the clause alone decides
    assert EventTable([_split_event(False)]).apply(clause, before)[0] == clause
    # an exclusion beside it counts as much as the context
    assert EventTable([_split_event(True)]).apply(clause, _words("mất tiền lương"))[0] == clause


def _m(score: float, *, evented: bool = False, curated: bool = True) -> Match:
    return Match("x", "X", score, curated, 0.3, 3.0, False, False, evented)


def test_a_low_score_holding_the_events_procedure_words_is_suggested() -> None:
    runner_up = _m(15.0)
    assert band([_m(25.0, evented=True), runner_up]) == "suggest"
    assert band([_m(25.0), runner_up]) == "none"  # no event told: out of scope
    assert band([_m(15.5, evented=True), runner_up]) == "none"  # too close to the next
    assert band([_m(18.0, evented=True), runner_up]) == "none"  # too low


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("ông nội em mất ở nhà, gia đình cần làm gì với chính quyền", "1.000656"),
        ("con gái em mới chào đời được 1 tuần, em muốn làm giấy cho cháu", "1.001193"),
        ("chồng tôi bị máy cán dập ngón tay ở xưởng, bảo hiểm trả cho những gì", "1.001632"),
        ("vợ chồng tôi không có con, muốn xin một bé về nuôi", "2.001263"),
        ("trả hết nợ ngân hàng rồi, muốn lấy sổ đỏ về cho sạch", "1.011443"),
        (
            "ông già rồi, cả đời làm ruộng không có đồng hưu nào, xã có cho tiền không",
            "dp.tro-cap-huu-tri-xa-hoi",  # Luật BHXH 2024: từ đủ 75 tuổi, không lương hưu
        ),
        ("ba tôi mất để lại miếng đất, anh em muốn chia nhau", "2.001406"),
        ("vợ sinh con mà chồng có đóng bảo hiểm thì chồng được hưởng gì", "2.000693"),
    ],
)
def test_a_life_event_without_a_procedure_word_finds_its_procedure(
    knowledge: tuple[Any, Any], question: str, code: str
) -> None:
    result = knowledge[1].classify(question)
    assert result.intent == "procedure" and result.band != "none", result
    assert result.matches[0].code == code, result


def test_a_foreign_element_variant_needs_the_question_to_say_it(knowledge) -> None:
    index = knowledge[1]
    # 1.004878's long name lists uncles adopting a nephew, with a foreign element
    assert index.search("chú muốn nhận cháu ruột làm con nuôi")[0].code == "2.001263"
    found = index.search("người nước ngoài muốn nhận cháu ruột làm con nuôi")
    assert found[0].code == "1.004878", found
    # the birth registration itself still needs no foreign word to be first
    assert index.search("khai sinh cho con mà cha là người Pháp")[0].code == "2.000528"


def test_a_home_visit_of_a_procedure_done_at_home_is_that_procedure(knowledge) -> None:
    index = knowledge[1]
    result = index.classify("đăng ký kết hôn tại nhà vì vợ sắp cưới bị liệt")
    assert result.intent == "procedure" and result.matches[0].code == "1.000593", result
    # asking for the home-support programme stays a booking
    assert index.classify("đặt lịch cán bộ tới nhà").intent == "booking"
    assert index.classify("muốn cán bộ tới nhà hướng dẫn").intent == "booking"


@pytest.mark.parametrize(
    ("text", "code"),
    [("thủ tục mở tiệm tạp hóa tại nhà", "1.001612"),
     ("nguoi than qua doi tai nha, khong co giay bao tu cua benh vien", "1.000656"),
     ("chung thuc diem chi cho nguoi khong biet chu", "2.000884")],
)  # fmt: skip
def test_at_home_or_unlettered_describing_the_case_keeps_the_procedure(
    knowledge, text: str, code: str
) -> None:
    result = knowledge[1].classify(text)
    assert result.intent == "procedure" and result.matches[0].code == code, result


@pytest.mark.parametrize(
    "text",
    ["hẹn cán bộ hỗ trợ tại nhà", "tôi không biết chữ, ai viết giúp", "làm khai sinh tại nhà được không",
     "cần người viết hộ tờ khai", "tại nhà"],
)  # fmt: skip
def test_help_asked_at_home_or_with_writing_stays_a_booking(knowledge, text: str) -> None:
    assert knowledge[1].classify(text).intent == "booking"


def test_the_first_registration_is_the_plain_act_of_its_siblings(knowledge) -> None:
    index = knowledge[1]
    # "Xóa đăng ký ..." holds fewer extra words than "Đăng ký ... lần đầu": said neither, the
    # first registration leads; said "xóa" or "lại", that sibling does
    assert index.search("đăng ký chiếc mô tô nước mới mua")[0].code == "2.001215"
    assert index.search("xóa đăng ký mô tô nước")[0].code == "2.001211"
    assert index.search("đăng ký lại mô tô nước")[0].code == "2.001214"


def test_typed_with_accents_a_bare_word_is_only_itself() -> None:
    # "do" (because) typed in an accented message is not "đồ" of an exclusion list
    event = Event((("mất",),), tuple(_words("khai tử")), near=(("ông",),), not_before=(("đồ",),))
    table = EventTable([event])
    accented = _words("ông xã tôi vừa mất do tai nạn")
    assert "khai" in table.apply(accented, bare=False)[0]
    assert table.apply(_words("ong xa toi vua mat do tai nan"))[0][4] == "mat"  # "đồ" there


@pytest.mark.parametrize("text", ["muon hen can bo ho tro o xa my ngai", "muốn hẹn cán bộ hỗ trợ"])
def test_an_appointment_with_staff_is_a_booking(knowledge, text: str) -> None:
    assert knowledge[1].classify(text).intent == "booking"
    assert knowledge[1].classify("tôi muốn gặp cán bộ").intent == "human"  # a person now
