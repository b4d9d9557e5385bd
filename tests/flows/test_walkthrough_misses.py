"""A walkthrough question that is a choice between cases, answered with what fits no case
(issue 12; QA pass 5 found "có", "ok" and "ko rõ" at "chỗ ở nào?" answered with the same
bare "em chưa rõ ý" four times, and "gặp cán bộ" taken as "Nhà của người thân").

Each test is a transcript through the engine.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

BARE = "em chưa rõ ý"


async def _at_residence_question(chat: Chat) -> list[str]:
    await chat.say("chuẩn bị giấy tờ đăng ký thường trú")
    await chat.say("nộp trực tiếp")
    assert "chỗ ở nào" in chat.text, chat.text
    return chat.labels()


@pytest.mark.parametrize("typed", ["có", "co", "ok", "không", "ko"])
async def test_a_yes_or_no_at_a_choice_of_cases_says_a_case_is_needed(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"case-yes-{typed}")
    options = await _at_residence_question(chat)
    await chat.say(typed)
    assert "chọn giúp em một ý" in chat.text and BARE not in chat.text
    assert chat.labels() == options  # the same question, nothing lost
    await chat.say("1")
    assert "Em ghi nhận" in chat.text or chat.payload("ck:d:have"), chat.text


@pytest.mark.parametrize("typed", ["ko rõ", "không biết", "hong biet nua"])
async def test_not_sure_at_a_choice_of_cases_says_how_to_go_on(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"case-unsure-{typed}")
    options = await _at_residence_question(chat)
    await chat.say(typed)
    assert "gần đúng nhất" in chat.text and "gặp cán bộ" in chat.text, chat.text
    assert BARE not in chat.text
    assert chat.labels() == options


async def test_unsure_at_a_document_is_still_its_own_answer(app: Any) -> None:
    chat = Chat(app.engine, chat_id="doc-unsure")
    await _at_residence_question(chat)
    await chat.say("1")
    assert chat.payload("ck:d:have"), chat.text
    await chat.say("ko rõ")
    assert "gần đúng nhất" not in chat.text  # "Không rõ" is offered there: it is pressed


@pytest.mark.parametrize("typed", ["gặp cán bộ", "cho em gap can bo"])
async def test_asking_for_a_person_inside_the_walkthrough_goes_to_the_staff(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"walk-human-{typed}")
    await _at_residence_question(chat)
    await chat.say(typed)
    assert "Em ghi nhận" not in chat.text  # "cán bộ" is no "bố" of "cha mẹ"
    assert "cán bộ" in chat.text and "chỗ ở nào" not in chat.text, chat.text


async def test_talk_to_staff_in_english_reaches_the_staff(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-human", locale="en")
    await chat.say("talk to staff")
    assert "staff" in chat.text and "Sorry, I didn't catch that" not in chat.text, chat.text


@pytest.mark.parametrize(
    ("hour", "wish"),
    [(9, "một ngày tốt lành"), (19, "buổi tối vui vẻ"), (2, "lúc nào cũng được")],
)
async def test_thanks_wishes_what_fits_the_hour(
    app: Any, clock: Any, hour: int, wish: str
) -> None:
    """QA pass 5: "Chúc anh/chị một ngày tốt lành" at two in the morning."""
    clock.current = clock.current.replace(hour=hour)
    chat = Chat(app.engine, chat_id=f"thanks-{hour}")
    await chat.say("cảm ơn em nhiều")
    assert wish in chat.text, chat.text
    assert hour in (5, 9) or "ngày tốt lành" not in chat.text
