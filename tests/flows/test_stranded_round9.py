"""Strandings of citizen QA pass 7 fixed after its "after" run (so not re-measured by it):
the office's hours asked with no procedure named, and a walkthrough put off till tomorrow."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


@pytest.mark.parametrize(
    "question",
    ["gio lam viec", "mấy giờ làm việc", "ubnd phuong lam viec may gio", "thu 7 co lam ko"],
)
async def test_the_offices_hours_asked_alone_get_the_hours_never_a_card(app, question) -> None:
    chat = Chat(app.engine, chat_id=f"hours-{question}")
    await chat.say(question)
    text = _text(chat)
    assert "giờ làm việc của Bộ phận Một cửa" in text
    assert "thứ Bảy" in text  # the Saturday rule is part of the hours
    assert not any(b.payload.startswith("sr:fees:") for b in chat.buttons())  # no card


async def test_hours_with_a_procedure_named_keep_its_card(app) -> None:
    chat = Chat(app.engine, chat_id="hours-with-procedure")
    await chat.say("giờ làm việc khai sinh")
    assert chat.last[0].text.startswith("📄 Đăng ký khai sinh")


@pytest.mark.parametrize(
    "words", ["thôi để mai em tính tiếp", "thoi de mai tinh tiep", "thôi hôm khác làm"]
)
async def test_putting_the_walkthrough_off_till_later_stops_it(app, words) -> None:
    chat = Chat(app.engine, chat_id=f"later-{words}")
    await chat.press("ck:start:1.000656")
    assert any(b.payload.startswith("ck:") for b in chat.buttons())
    await chat.say(words)
    assert "dừng" in _text(chat)
    assert not any(b.payload.startswith("ck:") for b in chat.buttons())
    assert "chưa rõ ý" not in _text(chat)
