"""A citizen types a new, short question while the walkthrough waits for an answer."""

from __future__ import annotations

from typing import Any

from tests.support.chat import Chat


async def test_another_procedure_typed_mid_question_opens_its_card(app: Any) -> None:
    chat = Chat(app.engine, chat_id="switch-q")
    await chat.press("ck:start:1.013978")  # sổ đỏ lần đầu: a deciding question comes first
    assert any(b.payload.startswith("ck:a:") for b in chat.buttons())
    await chat.say("lam giay khai sinh can gi")  # 25 characters, clearly another topic
    assert "📄 Đăng ký khai sinh" in chat.text
    assert "chưa rõ ý" not in chat.text


async def test_status_question_typed_mid_document_leaves_the_walkthrough(app: Any) -> None:
    chat = Chat(app.engine, chat_id="switch-d")
    await chat.press("ck:start:1.001193")
    for _ in range(6):  # answer the deciding questions with their first option
        payloads = [b.payload for b in chat.buttons() if b.payload.startswith("ck:a:")]
        if not payloads:
            break
        await chat.press(payloads[0])
    assert chat.payload("ck:d:have")
    await chat.say("tra cứu hồ sơ")
    assert "mã hồ sơ" in chat.text


async def test_same_procedure_or_unclear_text_keeps_the_walkthrough(app: Any) -> None:
    chat = Chat(app.engine, chat_id="switch-same")
    await chat.press("ck:start:1.001193")
    await chat.say("khai sinh")  # the procedure being prepared: not a reason to leave
    assert any(b.payload.startswith("ck:a:") for b in chat.buttons())
    await chat.say("hmm")
    assert any(b.payload.startswith("ck:a:") for b in chat.buttons())
