"""Intent rules, receipt codes, phone numbers and hostile input."""

from __future__ import annotations

import pytest

from knowledge.index import SearchIndex
from knowledge.intents import detect_intent, find_phone, find_receipt_code
from knowledge.schema import Procedure

CODE = "000.00.14.H20-200703-0002"


@pytest.mark.parametrize(
    "typed",
    [
        "000.00.14.H20-200703-0002",
        "000.00.14.h20-200703-0002",
        "000.00.14.H20 - 200703 - 0002",
        "0000014H20-200703-0002",
        "000 00 14 H20 200703 0002",
        "hồ sơ của tôi mã 000.00.14.h20–200703–0002 sao rồi",
    ],
)
def test_receipt_code_variants(typed: str) -> None:
    assert find_receipt_code(typed) == CODE


@pytest.mark.parametrize(
    "typed",
    ["0912345678", "đăng ký khai sinh", "", "000.00.14.H20-201399-0002", "2024-01-01"],
)
def test_not_a_receipt_code(typed: str) -> None:
    assert find_receipt_code(typed) is None


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("0912345678", "0912345678"),
        ("sđt của tôi 0912 345 678 nhé", "0912345678"),
        ("+84912345678", "0912345678"),
        ("khai sinh", None),
    ],
)
def test_phone(typed: str, phone: str | None) -> None:
    assert find_phone(typed) == phone


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("xin chào", "greeting"),
        ("chao ban a", "greeting"),
        ("alo có ai trực không", "greeting"),
        ("em ơi", "greeting"),
        ("cảm ơn nhiều nhé", "thanks"),
        ("cam on ban da ho tro", "thanks"),
        ("ok em", "thanks"),
        ("thoi cam on nha", "thanks"),  # "cam" is not "cấm" (mining procedures) here
        ("thôi vậy, không cần nữa", "thanks"),
        ("thôi quốc tịch", None),
        ("chưa có", "out_of_scope"),  # a reply with no need (was: the land certificate)
        ("ko biet", "out_of_scope"),  # "thôi" alone around a procedure word stays a question
        ("hồ sơ của tôi đến đâu rồi", "dossier_status"),
        ("tra cuu ho so", "dossier_status"),
        ("tôi nộp hồ sơ tuần trước mà chưa có kết quả", "dossier_status"),
        (f"kiểm tra giúp {CODE.lower()}", "dossier_status"),
        ("đặt lịch ngày không viết", "booking"),
        ("muốn cán bộ tới nhà hướng dẫn", "booking"),
        ("giá vàng hôm nay", "out_of_scope"),
        ("thoi tiet ngay mai", "out_of_scope"),
        ("0912345678", "out_of_scope"),
        ("", "empty"),
        ("?!...", "empty"),
        ("đăng ký khai sinh", None),
        ("chào em, cho chị hỏi làm khai sinh", None),  # a greeting with a request is a request
    ],
)
def test_intent_table(text: str, intent: str | None) -> None:
    assert detect_intent(text).intent == intent


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    procs = [
        Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", levels=["Cấp xã"]),
        Procedure(code="1.000656", name="Thủ tục đăng ký khai tử", levels=["Cấp xã"]),
        Procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", levels=["Cấp xã"]),
        Procedure(code="2.000001", name="Cấp giấy phép hoạt động ngân hàng", levels=["Cấp bộ"]),
    ]
    return SearchIndex.build(procs)


# hostile or odd input: (text, intent, band, first match offered)
BAD_INPUTS = [
    ("", "empty", "none", None),
    ("   ", "empty", "none", None),
    ("!!!???...", "empty", "none", None),
    ("😀🙏🎉", "empty", "none", None),
    ("你好，我想办理出生登记", "out_of_scope", "none", None),
    ("Привет, как дела?", "out_of_scope", "none", None),
    ("'; DROP TABLE procedures; --", "out_of_scope", "none", None),
    ("SELECT * FROM users WHERE 1=1", "out_of_scope", "none", None),
    (CODE, "dossier_status", "none", None),
    ("0912345678", "out_of_scope", "none", None),
    ("a" * 10_000, "greeting", "none", None),  # "a" reads as "à": the menu, no search
    ("khai sinh " * 1_000, "procedure", "answer", "1.001193"),
    ("\x00\x01\x02 khai\u200b sinh", "procedure", "answer", "1.001193"),
]


@pytest.mark.parametrize(("text", "intent", "band", "first"), BAD_INPUTS)
def test_bad_inputs_never_raise_nor_answer_wrongly(
    index: SearchIndex, text: str, intent: str, band: str, first: str | None
) -> None:
    result = index.classify(text)
    assert (result.intent, result.band) == (intent, band)
    assert (result.matches[0].code if result.matches else None) == first


@pytest.mark.parametrize(
    "text",
    ["giá vàng hôm nay", "kể chuyện cười đi", "'; DROP TABLE procedures; --", "ai là chủ tịch"],
)
def test_out_of_scope_is_never_answered(index: SearchIndex, text: str) -> None:
    result = index.classify(text)
    assert (result.intent, result.band, result.matches) == ("out_of_scope", "none", [])


def test_receipt_code_goes_to_status(index: SearchIndex) -> None:
    result = index.classify(f"hồ sơ {CODE} của tôi")
    assert (result.intent, result.receipt_code) == ("dossier_status", CODE)


def test_booking_searches_only_the_need(index: SearchIndex) -> None:
    assert index.classify("đặt lịch").matches == []
    result = index.classify("đặt lịch hỗ trợ làm khai sinh")
    assert result.intent == "booking"
    assert result.matches[0].code == "1.001193"


# Regressions found by trying the bot as a citizen would.
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("lam so do", None),  # "làm sổ đỏ" typed without accents is a procedure
        ("chào em, làm sổ đỏ", None),
        ("khai sinh quá hạn mất bao nhiêu tiền", None),  # late registration, not a dossier
        ("hồ sơ bị quá hạn rồi", "dossier_status"),
        ("hủy lịch LH-7K3Q", "booking"),
        ("lh-7k3q", "booking"),
        ("đổi lịch hẹn giúp tôi", "booking"),
        ("cảm ơn nhiều nha", "thanks"),
        ("anh ơi", "greeting"),
    ],
)
def test_citizen_phrasings(text: str, intent: str | None) -> None:
    assert detect_intent(text).intent == intent
