"""Importer garbles found by the second fact audit (issue 13): each shape pinned with a small
literal from the real record, and the record-level facts the importer now keeps (channels
and deadlines the steps state, the 15:00 rule, reviewed overrides of superseded records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.portal import parse_record
from knowledge.portal_forms import split_form
from knowledge.portal_legal import parse_legal_basis
from knowledge.portal_stale import StaleTable, fingerprint, load_stale
from knowledge.portal_steps import filing_deadlines, filing_place, named_channels
from knowledge.portal_tables import parse_dossier

RAW = Path("/work/shared/data/dichvucong/raw")
DH = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LH = "Tên văn bản pháp lýMã văn bản"
MH = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def _record(**fields: str) -> dict[str, str]:
    base = {"ma_thu_tuc": "9.999999", "ten_thu_tuc": "Thủ tục thử", "cap_thuc_hien": "Cấp xã"}
    base.update(fields)
    return base


# ------------------------------------------------------------------ dossier notes
# 1.004827 (khai tử có yếu tố nước ngoài tại khu vực biên giới), shortened.
KHAI_TU_DOCS = (
    "* Giấy tờ phải xuất trình:" + DH + "- Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.1 bản chính"
    "- Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực "
    "các giấy tờ phải xuất trình nêu trên.0 bản chính* Lưu ý:" + DH + "- Đối với giấy tờ nộp, "
    "xuất trình nếu người yêu cầu nộp hồ sơ theo hình thức trực tiếp:0 bản chính+ Người tiếp "
    "nhận có trách nhiệm kiểm tra, đối chiếu và trả lại cho người xuất trình.0 bản chính- Giấy "
    "tờ do cơ quan có thẩm quyền của nước ngoài cấp phải được hợp pháp hóa lãnh sự.0 bản chính"
    "--" + DH + "- Tờ khai đăng ký khai tử theo mẫu;1 bản chính- Người có yêu cầu đăng ký khai "
    "tử thực hiện việc nộp/xuất trình các giấy tờ sau:0 bản chính"
)


def test_note_and_heading_rows_are_notes_not_papers():
    warn: list[str] = []
    docs, notes = parse_dossier(KHAI_TU_DOCS, warn)
    assert [d.name[:20] for d in docs] == ["Hộ chiếu/Thẻ căn cướ", "Tờ khai đăng ký khai"]
    assert notes[0].startswith("Trường hợp gửi hồ sơ qua hệ thống bưu chính")
    assert notes[1].startswith("Giấy tờ do cơ quan có thẩm quyền của nước ngoài")
    # a "+" row keeps the heading it belongs to; the office's duty comes after the citizen's
    assert notes[2].startswith(
        "Đối với giấy tờ nộp, xuất trình nếu người yêu cầu nộp hồ sơ theo hình thức trực tiếp: "
        "người tiếp nhận"
    )
    assert not any("các giấy tờ sau" in n for n in notes)  # a heading says nothing alone


def test_heading_above_plus_rows_becomes_their_note():
    # 1.000689: "- Chứng cứ ... gồm:0 bản chính+ Văn bản của cơ quan y tế ...1 bản chính"
    text = (
        "* Giấy tờ phải nộp:" + DH + "- Chứng cứ chứng minh quan hệ cha, con gồm:0 bản chính+ Văn"
        " bản của cơ quan y tế xác nhận quan hệ cha con.1 bản chính- Tờ khai theo mẫu;1 bản chính"
    )
    docs, _ = parse_dossier(text, [])
    assert docs[0].note == "Thuộc mục: Chứng cứ chứng minh quan hệ cha, con gồm."
    assert docs[1].note is None


def test_heading_without_its_colon_and_drafting_instruction():
    # 1.010091: "... gửi hồ sơ về UBND cấp xã, thành phần hồ sơ bao gồm1 bản chính" and a
    # form's amendment left in the paper's name.
    text = (
        DH + "- Đơn đề nghị theo mẫu tại Phụ lục VI Nghị định 66/2021/NĐ-CP. Trong đó thay thế "
        "cụm từ “Số Chứng minh nhân dân” bằng cụm từ “Số Căn cước”1 bản chínhNgười tham gia lực "
        "lượng xung kích gửi hồ sơ về UBND cấp xã, thành phần hồ sơ bao gồm1 bản chính"
    )
    docs, _ = parse_dossier(text, [])
    assert len(docs) == 1 and docs[0].name.endswith("Nghị định 66/2021/NĐ-CP.")
    assert docs[0].note.startswith("Trong đó thay thế cụm từ")


def test_a_paper_to_present_is_not_handed_in():
    # 1.014056: "Xuất trình giấy tờ, tài liệu, thông tin hợp lệ..." under the papers to submit
    docs, _ = parse_dossier(DH + "Xuất trình giấy tờ hợp lệ chứng minh thông tin.1 bản chính", [])
    assert docs[0].kind == "present"
    # 2.000424: the name asks for one of the copies, the count cell said both
    docs, _ = parse_dossier(
        DH + "Bản chính hoặc bản sao có chứng thực Giấy ra viện1 bản chính,1 bản sao", []
    )
    assert (docs[0].originals, docs[0].copies) == (1, 0) and "không cần cả hai" in docs[0].note


@pytest.mark.parametrize(
    ("row", "name"),
    [
        # 1.013997
        (
            "Đơn theo Mẫu số 2a tại Nghị định 116/2025/NĐ-CP.250605_116_Nghidinh_PCDB_PL.docx",
            "Đơn theo Mẫu số 2a tại Nghị định 116/2025/NĐ-CP.",
        ),
        # 1.004682
        (
            "Đơn đề nghị cấp Giấy phép;1.004682_1.004674_ Cấp giấy phép kinh doanh.docx",
            "Đơn đề nghị cấp Giấy phép;",
        ),
        # 6.005678
        (
            "Đơn đề nghị theo mẫu quy địnhon_de_nghi_cong_nhan_lai (1).docx",
            "Đơn đề nghị theo mẫu quy định",
        ),
    ],
)
def test_file_stem_left_in_a_name_is_cut(row: str, name: str):
    assert split_form(row)[0] == name


# ------------------------------------------------------------------ legal basis pairs
@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # 1.008505: the title that is only its number, glued after the previous cell
        (
            "Nghị định số 118/2025/NĐ-CP của Chính phủ: Về thực hiện thủ tục hành chính theo cơ chế"
            " một cửa118/2025/NĐ-CP86/2024/TT-BTC86/2024/TT-BTC",
            [("118/2025/NĐ-CP", "Nghị định số 118/2025/NĐ-CP"), ("86/2024/TT-BTC", "")],
        ),
        # 1.000886
        (
            "Luật82/2015/QH13Nghị định 41/2016/NĐ-CP41/2016/NĐ-CP44/2026/NĐ-CP44/2026/NĐ-CP",
            [
                ("82/2015/QH13", "Luật"),
                ("41/2016/NĐ-CP", "Nghị định 41/2016/NĐ-CP"),
                ("44/2026/NĐ-CP", ""),
            ],  # fmt: skip
        ),
        # 1.014632: a title ending with its number, the cell, then a lowercase title
        (
            "Luật Nhà ở số 27/2023/QH1527/2023/QH15 sửa đổi, bổ sung các Nghị định54/2026/NĐ-CP",
            [
                ("27/2023/QH15", "Luật Nhà ở số 27/2023/QH15"),
                ("54/2026/NĐ-CP", "sửa đổi, bổ sung các Nghị định"),
            ],  # fmt: skip
        ),
        # 1.009093: the cell cut to "167/2025" after the full number in the title
        (
            "Nghị định số 167/2025/NĐ-CP ngày 30/6/2025 của Chính phủ167/2025Thông tư quy định phí"
            " hải quan14/2021/TT-BTC",
            [
                ("167/2025/NĐ-CP", "Nghị định số 167/2025/NĐ-CP ngày 30/6/2025 của Chính phủ"),
                ("14/2021/TT-BTC", "Thông tư quy định phí hải quan"),
            ],  # fmt: skip
        ),
        # 2.001627: a title that names another number: only the number is shown
        (
            "Thông tư số 08/2026/TT-BNNMT ngày 26/01/202608/2026Luật 08/2017/QH14",
            [("08/2017/QH14", "")],
        ),
    ],
)
def test_legal_titles_stay_with_their_own_number(text: str, pairs: list[tuple[str, str]]):
    got = [(lb.number, lb.title) for lb in parse_legal_basis(LH + text, [])]
    assert [(n, t[: len(w)]) for (n, t), (_, w) in zip(got, pairs, strict=False)] == pairs
    assert len(got) == len(pairs)


# ------------------------------------------------------------------ facts from the steps
STEPS_1013997 = (
    "b. Gửi hồ sơ\nTrong thời hạn 30 ngày kể từ ngày kết thúc việc tiêu hủy động vật, sản phẩm "
    "động vật tại ổ dịch, cơ sở sản xuất nộp 01 bộ hồ sơ đến Ủy ban nhân dân cấp xã theo hình "
    "thức trực tiếp hoặc trực tuyến hoặc qua dịch vụ bưu chính. c. Tiếp nhận hồ sơ\nTrường hợp "
    "nộp hồ sơ trực tuyến: Trong thời hạn 01 ngày làm việc kể từ ngày nhận được hồ sơ, Ủy ban "
    "nhân dân cấp xã kiểm tra."
)


def test_channels_and_deadline_the_steps_state_reach_the_card():
    record = _record(
        trinh_tu_thuc_hien=STEPS_1013997,
        cach_thuc_thuc_hien=MH + "Trực tiếp25 Ngày làm việcMiễn phí25 ngày kể từ ngày tổ chức "
        "thẩm định.",
    )
    proc = parse_record(record, "bo-nong-nghiep-mt", [], stale=StaleTable())
    assert {m.channel for m in proc.methods} == {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}
    direct = next(m for m in proc.methods if m.channel == "Trực tiếp")
    assert direct.time_text == "25 ngày làm việc (kể từ ngày tổ chức thẩm định)"
    online = next(m for m in proc.methods if m.channel == "Trực tuyến")
    assert online.time_text == "" and online.fee_text == ""  # nothing invented for it
    assert "Trong thời hạn 30 ngày kể từ ngày kết thúc việc tiêu hủy" in proc.local_notes[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Nhận kết quả trực tiếp tại cơ quan đăng ký xe hoặc qua dịch vụ bưu chính.",
        "Cán bộ tiếp nhận hồ sơ nộp qua đường bưu chính hoặc trực tiếp phải thông báo bằng văn bản.",
        "Tổ chức gửi thông báo đến cơ quan quản lý thuế quản lý trực tiếp hoặc nơi đóng trụ sở.",
        "Không tiếp nhận hồ sơ nộp trực tuyến hoặc qua bưu chính.",
    ],
)
def test_sentences_that_are_not_about_filing_add_no_channel(sentence: str):
    assert named_channels(sentence) == {}


def test_where_to_file_comes_from_the_steps_when_the_record_names_no_body():
    assert filing_place(STEPS_1013997) == "Ủy ban nhân dân cấp xã"
    # 2.000424
    steps = (
        "Bước 1: Hòa giải viên gửi hồ sơ đến Ủy ban nhân dân cấp xã nơi đã ra quyết định công "
        "nhận hòa giải viên. Bước 2: ..."
    )
    assert filing_place(steps) == (
        "Ủy ban nhân dân cấp xã nơi đã ra quyết định công nhận hòa giải viên"
    )
    record = _record(trinh_tu_thuc_hien=steps, cach_thuc_thuc_hien=MH + "Trực tiếp7 Ngày làm việc")
    assert parse_record(record, "bo-tu-phap", [], stale=StaleTable()).authority.startswith(
        "Ủy ban nhân dân cấp xã nơi đã ra"
    )
    assert filing_place("Cơ quan thuế gửi thông báo cho người nộp thuế.") is None


def test_deadlines_are_the_applicants_only():
    assert filing_deadlines(STEPS_1013997)[0].startswith("Trong thời hạn 30 ngày")
    office = (
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được đề nghị, cơ quan quản lý nhà "
        "nước về thủy sản trả lại Giấy phép mà tổ chức, cá nhân đã nộp."
    )
    assert filing_deadlines(office) == []


def test_one_day_with_the_after_15_rule_is_a_working_day_said_in_full():
    record = _record(
        trinh_tu_thuc_hien="Trường hợp hồ sơ đầy đủ thì tiếp nhận; nếu tiếp nhận hồ sơ sau 15 giờ "
        "thì có Phiếu hẹn, trả kết quả cho người yêu cầu trong ngày làm việc tiếp theo.",
        cach_thuc_thuc_hien=MH + "Trực tuyến1Miễn phíTrực tiếp1Miễn phí",
    )
    proc = parse_record(record, "bo-tu-phap", [], stale=StaleTable())
    assert all(m.time_days == 1 for m in proc.methods)
    assert all(
        m.time_text.startswith("Trong ngày làm việc; hồ sơ nhận sau 15 giờ") for m in proc.methods
    )
    # without the rule a bare "1" stays unknown
    plain = parse_record(
        _record(cach_thuc_thuc_hien=MH + "Trực tiếp1Miễn phí"), "x", [], stale=StaleTable()
    )
    assert plain.methods[0].time_days is None and plain.methods[0].time_text == ""


# ------------------------------------------------------------------ superseded records
@pytest.mark.skipif(not RAW.is_dir(), reason="portal export not on this machine")
def test_superseded_record_gets_the_reviewed_override_and_only_while_unchanged():
    raw = json.loads(next(RAW.glob("*/1.004327.json")).read_text(encoding="utf-8"))
    table = load_stale()
    proc = parse_record(raw, "bo-cong-an", [], stale=table)
    assert all(m.time_text.startswith("Không quá 30 ngày kể từ ngày thụ lý") for m in proc.methods)
    assert all(m.time_days is None for m in proc.methods)
    assert proc.legal_basis[0].number == "25/2018/QH14"
    assert "03/2011/QH13" not in {lb.number for lb in proc.legal_basis}
    assert [d.id for d in proc.documents] == ["don_to_cao"]  # no internal case files
    assert "Luật Tố cáo 2011" in proc.local_notes[0]
    # The portal changed the record: the override is left out and the import says so.
    changed = dict(raw, cach_thuc_thuc_hien=raw["cach_thuc_thuc_hien"] + " ")
    assert fingerprint(changed) != fingerprint(raw)
    warn: list[str] = []
    again = parse_record(changed, "bo-cong-an", warn, stale=table)
    assert again.legal_basis[0].number != "25/2018/QH14"
    assert any(w.startswith("stale:") for w in warn)
