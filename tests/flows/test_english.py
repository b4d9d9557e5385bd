"""English that works (issue 12): English phrases find the curated procedures and the bot's
jobs in an English chat; an English message in a Vietnamese chat is offered English."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.i18n import t
from tests.support.chat import Chat


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("birth registration", "Birth registration (Đăng ký khai sinh)"),
        ("How do I register my baby's birth?", "Birth registration (Đăng ký khai sinh)"),
        ("I want to get married", "Marriage registration (Đăng ký kết hôn)"),
        ("temporary residence", "Temporary residence registration (Đăng ký tạm trú)"),
        ("lam giay khai sinh", "Birth registration (Đăng ký khai sinh)"),  # Vietnamese still works
    ],
)
async def test_english_chat_finds_procedures(app: Any, typed: str, name: str) -> None:
    chat = Chat(app.engine, chat_id=f"en-{typed}", locale="en")
    await chat.say(typed)
    card = chat.last[0].text
    assert card.startswith(f"📄 {name}")
    assert t("card.in_vietnamese", "en") in card  # the content is the official Vietnamese
    assert {"Documents to prepare", "Fee details", "Legal basis"} <= set(chat.labels())


async def test_english_chat_books_and_checks_a_dossier(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-jobs", locale="en")
    await chat.say("book an appointment")
    assert "Which commune or ward" in chat.text
    await chat.say("phuong cao lanh")
    assert "Which assistance programme" in chat.text
    await chat.say("menu")
    await chat.say("check my dossier")
    assert "dossier code printed on your receipt" in chat.text
    await chat.say("000.00.14.H20-200703-0002")
    await chat.say("1234")
    assert "Dossier 000.00.14.H20-200703-0002" in chat.text and "Status:" in chat.text


async def test_english_walkthrough_takes_english_answers(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-walk", locale="en")
    await chat.say("birth registration")
    await chat.click("Documents to prepare")
    assert "in Vietnamese" in chat.text
    for answer in ("1", "1", "1", "2"):  # in person, a parent, normal birth, a witness
        await chat.say(answer)
    for answer in ("yes", "not yet", "not sure"):
        assert "Do you already have" in chat.text
        await chat.say(answer)
    assert "Summary" in chat.text and "Missing (1)" in chat.text and "Not sure (1)" in chat.text


async def test_vietnamese_chat_offers_english_then_answers_in_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="vi-en")
    await chat.say("birth registration")
    assert chat.text == t("menu.english_offer", "en")  # short, in English
    assert chat.labels() == [t("menu.btn_english", "en"), t("menu.btn_vietnamese", "vi")]
    await chat.click("Continue in English")
    assert chat.text.startswith("📄 Birth registration (Đăng ký khai sinh)")  # the question kept
    await chat.say("how long does it take")  # the chat stays in English, with the follow-up
    assert chat.text.startswith("⏱ Processing time")
    await chat.say("tiếng việt")
    assert chat.text.startswith("Xin chào")
    await chat.say("birth registration")
    assert chat.text == t("menu.english_offer", "en")


@pytest.mark.parametrize(
    ("second", "shown"),
    [
        # a follow-up typed instead of pressing "Continue in English": the first question
        ("how much is the fee?", "📄 Birth registration (Đăng ký khai sinh)"),
        # a new need typed instead: that need
        ("how do I register my marriage", "📄 Marriage registration"),
    ],
)
async def test_english_typed_again_after_the_offer_chooses_english(
    app: Any, second: str, shown: str
) -> None:
    # QA pass 10 (q37, q40): every English message got the same offer, none was answered
    chat = Chat(app.engine, chat_id=f"vi-en-again-{second[:8]}")
    await chat.say("what documents do I need to register a birth?")
    assert chat.text == t("menu.english_offer", "en")
    await chat.say(second)
    assert chat.text.startswith(shown), chat.text
    await chat.say("how long does it take")  # the chat is in English from now on
    assert chat.text != t("menu.english_offer", "en"), chat.text


async def test_vietnamese_typed_without_accents_is_not_taken_for_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="vi-plain")
    for typed in ("lam the can cuoc can gi", "dang ky ket hon", "lam so do"):
        await chat.say(typed)
        assert chat.text != t("menu.english_offer", "en"), typed
