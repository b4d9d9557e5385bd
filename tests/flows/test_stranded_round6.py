"""Conversations the fourth citizen QA pass still found stranded (issue 12, round 6):
follow-ups the card's data can answer (someone filing for me, office hours, a late-filing
penalty asked at the ward question) and walkthrough answers in the citizen's own words.

Each test is a transcript through the engine; new wording, not the QA scripts' own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from handlers.context import VN_TZ
from tests.support.chat import Chat

FALLBACK = "câu hỏi này em chưa hỗ trợ được"
NO_INFO = "chưa có thông tin chính thức để trả lời câu này"
MARRIAGE, DEATH, RE_BIRTH = "1.000894", "1.000656", "1.004884"


async def _card(chat: Chat, question: str, code: str) -> None:
    await chat.say(question)
    assert chat.payload(f"ck:start:{code}"), chat.text


@pytest.mark.parametrize(
    ("question", "code", "follow_up", "expected"),
    [
        # the card's own words on being present: both spouses sign the register
        ("thủ tục đăng ký kết hôn", MARRIAGE, "vợ sắp cưới nhờ em nộp dùm được không",
         "cùng có mặt"),
        # a power of attorney among the papers: what it needs
        ("đăng ký khai tử cho bố", DEATH, "con cháu đi làm thay được không",
         "Văn bản ủy quyền"),
        ("dang ky khai tu", DEATH, "uy quyen cho nguoi khac duoc ko", "chứng thực chữ ký"),
    ],
)  # fmt: skip
async def test_someone_else_filing_is_answered_from_the_card(
    app: Any, question: str, code: str, follow_up: str, expected: str
) -> None:
    chat = Chat(app.engine, chat_id=f"proxy-{follow_up}")
    await _card(chat, question, code)
    await chat.say(follow_up)
    assert FALLBACK not in chat.text and NO_INFO not in chat.text
    assert expected in chat.text
    assert chat.payload(f"ck:start:{code}")  # still about that procedure


@pytest.mark.parametrize(
    "follow_up", ["chủ nhật có nhận hồ sơ không", "may gio thi mo cua vay", "trưa có làm không"]
)
async def test_office_hours_after_a_card_come_from_the_office_data(
    app: Any, follow_up: str
) -> None:
    chat = Chat(app.engine, chat_id=f"hours-{follow_up}")
    await _card(chat, "thủ tục đăng ký kết hôn", MARRIAGE)
    await chat.say(follow_up)
    offices = app.services.kb.offices
    assert offices["ubnd_xa"].hours in chat.text  # the hours the data gives, as given
    assert chat.payload(f"ck:start:{MARRIAGE}")


async def test_saturday_is_answered_with_the_province_saturday_mornings(app: Any) -> None:
    # Đồng Tháp wards take some procedures on Saturday mornings (QĐ 3325/QĐ-UBND): the
    # answer must not say the office works only Monday to Friday, nor promise a procedure
    chat = Chat(app.engine, chat_id="hours-saturday")
    await _card(chat, "dang ky ket hon", MARRIAGE)
    await chat.say("thu bay co lam khong")
    assert "sáng thứ Bảy" in chat.text and "3325/QĐ-UBND" in chat.text
    assert "hỏi trước" in chat.text
    assert chat.payload(f"ck:start:{MARRIAGE}")


@pytest.mark.parametrize(
    "typed", ["thu bay co lam khong", "mấy giờ mở cửa", "chủ nhật có làm không"]
)
async def test_office_hours_without_a_procedure_get_the_hours(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"hours-alone-{typed}")
    await chat.say(typed)
    assert FALLBACK not in chat.text  # no "câu hỏi này em chưa hỗ trợ được"
    assert app.services.kb.offices["ubnd_xa"].hours in chat.text
    assert chat.payload("ho:start:") is not None  # and a person one tap away


async def test_office_hours_asked_in_english_get_the_hours_in_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="hours-en", locale="en")
    await chat.say("is the office open on saturday")
    assert chat.text.startswith("The one-stop shop's working hours are below")
    hours = app.services.kb.offices["ubnd_xa"].hours  # its phrases in English (round 8)
    assert "7:00-11:30" in hours and "7:00-11:30" in chat.text
    assert "Monday to Friday" in chat.text and "thứ Hai" not in chat.text


async def test_a_long_penalty_question_at_the_ward_question_keeps_the_card(app: Any) -> None:
    chat = Chat(app.engine, chat_id="late-death")
    await _card(chat, "đăng ký khai tử cho bà nội", DEATH)
    await chat.say("làm ở chỗ nào vậy")
    assert "xã/phường nào" in chat.text  # the ward question is open
    await chat.say("bà mất hơn hai tháng rồi giờ mới đi đăng ký thì có bị phạt tiền không")
    assert "Thủ tục" not in chat.text.split("\n")[0] or "khai tử" in chat.text
    assert "quá hạn" in chat.text  # the late-filing fee the card has, never a made-up fine
    assert "không nói mức phạt" in chat.text  # and plainly no fine amount
    assert chat.payload(f"ck:start:{DEATH}")


async def test_no_knowledge_on_someone_else_filing_says_so_with_the_page(app: Any) -> None:
    chat = Chat(app.engine, chat_id="proxy-none")
    await _card(chat, "xin ban sao giay khai sinh", "2.000635")
    await chat.say("nhờ người nhà đi lấy giùm được không")
    assert FALLBACK not in chat.text
    assert ("ủy quyền" in chat.text) and ("dichvucong.gov.vn" in chat.text)


async def _to_question(chat: Chat, start: str, asked: str, answers: tuple[str, ...]) -> None:
    await chat.say(start)
    for answer in answers:
        await chat.say(answer)
    assert asked in chat.text, chat.text


async def test_a_residence_answer_in_own_words_is_taken(app: Any) -> None:
    chat = Chat(app.engine, chat_id="own-words-home")
    await _to_question(
        chat, "chuẩn bị giấy tờ nhập hộ khẩu về nhà chồng", "chỗ ở nào", ("nộp trực tiếp",)
    )
    await chat.say("về ở nhà của má chồng")
    assert "Em ghi nhận: Nhà của người thân" in chat.text
    assert "📄" not in chat.text  # no new search: the walkthrough goes on
    assert chat.payload("ck:d:have")


async def test_a_birth_certificate_answer_in_own_words_is_taken(app: Any) -> None:
    chat = Chat(app.engine, chat_id="own-words-witness")
    await _to_question(
        chat,
        "chuan bi giay to khai sinh cho con",
        "Giấy chứng sinh",
        ("truc tiep", "me", "sinh binh thuong"),
    )
    await chat.say("sinh ở nhà nên không có giấy, có bà mụ làm chứng")
    assert "Em ghi nhận: Không có, nhưng có người làm chứng" in chat.text
    texts = []
    while chat.payload("ck:d:have"):
        texts.append(chat.text)
        await chat.press_prefix("ck:d:have")
    assert any("làm chứng" in t for t in texts)  # the witness's statement is asked for


async def test_a_birth_certificate_said_had_is_not_asked_again(app: Any) -> None:
    chat = Chat(app.engine, chat_id="own-words-cert")
    await _to_question(
        chat,
        "chuan bi giay to khai sinh cho con",
        "Giấy chứng sinh",
        ("truc tiep", "me", "sinh binh thuong"),
    )
    await chat.say("có giấy chứng sinh bệnh viện cấp rồi")
    asked = []
    while chat.payload("ck:d:have"):
        asked.append(chat.text)
        await chat.press_prefix("ck:d:have")
    assert asked and not any('"Giấy chứng sinh"' in t for t in asked)
    assert "✅ Giấy chứng sinh" in chat.text  # listed as had in the summary


async def _handoffs(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return list(await uow.repos.handoffs.recent(None, 50, 0))


async def test_done_while_a_ticket_waits_withdraws_it_and_says_so(app: Any, clock: Any) -> None:
    clock.current = dt.datetime(2026, 12, 5, 20, 0, tzinfo=VN_TZ)  # Saturday evening
    chat = Chat(app.engine, chat_id="done-ticket")
    await chat.say("cho tôi nói chuyện với cán bộ")
    await chat.say("hỏi giúp tôi chuyện tranh chấp ranh giới đất với nhà bên")
    [ticket] = await _handoffs(app)
    assert ticket.code in chat.text
    await chat.say("thôi em không cần nữa nha")
    assert "chưa rõ ý" not in chat.text and "Thủ tục" not in chat.text
    assert f"rút phiếu hỏi {ticket.code}" in chat.text
    [after] = await _handoffs(app)
    assert after.status == "closed"
    await chat.say(ticket.code)  # the ticket shown again says it is closed
    assert ticket.code in chat.text


@pytest.mark.parametrize(
    "typed", ["thôi cảm ơn em nhiều", "thoi khong can nua", "thôi bác chào con"]
)
async def test_done_inside_a_walkthrough_closes_politely(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"done-walk-{typed}")
    await chat.say("chuẩn bị giấy tờ đăng ký kết hôn")
    assert chat.payload("ck:a:")  # a walkthrough question is open
    await chat.say(typed)
    assert "chưa rõ ý" not in chat.text and "📄" not in chat.text
    assert "em dừng ở đây" in chat.text
    assert not chat.payload("ck:")  # the walkthrough is over
    assert await _handoffs(app) == []  # no ticket was made


async def test_done_with_an_answered_ticket_keeps_it(app: Any, clock: Any) -> None:
    from bot.staff import handoffs as staff

    clock.current = dt.datetime(2026, 12, 5, 20, 0, tzinfo=VN_TZ)
    chat = Chat(app.engine, chat_id="done-answered")
    await chat.say("gặp cán bộ hỏi chuyện đất đai nhà tôi")
    [ticket] = await _handoffs(app)
    await staff.reply(app, ticket.code, "Anh/chị mang sổ đỏ lên xã nhé.", "Lan")
    await chat.say("thôi cảm ơn")
    assert "rút phiếu" not in chat.text  # answered already: nothing to withdraw


DOSSIER = "000.00.14.H20-200703-0002"  # demo: phone 0900001234


@pytest.mark.parametrize(
    "typed",
    [
        "có kết quả thì báo cho bà với nhé",
        "nhắn tin cho tôi khi xong",
        "theo doi giup em ho so nay",
        "nhắn cho bác khi có thay đổi nha",  # QA pass 5 (q29): no "báo", no "tin"
        "khi co thay doi thi nhan em nha",
    ],
)
async def test_asking_to_be_told_after_a_status_answer_subscribes(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"notify-{typed}")
    await chat.say(f"tra cứu {DOSSIER}")
    await chat.say("1234")
    assert f"Hồ sơ {DOSSIER}" in chat.text
    await chat.say(typed)
    assert DOSSIER in chat.text and "thủ tục nào" not in chat.text
    async with app.uow() as uow:
        assert await uow.repos.dossiers.is_subscribed(DOSSIER, chat.channel, chat.chat_id)


@pytest.mark.parametrize("typed", ["có kết quả thì nhận ở đâu", "khi co ket qua thi lay o dau"])
async def test_asking_where_the_result_is_collected_does_not_subscribe(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"no-notify-{typed}")
    await chat.say(f"tra cứu {DOSSIER}")
    await chat.say("1234")
    await chat.say(typed)
    async with app.uow() as uow:
        assert not await uow.repos.dossiers.is_subscribed(DOSSIER, chat.channel, chat.chat_id)
