"""Conversations the citizen QA pass found stranded after round 1 (issue 12, round 2):
loose follow-ups, follow-ups at "Ý anh/chị là…", labels that share words, "rồi" to
"đã … chưa?", main-menu labels typed, a lost receipt, a whole phone number, two needs.

Each test is a transcript through the engine; the QA script it comes from is named.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

FALLBACK = "câu hỏi này em chưa hỗ trợ được"
BIRTH, DEATH, COPY = "1.001193", "1.000656", "2.000815"
SUPPLEMENT = "000.00.14.H20-200703-0003"  # demo: phone ...5678
READY = "000.00.14.H20-200703-0004"  # demo: Đã có kết quả, phone ...2468


async def _card(chat: Chat, question: str) -> None:
    await chat.say(question)
    assert chat.payload("ck:start:"), chat.text  # the card, with its buttons


@pytest.mark.parametrize(
    ("question", "follow_up", "expected"),
    [
        ("lam giay khai snh cho be", "le fi bao nhieu", "Phí, lệ phí: Đăng ký khai sinh"),  # c13
        ("lam giay khai snh cho be", "lau ko", "Thời hạn giải quyết"),  # c13
        ("xin ban sao giay khai sinh", "lay lien trong ngay dc ko", "Trong ngày"),  # c15
        ("mất sổ đỏ rồi thì làm lại thế nào", "có phải đăng báo không", "15 ngày"),  # c14
    ],
)
async def test_loose_follow_up_after_a_card_answers_from_that_card(
    app: Any, question: str, follow_up: str, expected: str
) -> None:
    chat = Chat(app.engine, chat_id=f"loose-{follow_up}")
    await _card(chat, question)
    await chat.say(follow_up)
    assert FALLBACK not in chat.text
    assert expected in chat.text


async def test_a_question_the_card_cannot_answer_says_so_and_keeps_the_card(app: Any) -> None:
    chat = Chat(app.engine, chat_id="no-part")
    await _card(chat, "lam giay khai snh cho be")
    await chat.say("cán bộ có khó tính không")
    assert FALLBACK not in chat.text
    assert "chưa có thông tin chính thức" in chat.text and "Đăng ký khai sinh" in chat.text
    assert "dichvucong.gov.vn" in chat.text
    assert chat.payload(f"ck:start:{BIRTH}")  # still about that procedure


async def test_follow_up_at_did_you_mean_answers_for_the_top_candidate(app: Any) -> None:
    """c10, c18: a follow-up instead of a pick names the procedure it answers for."""
    chat = Chat(app.engine, chat_id="suggest")
    await chat.say("làm giấy cho đất ba má để lại")  # inheritance? registration?
    assert "ý anh/chị là" in chat.text
    top = chat.labels()[0].rstrip("…").strip()
    await chat.say("lệ phí nhiêu vậy")
    assert FALLBACK not in chat.text
    assert "thủ tục gần nhất" in chat.text and top in chat.text
    assert "Phí, lệ phí" in chat.text
    await chat.say("làm ở đâu vậy em")
    assert "Nơi nộp" in chat.text


async def _walk_to(chat: Chat, code: str) -> None:
    await chat.press(f"ck:start:{code}")
    await chat.say("truc tiep")  # the first question of these walkthroughs: where to file


async def _summary(chat: Chat) -> str:
    while chat.payload("ck:a:") or chat.payload("ck:d:have"):
        await chat.press_prefix("ck:a:" if chat.payload("ck:a:") else "ck:d:have")
    return chat.text


@pytest.mark.parametrize("typed", ["cha me", "cha mẹ", "mẹ"])
async def test_cha_me_is_the_parent_not_the_authorised_person(app: Any, typed: str) -> None:
    """c20, c31: "cha me" selected "Người khác được cha/mẹ ủy quyền" and put "Văn bản ủy
    quyền" on a parent's checklist."""
    typed_chat = Chat(app.engine, chat_id=f"typed-{typed}")
    await _walk_to(typed_chat, BIRTH)
    await typed_chat.say(typed)
    pressed = Chat(app.engine, chat_id=f"pressed-{typed}")
    await _walk_to(pressed, BIRTH)
    await pressed.click("Cha hoặc mẹ")
    assert typed_chat.text == pressed.text
    summary = await _summary(typed_chat)
    assert "ủy quyền" not in summary.split("📋", 1)[-1]


@pytest.mark.parametrize("typed", ["người thân", "nguoi than"])
async def test_nguoi_than_beside_a_label_with_nguoi_than_in_it(app: Any, typed: str) -> None:
    """c21, c28: "Người được người thân ủy quyền" also contains "người thân"."""
    typed_chat = Chat(app.engine, chat_id=f"kin-{typed}")
    await _walk_to(typed_chat, DEATH)
    await typed_chat.say(typed)
    pressed = Chat(app.engine, chat_id=f"kin-pressed-{typed}")
    await _walk_to(pressed, DEATH)
    await pressed.click("Người thân (")
    assert "chưa rõ ý" not in typed_chat.text
    assert typed_chat.text == pressed.text


@pytest.mark.parametrize("typed", ["roi", "rồi", "có", "da photo roi"])
async def test_roi_answers_da_photo_chua(app: Any, typed: str) -> None:
    """c80: "Anh/chị đã photo sẵn … chưa?" with "Đã photo sẵn" / "Chưa, chỉ mang bản chính"."""
    chat = Chat(app.engine, chat_id=f"photo-{typed}")
    await chat.press(f"ck:start:{COPY}")
    assert "photo sẵn" in chat.text
    await chat.say(typed)
    pressed = Chat(app.engine, chat_id=f"photo-pressed-{typed}")
    await pressed.press(f"ck:start:{COPY}")
    await pressed.click("Đã photo sẵn")
    assert chat.text == pressed.text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("chuan bi giay to", "chuẩn bị giấy tờ cho thủ tục nào"), ("tra cuu", "gõ mã hồ sơ")],
)
async def test_main_menu_label_typed_starts_that_job(app: Any, typed: str, expected: str) -> None:
    """c35, c54: typed as the first message, with no buttons on screen."""
    chat = Chat(app.engine, chat_id=f"menu-{typed}")
    await chat.say(typed)
    assert FALLBACK not in chat.text
    assert expected in chat.text


async def test_ko_hieu_at_the_menu_gets_help(app: Any) -> None:
    """c76: "ko hiểu" at the menu was refused as out of scope."""
    chat = Chat(app.engine, chat_id="confused")
    await chat.say("menu")
    await chat.say("ko hiểu")
    assert FALLBACK not in chat.text
    assert chat.text == (await Chat(app.engine, chat_id="help").say("trợ giúp"))[0].text


async def test_a_whole_phone_number_that_is_not_the_filed_one_gets_a_way_forward(
    app: Any,
) -> None:
    """c60: a whole number ending like the filed one (0900005678) is not the filed number, so
    it reads nothing (issue 19), but the citizen is told what to do; the number is not echoed."""
    chat = Chat(app.engine, chat_id="whole-phone")
    await chat.say(f"tra cứu hồ sơ {SUPPLEMENT}")
    await chat.say("0909125678")
    assert "Chờ bổ sung" not in chat.text
    assert "đổi số điện thoại" in chat.text and "Bộ phận Một cửa" in chat.text
    assert "0909125678" not in chat.text
    await chat.say("0900005678")  # the filed number
    assert f"Hồ sơ {SUPPLEMENT}" in chat.text and "Chờ bổ sung" in chat.text


@pytest.mark.parametrize("typed", ["tôi không nhớ mã", "giấy biên nhận mất rồi"])
async def test_lost_receipt_gets_a_route_not_the_same_question(app: Any, typed: str) -> None:
    """c65 (dead end): the code was asked for again and again."""
    chat = Chat(app.engine, chat_id=f"lost-{typed}")
    await chat.say("tra cứu hồ sơ")
    asked = chat.text
    await chat.say(typed)
    assert chat.text != asked and FALLBACK not in chat.text
    assert "Bộ phận Một cửa nơi đã nộp" in chat.text and "Cổng Dịch vụ công" in chat.text
    assert "Đặt lịch hỗ trợ" in chat.labels()


async def test_what_to_bring_after_a_result_card(app: Any) -> None:
    """c69: "can mang gi" after "Đã có kết quả"."""
    chat = Chat(app.engine, chat_id="bring")
    await chat.say(f"tra cuu ho so {READY}")
    await chat.say("2468")
    await chat.say("can mang gi")
    assert FALLBACK not in chat.text
    assert "giấy biên nhận" in chat.text


async def test_lookup_and_booking_in_one_message_offers_the_booking(app: Any) -> None:
    """c73: the booking half of "tra cuu ho so … va dat lich ho tro" was dropped."""
    chat = Chat(app.engine, chat_id="two-needs")
    await chat.say(f"tra cuu ho so {READY} va dat lich ho tro")
    await chat.say("2468")
    assert f"Hồ sơ {READY}" in chat.text
    await chat.click("Còn việc: Đặt lịch")
    assert "xã/phường nào" in chat.text  # the province's wards: asked once
    await chat.say("phường Cao Lãnh")
    assert "chương trình hỗ trợ nào" in chat.text


async def test_follow_up_inside_a_walkthrough_answers_and_asks_again(app: Any) -> None:
    """c16: "nop o dau" at a document question was "em chưa rõ"."""
    chat = Chat(app.engine, chat_id="walk-place")
    await _card(chat, "dang ky ho ngheo the nao")
    await chat.say("can giay to gi")
    asked = chat.labels()
    await chat.say("nop o dau")
    assert "Nơi nộp" in chat.text and "chưa rõ ý" not in chat.text
    assert chat.labels() == asked  # the same question, still open
    await chat.say("roi")
    assert "Tóm tắt" in chat.text or "📋" in chat.text


async def test_co_ai_ko_is_a_greeting(app: Any) -> None:
    """c76: "co ai ko" was read as "Trợ cấp xã hội hàng tháng"."""
    chat = Chat(app.engine, chat_id="anyone")
    await chat.say("co ai ko")
    assert chat.text == (await Chat(app.engine, chat_id="hi").say("xin chào"))[0].text


@pytest.mark.parametrize("typed", ["chưa", "ko", "không biết"])
async def test_a_bare_no_with_nothing_to_answer_gets_the_menu(app: Any, typed: str) -> None:
    """c80: "chua" after the summary and "quay lai" got "Ý anh/chị là…" land procedures."""
    chat = Chat(app.engine, chat_id=f"bare-{typed}")
    await chat.say(typed)
    assert "ý anh/chị là" not in chat.text
    assert "Hỏi thủ tục" in chat.labels()
