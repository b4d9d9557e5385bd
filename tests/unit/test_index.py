"""Matching on a small fixed set of procedures: variants, aliases, abbreviations, typos."""

from __future__ import annotations

import pytest

from knowledge.events import EventTable
from knowledge.index import SearchIndex
from knowledge.schema import Procedure


def _p(code: str, name: str, **kw: object) -> Procedure:
    kw.setdefault("levels", ["Cấp xã"])
    return Procedure(code=code, name=name, **kw)  # type: ignore[arg-type]


PROCS = [
    _p(
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        short_name="Đăng ký khai sinh",
        curated=True,
        popularity=0.9,
        aliases=["làm giấy khai sinh"],
    ),
    _p("1.003583", "Thủ tục đăng ký khai sinh lưu động"),
    _p("1.004884", "Thủ tục đăng ký lại khai sinh"),
    _p("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài"),
    _p("1.000894", "Thủ tục đăng ký kết hôn", curated=True, popularity=0.8),
    _p("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài"),
    _p("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"),
    _p("1.004222", "Đăng ký thường trú"),
    _p("1.003197", "Xóa đăng ký thường trú"),
    _p(
        "1.014061",
        "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
        short_name="Cấp thẻ Căn cước",
        curated=True,
        popularity=0.9,
    ),
    _p("1.014064", "Cấp lại thẻ căn cước"),
    _p("1.013978", "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu"),
    _p("1.012786", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất"),
    _p("1.001612", "Đăng ký thành lập hộ kinh doanh"),
    _p("9.000001", "Cấp giấy phép thành lập ngân hàng thương mại", levels=["Cấp bộ"]),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    # no event/alias table: its aliases name real catalogue codes, not these few procedures
    return SearchIndex.build(PROCS, events=(EventTable([]), {}))


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # the common procedure beats its rare variants ...
        ("đăng ký khai sinh", "1.001193"),
        ("dang ky khai sinh cho con", "1.001193"),
        # ... unless the question names the variant
        ("đăng ký khai sinh lưu động", "1.003583"),
        ("dang ky lai khai sinh", "1.004884"),
        ("kết hôn với người nước ngoài", "2.000806"),
        ("lay chong nguoi Han Quoc", "2.000806"),
        # aliases and abbreviations
        ("làm giấy khai sinh cần gì", "1.001193"),
        ("lam GKS cho be", "1.001193"),
        ("làm CCCD", "1.014061"),
        ("giấy độc thân", "1.004873"),
        ("xin giay doc than", "1.004873"),
        ("nhập hộ khẩu cho con", "1.004222"),
        ("mất sổ đỏ", "1.012786"),
        ("HKD", "1.001612"),
        # typos and glued words
        ("dăng kí kêt hôn", "1.000894"),
        ("khaisinh", "1.001193"),
        ("dduwowngf kys khai sinh", "1.001193"),
    ],
)
def test_top1(index: SearchIndex, question: str, code: str) -> None:
    matches = index.search(question, k=3)
    assert matches and matches[0].code == code, matches


def test_accents_do_not_change_the_answer(index: SearchIndex) -> None:
    a = index.search("đăng ký kết hôn", k=3)
    b = index.search("dang ky ket hon", k=3)
    assert [m.code for m in a] == [m.code for m in b]


def test_search_contract(index: SearchIndex) -> None:
    matches = index.search("đăng ký", k=2)
    assert len(matches) <= 2
    assert all(0 <= m.score <= 100 for m in matches)
    assert matches == sorted(matches, key=lambda m: -m.score)
    assert matches[0].name  # display name is filled
    assert index.search("", k=3) == []


def test_display_name_is_the_short_name(index: SearchIndex) -> None:
    assert index.search("căn cước", k=1)[0].name == "Cấp thẻ Căn cước"


def test_classify_bands(index: SearchIndex) -> None:
    sure = index.classify("đăng ký khai sinh cho con")
    assert (sure.intent, sure.band) == ("procedure", "answer")
    assert sure.matches[0].code == "1.001193"
    vague = index.classify("đăng ký")  # every "đăng ký ..." fits: ask which one
    assert (vague.intent, vague.band) == ("procedure", "suggest")
    assert [m.code for m in vague.matches][:2] == ["1.001193", "1.000894"]
    unrelated = index.classify("cách nấu canh chua cá lóc")
    assert unrelated.band == "none" and unrelated.intent == "out_of_scope"


def test_empty_index_never_raises() -> None:
    empty = SearchIndex.build([])
    assert empty.search("khai sinh") == []
    assert empty.classify("khai sinh").band == "none"


def test_popularity_breaks_ties() -> None:
    rare = _p("1.000002", "Cấp thẻ căn cước")
    common = _p("1.000001", "Cấp thẻ căn cước", curated=True, popularity=0.9)
    for procs in ([rare, common], [common, rare]):
        assert SearchIndex.build(procs).search("làm thẻ căn cước", k=1)[0].code == "1.000001"


def test_one_shared_syllable_is_never_answered() -> None:
    index = SearchIndex.build(
        [
            _p(
                "1.004859",
                "Thủ tục đăng ký thay đổi hộ tịch",
                curated=True,
                popularity=0.8,
                aliases=["đổi tên"],
            )
        ]
    )
    result = index.classify("tên đẹp")
    assert result.band != "answer"
    assert index.classify("muốn đổi tên").band == "answer"
