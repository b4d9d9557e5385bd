"""Facts the second fact audit (issue 13) found wrong or missing, as a citizen reads them:
the card, its detail replies and the walkthrough, through the engine."""

from __future__ import annotations

import datetime as dt
import re

from handlers.facts import current_fees
from tests.flows.test_card_facts import _card, _details, _documents, _line
from tests.support.chat import Chat


async def test_copy_fee_shows_the_digital_citizen_waiver_until_its_end(app) -> None:
    fees = await _details(app, "2.000635", "fees")
    assert "8.000 đồng/bản" in fees
    waiver = next(line for line in fees.splitlines() if "Công dân số" in line)
    assert "đến hết ngày 28/02/2027" in waiver and "117/2026/TT-BTC" in waiver
    # the same fee on the birth-registration cards: the waiver is said where it applies
    for code in ("1.001193", "1.004884", "2.000528"):
        assert "2.000635" in await _details(app, code, "fees"), code
    # The waiver is a temporary rate: once its end date has passed it is no longer shown.
    proc = app.services.kb.get("2.000635")
    labels = [f.label for f in current_fees(proc, dt.date(2027, 3, 1))]
    assert labels and not any("Công dân số" in label for label in labels)


async def test_local_fees_of_the_province_are_given(app) -> None:
    fees = await _details(app, "1.004884", "fees")
    assert "10.000 đồng khi nộp trực tiếp hoặc qua bưu chính" in fees
    assert "26/2025/NQ-HĐND" in fees
    assert "hỏi Bộ phận Một cửa" not in fees.splitlines()[1]  # the amount itself is known


async def test_translator_without_degree_signs_a_commitment(app) -> None:
    rare = "\n".join(await _documents(app, "2.001008", ["rare_language"]))
    assert "Bản cam kết về việc thông thạo ngôn ngữ" in rare
    assert "Bằng cử nhân" not in rare
    other = "\n".join(await _documents(app, "2.001008", ["other_major"]))
    assert "Bảng điểm" in other and "Bản cam kết" not in other


async def test_online_filing_named_by_the_record_steps_is_offered(app) -> None:
    card = await _card(app, "1.013997")
    assert _line(card, "🌐").endswith("Có.")
    assert "kể từ ngày tổ chức thẩm định" in _line(card, "⏱")
    chat = Chat(app.engine, chat_id="notes-1.013997")
    await chat.press("sr:notes:1.013997")
    assert "Trong thời hạn 30 ngày kể từ ngày kết thúc việc tiêu hủy" in chat.last[0].text


async def test_note_rows_are_not_asked_as_papers(app) -> None:
    asked = await _documents(app, "1.004827", [])
    assert len(asked) == 7
    assert not any("Người tiếp nhận có trách nhiệm" in text for text in asked)
    assert "(7/7)" in asked[-1]


async def test_one_day_with_the_after_15_rule_and_a_cut_legal_list(app) -> None:
    time = _line(await _card(app, "1.004827"), "⏱")
    assert "hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo" in time
    legal = await _details(app, "1.004827", "legal")
    shown = re.findall(r"^  - .+$", legal, re.MULTILINE)
    assert len(shown) == 8 and "và 7 văn bản khác" in legal
    assert "60/2014/QH13" in shown[0]  # the law first, not the fee circulars


async def test_superseded_denunciation_time_is_not_shown(app) -> None:
    card = await _card(app, "1.004327")
    assert "Không quá 30 ngày kể từ ngày thụ lý" in _line(card, "⏱")
    assert "60 ngày" not in card
    legal = await _details(app, "1.004327", "legal")
    assert "25/2018/QH14" in legal and "03/2011/QH13" not in legal
    asked = "\n".join(await _documents(app, "1.004327", []))
    assert "Đơn tố cáo" in asked and "Kế hoạch xác minh" not in asked


async def test_amounts_are_written_the_vietnamese_way(app) -> None:
    fee = _line(await _card(app, "2.000992"), "💰")
    assert "10.000 đồng/trường hợp" in fee and "10,000" not in fee and "(/" not in fee


async def test_hotich_cards_cite_the_amending_decrees_and_the_residence_fallback(app) -> None:
    for code in ("1.004884", "2.000528", "2.000635", "2.000806"):
        legal = await _details(app, code, "legal")
        assert "07/2025/NĐ-CP" in legal and "18/2026/NĐ-CP" in legal, code
        doc = next(d for d in app.services.kb.get(code).documents if d.id == "giay_to_cu_tru")
        assert doc.kind == "present" and "không tra cứu được" in doc.name


async def test_school_transfer_summary_shows_no_commune_office_hours(app) -> None:
    card = await _card(app, "dp.chuyen-truong-thcs")
    assert _line(card, "🔎").count("(") == _line(card, "🔎").count(")")
    chat = Chat(app.engine, chat_id="walk-school")
    await chat.press("ck:start:dp.chuyen-truong-thcs")
    await chat.press_prefix("ck:a:no:")
    while chat.payload("ck:d:have") is not None:
        await chat.press_prefix("ck:d:have")
    summary = chat.last[0].text
    assert "thứ Hai đến thứ Sáu" not in summary
