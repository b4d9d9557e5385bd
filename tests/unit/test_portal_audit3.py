"""Garbles and gaps the third fact audit found (issue 13, round 3), pinned with literals taken
from the real catalogue records: a legal title cut at a number it quotes (2.001263), a time
only the method's description gives (1.004656), "Miễn phí" beside "Theo quy định của HĐND"
(1.013228) and a note heading repeated on each of its items (2.001263)."""

from knowledge.audit_record import record_findings
from knowledge.portal_fees import checked_fee
from knowledge.portal_legal import parse_legal_basis
from knowledge.portal_numbers import mispaired_problem
from knowledge.portal_stale import load_stale
from knowledge.portal_tables import parse_dossier, parse_methods
from knowledge.schema import LegalBasis, Procedure, SubmissionMethod

LH = "Tên văn bản pháp lýMã văn bản"
DH = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
MH = "Hình thức nộpThời gianPhí, lệ phíMô tả"

# 2.001263, can_cu_phap_ly (shortened to the two circulars and their neighbours)
ADOPTION_LEGAL = (
    "Nghị định sửa đổi, bổ sung một số điều của các Nghị định liên quan đến việc nộp xuất trình"
    " sổ hộ khẩu104/2022/NĐ-CPTHÔNG TƯ  SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ "
    "10/2020/TT-BTP NGÀY 28 THÁNG 12 NĂM 2020 CỦA BỘ TRƯỞNG BỘ TƯ PHÁP BAN HÀNH, HƯỚNG DẪN VIỆC "
    "GHI CHÉP, SỬ DỤNG, QUẢN LÝ VÀ LƯU TRỮ SỔ, MẪU GIẤY TỜ, HỒ SƠ NUÔI CON NUÔI07/2023/TT-BTP"
    "Nghị định số 06/2025/NĐ-CP ngày 08 tháng 01 năm 2025 của Chính phủ sửa đổi, bổ sung một số "
    "điều của các Nghị định về nuôi con nuôi06/2025/NĐ-CPBAN HÀNH, HƯỚNG DẪN VIỆC GHI CHÉP, SỬ "
    "DỤNG, QUẢN LÝ VÀ LƯU TRỮ SỔ, MẪU GIẤY TỜ, HỒ SƠ NUÔI CON NUÔI10/2020/TT-BTP"
)


def test_a_title_quoting_a_number_before_an_upper_case_date_keeps_it():
    got = {lb.number: lb.title for lb in parse_legal_basis(LH + ADOPTION_LEGAL, [])}
    assert got["07/2023/TT-BTP"].startswith("THÔNG TƯ SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ")
    assert "10/2020/TT-BTP NGÀY 28 THÁNG 12 NĂM 2020" in got["07/2023/TT-BTP"]
    assert got["10/2020/TT-BTP"].startswith("BAN HÀNH, HƯỚNG DẪN VIỆC GHI CHÉP")
    assert got["06/2025/NĐ-CP"].startswith("Nghị định số 06/2025/NĐ-CP ngày 08 tháng 01")


def test_a_repeated_type_before_the_cell_is_trimmed_not_dropped():
    # 1.002338 and others: "... trên cạn Thông tư số" + "01/2026/TT-BNNMT".
    got = parse_legal_basis(
        LH + "Quy định về kiểm dịch động vật trên cạn Thông tư số01/2026/TT-BNNMTLuật Trồng "
        "trọt Luật số31/2018/QH14",
        [],
    )
    assert [(lb.number, lb.title) for lb in got] == [
        ("01/2026/TT-BNNMT", "Quy định về kiểm dịch động vật trên cạn"),
        ("31/2018/QH14", "Luật Trồng trọt"),
    ]


def test_the_audit_flags_titles_cut_at_a_quoted_number():
    cut_end = "THÔNG TƯ SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ"
    cut_start = "NGÀY 28 THÁNG 12 NĂM 2020 CỦA BỘ TRƯỞNG BỘ TƯ PHÁP BAN HÀNH"
    assert mispaired_problem("10/2020/TT-BTP", cut_end)
    assert mispaired_problem("07/2023/TT-BTP", cut_start)
    # titles that only end in the word "số" or "ngày" are whole
    assert (
        mispaired_problem("06/2017/TT-BTC", "Hướng dẫn chi tiết về hoạt động kinh doanh xổ số")
        is None
    )
    assert (
        mispaired_problem("46/2016/TT-BYT", "Ban hành Danh mục bệnh cần chữa trị dài ngày") is None
    )
    proc = Procedure(
        code="9.000001",
        name="x",
        legal_basis=[LegalBasis(number="10/2020/TT-BTP", title=cut_end)],
    )
    assert [f.check for f in record_findings(proc, load_stale())] == ["legal_mispaired"]


def test_a_time_only_the_description_gives_is_read():
    # 1.004656: "Không có thông tin" in the time column of every row.
    desc = "05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ"
    text = MH + "".join(
        f"{ch}Không có thông tinMiễn phí{desc}" for ch in ("Trực tuyến", "Trực tiếp")
    )
    got = parse_methods(text, [])
    assert [(m.time_text, m.time_days) for m in got] == [("5 ngày làm việc", 5.0)] * 2
    # two durations: the description's own words, no single count of days
    two = "28 ngày làm việc (đối với trường hợp cấp mới), 02 ngày làm việc (đối với trường hợp cấp lại)"
    got = parse_methods(MH + f"Trực tiếpKhông có thông tinMiễn phí{two}", [])
    assert (got[0].time_text, got[0].time_days) == (two, None)
    # a description that is not a time gives none, and a row with a time keeps its own
    prose = "Cách thức thực hiện : Người nhận con nuôi lựa chọn nộp hồ sơ cho UBND cấp xã"
    assert parse_methods(MH + f"Trực tiếpKhông có thông tinMiễn phí{prose}", [])[0].time_text == ""
    got = parse_methods(MH + f"Trực tiếp3 Ngày làm việcMiễn phí{desc}", [])
    assert got[0].time_text == "3 ngày làm việc"


def test_free_beside_the_hdnd_sets_it_is_not_shown_as_free():
    for note in (
        "Theo quy định của Hội đồng nhân dân cấp tỉnh",  # 1.013228
        "Chế độ thu, nộp, quản lý và sử dụng phí thẩm định theo quy định của Hội đồng nhân dân"
        " cấp tỉnh.",  # 1.010733
    ):
        warn: list[str] = []
        assert checked_fee("Miễn phí", note, warn) == ""
        assert warn == ["fee: free cell beside a rate the HĐND sets"]
    assert checked_fee("Miễn phí", "Không thu phí", []) == "Miễn phí"
    proc = Procedure(
        code="9.000002",
        name="x",
        methods=[
            SubmissionMethod(
                channel="Trực tiếp",
                fee_text="Miễn phí",
                fee_note="Theo quy định của Hội đồng nhân dân cấp tỉnh",
            )
        ],
    )
    assert [f.check for f in record_findings(proc, load_stale())] == ["fee_contradiction"]


def test_a_note_heading_is_said_once_for_its_items():
    # 2.001263: one heading, then "+) ..." items under "Lưu ý".
    text = (
        DH + "- Giấy khai sinh;1 bản chính"
        "Lưu ý" + DH + "Các trường hợp phải chứng minh nơi cư trú của công dân bao gồm:0 bản chính"
        "+) Khi người nhận con nuôi đề nghị UBND cấp xã xác nhận;0 bản chính"
        "+) Khi nộp hồ sơ tại UBND cấp xã.0 bản chính"
    )
    papers, notes = parse_dossier(text, [])
    assert [p.name for p in papers] == ["Giấy khai sinh;"]
    assert notes == [
        "Các trường hợp phải chứng minh nơi cư trú của công dân bao gồm: khi người nhận con nuôi"
        " đề nghị UBND cấp xã xác nhận; khi nộp hồ sơ tại UBND cấp xã."
    ]
