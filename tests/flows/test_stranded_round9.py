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


async def test_by_when_to_file_is_the_duty_never_the_processing_time(app) -> None:
    chat = Chat(app.engine, chat_id="deadline-death")
    await chat.press("sr:card:1.000656")
    await chat.say("trong bao lâu phải đi khai")
    text = _text(chat)
    assert "15 ngày kể từ ngày mất" in text
    assert "Thời hạn giải quyết" not in text
    birth = Chat(app.engine, chat_id="deadline-birth")
    await birth.press("sr:card:1.001193")
    await birth.say("han chot dang ky la bao lau")
    assert "60 ngày kể từ ngày sinh" in _text(birth)


async def test_a_filing_deadline_the_data_does_not_state_is_said_plainly(app) -> None:
    chat = Chat(app.engine, chat_id="deadline-none")
    await chat.press("sr:card:1.004873")  # single-status certificate: no duty to file by a date
    await chat.say("phải làm trong bao lâu")
    text = _text(chat)
    assert "chưa có thông tin chính thức về thời hạn phải đi làm thủ tục" in text
    assert "dichvucong.gov.vn" in text


@pytest.mark.parametrize("asked", ["giờ phải làm sao", "vay phai lam gi bay gio"])
async def test_what_to_do_after_a_dossier_card_is_whom_to_ask(app, asked) -> None:
    code = "000.00.14.H20-200703-0005"
    chat = Chat(app.engine, chat_id=f"what-now-{asked}")
    await chat.say(code)
    await chat.say("1357")
    await chat.say(asked)
    text = _text(chat)
    assert f"Hồ sơ {code}" in text and "Bộ phận Một cửa" in text
    assert "Gặp cán bộ" in chat.labels()
    assert "chưa hỗ trợ được" not in text and "thủ tục nào" not in text


@pytest.mark.parametrize("typed", ["con cai tam tru thi sao", "còn tạm trú thì sao"])
async def test_the_other_need_named_after_the_card_opens_its_card(app, typed) -> None:
    chat = Chat(app.engine, chat_id=f"other-need-{typed}")
    await chat.say("lam cccd cho con 14 tuoi va dang ky tam tru luon thi can gi")
    assert any("tạm trú" in label for label in chat.labels())  # offered as a second need
    await chat.say(typed)
    assert chat.last[0].text.startswith("📄 Đăng ký tạm trú")


async def test_a_paper_of_the_card_asked_the_same_way_stays_on_the_card(app) -> None:
    chat = Chat(app.engine, chat_id="other-need-paper")
    await chat.say("lam cccd cho con 14 tuoi va dang ky tam tru luon thi can gi")
    await chat.say("con cai to khai thi sao")
    assert not chat.last[0].text.startswith("📄 Đăng ký tạm trú")


async def _to_a_paper_offering_not_mine(chat: Chat, code: str) -> None:
    """Press the first option of every question until a paper offers "not my case"."""
    from handlers.checklist.logic import NOT_MINE

    await chat.press(f"ck:start:{code}")
    for _ in range(30):
        if any(b.payload.startswith(f"ck:d:{NOT_MINE}:") for b in chat.buttons()):
            return
        options = [b.payload for b in chat.buttons() if b.payload.startswith(("ck:a:", "ck:d:"))]
        assert options, _text(chat)
        await chat.press(options[0])
    raise AssertionError("no paper offered 'Không thuộc trường hợp của tôi'")


@pytest.mark.parametrize("typed", ["chắc ko cần đâu", "cai nay khong can", "không áp dụng"])
async def test_not_needed_at_a_paper_offering_not_my_case_is_not_my_case(app, typed) -> None:
    chat = Chat(app.engine, chat_id=f"not-needed-{typed}")
    await _to_a_paper_offering_not_mine(chat, "1.004873")
    await chat.say(typed)
    assert "chưa rõ ý" not in _text(chat)
    while not any("Tóm tắt hồ sơ" in r.text for r in chat.last):  # to the summary
        await chat.press(next(b.payload for b in chat.buttons() if b.payload.startswith("ck:d:")))
    summary = _text(chat)
    assert "Không thuộc trường hợp của anh/chị" in summary
