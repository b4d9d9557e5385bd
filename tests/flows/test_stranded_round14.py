"""Strandings an independent QA reviewer found (issue #12, round 14), typing only: "có" /
"ok" / "ừa" after a card, a new procedure named inside a walkthrough, "hẹn gặp cán bộ" and
"số điện thoại phường", English booking, a procedure named at the booking's ward or
programme prompt, "sáng" with no day, "9h" at the need step, "giờ tôi cần làm gì" after a
dossier that waits for papers, a reply that fits no option."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from handlers.context import VN_TZ
from tests.support.chat import Chat


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


# 1. "có", "ok", "ừa", "dc", "vâng" after a card: the card's main button ---------------------


@pytest.mark.parametrize("typed", ["có", "ok", "ừa", "dc", "vâng", "dạ vâng", "ok em", "ờ"])
async def test_a_yes_after_a_card_starts_its_papers_walkthrough(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"r14-1-{typed}")
    await chat.say("đăng ký khai sinh")
    assert "📄 Đăng ký khai sinh" in _text(chat), _text(chat)
    assert chat.buttons()[0].payload == "ck:start:1.001193"  # the card's main button
    await chat.say(typed)
    text = _text(chat)
    assert 'kiểm tra giấy tờ cho thủ tục "Đăng ký khai sinh"' in text, text
    assert "trực tiếp" in text and "trực tuyến" in text, text  # its first question


async def test_a_yes_after_con_gi_nua_starts_the_walkthrough_it_offers(app: Any) -> None:
    chat = Chat(app.engine, chat_id="r14-1-more")
    await chat.say("đăng ký tạm trú")
    await chat.say("còn gì nữa không")
    assert "Giấy tờ cần chuẩn bị" in _text(chat)
    await chat.say("có")
    assert 'kiểm tra giấy tờ cho thủ tục "Đăng ký tạm trú"' in _text(chat), _text(chat)


# 9. a reply that fits no option never picks the first one -----------------------------------

BIRTH = "1.001193"


async def _at_who_goes(chat: Chat) -> None:
    await chat.press(f"ck:start:{BIRTH}")
    await chat.say("trực tiếp")
    assert "Ai sẽ đi đăng ký khai sinh" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["co chau a", "có cháu ạ", "dạ có cô", "không con", "ừ cháu"])
async def test_a_bare_yes_no_at_a_who_question_asks_again_with_the_options(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"r14-9-{typed}")
    await _at_who_goes(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Em ghi nhận" not in text and "Trường hợp đặc biệt" not in text, text
    assert "chọn giúp em" in text and "Cha hoặc mẹ của cháu" in chat.labels(), text
    await chat.say("mẹ nó")  # then a real answer goes on
    assert "Trường hợp đặc biệt" in _text(chat), _text(chat)


# 2. a procedure named as the one wanted inside a walkthrough: switched, with a way back -----


async def _at_birth_paper(chat: Chat) -> None:
    await _at_who_goes(chat)
    await chat.say("cha mẹ")
    await chat.say("không, trẻ sinh bình thường")
    assert "Giấy chứng sinh" in _text(chat), _text(chat)


@pytest.mark.parametrize(
    "typed",
    [
        "à nhầm, tôi muốn làm khai tử",
        "nhầm rồi, em cần làm khai tử",
        "lộn rồi, tôi muốn làm giấy khai tử",
    ],
)
async def test_another_procedure_wanted_inside_a_walkthrough_is_its_card(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"r14-2-{typed}")
    await _at_birth_paper(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Em ghi nhận" not in text and "em sửa lại" not in text, text
    assert "📄 Đăng ký khai tử" in text and "vẫn giữ nguyên" in text, text
    assert "ck:resume:" in [b.payload for b in chat.buttons()]
    await chat.say("lệ phí bao nhiêu")  # a follow-up on the new card keeps the way back
    assert "khai tử" in _text(chat) and "ck:resume:" in [b.payload for b in chat.buttons()]
    await chat.say("quay lại")  # typed: back at the same question, nothing asked again
    text = _text(chat)
    assert 'kiểm tra tiếp giấy tờ "Đăng ký khai sinh"' in text, text
    assert "Giấy chứng sinh" in text and "Ai sẽ đi" not in text, text
    await chat.say("có giấy chứng sinh")
    assert "Em ghi nhận" in _text(chat) or "(1/" in _text(chat), _text(chat)


async def test_another_procedure_wanted_at_a_paper_is_its_card(app: Any) -> None:
    chat = Chat(app.engine, chat_id="r14-2-doc")
    await _at_birth_paper(chat)
    await chat.say("có giấy chứng sinh")
    assert "(1/" in _text(chat), _text(chat)
    await chat.say("thôi tôi muốn làm đăng ký kết hôn")
    assert "📄 Đăng ký kết hôn" in _text(chat), _text(chat)
    await chat.click("Tiếp tục kiểm tra giấy tờ")
    assert "(1/" in _text(chat), _text(chat)


async def test_nham_correcting_an_answer_still_corrects_it(app: Any) -> None:
    chat = Chat(app.engine, chat_id="r14-2-correct")
    await _at_who_goes(chat)
    await chat.say("ông bà")
    assert "Trường hợp đặc biệt" in _text(chat)
    await chat.say("à nhầm, mẹ cháu đi")
    text = _text(chat)
    assert "em sửa lại: Cha hoặc mẹ của cháu" in text and "📄" not in text, text


# 3. "hẹn gặp cán bộ" books; the office's contact typed as a ticket's question is answered ----


@pytest.mark.parametrize(
    "typed", ["cho tôi hẹn gặp cán bộ", "hẹn gặp cán bộ", "tôi muốn lấy lịch hẹn", "xin hẹn"]
)
async def test_hen_gap_can_bo_opens_the_booking_not_the_handoff(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"r14-3-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "xã/phường nào" in text and "cán bộ đang" not in text, text
    await chat.say("phường Cao Lãnh")
    assert "bk:prog:" in " ".join(b.payload for b in chat.buttons()), _text(chat)


OUT_OF_HOURS = dt.datetime(2026, 12, 4, 19, 30, tzinfo=VN_TZ)  # a Friday evening


@pytest.mark.parametrize(
    "typed", ["số điện thoại phường", "sđt phường", "giờ làm việc của phường"]
)
async def test_the_offices_contact_asked_as_a_tickets_question_is_answered(
    app: Any, clock: Any, typed: str
) -> None:
    clock.current = OUT_OF_HOURS
    chat = Chat(app.engine, chat_id=f"r14-3c-{typed}")
    await chat.say("gặp cán bộ")
    assert "phiếu hỏi" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "HT-" not in text and "chưa ghi thành phiếu" in text, text
    assert "xã/phường nào" in text, text  # the ward asked once, then its contact
    await chat.say("phường Cao Lãnh")
    text = _text(chat)
    assert "Bộ phận Một cửa phường Cao Lãnh" in text and "HT-" not in text, text
    async with app.uow() as uow:
        assert await uow.repos.handoffs.active_for_chat("test", chat.chat_id) is None


async def test_a_booking_asked_as_a_tickets_question_books(app: Any, clock: Any) -> None:
    clock.current = OUT_OF_HOURS
    chat = Chat(app.engine, chat_id="r14-3b")
    await chat.say("gặp cán bộ")
    await chat.say("cho tôi hẹn lịch")
    text = _text(chat)
    assert "HT-" not in text and "xã/phường nào" in text, text


async def test_a_real_question_out_of_hours_is_still_the_ticket(app: Any, clock: Any) -> None:
    clock.current = OUT_OF_HOURS
    chat = Chat(app.engine, chat_id="r14-3q")
    await chat.say("gặp cán bộ")
    await chat.say("sổ đỏ nhà tôi bị ghi sai tên thì làm sao")
    assert "HT-" in _text(chat), _text(chat)


# 6. "sáng" with no day at the day list asks which day, among those with a morning time ----

P3 = "phuong3_ngay_khong_viet"  # Tuesdays, mornings and afternoons


async def _bookings(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return list(await uow.repos.bookings.list())


@pytest.mark.parametrize("typed", ["sáng", "buổi sáng", "sang", "buổi chiều", "in the morning"])
async def test_a_part_of_the_day_alone_asks_which_day(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"r14-6-{typed}")
    await chat.press(f"bk:prog:{P3}")
    assert chat.payload("bk:day:2026-12-08"), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "chọn giúp em ngày nào" in text, text
    assert not chat.payload("bk:slot:") and chat.payload("bk:day:2026-12-08"), text
    await chat.say("15/12")  # the day chosen: that part's times, one proposed
    slots = [b.payload for b in chat.buttons() if b.payload.startswith("bk:slot:2026-12-15_")]
    morning = "chiều" not in typed
    assert slots and all((p[-5:] < "12:00") is morning for p in slots), _text(chat)
    assert await _bookings(app) == []


# 7. "9h" at the need step is the time wish, never the need -----------------------------------


async def _at_need(chat: Chat) -> None:
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.say("7h30")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912345678")
    assert chat.payload("bk:need:"), _text(chat)


@pytest.mark.parametrize(("typed", "start"), [("9h", "09:00"), ("lúc 9 giờ", "09:00")])
async def test_a_time_at_the_need_step_is_the_time_wish_not_the_need(
    app: Any, typed: str, start: str
) -> None:
    chat = Chat(app.engine, chat_id=f"r14-7-{typed}")
    await _at_need(chat)
    await chat.say(typed)
    text = _text(chat)
    assert f"đổi giờ hẹn sang {start}" in text and chat.payload("bk:need:"), text
    await chat.click("Bỏ qua")
    text = _text(chat)
    assert f"{start}-" in text and "Việc cần hỗ trợ" not in text, text  # no "9h" as the need
    await chat.say("ok")
    [booking] = await _bookings(app)
    assert booking.slot_start == start and not booking.need


async def test_the_same_time_at_the_need_step_asks_the_need_again(app: Any) -> None:
    chat = Chat(app.engine, chat_id="r14-7-same")
    await _at_need(chat)
    await chat.say("7h30")
    text = _text(chat)
    assert "đã là 07:30" in text and chat.payload("bk:need:"), text


# 8. "giờ tôi cần làm gì" after a dossier's card: what its status asks, about that dossier ---


@pytest.mark.parametrize(
    ("code", "digits", "said"),
    [
        ("000.00.14.H20-200703-0003", "5678", "nộp giấy tờ bổ sung tại"),  # Chờ bổ sung
        ("000.00.14.H20-200703-0004", "2468", "nhận kết quả"),  # Đã có kết quả
        ("000.00.14.H20-200703-0002", "1234", "Gặp cán bộ"),  # Đang xử lý: whom to ask
    ],
)
@pytest.mark.parametrize(
    "typed", ["giờ tôi cần làm gì", "vậy phải làm gì tiếp", "gio toi can lam gi"]
)
async def test_what_to_do_now_after_a_dossier_is_about_that_dossier(
    app: Any, code: str, digits: str, said: str, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"r14-8-{code[-4:]}-{typed}")
    await chat.say(code)
    await chat.say(digits)
    assert "Tình trạng" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat) + " ".join(chat.labels())
    assert "chưa hỗ trợ được" not in text and said.lower() in text.lower(), text


# 5. a procedure named at the booking's ward or programme question is the booking's need ----


@pytest.mark.parametrize("typed", ["làm khai sinh", "dang ky khai sinh"])
async def test_a_procedure_at_the_ward_question_is_kept_as_the_need(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"r14-5-ward-{typed}")
    await chat.say("đặt lịch hỗ trợ")
    assert "xã/phường nào" in _text(chat), _text(chat)
    for _ in range(2):  # typed again: the same polite answer, never a card or a refusal
        await chat.say(typed)
        text = _text(chat)
        assert 'cần hỗ trợ thủ tục "Đăng ký khai sinh"' in text and "xã/phường nào" in text, text
        assert not chat.payload("ck:start:"), text
    await chat.say("phường cao lãnh")
    assert 'hỗ trợ thủ tục "Đăng ký khai sinh"' in _text(chat), _text(chat)
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.say("8h")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912345678")
    assert "Việc cần hỗ trợ: Đăng ký khai sinh" in _text(chat), _text(chat)  # never asked


async def test_a_procedure_at_the_programme_list_is_kept_as_the_need(app: Any) -> None:
    chat = Chat(app.engine, chat_id="r14-5-prog")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("phường cao lãnh")
    programmes = [b.payload for b in chat.buttons() if b.payload.startswith("bk:prog:")]
    await chat.say("làm khai sinh")
    text = _text(chat)
    assert 'cần hỗ trợ thủ tục "Đăng ký khai sinh"' in text, text
    offered = [b.payload for b in chat.buttons()]
    assert offered[: len(programmes)] == programmes, offered  # the same numbers as before
    assert "sr:card:1.001193" in offered, offered  # its card one tap away
    await chat.say("2")  # the second programme, as numbered before
    await chat.press("bk:day:2026-12-08")
    await chat.say("8h")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912345678")
    assert "Việc cần hỗ trợ: Đăng ký khai sinh" in _text(chat), _text(chat)
