"""Vietnamese normalisation: what a citizen types must compare equal to the official text."""

from __future__ import annotations

import unicodedata

import pytest

from knowledge.normalize import fold, has_diacritics, normalize, strip_procedure_prefix, tokens


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # NFD input from some keyboards (combining marks after the base letter)
        (unicodedata.normalize("NFD", "Đăng ký khai sinh"), "đăng ký khai sinh"),
        # old and new tone placement give the same text
        ("hoà giải", "hòa giải"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("uỷ quyền", "ủy quyền"),
        # closed syllables keep the tone on the second vowel
        ("hoàng", "hoàng"),
        ("quý", "quý"),
        ("giữa", "giữa"),
        ("người", "người"),
        # zero-width, soft hyphen, BOM inside words
        ("kh\u200bai si\u00adnh\ufeff", "khai sinh"),
        # case, punctuation glued to words, repeated spaces
        ("LÀM sổ đỏ,cần gì??   ", "làm sổ đỏ cần gì"),
        # telex typed without an input method
        ("dduwowngf", "đường"),
        ("ddaats ddai", "đất đai"),
        # held-down keys and doubled consonants
        ("khaiii sinhh", "khai sinh"),
        # abbreviations are left alone (no vowel to fix)
        ("CCCD", "cccd"),
    ],
)
def test_normalize_table(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Đăng ký khai sinh", "dang ki khai sinh"),
        ("đăng kí khai sinh", "dang ki khai sinh"),  # kí/ký spellings meet
        ("dang ky khai sinh", "dang ki khai sinh"),
        ("ĐỔI GIẤY PHÉP LÁI XE", "doi giay phep lai xe"),
        ("quyền sử dụng đất", "quyen su dung dat"),
    ],
)
def test_fold_table(typed: str, expected: str) -> None:
    assert fold(typed) == expected


def test_accented_and_plain_questions_fold_to_the_same_text() -> None:
    assert fold("Làm giấy chứng nhận quyền sử dụng đất") == fold(
        "lam giay chung nhan quyen su dung dat"
    )


def test_has_diacritics() -> None:
    assert has_diacritics("đăng ky")
    assert has_diacritics("dang ký")
    assert not has_diacritics("dang ky khai sinh")


@pytest.mark.parametrize("junk", ["", "   ", "!!!???", "😀😀", None, 12345, "\u200b\u200b"])
def test_bad_input_never_raises(junk: object) -> None:
    out = normalize(junk)  # type: ignore[arg-type]
    assert isinstance(out, str)
    assert isinstance(fold(out), str)


def test_long_input_is_truncated() -> None:
    assert len(normalize("khai sinh " * 5000)) <= 500


def test_other_scripts_survive() -> None:
    assert normalize("Привет 你好") == "привет 你好"


def test_tokens_and_prefix() -> None:
    assert tokens("Đăng ký, kết hôn!") == ["đăng", "ký", "kết", "hôn"]
    assert strip_procedure_prefix("Thủ tục đăng ký khai sinh.") == "đăng ký khai sinh"
