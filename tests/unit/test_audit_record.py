"""The second-round card audit checks (``knowledge.audit_record``): each fails on the shape a
reviewer found on a real card and passes on the fixed one."""

from __future__ import annotations

import pytest

from bot.cli.kb_cards import legal_view_async
from knowledge.audit_record import amount_problem, file_name_problem, record_findings
from knowledge.loader import load_knowledge
from knowledge.portal_numbers import mispaired_problem
from knowledge.portal_stale import load_stale
from knowledge.schema import Document, LegalBasis, Online, Procedure, SubmissionMethod

STALE = load_stale()


def _proc(**fields: object) -> Procedure:
    base: dict[str, object] = {"code": "9.999999", "name": "Thủ tục thử", "levels": ["Cấp xã"]}
    base.update(fields)
    return Procedure.model_validate(base)


def _checks(proc: Procedure, view: tuple[int, bool] | None = None) -> set[str]:
    return {f.check for f in record_findings(proc, STALE, view)}


def test_note_and_heading_rows_asked_as_papers_are_flagged() -> None:
    note = Document(name="Trường hợp gửi hồ sơ qua bưu chính thì gửi kèm bản sao có chứng thực.")
    heading = Document(name="Người có yêu cầu thực hiện việc nộp các giấy tờ sau:")
    lưu_ý = Document(name="Cá nhân có quyền lựa chọn nơi đăng ký.", originals=1, group="Lưu ý")
    for doc in (note, heading, lưu_ý):
        assert "note_documents" in _checks(_proc(documents=[doc])), doc.name
    paper = Document(name="Giấy tờ chứng minh nơi cư trú trong trường hợp ...", kind="present")
    conditional = Document(name="Trường hợp ủy quyền thì có văn bản ủy quyền", originals=1)
    assert "note_documents" not in _checks(_proc(documents=[paper, conditional]))


def test_file_names_inside_paper_names_are_flagged() -> None:
    assert file_name_problem("Đơn theo Nghị định 116/2025/NĐ-CP.250605_116_Nghidinh_PCDB_PL")
    assert file_name_problem("Đơn đề nghị theo mẫu.docx")
    assert file_name_problem("Đơn đề nghị theo Nghị định 116/2025/NĐ-CP.") is None
    assert file_name_problem("Tệp điện tử định dạng đuôi “.pdf” chứa nội dung đã quét") is None


@pytest.mark.parametrize(
    ("number", "title"),
    [
        ("86/2024/TT-BTC", "Nghị định số 118/2025/NĐ-CP ... quốc gia118/2025/NĐ-CP86/2024/TT-BTC"),
        ("59/2025/TT-NHNN", "Luật Các tổ chức tín dụng"),
        ("14/2026/NĐ-CP", "Nghị quyết số 24/2026/NQ-CP ngày 29/4/2026 của Chính phủ"),
    ],
)
def test_mispaired_legal_titles_are_flagged(number: str, title: str) -> None:
    assert mispaired_problem(number, title)
    assert "legal_mispaired" in _checks(
        _proc(legal_basis=[LegalBasis(number=number, title=title)])
    )


def test_paired_legal_titles_pass() -> None:
    assert (
        mispaired_problem("190/2025/NQ-QH15", "Nghị quyết số 190/2025/QH15 của Quốc hội") is None
    )
    assert mispaired_problem("60/2014/QH13", "Luật Hộ tịch") is None
    assert mispaired_problem("85/2019/TT-BTC", "Thông tư hướng dẫn về phí và lệ phí") is None


def test_amounts_not_written_the_vietnamese_way_are_flagged() -> None:
    assert amount_problem("10,000 Việt Nam Đồng (/trường hợp)")
    assert amount_problem("50.000 VNĐ")
    assert amount_problem("Trực tiếp 10.000 đồng/trường hợp") is None
    assert amount_problem("Giá trị giao dịch dưới 2,1 tỷ đồng") is None
    row = SubmissionMethod(channel="Trực tiếp", fee_text="10,000 Việt Nam Đồng")
    assert "amount_format" in _checks(_proc(methods=[row]))


def test_free_beside_a_provincial_rate_is_flagged() -> None:
    note = "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định."
    free = SubmissionMethod(channel="Trực tuyến", fee_text="Miễn phí", fee_note=note)
    assert "fee_contradiction" in _checks(_proc(methods=[free]))
    said = SubmissionMethod(channel="Trực tuyến", fee_text="", fee_note=note)
    assert "fee_contradiction" not in _checks(_proc(methods=[said]))
    assert "fee_contradiction" not in _checks(
        _proc(methods=[SubmissionMethod(channel="Trực tiếp", fee_text="Miễn phí")])
    )


def test_channels_the_steps_name_must_be_on_the_card() -> None:
    steps = (
        "Cơ sở sản xuất nộp 01 bộ hồ sơ đến Ủy ban nhân dân cấp xã theo hình thức trực tiếp "
        "hoặc trực tuyến hoặc qua dịch vụ bưu chính."
    )
    direct = SubmissionMethod(channel="Trực tiếp", time_text="25 ngày làm việc", time_days=25)
    assert "missing_channels" in _checks(_proc(steps=steps, methods=[direct]))
    full = [direct, SubmissionMethod(channel="Trực tuyến"),
            SubmissionMethod(channel="Dịch vụ bưu chính")]  # fmt: skip
    assert "missing_channels" not in _checks(_proc(steps=steps, methods=full))
    # A curated entry decided online filing from the law: the steps do not overrule it.
    curated = _proc(steps=steps, methods=full[::2], curated=True, online=Online(available=False))
    assert "missing_channels" not in _checks(curated)


def test_superseded_law_without_override_is_flagged() -> None:
    old = [LegalBasis(number="03/2011/QH13", title="Luật Tố cáo")]
    assert "superseded_law" in _checks(_proc(legal_basis=old))
    new = [LegalBasis(number="25/2018/QH14", title="Luật Tố cáo")]
    assert "superseded_law" not in _checks(_proc(legal_basis=new))


def test_a_cut_legal_list_must_say_so() -> None:
    many = _proc(legal_basis=[LegalBasis(number=f"{i}/2026/NĐ-CP") for i in range(1, 12)])
    assert "legal_cut" in _checks(many, (8, False))
    assert "legal_cut" not in _checks(many, (8, True))
    assert "legal_cut" not in _checks(_proc(legal_basis=many.legal_basis[:8]), (8, False))


async def test_the_legal_reply_says_how_many_it_leaves_out() -> None:
    shown, says_more = await legal_view_async(load_knowledge())
    assert shown >= 3 and says_more


def test_a_card_line_cut_inside_a_parenthesis_is_reported() -> None:
    from knowledge.audit_record import card_findings

    cut = "📄 Khai sinh\n🔎 Nguồn: Cổng Dịch vụ công, thủ tục 1.001193 (QĐ 163/QĐ-BTP … và văn bản khác"
    assert [f.check for f in card_findings("1.001193", cut)] == ["card_open_parenthesis"]
    assert (
        card_findings("1.001193", "🔎 Nguồn: thủ tục 1.001193 (QĐ 163/QĐ-BTP) và văn bản khác")
        == []
    )
