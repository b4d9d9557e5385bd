"""How a card names a legal document (knowledge.legal_names): shapes taken from real catalogue
records, where the title is often only the number again or glued to other text."""

from __future__ import annotations

import pytest

from knowledge.legal_names import citation, kind_and_issuer


@pytest.mark.parametrize(
    ("number", "title", "shown"),
    [
        # a title that only repeats the number: a known law gets its name
        ("60/2014/QH13", "Luật 60/2014/QH13", "Luật Hộ tịch 2014 (60/2014/QH13)"),
        ("60/2014/QH13", "Luật Hộ tịch", "Luật Hộ tịch 2014 (60/2014/QH13)"),
        # ... any other document its kind and issuer, read from the number
        ("08/2015/NĐ-CP", "Nghị định 08/2015/NĐ-CP", "Nghị định 08/2015/NĐ-CP của Chính phủ"),
        ("92/2015/TT-BTC", "Thông tư 92/2015/TT-BTC", "Thông tư 92/2015/TT-BTC của Bộ Tài chính"),
        ("461/QĐ-BXD", "Quyết định", "Quyết định 461/QĐ-BXD của Bộ Xây dựng"),
        ("78/2006/QH11", "Luật 78/2006/QH11", "Luật 78/2006/QH11 của Quốc hội"),
        (
            "06/2013/UBTVQH13",
            "Pháp lệnh 06/2013/UBTVQH13",
            "Pháp lệnh 06/2013/UBTVQH13 của Ủy ban Thường vụ Quốc hội",
        ),
        # a title that says what the document is about follows as the official citation does
        (
            "99/2022/NĐ-CP",
            "Về đăng ký biện pháp bảo đảm",
            "Nghị định 99/2022/NĐ-CP của Chính phủ về đăng ký biện pháp bảo đảm",
        ),
        (
            "123/2015/NĐ-CP",
            "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            "Nghị định 123/2015/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp"
            " thi hành Luật Hộ tịch",
        ),
        ("95/2015/QH13", "Bộ luật hàng hải Việt Nam", "Bộ luật hàng hải Việt Nam (95/2015/QH13)"),
        # a title that already cites the number is the citation
        (
            "120/2025/NĐ-CP",
            "Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định về phân định",
            "Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định về phân định",
        ),
        # a number glued inside other text is no title (1.013? "TT29/20252729/QĐ-BCT")
        ("2729/QĐ-BCT", "TT29/20252729/QĐ-BCT", "Quyết định 2729/QĐ-BCT của Bộ Công Thương"),
        # a title in capitals keeps its colon; an unknown issuer is not guessed
        (
            "2222/QĐ-BHXH",
            "BAN HÀNH QUY TRÌNH",
            "Quyết định 2222/QĐ-BHXH của Bảo hiểm xã hội Việt Nam: BAN HÀNH QUY TRÌNH",
        ),
        ("12/2024/TT-BXYZ", "Thông tư 12/2024/TT-BXYZ", "Thông tư 12/2024/TT-BXYZ"),
        ("73-CP", "", "73-CP"),
    ],
)
def test_a_document_is_named_with_what_its_number_says(number: str, title: str, shown: str):
    assert citation(number, title) == shown


def test_the_kind_and_issuer_come_from_the_numbers_form_only():
    assert kind_and_issuer("66.7/2025/NQ-CP") == ("Nghị quyết", "Chính phủ")
    assert kind_and_issuer("170/1999/QĐ-TTg") == ("Quyết định", "Thủ tướng Chính phủ")
    assert kind_and_issuer("09/2015/TTLT-BCA-BYT-BTC") == ("Thông tư liên tịch", None)
    assert kind_and_issuer("41/2024/QH15") == (None, "Quốc hội")  # a law or a resolution
    assert kind_and_issuer("Quyết định số 5") == (None, None)
