"""The card audit (issue 13): every check fails on the shape a reviewer found on a real card
and passes on the fixed one; the shipped knowledge passes every check for curated entries and
commune-level cards, with the reviewed exceptions only."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cli.kb_cards import legal_view_async, rendered_fields_async
from handlers.search.card import render_card
from knowledge.audit import CHECKS, Exception_, audit, load_exceptions
from knowledge.audit_checks import (
    audit_procedure,
    document_problem,
    form_problem,
    legal_problem,
)
from knowledge.loader import load_knowledge
from knowledge.schema import Document, Fee, Online, Procedure, SubmissionMethod

DAY = dt.date(2026, 12, 1)


def _proc(**fields: object) -> Procedure:
    base: dict[str, object] = {"code": "9.999999", "name": "Thủ tục thử", "levels": ["Cấp xã"]}
    base.update(fields)
    return Procedure.model_validate(base)


def _checks(proc: Procedure, rendered: set[str] | None = None) -> set[str]:
    return {f.check for f in audit_procedure(proc, today=DAY, rendered=rendered)}


# ------------------------------------------------------------------ single checks
@pytest.mark.parametrize(
    ("number", "title"),
    [
        ("136/2025/NĐ-CPQUY", "Nghị định Quy định phân quyền"),
        ("53/2025/TT-BC", "Thông tư quy định"),
        ("01/2016/TT-BLĐTBXHBAN", "Thông tư 01/2016"),
        ("53/2025/TT-BCA", "Angày 01/7/2025 của Bộ Công an sửa đổi"),
        ("54/2024/NĐ-CP", "ĐỊNH VIỆC HÀNH NGHỀ KHOAN NƯỚC DƯỚI ĐẤT"),
        ("66/2006/QH11", "UẬT HÀNG KHÔNG DÂN DỤNG VIỆT NAM"),
        ("64/2025/TT-BCT", "Thông tư số"),
        ("06/2025/TT-BTC", "hông tư số 06/2025/TT-BTC của Bộ Tài chính"),
    ],
)
def test_garbled_legal_shapes_are_flagged(number: str, title: str) -> None:
    assert legal_problem(number, title)


def test_clean_legal_basis_passes() -> None:
    assert legal_problem("123/2015/NĐ-CP", "Nghị định quy định chi tiết Luật Hộ tịch") is None
    assert legal_problem("60/2014/QH13", "Luật Hộ tịch") is None
    assert legal_problem("04/2015/TT-BCA", "QUY ĐỊNH MẪU GIẤY TỜ") is None
    assert legal_problem("888/QĐ-BHXH", "") is None


def test_fragment_documents_and_file_name_forms_are_flagged() -> None:
    for name in (";", ".", "Tờ khai hải quan nhập khẩu: 0", "; Trường hợp áp dụng cơ chế một cửa",
                 "Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư 53/2025).1.MuCT01banhnhkmtheoThngts"):  # fmt: skip
        assert document_problem(name), name
    assert document_problem("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)") is None
    assert document_problem("Thẻ quốc tế (gồm: Visa, MasterCard, JCB)") is None
    assert form_problem("1.MuCT01banhnhkmtheoThngts53.doc")
    assert form_problem("Mẫu số 01.docx; Mẫu số 02")
    assert form_problem("Mẫu CT01") is None and form_problem("Mẫu số 69 - giấy đề nghị") is None
    twice = [Document(id="a", name="Đơn đề nghị"), Document(id="b", name="Đơn  đề nghị")]
    assert "fragment_documents" in _checks(_proc(documents=twice))


def test_unit_less_times_are_flagged() -> None:
    guessed = SubmissionMethod(channel="Trực tiếp", time_text="1", time_days=None)
    assert "unitless_times" in _checks(_proc(methods=[guessed]))
    days_from_nowhere = SubmissionMethod(channel="Trực tiếp", time_text="3 ngày", time_days=3)
    assert "unitless_times" in _checks(_proc(methods=[days_from_nowhere]))
    assert "unitless_times" in _checks(_proc(curated=True, processing_time="3"))
    fine = SubmissionMethod(channel="Trực tiếp", time_text="3 ngày làm việc", time_days=3)
    assert "unitless_times" not in _checks(_proc(methods=[fine]))
    assert "unitless_times" not in _checks(
        _proc(curated=True, processing_time="Theo Điều lệ trường (Thông tư 15/2026/TT-BGDĐT)")
    )


def test_pre_reform_bodies_need_a_mapping_or_the_note() -> None:
    assert "pre_reform_bodies" in _checks(_proc(authority="Công an huyện"))
    assert "pre_reform_bodies" in _checks(_proc(authority="Bảo hiểm xã hội cấp huyện"))
    assert "pre_reform_bodies" not in _checks(_proc(authority="Công an cấp Xã"))


def test_a_rate_whose_period_ended_is_flagged_only_after_its_end() -> None:
    fee = Fee(label="Mức ưu đãi nộp trực tuyến", amount="115.000 đồng đến hết ngày 31/12/2025")
    proc = _proc(curated=True, fees=[fee])
    assert "expired_rates" in _checks(proc)
    assert not audit_procedure(proc, today=dt.date(2025, 6, 1))
    row = SubmissionMethod(channel="Trực tiếp", fee_text="5,000,000 VNĐ",
                           fee_note="Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024")  # fmt: skip
    assert "expired_rates" in _checks(_proc(methods=[row]))


def test_curated_note_fields_no_template_renders_are_hidden() -> None:
    doc = Document(id="a", name="Đơn", note="Không bắt buộc công chứng", how_to_get="Tự viết")
    proc = _proc(curated=True, documents=[doc], local_notes=["Hạn nộp 05 ngày"])
    hidden = {f.field for f in audit_procedure(proc, today=DAY, rendered={"documents.how_to_get"})}
    assert hidden == {"documents.note", "local_notes"}
    everything = {"documents.note", "documents.how_to_get", "local_notes"}
    assert not audit_procedure(proc, today=DAY, rendered=everything)
    # The same note on a card that is not curated is the portal's text, not ours to render.
    assert not audit_procedure(_proc(documents=[doc]), today=DAY, rendered=set())
    offline = _proc(curated=True, online=Online(available=False, note="Phải đến trực tiếp để ký"))
    assert {f.field for f in audit_procedure(offline, today=DAY, rendered={"online.note"})} == {
        "online.note.unavailable"
    }


def test_exceptions_cover_their_findings_and_unused_ones_are_reported() -> None:
    proc = _proc(curated=True, local_notes=["Ghi chú"], authority="Công an huyện")
    exc = Exception_("hidden_fields", frozenset({"*"}), "đang làm", field="local_notes")
    spare = Exception_("legal_garbled", frozenset({"1.000001"}), "không còn cần")
    report = audit([proc], today=DAY, rendered=set(), exceptions=[exc, spare])
    assert [f.check for f, _ in report.excepted] == ["hidden_fields"]
    assert report.codes("pre_reform_bodies", "curated") == ["9.999999"]
    assert report.curated_failed
    assert report.unused_exceptions == [spare]


def test_shipped_exceptions_each_have_a_reason() -> None:
    # none are needed today; any that is added must name a real check and say why
    assert all(e.reason.strip() and e.check in CHECKS for e in load_exceptions())


# ------------------------------------------------------------------ the shipped knowledge
@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


async def test_probe_finds_the_fields_the_conversation_shows(kb) -> None:
    rendered = await rendered_fields_async(kb)
    # The card shows the summary and the online note; the walkthrough how to get a paper.
    assert {
        "summary",
        "online.note",
        "online.note.unavailable",
        "documents.how_to_get",
    } <= rendered


async def test_every_check_passes_for_curated_and_commune_cards(kb) -> None:
    report = audit(
        kb.procedures,
        today=DAY,
        rendered=await rendered_fields_async(kb),
        legal_view=await legal_view_async(kb),
        cards={
            p.code: render_card(p, kb) for p in kb.procedures if p.curated or "Cấp xã" in p.levels
        },
    )
    for check in CHECKS:
        assert report.codes(check, "curated") == [], check
        assert report.codes(check, "commune") == [], check
    assert not report.curated_failed
    assert len(report.commune) > 580 and len(report.curated) >= 40
