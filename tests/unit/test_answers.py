"""The typed-answer layer on its own: what a typed word presses among offered buttons."""

from __future__ import annotations

import pytest

from handlers.answers import label_role, social_of, understand

DOC = [
    ["Đã có", "d:have", "yes"],
    ["Chưa có", "d:missing", "no"],
    ["Không rõ", "d:unknown", "unknown"],
    ["⬅ Quay lại", "back", "back"],
    ["Dừng", "stop", "stop"],
]
WITNESS = [
    ["Có Giấy chứng sinh", "cert"],
    ["Không có, nhưng có người làm chứng", "witness"],
    ["Không có Giấy chứng sinh, không có người làm chứng", "nobody"],
]
CANCEL = [["Đồng ý hủy", "cancelok", "yes"], ["Giữ lịch hẹn", "keep", "no"]]
MENU = [["Hỏi thủ tục", "ask"], ["Tra cứu hồ sơ", "status"], ["Đặt lịch hỗ trợ", "book"]]


@pytest.mark.parametrize(
    ("typed", "pressed"),
    [
        ("co", "d:have"), ("dc", "d:have"), ("ừ", "d:have"), ("uk", "d:have"),
        ("dạ có ạ", "d:have"), ("có chứ", "d:have"), ("rồi ạ", "d:have"), ("2", "d:missing"),
        ("k", "d:missing"), ("hông", "d:missing"), ("chưa có giấy đó", "d:missing"),
        ("ko bik", "d:unknown"), ("không rõ lắm", "d:unknown"), ("hok bik", "d:unknown"),
        ("quay lai", "back"), ("thôi", "stop"), ("có thể", None), ("hmm", None),
        ("không biết làm sao đăng ký kết hôn", None),
    ],
)  # fmt: skip
def test_document_answers(typed: str, pressed: str | None) -> None:
    assert understand(typed, DOC) == pressed


@pytest.mark.parametrize(
    ("typed", "pressed"),
    [
        ("có", "cert"),
        ("không", None),  # two "không" labels: not understood, never a guess
        ("có, nhưng có người làm chứng", "witness"),
        ("không có người làm chứng", "nobody"),
        ("rồi", "cert"),  # "rồi": I have it
    ],
)
def test_yes_no_among_longer_labels(typed: str, pressed: str | None) -> None:
    assert understand(typed, WITNESS) == pressed


@pytest.mark.parametrize(
    ("typed", "pressed"),
    [("hủy", "cancelok"), ("ừ hủy đi", "cancelok"), ("đồng ý", "cancelok"), ("có", "cancelok"),
     ("không", "keep"), ("thôi", "keep"), ("quay lại", "keep"), ("không hủy nữa", None),
     ("để em nghĩ đã", None)],
)  # fmt: skip
def test_a_confirmation(typed: str, pressed: str | None) -> None:
    assert understand(typed, CANCEL) == pressed


@pytest.mark.parametrize(
    ("typed", "pressed"),
    [("tra cuu", "status"), ("dat lich", "book"), ("tra cứu hồ sơ 000.00.14.H20-200703-0002", None),
     ("hỏi thủ tục khai sinh", None)],
)  # fmt: skip
def test_a_longer_message_is_not_a_press_of_a_label_it_contains(
    typed: str, pressed: str | None
) -> None:
    assert understand(typed, MENU) == pressed


SLOTS = [
    ["07:30 (còn 2 chỗ)", "bk:slot:x"],
    ["Chọn giờ khác", "bk:prog:p"],
    ["Dừng đặt lịch", "bk:stop:"],
]


@pytest.mark.parametrize(
    ("typed", "pressed"),
    [("đúng rồi", None), ("đúng vậy", None), ("có", None), ("dừng", "bk:stop:"),
     ("dừng đặt lịch", "bk:stop:"), ("1", "bk:slot:x")],
)  # fmt: skip
def test_a_yes_where_no_yes_is_offered_never_stops(typed: str, pressed: str | None) -> None:
    """QA pass 5 (q23): "đúng rồi" at the time list pressed "Dừng đặt lịch" (its folded
    "dung" is the label's first word) and dropped the booking."""
    assert understand(typed, SLOTS) == pressed


def test_roles_read_from_labels() -> None:
    assert [label_role(r[0]) for r in DOC] == ["yes", "no", "unknown", "back", "stop"]
    assert label_role("Tôi không rõ") == "unknown" and label_role("Có thể") == ""


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("cám ơn em nhé", "thanks"), ("camon", "thanks"), ("bye", "bye"), ("tạm biệt", "bye"),
     ("ko hiểu", "confused"), ("là sao", "confused"), ("cảm ơn, cho hỏi lệ phí", None)],
)  # fmt: skip
def test_social_words(typed: str, kind: str | None) -> None:
    assert social_of(typed) == kind
