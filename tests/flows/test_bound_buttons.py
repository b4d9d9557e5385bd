"""Walkthrough buttons are bound to what they answer (issue 12): a double tap, a retry after a
lost reply or a stale web/Zalo client never answers the next question."""

from __future__ import annotations

from typing import Any

from tests.support.chat import Chat

BIRTH = "1.001193"


async def _to_documents(chat: Chat) -> None:
    await chat.press(f"ck:start:{BIRTH}")
    for label in ("Nộp trực tiếp", "Cha hoặc mẹ", "sinh bình thường", "có người làm chứng"):
        await chat.click(label)
    assert "(1/3)" in chat.text


async def test_pressing_have_for_document_1_three_times_answers_it_once(app: Any) -> None:
    chat = Chat(app.engine, chat_id="triple-tap")
    await _to_documents(chat)
    have_1 = chat.payload("ck:d:have")
    assert have_1 is not None
    await chat.press(have_1)
    assert "(2/3)" in chat.text
    for _ in range(2):  # the same button again: a double tap, then a retry
        await chat.press(have_1)
        assert "đã trả lời rồi" in chat.text and "(2/3)" in chat.text
    await chat.press_prefix("ck:d:missing")  # document 2, now really answered
    await chat.press_prefix("ck:d:unknown")  # document 3
    summary = chat.text
    assert "Giấy tờ đã có (1)" in summary
    assert "Giấy tờ còn thiếu (1)" in summary and "Giấy tờ anh/chị chưa rõ (1)" in summary


async def test_an_old_question_button_gets_already_answered(app: Any) -> None:
    chat = Chat(app.engine, chat_id="old-question")
    await chat.press(f"ck:start:{BIRTH}")
    old = chat.payload("ck:a:online")
    await chat.click("Nộp trực tiếp")
    assert "Ai sẽ đi" in chat.text
    await chat.press(old)  # a stale client still shows the first question
    assert "đã trả lời rồi" in chat.text and "Ai sẽ đi" in chat.text
    await chat.click("Cha hoặc mẹ")
    await chat.click("sinh bình thường")
    await chat.click("Có Giấy chứng sinh")
    texts = []
    while chat.payload("ck:d:have"):
        texts.append(chat.last[-1].text)
        await chat.press_prefix("ck:d:have")
    assert "Giấy tờ tùy thân" in "\n".join(texts)  # in person: the old "online" press was ignored


async def test_back_pressed_twice_goes_back_once(app: Any) -> None:
    chat = Chat(app.engine, chat_id="back-twice")
    await _to_documents(chat)
    await chat.press_prefix("ck:d:have")
    back = chat.payload("ck:back:")
    await chat.press(back)
    assert "(1/3)" in chat.text
    await chat.press(back)
    assert "đã trả lời rồi" in chat.text and "(1/3)" in chat.text


async def test_buttons_of_a_restarted_walkthrough_do_not_answer_the_new_one(app: Any) -> None:
    chat = Chat(app.engine, chat_id="restart-old")
    await chat.press(f"ck:start:{BIRTH}")
    first_run = chat.payload("ck:a:in_person")
    await chat.press(f"ck:start:{BIRTH}")  # "Làm lại từ đầu"
    await chat.press(first_run)
    assert "đã trả lời rồi" in chat.text
    await chat.say("nop truc tiep")  # typed answers always answer the current question
    assert "Ai sẽ đi" in chat.text


def test_bound_payloads_fit_telegram(knowledge: Any) -> None:
    from handlers.checklist.logic import plan_for

    kb, _index = knowledge
    longest = 0
    for proc in kb.procedures:
        plan = plan_for(proc, "?")
        tag = f"q{len(plan.questions)}.ab999" if plan.questions else ""
        for q in plan.questions:
            for option in q.options:
                longest = max(longest, len(f"ck:a:{option.value}:{tag}".encode()))
        longest = max(longest, len(f"ck:d:missing:d{len(plan.documents)}.ab999".encode()))
    assert longest <= 64
