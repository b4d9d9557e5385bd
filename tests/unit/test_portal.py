"""The national catalogue importer: every defect listed in the data README is pinned here
with a small literal taken from a real record, plus checks over the shipped catalogue."""

import gzip
import json
import re

import pytest

from knowledge.catalogue import DEFAULT_PATH, catalogue_meta, load_catalogue, save_catalogue
from knowledge.portal import import_dir, import_portal_command, parse_record
from knowledge.portal_legal import LEGAL_NUMBER, parse_legal_basis, parse_result
from knowledge.portal_tables import parse_documents, parse_dossier, parse_methods

MH = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DH = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LH = "Tên văn bản pháp lýMã văn bản"


def methods(text):
    warn = []
    return parse_methods(text, warn), warn


# ------------------------------------------------------------------ methods (cách thức)
def test_glued_method_table_with_lost_unit_claims_no_working_days():
    # 1.001193 Thủ tục đăng ký khai sinh: "1" and nothing in the record says 1 what.
    rows, warn = methods(MH + "Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí")
    assert [m.channel for m in rows] == ["Trực tuyến", "Dịch vụ bưu chính", "Trực tiếp"]
    assert all(m.time_days is None and m.time_text == "" for m in rows)
    assert all(m.fee_text == "Miễn phí" and m.fee_note is None for m in rows)
    assert warn == ["methods: time without unit '1'"] * 3


def test_lost_unit_is_taken_from_the_records_own_text_only():
    # 1.004873: the steps say "trong thời hạn 03 ngày làm việc" for the bare "3".
    steps = "Trong thời hạn 03 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ, công chức..."
    rows = parse_methods(MH + "Trực tiếp3Miễn phí", [], context=steps)
    assert rows[0].time_text == "3 ngày làm việc" and rows[0].time_days == 3
    # A date ("ngày 01 tháng 7"), a clock time ("sau 15 giờ") or an article is no unit.
    noise = "Thông tư có hiệu lực ngày 01 tháng 7 năm 2025; hồ sơ nhận sau 15 giờ; Điều 1 ngày"
    rows = parse_methods(MH + "Trực tiếp1Miễn phíTrực tuyến15Miễn phí", [], context=noise)
    assert [(m.time_text, m.time_days) for m in rows] == [("", None), ("", None)]
    # Two different units for the same number: unknown, not the first one found.
    both = "giải quyết trong 5 ngày làm việc; niêm yết 5 ngày"
    rows = parse_methods(MH + "Trực tiếp5Miễn phí", [], context=both)
    assert rows[0].time_days is None


def test_explicit_units_days_hours_and_description():
    rows, _ = methods(
        MH + "Trực tuyến10 Ngày làm việcMiễn phí10 ngày làm việc kể từ ngày "
        "nhận được hồ sơ của doanh nghiệp.Trực tiếp7 NgàyMiễn phí"
    )
    assert rows[0].time_days == 10 and rows[0].time_text == "10 ngày làm việc"
    assert rows[0].description == "10 ngày làm việc kể từ ngày nhận được hồ sơ của doanh nghiệp."
    # "Ngày" alone may be calendar days: keep the text, do not claim working days.
    assert rows[1].time_text == "7 ngày" and rows[1].time_days is None
    hours, _ = methods(MH + "Trực tuyến3 GiờMiễn phí")
    assert hours[0].time_text == "3 giờ" and hours[0].time_days is None


def test_fee_with_hdnd_note_is_split_into_fee_note():
    # 1.001022 (đăng ký nhận cha, mẹ, con): the free fee is really set by the HĐND.
    text = (
        MH + "Trực tuyến3Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố "
        "trực thuộc Trung ương quyết định. Miễn lệ phí cho người thuộc hộ nghèo.)"
        "Dịch vụ bưu chính3Miễn phí((Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.))"
    )
    rows, warn = methods(text)
    # "Miễn phí" beside "the HĐND sets the rate" contradicts itself: the note alone is shown
    assert rows[0].fee_text == ""
    assert "fee: free cell beside a rate the HĐND sets" in warn
    assert rows[0].fee_note.startswith("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh")
    assert rows[1].fee_note == "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định."
    assert rows[1].time_days is None  # a bare "3" with no unit in the record


def test_fee_amounts_and_no_information_time():
    # 2.000815: time "Không có thông tin", fee "10 USD(/bản)".
    rows, _ = methods(MH + "Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện")
    assert rows[0].time_text == "" and rows[0].time_days is None
    # the note that only completes the unit joins the amount
    assert (rows[0].fee_text, rows[0].fee_note) == ("10 USD/bản", None)
    assert rows[0].description == "Tại cơ quan đại diện"
    # amounts the Vietnamese way: "100,000 Việt Nam Đồng" reads as "a hundred" in Vietnamese
    rows, _ = methods(MH + "Trực tuyến2 Ngày làm việc100,000 Việt Nam Đồng")
    assert rows[0].fee_text == "100.000 đồng" and rows[0].time_days == 2
    # 2.000992: "10,000 Việt Nam Đồng(/trường hợp)"
    rows, _ = methods(MH + "Trực tiếpKhông có thông tin10,000 Việt Nam Đồng(/trường hợp)")
    assert (rows[0].fee_text, rows[0].fee_note) == ("10.000 đồng/trường hợp", None)
    # a decimal comma is no thousands separator; the rest of the note stays a note
    rows, _ = methods(
        MH
        + "Trực tiếp1 Ngày làm việc1,500,000 Việt Nam Đồng(/Lần. Giá trị giao dịch dưới 2,1 tỷ đồng)"
    )
    assert rows[0].fee_text == "1.500.000 đồng/lần"
    assert rows[0].fee_note == "Giá trị giao dịch dưới 2,1 tỷ đồng"


def test_time_glued_to_fee_amount_is_split_and_unit_taken_from_sibling_row():
    # 1.007857: "Trực tuyến220 VNĐ(...)" = 2 (hours, like the sibling row) + 20 VNĐ.
    rows, warn = methods(
        MH + "Trực tuyến220 VNĐ(lệ phí hải quan 20.000 đồng/ tờ khai hải quan.)"
        "Trực tiếp2 GiờMiễn phí"
    )
    assert rows[0].time_text == "2 giờ"
    # "20 VNĐ" is no fee: the card shows the note's "20.000 đồng" instead of the cell.
    assert rows[0].fee_text == ""
    assert rows[0].fee_note == "lệ phí hải quan 20.000 đồng/ tờ khai hải quan."
    assert warn == ["fee: amount under 1.000 đồng '20 VNĐ'"]


# ------------------------------------------------------------------ documents (thành phần)
KHAI_SINH_DOCS = (
    "* Giấy tờ phải nộp:" + DH + "- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ"
    " bị bỏ rơi do cơ quan có thẩm quyền lập.1 bản chínhTrường hợp người yêu cầu đã nộp bản điện"
    " tử Giấy chứng sinh thì không phải nộp bản giấy.0 bản chính- Giấy chứng sinh; trường hợp "
    "không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh.1 bản "
    "chính* Giấy tờ phải xuất trình:" + DH + "- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn "
    "giá trị sử dụng.1 bản chính* Lưu ý:" + DH + "- Cơ quan đăng ký hộ tịch từ chối giải quyết"
    " nếu nội dung cam đoan không đúng sự thật.0 bản chính"
)


def test_documents_counts_kinds_and_ids():
    warn = []
    docs, notes = parse_dossier(KHAI_SINH_DOCS, warn)
    assert [d.id for d in docs] == ["d1", "d2", "d3"]
    assert docs[0].name.startswith("Trường hợp trẻ em bị bỏ rơi")  # "- " stripped
    assert docs[1].name.startswith("Giấy chứng sinh;") and docs[1].originals == 1
    assert [d.kind for d in docs] == ["submit", "submit", "present"]
    assert docs[2].name.startswith("Hộ chiếu/Thẻ căn cước công dân")
    # A row without a count that states a rule, and the "Lưu ý" rows, are notes, not papers
    # the walkthrough would ask for.
    assert notes == [
        "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy.",
        "Cơ quan đăng ký hộ tịch từ chối giải quyết nếu nội dung cam đoan không đúng sự thật.",
    ]
    assert warn == ["documents: note or heading rows kept as notes, not papers"]
    assert parse_documents(KHAI_SINH_DOCS, []) == docs


def test_case_headings_become_groups():
    # 1.004222 Đăng ký thường trú
    text = (
        "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"
        + DH
        + "Tờ khai thay đổi thông tin cư trú (mẫu CT01 ban hành kèm theo Thông tư số "
        "53/2025/TT-BCA).1 bản chínhĐăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, "
        "ở nhờ" + DH + "Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ.1 bản chính"
    )
    docs = parse_documents(text, [])
    assert docs[0].group == "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"
    assert docs[1].group == "Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ"
    assert docs[0].name.endswith("53/2025/TT-BCA).")


def test_copies_and_counts_glued_to_digits_in_the_name():
    # 1.012781: "theo Mẫu số 18" + "1 bản chính,1 bản sao"; 1.000020: name ends "01 bản chính".
    text = (
        "--" + DH + "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số "
        "181 bản chính,1 bản saoChứng minh nhân dân/Căn cước công dân0 bản chính,1 bản sao"
        "Giấy phép xuất khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính"
        "1 bản chính"
    )
    docs = parse_documents(text, [])
    assert len(docs) == 3
    assert docs[0].name.endswith("theo Mẫu số 18")
    assert (docs[0].originals, docs[0].copies) == (1, 1)
    assert (docs[1].originals, docs[1].copies) == (0, 1)
    assert docs[2].name.endswith("giấy phép nhập khẩu: 01 bản chính") and docs[2].originals == 1


def test_counts_inside_prose_are_not_cells():
    # 1.001280: "01 bản sao giấy khai sinh ..." is a document name, not a count.
    text = (
        "--" + DH + "Giấy thông hành đã được cấp nếu còn giá trị sử dụng.1 bản chính,1 bản "
        "sao01 bản sao giấy khai sinh hoặc trích lục ghi vào sổ đăng ký khai sinh.1 bản chính"
    )
    docs = parse_documents(text, [])
    assert [d.name[:25] for d in docs] == [
        "Giấy thông hành đã được c",
        "01 bản sao giấy khai sinh",
    ]


def test_form_file_names_are_separated():
    text = (
        "--" + DH + "Tờ khai đăng ký theo Mẫu số 25 Phụ lục I ban hành kèm theo Nghị định "
        "số 33/2026/NĐ-CPMẫu số 25.docx1 bản chínhVăn bản đề nghị kèm theo bản sao điện tử."
        "Mẫu 09 NĐ 152.docxMẫu số 10 NĐ 152.docx1 bản chính"
    )
    docs = parse_documents(text, [])
    assert docs[0].name.endswith("Nghị định số 33/2026/NĐ-CP")
    assert docs[0].form == "Mẫu số 25"  # the form's name, never the file name
    assert docs[1].form == "Mẫu 09 NĐ 152; Mẫu số 10 NĐ 152"


# ------------------------------------------------------------------ legal basis
def test_glued_legal_pairs_use_the_number_at_the_end():
    text = (
        LH + "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của  Chính phủ quy định chi tiết "
        "một số điều và biện pháp thi  hành Luật Hộ tịch123/2015/NĐ-CPThông tư số 03/2023/"
        "TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTPNghị quyết "
        "số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm66.7/2025/NQ-CPLuật 60/2014/QH13"
        "60/2014/QH13Nghị định sửa đổi thuộc phạm vi quản lý của Bộ Tư pháp18/2026/NĐ-CP "
        "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử87/2020/NĐ-CP"
    )
    laws = parse_legal_basis(text, [])
    assert [x.number for x in laws] == [
        "123/2015/NĐ-CP",
        "03/2023/TT-BTP",
        "66.7/2025/NQ-CP",
        "60/2014/QH13",
        "18/2026/NĐ-CP",
        "87/2020/NĐ-CP",
    ]
    assert laws[0].title.startswith("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ")
    assert laws[1].title == "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp"
    assert laws[3].title == "Luật 60/2014/QH13"
    assert all(LEGAL_NUMBER.match(x.number) for x in laws)


def test_legal_title_starting_lowercase_and_year_glued_to_number():
    text = (
        LH + "Thông tư03/2025/TT-VPCPquy định một số chính sách đảm bảo an sinh xã hội"
        "182/2025/NQ-HĐNDLuật Khiếu nại năm 201102/2011/QH13"
    )
    laws = parse_legal_basis(text, [])
    assert [x.number for x in laws] == ["03/2025/TT-VPCP", "182/2025/NQ-HĐND", "02/2011/QH13"]
    assert laws[1].title.startswith("quy định một số chính sách")
    assert laws[2].title == "Luật Khiếu nại năm 2011"


# ------------------------------------------------------------------ result
def test_result_names_without_codes_and_portal_ui():
    text = (
        "Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cưMã: KQ.G01.000064Thông báo "
        "kết quả giải quyết thủ tục về cư trúMã: KQ.G01.000065Từ khóaKhông có thông tinMô tả"
        "Không có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành "
        "phố --Nộp hồ sơ"
    )
    assert parse_result(text) == [
        "Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cư",
        "Thông báo kết quả giải quyết thủ tục về cư trú",
    ]


# ------------------------------------------------------------------ whole record
RAW = {
    "ma_thu_tuc": "1.001193",
    "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd",
    "ten_thu_tuc": "Thu\u0309 tục đăng ký khai sinh\u200b",
    "so_quyet_dinh": "163/QĐ-BTP",
    "cap_thuc_hien": "Cấp xã",
    "linh_vuc": "Hộ tịch",
    "doi_tuong_thuc_hien": "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài",
    "co_quan_co_tham_quyen": "",
    "co_quan_thuc_hien": "Không có thông tin",
    "yeu_cau_dieu_kien": "Không có thông tin",
    "trinh_tu_thuc_hien": "- Bước 1\n- Bước 2",
    "cach_thuc_thuc_hien": MH + "Trực tiếp1Miễn phí",
    "thanh_phan_ho_so": KHAI_SINH_DOCS,
    "can_cu_phap_ly": LH + "Luật 60/2014/QH1360/2014/QH13",
    "ket_qua_xu_ly": "Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tin",
    "raw_text": "x" * 1000,
}


def test_parse_record_maps_fields_and_no_information_to_none():
    proc = parse_record(RAW, "bo-tu-phap")
    assert proc.name == "Thủ tục đăng ký khai sinh"
    assert (proc.levels, proc.decision, proc.field) == (["Cấp xã"], "163/QĐ-BTP", "Hộ tịch")
    assert proc.authority is None and proc.requirements is None
    assert proc.result == "Giấy khai sinh"
    assert proc.steps == "- Bước 1\n- Bước 2"
    assert proc.legal_basis[0].number == "60/2014/QH13"
    assert "raw_text" not in proc.model_dump() and "x" * 100 not in proc.model_dump_json()


def test_import_and_save_are_deterministic(tmp_path):
    src = tmp_path / "raw" / "bo-tu-phap"
    src.mkdir(parents=True)
    (src / "1.001193.json").write_text(json.dumps(RAW, ensure_ascii=False), encoding="utf-8")
    (src / "broken.json").write_text("{", encoding="utf-8")
    out1, out2 = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    report = import_portal_command(tmp_path / "raw", out1, imported_on="2026-11-26")
    import_portal_command(tmp_path / "raw", out2, imported_on="2026-11-26")
    assert out1.read_bytes() == out2.read_bytes()
    assert "Đã nhập 1 thủ tục" in report and "Không đọc được 1 tệp" in report
    assert load_catalogue(out1)[0].methods[0].time_days is None  # bare "1", no unit given
    assert catalogue_meta(out1)["imported_on"] == "2026-11-26"
    result = import_dir(tmp_path / "raw")
    assert [p.code for p in result.procedures] == ["1.001193"] and len(result.failed) == 1
    save_catalogue(result.procedures, out2, source="s", retrieved="r", imported_on="x")
    assert json.loads(gzip.open(out2).read())["count"] == 1


# ------------------------------------------------------------------ shipped catalogue
@pytest.fixture(scope="module")
def shipped():
    return {p.code: p for p in load_catalogue()}


def test_shipped_catalogue_has_every_record(shipped):
    assert len(shipped) == 2642
    meta = catalogue_meta(DEFAULT_PATH)
    assert meta["count"] == 2642 and meta["retrieved"] == "2026-06"


def test_shipped_birth_registration(shipped):
    p = shipped["1.001193"]
    assert "đăng ký khai sinh" in p.name
    assert {m.channel for m in p.methods} == {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}
    # The portal cell is a bare "1"; the record's own steps say "nếu tiếp nhận hồ sơ sau 15
    # giờ thì ... trả kết quả ... trong ngày làm việc tiếp theo": 1 working day, said so.
    assert all(m.time_days == 1 for m in p.methods)
    assert all("sau 15 giờ" in m.time_text for m in p.methods)
    assert any("Giấy chứng sinh" in d.name for d in p.documents)
    assert "123/2015/NĐ-CP" in {lb.number for lb in p.legal_basis}
    assert p.url and p.url.startswith("https://dichvucong.gov.vn/")


def test_shipped_catalogue_parse_rates(shipped):
    procs = list(shipped.values())
    with_method = sum(1 for p in procs if p.methods)
    number = re.compile(r"^\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9-]*$")
    with_law = sum(1 for p in procs if any(number.match(lb.number) for lb in p.legal_basis))
    assert with_method / len(procs) > 0.95
    assert with_law / len(procs) > 0.90
    with_docs = sum(1 for p in procs if p.documents)
    assert with_docs / len(procs) > 0.95
