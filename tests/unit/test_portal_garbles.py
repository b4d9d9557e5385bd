"""Every garbled shape the fact audit found on cards (issue 13), pinned with a literal taken
from a real catalogue record: legal numbers and titles, fragment documents, file-name forms,
pre-reform bodies, expired temporary rates and fee cells that contradict their own note."""

import datetime as dt

from knowledge.portal_fees import checked_fee, expire_method
from knowledge.portal_forms import readable_form, readable_forms
from knowledge.portal_legal import parse_legal_basis
from knowledge.portal_reform import apply_reform, has_unhandled_body, load_table
from knowledge.portal_tables import parse_documents
from knowledge.schema import SubmissionMethod

LH = "Tên văn bản pháp lýMã văn bản"
DH = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def laws(text: str) -> list[tuple[str, str]]:
    return [(x.number, x.title) for x in parse_legal_basis(LH + text, [])]


# ------------------------------------------------------------------ legal basis
def test_next_titles_capitals_stay_with_the_title_not_the_number():
    # 1.000060: "136/2025/NĐ-CPQUY ĐỊNH VIỆC..." was read as "136/2025/NĐ-CPQUY" + "ĐỊNH VIỆC".
    got = laws(
        "Nghị định Quy định phân quyền, phân cấp trong lĩnh vực nông nghiệp136/2025/NĐ-CPQUY "
        "ĐỊNH VIỆC HÀNH NGHỀ KHOAN NƯỚC DƯỚI ĐẤT54/2024/NĐ-CP"
    )
    assert got == [
        ("136/2025/NĐ-CP", "Nghị định Quy định phân quyền, phân cấp trong lĩnh vực nông nghiệp"),
        ("54/2024/NĐ-CP", "QUY ĐỊNH VIỆC HÀNH NGHỀ KHOAN NƯỚC DƯỚI ĐẤT"),
    ]


def test_ban_hanh_nghi_dinh_luat_after_a_code():
    # "TT-BLĐTBXHBAN HÀNH", "NĐ-CPNGHỊ ĐỊNH", "TT-BGTVTLUẬT" (1.000987, 1.003486, 1.000246).
    got = laws(
        "Thông tư 01/2016/TT-BLĐTBXH01/2016/TT-BLĐTBXHBAN HÀNH QUY TRÌNH GIẢI QUYẾT HƯỞNG "
        "CÁC CHẾ ĐỘ2222/QĐ-BHXHQuy định chi tiết thi hành Luật an toàn thực phẩm15/2018/NĐ-CP"
        "NGHỊ ĐỊNH 155/2018/NĐ-CP SỬA ĐỔI QUY ĐỊNH155/2018/NĐ-CPQuy định về vận chuyển hàng "
        "không28/2023/TT-BGTVTLUẬT HÀNG KHÔNG DÂN DỤNG VIỆT NAM66/2006/QH11"
    )
    assert [n for n, _ in got] == [
        "01/2016/TT-BLĐTBXH",
        "2222/QĐ-BHXH",
        "15/2018/NĐ-CP",
        "155/2018/NĐ-CP",
        "28/2023/TT-BGTVT",
        "66/2006/QH11",
    ]
    titles = dict(got)
    assert titles["2222/QĐ-BHXH"].startswith("BAN HÀNH QUY TRÌNH")
    assert titles["155/2018/NĐ-CP"].startswith("NGHỊ ĐỊNH 155/2018/NĐ-CP SỬA ĐỔI")
    assert titles["66/2006/QH11"] == "LUẬT HÀNG KHÔNG DÂN DỤNG VIỆT NAM"


def test_code_cut_before_a_glued_date_is_read_whole():
    # 1.002755: "Thông tư số 53/2025/TT-BCAngày 01/7/2025 ..." became "53/2025/TT-BC" with
    # the title "Thông tư số", then "53/2025/TT-BCA" with a title starting "Angày".
    got = laws(
        "Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi, bổ sung một số điều "
        "của Thông tư số 55/2021/TT-BCA ngày 15 tháng 5 năm 2021.53/2025/TT-BCAThông tư số "
        "75/2022/TT-BTC của Bộ Tài chính75/2022/TT-BTC"
    )
    assert got[0] == (
        "53/2025/TT-BCA",
        "Thông tư số 53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an sửa đổi, bổ sung một số "
        "điều của Thông tư số 55/2021/TT-BCA ngày 15 tháng 5 năm 2021.",
    )
    assert [n for n, _ in got] == ["53/2025/TT-BCA", "75/2022/TT-BTC"]


def test_type_only_title_waits_for_the_code_cell():
    # 1.003677: "Thông tư số 66/2023/TT-BCA Sửa đổi, ...cư trú.66/2023/TT-BCA".
    got = laws(
        "Thông tư số 66/2023/TT-BCA Sửa đổi, bổ sung một số điều của Thông tư số 55/2021/"
        "TT-BCA quy định về quy trình đăng ký cư trú.66/2023/TT-BCALuật Cư trú 202068/2020/QH14"
    )
    assert got[0][0] == "66/2023/TT-BCA"
    assert got[0][1].startswith("Thông tư số 66/2023/TT-BCA Sửa đổi, bổ sung")
    # 1.002650: the title cell and the code cell both read "Thông tư số 64/2025/TT-BCT".
    got = laws("Thông tư số 64/2025/TT-BCTThông tư số 64/2025/TT-BCT")
    assert got == [("64/2025/TT-BCT", "Thông tư số 64/2025/TT-BCT")]
    # 1.007645: a type-only title, then a code cell written backwards ("TT29/2025").
    got = laws("Thông tư số 29/2025/TT-BTCTT29/2025Thông tư 191/2015/TT-BTC191/2015/TT-BTC")
    assert got == [("29/2025/TT-BTC", "Thông tư"), ("191/2015/TT-BTC", "Thông tư 191/2015/TT-BTC")]


def test_portal_typos_in_codes_and_titles_are_repaired():
    got = laws(
        # 1.000452: the portal's "NĐ-C" for NĐ-CP; "ND-CP" without the Đ.
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa118/2025/NĐ-CQuy định về "
        "phân định thẩm quyền18/2021/ND-CP"
        # 1.012575: a Cyrillic С in "TT-BTС"; a title that lost its first letter.
        "Thông tư số 85/2024/TT-BTС ngày 10/12/2024 của Bộ Tài chính85/2024/TT-BTСhông tư số "
        "06/2025/TT-BTC của "
        "Bộ Tài chính06/2025/TT-BTC"
    )
    assert got == [
        ("118/2025/NĐ-CP", "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa"),
        ("18/2021/NĐ-CP", "Quy định về phân định thẩm quyền"),
        ("85/2024/TT-BTC", "Thông tư số 85/2024/TT-BTC ngày 10/12/2024 của Bộ Tài chính"),
        ("06/2025/TT-BTC", "Thông tư số 06/2025/TT-BTC của Bộ Tài chính"),
    ]


def test_a_law_title_after_a_national_assembly_code_keeps_its_l():
    # 1.011474: "...QH15-Luật" must not become the code "QH15-L".
    got = laws("Luật Thú y79/2015/QH13Luật Chăn nuôi32/2018/QH14")
    assert got == [("79/2015/QH13", "Luật Thú y"), ("32/2018/QH14", "Luật Chăn nuôi")]


# ------------------------------------------------------------------ documents and forms
def test_zero_padded_count_inside_a_name_is_prose_not_a_cell():
    # 1.000014: "Tờ khai hải quan nhập khẩu: 02 bản chính. Tại ô ..." gave a row "...: 0".
    docs = parse_documents(
        "--" + DH + "- Tờ khai hải quan nhập khẩu: 02 bản chính. Tại ô chứng từ đi kèm, Thương "
        "nhân ghi rõ lượng xăng dầu;2 bản chính- Giấy đăng ký kiểm tra chất lượng xe gắn máy: "
        "01 bản chính;1 bản chính",
        [],
    )
    assert [d.name for d in docs] == [
        "Tờ khai hải quan nhập khẩu: 02 bản chính. Tại ô chứng từ đi kèm, Thương nhân ghi rõ "
        "lượng xăng dầu;",
        "Giấy đăng ký kiểm tra chất lượng xe gắn máy: 01 bản chính;",
    ]
    assert docs[0].originals == 2


def test_fragment_and_repeated_rows_are_dropped():
    warn: list[str] = []
    docs = parse_documents(
        "--" + DH + "Kháng nghị hàng hải (02 bản)1 bản chính;1 bản chínhKháng nghị hàng hải (02 "
        "bản)1 bản chính",
        warn,
    )
    assert [d.name for d in docs] == ["Kháng nghị hàng hải (02 bản)"]
    assert [d.id for d in docs] == ["d1"]
    assert any("fragment" in w for w in warn) and any("repeated" in w for w in warn)


def test_forms_are_shown_by_a_readable_name_or_their_code():
    # 1.002755: the CT01 form uploaded as "1.MuCT01banhnhkmtheoThngts53.doc".
    assert readable_form("1.MuCT01banhnhkmtheoThngts53.doc") == "Mẫu CT01"
    assert readable_form("Mẫu số 69 - giấy đề nghị điều chỉnh.docx") == (
        "Mẫu số 69 - giấy đề nghị điều chỉnh"
    )
    assert readable_form("Mau 02 - Phu luc IIa_36.2025.TT-BNNMT_02.7.2025.docx") == (
        "Mẫu số 02 (36/2025/TT-BNNMT)"
    )
    assert readable_form("Phlcs04Thngt01.docx") == "Phụ lục 04"
    assert readable_form("Mus03-PhlcII.docx") == "Mẫu số 03"
    assert readable_form("~$ụ lục 12.10.docx") == "Phụ lục 12.10"
    assert readable_form("HK-84.doc") == "HK-84"
    # Nothing readable left: no form rather than a mangled file name.
    assert readable_form("MauBankhaidutrucuatau.docx") is None
    assert readable_forms("Mẫu số 31...docx; Mẫu số 31.docx; .docx") == "Mẫu số 31"


def test_a_file_glued_to_the_legal_number_ending_the_name_is_split_off():
    # 1.003971 and 3.000126: "...Thông tư số 07/2026/TT-BNNMTMus03-PhlcII.docx".
    docs = parse_documents(
        "--" + DH + "-Đơn đề nghị cấp Giấy phép nhập khẩu thuốc bảo vệ thực vật theo Mẫu số 03 "
        "Phụ lục II ban hành kèm theo Thông tư số 07/2026/TT-BNNMTMus03-PhlcII.docx1 bản chính"
        "Thuyết minh theo Mẫu số 12 ban hành kèm theo Thông tư số 94/2025/TT-BNNMTThuyết minh "
        "nhiệm vụ khoa học công nghệ.docx1 bản chính",
        [],
    )
    assert [(d.name[-32:], d.form) for d in docs] == [
        ("kèm theo Thông tư số 07/2026/TT-BNNMT"[-32:], "Mẫu số 03"),
        ("kèm theo Thông tư số 94/2025/TT-BNNMT"[-32:], "Thuyết minh nhiệm vụ khoa học công nghệ"),
    ]


# ------------------------------------------------------------------ pre-reform bodies
def test_district_police_is_mapped_where_the_law_names_the_commune_police():
    table = load_table()
    where, changed = apply_reform("Công an huyện", "1.010385", table)
    assert changed and where.startswith("Công an cấp xã (thủ tục 1.010386)")
    assert "Công an huyện" in where  # the portal's words stay visible, marked as such
    assert not has_unhandled_body(where, table)


def test_unmapped_district_bodies_get_the_visible_reform_note():
    table = load_table()
    text = "Bảo hiểm xã hội cấp Tỉnh, Bảo hiểm xã hội cấp huyện"
    where, changed = apply_reform(text, "1.001613", table)
    assert changed and where.startswith(text) and table.note in where
    assert has_unhandled_body(text, table) and not has_unhandled_body(where, table)
    assert apply_reform("Công an cấp Xã", "1.010386", table) == ("Công an cấp Xã", False)


# ------------------------------------------------------------------ fees
DAY = dt.date(2026, 12, 1)


def _method(fee: str, note: str | None = None, desc: str | None = None) -> SubmissionMethod:
    return SubmissionMethod(channel="Trực tiếp", fee_text=fee, fee_note=note, description=desc)


def test_an_ended_rate_for_a_period_takes_its_amount_with_it():
    # 1.002511: "5,000,000 VNĐ (Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024 ...)".
    note = (
        "Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024 theo quy định tại Thông tư số "
        "43/2024/TT-BTC Mức phí giảm 20%:"
    )
    out = expire_method(_method("5,000,000 VNĐ", note), DAY)
    assert (out.fee_text, out.fee_note) == ("", None)
    # The same row before the period ended is left alone.
    assert expire_method(_method("5,000,000 VNĐ", note), dt.date(2024, 12, 1)).fee_text


def test_an_ended_exemption_leaves_the_normal_amount():
    # 1.000239: "250,000 VNĐ - Sát hạch thực hành (Miễn kể từ ngày 07/4/2026 đến 30/6/2026 ...)"
    out = expire_method(
        _method(
            "250,000 VNĐ",
            "Sát hạch thực hành (Miễn kể từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư "
            "40/2026/TT-BTC)",
        ),
        DAY,
    )
    assert (out.fee_text, out.fee_note) == ("250,000 VNĐ", "Sát hạch thực hành")


def test_only_the_ended_clause_of_a_note_goes():
    # 1.014063: an ended online reduction, then the one in force until 31/12/2026.
    note = (
        "Cấp đổi thẻ căn cước: 50.000 đồng/thẻ căn cước; Kể từ ngày 01/01/2025 đến hết ngày "
        "31/12/2025, mức thu lệ phí trực tuyến bằng 50% mức thu lệ phí; - Kể từ ngày 01/7/2025 "
        "đến hết ngày 31/12/2026 mức thu bằng 50% mức thu nêu trên"
    )
    out = expire_method(_method("50,000 Việt Nam Đồng", note), DAY)
    assert out.fee_text == "50,000 Việt Nam Đồng"
    assert "31/12/2025" not in out.fee_note and "31/12/2026" in out.fee_note


def test_fee_cell_that_contradicts_its_own_note_is_not_shown():
    warn: list[str] = []
    # 1.002755: the online cell says 5,000 while its note says 7.000 (TT 75/2022).
    note = "- Gia hạn tạm trú (cá nhân, hộ gia đình): + nộp hồ sơ trực tuyến thu 7.000 đồng/lần"
    assert checked_fee("5,000 Việt Nam Đồng", note, warn) == ""
    # 1.003133: "40 Việt Nam Đồng" beside "4.000 đ/giấy thông hành": the thousands were lost.
    assert checked_fee("40 Việt Nam Đồng", "4.000 đ/giấy thông hành", warn) == ""
    assert len(warn) == 2
    # A cell the note confirms, a temporary rate beside the normal one, and USD stay.
    assert checked_fee("10,000 Việt Nam Đồng", "thu 10.000 đồng/người", []) != ""
    reduced = "áp dụng mức phí 400.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026"
    assert checked_fee("800,000 Việt Nam Đồng", reduced, []) == "800,000 Việt Nam Đồng"
    assert checked_fee("10 USD", "/bản", []) == "10 USD"


# ------------------------------------------------------------------ notes repeating the fee
def test_a_note_that_repeats_the_cells_amount_keeps_only_what_it_adds():
    from knowledge.portal_fees import vietnamese_fee

    # 2.001263: the card read "400.000 đồng (Lệ phí : 400.000 đồng (Mức thu lệ phí: ...))"
    fee, note = vietnamese_fee(
        "400.000 đồng",
        "Lệ phí : 400.000 đồng (Mức thu lệ phí: 400.000đ/trường hợp. Miễn lệ phí đăng ký nuôi "
        "con nuôi trong nước đối với trường hợp cha dượng hoặc mẹ kế nhận con riêng.)",
    )
    assert fee == "400.000 đồng/trường hợp"
    assert note == (
        "Miễn lệ phí đăng ký nuôi con nuôi trong nước đối với trường hợp cha dượng hoặc mẹ kế "
        "nhận con riêng."
    )
    # 1.014900: "Phí : 50.000 đồng - 50.000đ/tem ..." loses the head and its dash
    _fee, note = vietnamese_fee("50.000 đồng", "Phí : 50.000 đồng - 50.000đ/tem “AB”")
    assert note == "50.000đ/tem “AB”"


def test_a_note_stating_another_amount_is_kept_whole():
    from knowledge.portal_fees import vietnamese_fee

    assert vietnamese_fee("50.000 đồng", "Lệ phí : 100.000 đồng (cấp lại)") == (
        "50.000 đồng",
        "Lệ phí : 100.000 đồng (cấp lại)",
    )
    assert vietnamese_fee("10.000 đồng", "Lệ phí : 10.000 đồng đối với hồ sơ nộp trực tuyến")[
        1
    ] == ("đối với hồ sơ nộp trực tuyến")
