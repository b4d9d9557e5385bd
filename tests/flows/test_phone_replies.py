"""Replies that fit a phone (issue 12): a short first card with the details one tap away,
long catalogue text cut with "Xem thêm", no fee said twice, the curated notes shown."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.search.card import CARD_MAX, render_card
from tests.support.chat import Chat

BIRTH = "1.001193"
ID_CARD = "1.014061"


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_first_card_fits_a_phone(knowledge: Any, locale: str) -> None:
    kb, _index = knowledge
    sizes = [len(render_card(p, kb, locale)) for p in kb.procedures]
    assert max(sizes) <= CARD_MAX, max(sizes)


async def test_the_card_sent_is_render_card_and_has_the_essentials(app: Any) -> None:
    kb = app.services.kb
    proc = kb.get(BIRTH)
    chat = Chat(app.engine, chat_id="card")
    await chat.say("làm giấy khai sinh cho con cần gì")
    first = chat.last[0].text
    assert first == render_card(proc, kb, "vi")  # what `tthc-bot kb cards` prints
    assert proc.display_name in first and "📍" in first and "⏱" in first
    assert "💰" in first and "🌐 Nộp trực tuyến: Có" in first
    assert first.count("\n💰") == 1  # the fees in one line
    assert not any(b.number in first for b in proc.legal_basis)  # behind "Căn cứ pháp lý"
    for label in proc.fees[1:]:
        assert label.label not in first  # behind "Chi tiết lệ phí"
    assert {"Căn cứ pháp lý", "Chi tiết lệ phí"} <= set(chat.labels())
    await chat.click("Căn cứ pháp lý")
    assert all(b.number in chat.text for b in proc.legal_basis) and proc.source in chat.text
    await chat.click("Chi tiết lệ phí")
    assert all(f.label in chat.text and f.amount in chat.text for f in proc.fees)


@pytest.mark.parametrize("code", [BIRTH, ID_CARD, "1.013978", "1.004222"])
def test_no_fee_text_is_said_twice_on_a_card(knowledge: Any, code: str) -> None:
    kb, _index = knowledge
    card = render_card(kb.get(code), kb, "vi")
    for fee in kb.get(code).fees:
        assert card.count(fee.label) <= 1
    assert card.lower().count("miễn lệ phí") <= 1


async def test_local_notes_are_behind_the_notes_button_on_the_card_and_the_summary(
    app: Any,
) -> None:
    proc = app.services.kb.get(ID_CARD)
    chat = Chat(app.engine, chat_id="notes")
    await chat.press(f"sr:card:{ID_CARD}")
    await chat.click("Lưu ý")
    assert all(note.strip() in chat.text for note in proc.local_notes)
    await chat.press(f"ck:start:{ID_CARD}")
    await chat.say("1")
    await chat.click("Tôi không rõ")  # the population-data documents apply
    await chat.click("Không")
    questions = []
    while chat.payload("ck:d:have"):
        questions.append(chat.last[-1].text)
        await chat.press_prefix("ck:d:have")
    note = next(d.note for d in proc.documents if d.id == "phieu_dc01")
    assert any(note in q for q in questions)  # documents[].note at its question
    summary = chat.text
    # a paper the citizen has needs no note again, and the procedure's notes are one tap
    # away: the summary fits a phone (issue 12)
    assert note[:60] not in summary and proc.local_notes[1][:60] not in summary
    assert len(summary) <= 1200
    await chat.click("Lưu ý")
    assert all(n.strip() in chat.text for n in proc.local_notes)


async def test_a_huge_catalogue_document_is_cut_with_more(app: Any) -> None:
    kb = app.services.kb
    proc = next(
        p for p in kb.procedures if not p.curated and any(len(d.name) > 3000 for d in p.documents)
    )
    chat = Chat(app.engine, chat_id="huge-doc")
    await chat.press(f"ck:start:{proc.code}")
    asked = 0
    while chat.payload("ck:a:"):
        await chat.press_prefix("ck:a:")
    while chat.payload("ck:d:have") and asked < 40:
        question = chat.last[-1].text
        assert len(question) <= 800
        if chat.payload("ck:more:"):
            await chat.click("Xem thêm")
            assert len(chat.text) > len(question)  # the whole text, same answers offered
            assert chat.payload("ck:d:have")
        await chat.press_prefix("ck:d:have")
        asked += 1
    assert asked and "Tóm tắt hồ sơ" in chat.text


async def test_the_summary_names_each_document_once(app: Any) -> None:
    proc = app.services.kb.get(BIRTH)
    chat = Chat(app.engine, chat_id="summary-once")
    await chat.press(f"ck:start:{BIRTH}")
    for label in ("Nộp trực tiếp", "Cha hoặc mẹ", "sinh bình thường", "Có Giấy chứng sinh"):
        await chat.click(label)
    while chat.payload("ck:d:have"):
        await chat.press_prefix("ck:d:have")
    summary = chat.text
    assert len(summary.splitlines()) <= 16
    for doc in proc.documents:
        assert summary.count(f"{doc.name} (") <= 1


async def test_a_summary_with_every_paper_missing_still_fits_a_phone(app: Any) -> None:
    # the adoption walkthrough with all six papers missing: each named, the how-to cut, a
    # single "hỏi cán bộ" line for papers without one (it was repeated six times, 2.2 KB)
    chat = Chat(app.engine, chat_id="all-missing")
    await chat.press("ck:start:2.001263")
    for _ in range(40):
        options = [b.payload for b in chat.buttons() if b.payload.startswith("ck:a:")]
        if options:
            await chat.press(options[0])
            continue
        if chat.payload("ck:d:have") is None:
            break
        await chat.press_prefix("ck:d:missing")
    summary = chat.last[-1].text
    assert summary.startswith("📋") and "Giấy tờ còn thiếu (6)" in summary
    assert summary.count("❌") == 6 and summary.count("hỏi cán bộ Bộ phận Một cửa") == 1
    assert len(summary) <= 1700
    assert "Lưu ý" in chat.labels() and "Đặt lịch hỗ trợ" in chat.labels()
