"""Unicode cleaning of catalogue text (knowledge.textclean)."""

import unicodedata

from knowledge.textclean import clean, clean_or_none


def test_nfd_fragments_become_nfc():
    # "Thủ tục" typed with separate combining marks, as in some portal records.
    nfd = "Thu\u0309 tu\u0323c đăng ky\u0301 khai sinh"
    out = clean(nfd)
    assert out == "Thủ tục đăng ký khai sinh"
    assert unicodedata.is_normalized("NFC", out)


def test_invisible_characters_removed():
    # LRM inside "ký" comes from the 1.001193 notes; ZWSP/BOM/soft hyphen from other pages.
    assert clean("đăng k\u200eý hộ tịch") == "đăng ký hộ tịch"
    assert clean("\ufeffGiấy\u200b khai\u00adsinh\u200d") == "Giấy khaisinh"


def test_stray_combining_mark_after_space_or_digit_dropped():
    assert clean("Mẫu số 01 \u0301bản 3\u0300") == "Mẫu số 01 bản 3"


def test_whitespace_collapsed_and_wingdings_bullet():
    assert clean("  Cơ quan\xa0\xa0thực   hiện\t\n") == "Cơ quan thực hiện"
    assert clean("\uf0fcBản sao giấy tờ") == "- Bản sao giấy tờ"


def test_keep_newlines_for_steps():
    text = "- Bước 1:  nộp hồ sơ.  \n\n\n- Bước 2: nhận kết quả."
    assert clean(text, keep_newlines=True) == "- Bước 1: nộp hồ sơ.\n\n- Bước 2: nhận kết quả."


def test_no_information_means_none():
    assert clean_or_none("Không có thông tin") is None
    assert clean_or_none("  ") is None
    assert clean_or_none(None) is None
    assert clean_or_none("Cấp xã") == "Cấp xã"
