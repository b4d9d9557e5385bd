"""Strandings an independent QA reviewer found (issue #12, round 13): a yes/no said with the
words of address around it ("có cháu ạ"), "còn gì nữa không" after a card, "còn X thì sao"
naming another procedure, the online-filing help asked in a ward that has none, a ward typed
in any form at the booking, "cái nào cũng được", a phone typed at the name, a short serial
after a code, a full phone at the last-4-digits step, "khi nào lấy được", a ward typed right
after asking for a booking, English booking words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

COPY = "2.000815"  # "Anh/chị đã photo sẵn bản sao cần chứng thực chưa?" (Đã photo / Chưa)


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


# 1. q05: a yes/no with the words of address around it ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "photocopied"),
    [
        ("có cháu ạ", True),
        ("dạ có rồi cháu", True),
        ("cháu photo rồi ạ", True),
        ("có nha con", True),
        ("không cháu", False),
        ("rồi con ạ", True),
        ("chưa cháu ơi", False),
        ("dạ chưa cô ơi", False),
        ("chua chau oi", False),
    ],
)
async def test_a_yes_no_with_address_words_answers_the_question(
    app: Any, typed: str, photocopied: bool
) -> None:
    chat = Chat(app.engine, chat_id=f"q05-{typed}")
    await chat.press(f"ck:start:{COPY}")
    assert "photo sẵn" in _text(chat), _text(chat)
    await chat.say(typed)
    assert "chưa rõ ý" not in _text(chat) and "nước ngoài" in _text(chat), _text(chat)
    await chat.click("Không, giấy tờ Việt Nam")
    while chat.payload("ck:d:have"):
        await chat.press_prefix("ck:d:have")
    summary = _text(chat)
    assert "Tóm tắt hồ sơ" in summary, summary
    assert ("Bản sao (bản photo)" in summary) is photocopied, summary


# 2. q09/q13: "còn gì nữa không" after a card -------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["còn gì nữa không", "còn gì nữa ko", "còn nữa không", "con gi nua khong", "hết chưa"]
)
async def test_con_gi_nua_khong_after_a_card_names_the_cards_parts(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q09-{typed}")
    await chat.say("đăng ký tạm trú")
    assert "📄 Đăng ký tạm trú" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "ý anh/chị là thủ tục nào" not in text.lower(), text
    assert '"Đăng ký tạm trú"' in text and "Chi tiết lệ phí" in text, text
    assert "Căn cứ pháp lý" in text and "Nộp trực tuyến" in text, text
    assert "ck:start:1.004194" in [b.payload for b in chat.buttons()]
    await chat.say("lệ phí bao nhiêu")  # still on that card
    assert "15.000" in _text(chat), _text(chat)


# 3. q11: "còn X thì sao" naming another procedure -------------------------------------------


@pytest.mark.parametrize(
    ("typed", "card"),
    [
        ("còn tạm trú thì sao", "📄 Đăng ký tạm trú"),
        ("thế còn tạm trú", "📄 Đăng ký tạm trú"),
        ("con khai tu thi sao", "📄 Đăng ký khai tử"),
    ],
)
async def test_con_x_thi_sao_naming_another_procedure_is_its_card(
    app: Any, typed: str, card: str
) -> None:
    chat = Chat(app.engine, chat_id=f"q11-{typed}")
    await chat.say("đăng ký thường trú")
    assert "📄 Đăng ký thường trú" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert card in text and 'giấy tờ của thủ tục "Đăng ký thường trú"' not in text, text


@pytest.mark.parametrize("typed", ["còn tạm trú thì sao", "thế còn tạm trú"])
async def test_con_x_thi_sao_keeps_the_part_asked_before(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q11-fee-{typed}")
    await chat.say("đăng ký thường trú")
    await chat.say("lệ phí bao nhiêu")
    await chat.say(typed)
    text = _text(chat)
    assert 'về thủ tục "Đăng ký tạm trú"' in text and "15.000 đồng" in text, text
    assert "ck:start:1.004194" in [b.payload for b in chat.buttons()]


async def test_con_cai_to_khai_thi_sao_stays_on_the_cards_papers(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q11-paper")
    await chat.say("đăng ký thường trú")
    await chat.say("còn cái tờ khai thì sao")
    assert 'giấy tờ của thủ tục "Đăng ký thường trú"' in _text(chat), _text(chat)


# 7. q24: a short serial after a code -------------------------------------------------------

READY = "000.00.14.H20-200703-0004"  # demo: ...2468, Đã có kết quả
MARRIAGE = "000.00.14.H20-200703-0005"  # demo: ...1357, Đang xử lý


@pytest.mark.parametrize("typed", ["hay là mã 0005", "à nhầm, mã 0005", "hay la ma 5"])
async def test_a_short_serial_after_a_card_is_the_same_prefix(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q24-card-{typed}")
    await chat.say(f"tra cứu hồ sơ {READY}")
    await chat.say("2468")
    assert f"Hồ sơ {READY}" in _text(chat), _text(chat)
    await chat.say(typed)
    assert f"4 số cuối của số điện thoại đã khai khi nộp hồ sơ {MARRIAGE}" in _text(chat)
    await chat.say("1357")
    assert f"Hồ sơ {MARRIAGE}" in _text(chat) and "Đang xử lý" in _text(chat), _text(chat)


async def test_a_short_serial_at_the_digits_step_is_no_phone_digits(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q24-digits")
    await chat.say(f"tra cứu hồ sơ {READY}")
    await chat.say("à nhầm, mã 0005")
    text = _text(chat)
    assert "không tìm thấy" not in text and f"khi nộp hồ sơ {MARRIAGE}" in text, text
    await chat.say("1357")
    assert f"Hồ sơ {MARRIAGE}" in _text(chat), _text(chat)


async def test_a_short_serial_with_no_code_known_asks_the_whole_code(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q24-none")
    await chat.say("tra cứu hồ sơ")
    await chat.say("mã 0005")
    assert "đầy đủ mã hồ sơ" in _text(chat), _text(chat)
    await chat.say(MARRIAGE)
    assert "4 số cuối" in _text(chat), _text(chat)


# 9. q29/q31: a ward typed right after asking for a booking -----------------------------------


async def test_another_ward_typed_at_the_programme_list_lists_that_wards(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q29-list")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("p3 cao lanh")
    assert "Ngày không viết" in " ".join(chat.labels()), _text(chat)
    await chat.say("phường mỹ ngãi")
    labels = " ".join(chat.labels())
    assert "Hỗ trợ tại nhà - Mỹ Ngãi" in labels and "Mỹ Tân cũ" in labels, _text(chat)
    await chat.say("đặt lịch hỗ trợ")  # the ward typed is the chat's ward now
    assert "xã/phường nào" not in _text(chat) and "Mỹ Tân cũ" in " ".join(chat.labels())


@pytest.mark.parametrize("typed", ["đặt lịch hỗ trợ ở p3 cao lanh", "dat lich ho tro tp cao lanh"])
async def test_a_ward_in_the_booking_request_is_never_asked_again(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q31-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "xã/phường nào" not in text and "Ngày không viết" in " ".join(chat.labels()), text


# 5. q17: "hỗ trợ tại nhà" at the programme list --------------------------------------------


@pytest.mark.parametrize("typed", ["hỗ trợ tại nhà", "ho tro tai nha", "tại nhà"])
async def test_ho_tro_tai_nha_at_the_list_is_the_at_home_help(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q17-{typed}")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("phường mỹ ngãi")
    await chat.say(typed)
    text = _text(chat)
    assert "📌 Hỗ trợ tại nhà - Mỹ Ngãi" in text and "Đông Định" not in text, text


async def test_ho_tro_tai_nha_where_the_ward_has_none_is_never_a_desk(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q17-none")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("p3 cao lanh")
    await chat.say("hỗ trợ tại nhà")
    text = _text(chat)
    assert "📌 Hỗ trợ thủ tục hành chính tại ấp Đông Định" not in text, text


# 6. q21: "cái nào cũng được" at the programme list -------------------------------------------


@pytest.mark.parametrize("typed", ["cái nào cũng được", "sao cũng được", "gì cũng được"])
async def test_any_programme_picks_the_first_offered_and_says_so(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"q21-{typed}")
    await chat.say("đặt lịch hỗ trợ")
    await chat.say("p3 cao lanh")
    first = chat.labels()[0]
    await chat.say(typed)
    text = _text(chat)
    assert "chưa rõ ý" not in text and f'chương trình đầu tiên trong danh sách: "{first}"' in text
    assert "chọn ngày muốn hẹn" in text, text
