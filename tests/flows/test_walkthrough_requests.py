"""A typed request to prepare or check the papers of a procedure starts its walkthrough
(issue 12, round 5), and inside the walkthrough "để hỏi lại" and "làm lại từ đầu" work.

Wordings differ from the reviewer's: with and without diacritics, words between the verb
and "giấy tờ", the procedure before or after.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

INTRO = "Em sẽ cùng anh/chị kiểm tra giấy tờ cho thủ tục"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("em cần chuẩn bị giấy tờ làm khai sinh cho bé", "Đăng ký khai sinh"),
        ("kiem tra giup em giay to dang ky ket hon", "Đăng ký kết hôn"),
        ("đi làm căn cước thì phải mang những gì ạ", "Cấp thẻ Căn cước"),
        ("soạn giùm tôi hồ sơ đăng ký tạm trú", "Đăng ký tạm trú"),
        ("lam khai tu can chuan bi gi", "Đăng ký khai tử"),
        ("toi can kiem tra giay to truoc khi di lam can cuoc", "Cấp thẻ Căn cước"),
        ("kiểm tra xem em đủ giấy tờ kết hôn chưa", "Đăng ký kết hôn"),
        ("mang những giấy tờ gì khi đi đăng ký tạm trú", "Đăng ký tạm trú"),
        ("bà muốn làm giấy khai sinh cho cháu thì chuẩn bị những gì", "Đăng ký khai sinh"),
    ],
)
async def test_a_prepare_request_naming_the_procedure_starts_its_walkthrough(
    app: Any, typed: str, name: str
) -> None:
    chat = Chat(app.engine, chat_id=f"walk-{typed[:12]}")
    await chat.say(typed)
    assert f'{INTRO} "{name}"' in chat.text, chat.text
    assert chat.payload("ck:a:") or chat.payload("ck:d:"), chat.labels()  # asked, not a card
    assert "Chi tiết lệ phí" not in chat.labels()


async def test_a_plain_documents_question_keeps_the_card(app: Any) -> None:
    """ "X cần giấy tờ gì" asks about X: its papers under its name (round 12, item 1), the
    walkthrough and the card one tap away."""
    chat = Chat(app.engine, chat_id="walk-card")
    await chat.say("đăng ký kết hôn cần giấy tờ gì")
    assert chat.text.startswith("📄 Đăng ký kết hôn")
    assert "Giấy tờ cần chuẩn bị" in chat.labels()


async def test_a_did_you_mean_choice_leads_into_the_walkthrough(app: Any) -> None:
    chat = Chat(app.engine, chat_id="walk-choice")
    await chat.say("chuan bi giay to dang ky")
    assert "chuẩn bị giấy tờ cho thủ tục nào" in chat.text, chat.text
    names = [label for label in chat.labels() if label.startswith("Đăng ký")]
    assert names, chat.labels()
    await chat.say(names[0].lower())  # typed, not pressed
    assert f'{INTRO} "{names[0]}"' in chat.text, chat.text


async def test_a_numbered_choice_leads_into_the_walkthrough(app: Any) -> None:
    chat = Chat(app.engine, chat_id="walk-number")
    await chat.say("chuẩn bị giấy tờ xác nhận")
    first = chat.labels()[0]
    await chat.say("1")
    assert f'{INTRO} "{first}"' in chat.text, chat.text


async def _to_documents(chat: Chat) -> None:
    await chat.say("chuẩn bị giấy tờ khai sinh")
    while chat.payload("ck:a:"):
        await chat.say("1")
    assert chat.payload("ck:d:unknown:"), chat.labels()


@pytest.mark.parametrize(
    "typed", ["để hỏi lại", "de em hoi lai nguoi nha da", "để tôi hỏi lại sau"]
)
async def test_ask_and_come_back_at_a_document_marks_it_unknown(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"later-{typed[:8]}")
    await _to_documents(chat)
    first = chat.last[-1].text
    await chat.say(typed)
    assert "kiểm tra lại" in chat.text and chat.last[-1].text != first, chat.text
    while chat.payload("ck:d:have:"):
        await chat.say("đã có")
    assert "chưa rõ (1)" in chat.text, chat.text  # listed under what to find out


async def test_ask_and_come_back_at_a_question_keeps_it_for_later(app: Any) -> None:
    """A deciding question the citizen must ask about is kept for later: the walkthrough
    goes on, the summary says what is still open, and one button asks it then."""
    chat = Chat(app.engine, chat_id="later-q")
    await chat.say("chuẩn bị giấy tờ khai sinh")
    await chat.say("1")
    asked = chat.labels()
    await chat.say("để em hỏi lại đã")
    assert "để câu này lại" in chat.text and "chưa rõ ý" not in chat.text, chat.text
    assert chat.labels() != asked  # on to the next question or paper
    while chat.payload("ck:a:") or chat.payload("ck:d:have:"):
        await chat.say("1")
    assert "Câu còn để hỏi lại" in chat.text, chat.text
    await chat.click("Trả lời câu còn để lại")
    assert chat.labels() == asked, chat.labels()  # the question kept, asked now
    await chat.say("1")  # answered now: the walkthrough goes on to the end
    while chat.payload("ck:a:") or chat.payload("ck:d:have:"):
        await chat.say("1")
    assert "Tóm tắt" in chat.text and "Câu còn để hỏi lại" not in chat.text, chat.text


@pytest.mark.parametrize("typed", ["làm lại từ đầu nhé", "lam lai tu dau", "bắt đầu lại giúp em"])
async def test_restart_inside_the_walkthrough_and_after_it(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"restart-{typed[:8]}")
    await _to_documents(chat)
    await chat.say(typed)
    assert f'{INTRO} "Đăng ký khai sinh"' in chat.text, chat.text
    await _to_documents(chat)
    while chat.payload("ck:d:have:"):
        await chat.say("có")
    assert "Tóm tắt" in chat.text
    await chat.say(typed)
    assert f'{INTRO} "Đăng ký khai sinh"' in chat.text, chat.text


@pytest.mark.parametrize(
    "typed",
    [
        "đã chuẩn bị giấy tờ kết hôn rồi thì nộp ở đâu",  # done already: asks where
        "chuẩn bị hồ sơ kết hôn mất bao lâu",  # asks the time
        "làm căn cước cần mang theo giấy khai sinh không",  # a yes/no about one paper
    ],
)
async def test_other_questions_with_prepare_words_are_not_walkthroughs(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"nowalk-{typed[:10]}")
    await chat.say(typed)
    assert INTRO not in chat.text, chat.text


async def test_a_reply_that_fits_no_option_keeps_the_walkthrough(app) -> None:
    """'chua co' at "who goes to register" used to leave the walkthrough for the greeting
    (the search answered it with the land certificate); it is "not understood" and the
    question stays."""
    chat = Chat(app.engine, chat_id="reply-no-option")
    await chat.say("chuan bi giay to dang ky khai sinh cho con")
    await chat.say("truc tiep")
    asked = chat.text
    await chat.say("chua co")
    assert "Xin chào" not in chat.text
    assert "chọn giúp em một ý" in chat.text  # a "no" fits none: a case is asked
    await chat.say("1")  # the question is still open: its first option is taken
    assert chat.text != asked and "Xin chào" not in chat.text
