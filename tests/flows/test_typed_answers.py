"""Typed answers at every choice step, through the engine (issue 12, "Typed answers everywhere").

Citizens type "co", "rồi", "ko bik", a piece of a label without accents, "cám ơn" or "ko hiểu"
instead of tapping. One layer (handlers/answers.py) understands them for every flow.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

ID_CARD = "1.014061"  # questions "Đã có / Chưa có hoặc ... / Tôi không rõ" and "Có / Không"
BIRTH = "1.001193"


async def _to_first_document(chat: Chat, code: str = BIRTH) -> None:
    await chat.press(f"ck:start:{code}")
    while chat.payload("ck:a:"):
        await chat.press_prefix("ck:a:")
    assert chat.payload("ck:d:have"), chat.text


def _summary_section(text: str, title: str) -> str:
    rest = text.split(title, 1)[1] if title in text else ""
    for end in ("Giấy tờ", "📍"):
        if end in rest:
            rest = rest.split(end, 1)[0]
    return rest


@pytest.mark.parametrize(
    ("typed", "section"),
    [
        *[(w, "Giấy tờ đã có") for w in ("có", "co", "rồi", "roi", "dc", "ok", "ừ", "có rồi ạ")],
        *[(w, "Giấy tờ còn thiếu") for w in ("không", "ko", "k", "chưa", "chưa có em ơi")],
        *[(w, "Giấy tờ anh/chị chưa rõ") for w in ("không biết", "ko bik", "ko rõ", "hok bik")],
    ],
)
async def test_document_answer_words(app: Any, typed: str, section: str) -> None:
    chat = Chat(app.engine, chat_id=f"doc-{typed}")
    await _to_first_document(chat)
    first = chat.last[-1].text.split('"')[1]
    await chat.say(typed)
    assert "chưa rõ ý" not in chat.text
    while chat.payload("ck:d:have"):  # the rest answered by button
        await chat.press_prefix("ck:d:have")
    assert first in _summary_section(chat.text, section)


async def test_id_card_walkthrough_takes_co_roi_khong_biet(app: Any) -> None:
    """The walkthrough that looped on "co", "có", "roi", "không biết" (issue 12)."""
    chat = Chat(app.engine, chat_id="id-card")
    await chat.press(f"ck:start:{ID_CARD}")
    await chat.say("den thang cong an xa")  # a piece of the first label, no accents
    assert "Cơ sở dữ liệu quốc gia về dân cư" in chat.text
    await chat.say("không biết")  # -> "Tôi không rõ"
    assert "thẻ Căn cước công dân cũ" in chat.text
    await chat.say("co")  # -> "Có"
    for typed in ("roi", "có", "ko bik", "chưa", "dc"):
        assert chat.payload("ck:d:have"), chat.text
        await chat.say(typed)
        assert "chưa rõ ý" not in chat.text
    summary = chat.text
    assert "Tóm tắt hồ sơ" in summary
    # "Tôi không rõ" made the population-database documents apply; the old card was kept
    assert "Phiếu thu thập thông tin dân cư" in summary
    assert "Thẻ Căn cước công dân cũ" in summary


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cha hoac me", "Trường hợp đặc biệt"),  # the label's words, accent-free
        ("cha hoat me", "Trường hợp đặc biệt"),  # with a typo
        ("ông bà", "Trường hợp đặc biệt"),
        ("uy quyen", "Trường hợp đặc biệt"),
    ],
)
async def test_fuzzy_label_of_a_question(app: Any, typed: str, expected: str) -> None:
    chat = Chat(app.engine, chat_id=f"fuzzy-{typed}")
    await chat.press(f"ck:start:{BIRTH}")
    await chat.say("nop truc tiep")
    assert "Ai sẽ đi đăng ký" in chat.text
    await chat.say(typed)
    assert expected in chat.text


async def test_nothing_fits_repeats_the_options_once_briefly(app: Any) -> None:
    chat = Chat(app.engine, chat_id="nothing-fits")
    await chat.press(f"ck:start:{ID_CARD}")
    offered = chat.labels()
    await chat.say("co")  # a yes where the question is "which of the two ways"
    assert len(chat.last) == 1 and len(chat.text) < 220
    assert "chọn giúp em một ý" in chat.text and chat.labels() == offered
    await chat.say("2")  # still the same question: "2" picks its second option
    assert "Cơ sở dữ liệu quốc gia về dân cư" in chat.text


async def test_social_words_inside_a_flow_keep_it(app: Any) -> None:
    chat = Chat(app.engine, chat_id="social")
    await _to_first_document(chat)
    offered = chat.labels()
    for typed, expected in (("cám ơn", "không có gì"), ("bye", "em chào"), ("ko hiểu", "bấm")):
        await chat.say(typed)
        assert expected in chat.text.lower()
        assert chat.labels() == offered  # the same question is still open
    await chat.say("rồi")
    assert "(2/2)" in chat.text  # "Có Giấy chứng sinh" (the first option): not asked again


async def test_ko_hieu_at_a_free_text_step_explains_that_step(app: Any) -> None:
    chat = Chat(app.engine, chat_id="hint-digits")
    await chat.say("000.00.14.H20-200703-0002")
    await chat.say("ko hiểu")
    assert "4 chữ số cuối" in chat.text and "6789" in chat.text  # an example no dossier has
    await chat.say("1234")
    assert "Tình trạng: Đang xử lý" in chat.text


async def test_status_subscribe_offer_answered_by_typing(app: Any) -> None:
    chat = Chat(app.engine, chat_id="sub-typed")
    await chat.say("000.00.14.H20-200703-0002")
    await chat.say("1234")
    assert "muốn nhận tin nhắn" in chat.text
    await chat.say("có")
    assert "sẽ nhắn tin báo" in chat.text
    async with app.uow() as uow:
        assert await uow.repos.dossiers.is_subscribed(
            "000.00.14.H20-200703-0002", "test", "sub-typed"
        )
    other = Chat(app.engine, chat_id="sub-no")
    await other.say("000.00.14.H20-200703-0002")
    await other.say("1234")
    await other.say("không")
    assert "không gửi thông báo" in other.text
    assert "Nhận thông báo" not in " ".join(other.labels())
