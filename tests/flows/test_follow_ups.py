"""Follow-up questions keep their context (issue 12): after a card they are answered from that
procedure's data, after a dossier's card about that dossier; the context ends with the flow."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.facts import time_text, where_text
from tests.support.chat import Chat

BIRTH = "1.001193"
ID_CARD = "1.014061"


async def _card(app: Any, chat_id: str, code: str) -> tuple[Chat, Any]:
    chat = Chat(app.engine, chat_id=chat_id)
    await chat.press(f"sr:card:{code}")
    assert chat.text.startswith("📄")
    return chat, app.services.kb.get(code)


@pytest.mark.parametrize("code", [BIRTH, ID_CARD])
async def test_fee_question_after_a_card_lists_that_procedures_fees(app: Any, code: str) -> None:
    chat, proc = await _card(app, f"fee-{code}", code)
    await chat.say("lệ phí bao nhiêu")
    for fee in proc.fees:
        assert fee.label in chat.text and fee.amount in chat.text


async def test_every_card_follow_up_answers_from_the_procedure(app: Any) -> None:
    chat, proc = await _card(app, "follow-birth", BIRTH)
    kb = app.services.kb
    await chat.say("mất bao lâu")
    assert time_text(proc, "vi") in chat.text
    await chat.say("nộp ở đâu")
    assert where_text(proc, kb, "vi") in chat.text  # the rule at once, then which ward
    assert "xã/phường nào" in chat.text
    await chat.say("làm online được không")  # the next follow-up is still about the card
    # the official page once: as the reply's link, which every channel shows (not twice)
    assert [r.link for r in chat.last if r.link] == [proc.online.url]
    assert proc.online.url not in chat.text
    await chat.say("cần bản sao không")
    assert all(d.name in chat.text for d in proc.documents[:3])
    assert "1 bản chính" in chat.text
    await chat.say("có bị phạt không")
    # the knowledge has no fine for this: said plainly, the related late fee, the official page
    assert "không có thông tin chính thức" in chat.text and proc.url in chat.text
    assert "quá hạn" in chat.text
    await chat.say("căn cứ luật nào")
    assert all(b.number in chat.text for b in proc.legal_basis)


async def test_unknown_facts_are_said_so_with_the_official_page(app: Any) -> None:
    kb = app.services.kb
    proc = next(
        p
        for p in kb.procedures
        if not p.curated and p.url and not any(m.fee_text or m.fee_note for m in p.methods)
    )
    chat, _ = await _card(app, "follow-unknown", proc.code)
    await chat.say("phí bao nhiêu")
    assert "chưa có thông tin chính thức" in chat.text and proc.url in chat.text


async def test_a_question_naming_another_procedure_is_a_new_search(app: Any) -> None:
    chat, _ = await _card(app, "follow-other", BIRTH)
    await chat.say("lệ phí làm sổ đỏ bao nhiêu")
    assert "Đăng ký khai sinh" not in chat.text
    assert "Giấy chứng nhận quyền sử dụng đất" in chat.text


async def test_the_context_ends_with_the_flow(app: Any, clock: Any) -> None:
    chat, proc = await _card(app, "follow-expire", BIRTH)
    await chat.say("menu")
    await chat.say("lệ phí bao nhiêu")
    assert proc.fees[1].amount not in chat.text  # not birth's fees any more
    chat, proc = await _card(app, "follow-expire-2", BIRTH)
    clock.advance(minutes=31)
    await chat.say("lệ phí bao nhiêu")
    assert proc.fees[1].amount not in chat.text
    assert "đã lâu không tiếp tục" not in chat.text  # a card expires quietly


async def test_follow_up_after_the_walkthrough_summary(app: Any) -> None:
    chat = Chat(app.engine, chat_id="follow-summary")
    await chat.press(f"ck:start:{ID_CARD}")
    while chat.payload("ck:a:") or chat.payload("ck:d:have"):
        await chat.press_prefix("ck:a:" if chat.payload("ck:a:") else "ck:d:have")
    assert "Tóm tắt hồ sơ" in chat.text
    await chat.say("mất bao lâu")
    assert time_text(app.services.kb.get(ID_CARD), "vi") in chat.text


async def _dossier(app: Any, chat_id: str, code: str, digits: str) -> Chat:
    chat = Chat(app.engine, chat_id=chat_id)
    await chat.say(code)
    await chat.say(digits)
    assert f"Hồ sơ {code}" in chat.text
    return chat


async def test_overdue_follow_up_is_about_that_dossier(app: Any) -> None:
    late = await _dossier(app, "late", "000.00.14.H20-200703-0005", "1357")
    await late.say("sao quá hạn rồi mà chưa có")
    assert "quá ngày hẹn trả (26/11/2026) 3 ngày làm việc" in late.text
    assert "118/2025/NĐ-CP" in late.text and "liên hệ" in late.text
    on_time = await _dossier(app, "on-time", "000.00.14.H20-200703-0002", "1234")
    await on_time.say("sao lâu vậy chưa có")
    assert "chưa quá hạn" in on_time.text


async def test_progress_of_a_result_reached_on_time_says_so_as_the_card_did(app: Any) -> None:
    ready = await _dossier(app, "ready-on-time", "000.00.14.H20-200703-0004", "2468")
    on_time = "✅ Hồ sơ có kết quả đúng hẹn."
    assert on_time in ready.text  # the card
    await ready.say("hồ sơ tới đâu rồi")
    assert "hiện ở tình trạng: Đã có kết quả" in ready.text and on_time in ready.text


async def test_where_to_hand_in_missing_papers(app: Any) -> None:
    chat = await _dossier(app, "supplement", "000.00.14.H20-200703-0003", "5678")
    await chat.say("đã bổ sung thì nộp ở đâu")
    assert "nộp giấy tờ bổ sung tại" in chat.text
    assert "chỗ ở hợp pháp" in chat.text  # the staff note of this dossier
    other = await _dossier(app, "no-supplement", "000.00.14.H20-200703-0002", "1234")
    await other.say("đã bổ sung thì nộp ở đâu")
    assert "không ở tình trạng chờ bổ sung" in other.text


async def test_dossier_context_ends_with_the_flow(app: Any) -> None:
    chat = await _dossier(app, "status-expire", "000.00.14.H20-200703-0005", "1357")
    await chat.say("menu")
    await chat.say("sao quá hạn rồi mà chưa có")
    assert "000.00.14.H20-200703-0005" not in chat.text
    assert "26/11/2026" not in chat.text  # nothing of that dossier is said any more


async def test_online_question_follows_the_entrys_own_note_not_a_fixed_no(app: Any) -> None:
    """2.000986: the portal lists only in-person filing but NĐ 63/2024 lets the group be filed
    electronically on Cổng DVC/VNeID (QA): the answer says so instead of "chưa nộp trực tuyến"."""
    chat, proc = await _card(app, "follow-link", "2.000986")
    assert "VNeID" in chat.text.split("🌐", 1)[1].split("\n", 1)[0]
    await chat.say("làm online được không")
    assert "VNeID" in chat.text and "63/2024" in chat.text
    assert "chưa nộp trực tuyến toàn trình" not in chat.text
    assert [r.link for r in chat.last if r.link] == [proc.online.url]


async def test_a_follow_up_about_a_dossier_removed_meanwhile_is_a_new_question(app: Any) -> None:
    """The dossier was deleted (retention, a correction) after its card was shown: the
    follow-up is not answered about it and nothing breaks."""
    from sqlalchemy import delete

    from bot.storage.models import Dossier, DossierEvent

    code = "000.00.14.H20-200703-0005"
    chat = await _dossier(app, "removed", code, "1357")
    async with app.uow() as uow:
        await uow.session.execute(delete(DossierEvent).where(DossierEvent.dossier_code == code))
        await uow.session.execute(delete(Dossier).where(Dossier.code == code))
        await uow.commit()
    await chat.say("sao quá hạn rồi mà chưa có")
    assert code not in chat.text and "quá ngày hẹn trả" not in chat.text
    assert "trục trặc" not in chat.text  # not the internal-error answer


@pytest.mark.parametrize("typed", ["có phải ra công an không hay ra xã", "phai len xa ko"])
async def test_a_yes_no_question_naming_an_office_is_the_place_question(
    app: Any, typed: str
) -> None:
    """QA pass 4: "có phải ra công an không" got "em chưa có thông tin chính thức" while
    the card said where to file."""
    chat, proc = await _card(app, f"office-{typed}", ID_CARD)
    await chat.say(typed)
    assert where_text(proc, app.services.kb, "vi") in chat.text


async def test_how_the_price_is_counted_is_the_fee_question(app: Any) -> None:
    chat, proc = await _card(app, "counted", BIRTH)
    await chat.say("thì tính tiền sao em")
    for fee in proc.fees:
        assert fee.label in chat.text and fee.amount in chat.text
