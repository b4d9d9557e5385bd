"""Conversations the fifth citizen QA pass still found stranded (issue 12, round 7): early
answers carried into the walkthrough, "thôi không hủy nữa", follow-ups about a paper that is
also a procedure, fee lines that match a qualifier, and side lines inside or after flows.

Each test is a transcript through the engine; new wording, not the QA scripts' own.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

BIRTH = "1.001193"
ONLINE_TAKEN = "Em ghi nhận: Nộp trực tuyến"
METHOD_ASK = "trực tiếp tại Bộ phận Một cửa hay nộp trực tuyến"


@pytest.mark.parametrize(
    "opening",
    ["chuẩn bị giấy tờ khai sinh cho con nộp online", "chuan bi giay to khai sinh nop truc tuyen"],
)
async def test_online_in_the_opening_message_answers_the_filing_question(
    app: Any, opening: str
) -> None:
    chat = Chat(app.engine, chat_id=f"open-online-{opening}")
    await chat.say(opening)
    assert ONLINE_TAKEN in chat.text and METHOD_ASK not in chat.text
    assert "Ai sẽ đi đăng ký khai sinh" in chat.text  # the next question


@pytest.mark.parametrize("then", ["chuẩn bị giấy tờ", "press"])
async def test_online_said_on_the_card_answers_the_filing_question(app: Any, then: str) -> None:
    chat = Chat(app.engine, chat_id=f"card-online-{then}")
    await chat.say("đăng ký khai sinh")
    await chat.say("nộp online được không")
    await chat.say("lệ phí bao nhiêu")  # another follow-up in between keeps it
    if then == "press":
        await chat.press_prefix(f"ck:start:{BIRTH}")
    else:
        await chat.say(then)
    assert ONLINE_TAKEN in chat.text and METHOD_ASK not in chat.text


async def test_a_negated_online_says_nothing(app: Any) -> None:
    chat = Chat(app.engine, chat_id="not-online")
    await chat.say("chuẩn bị giấy tờ khai sinh, không nộp online được")
    assert ONLINE_TAKEN not in chat.text


async def test_a_later_answer_at_the_filing_question_is_kept_for_its_question(app: Any) -> None:
    chat = Chat(app.engine, chat_id="ahead-cert")
    await chat.say("chuan bi giay to khai sinh cho con")
    assert METHOD_ASK in chat.text
    await chat.say("có giấy chứng sinh rồi")
    assert "Có Giấy chứng sinh" in chat.text and METHOD_ASK in chat.text  # asked again
    asked = []
    for _ in range(12):
        if chat.payload("ck:a:in_person"):
            await chat.press_prefix("ck:a:in_person")
        elif chat.payload("ck:a:parent"):
            await chat.press_prefix("ck:a:parent")
        elif chat.payload("ck:a:none"):
            await chat.press_prefix("ck:a:none")
        elif chat.payload("ck:a:"):
            asked.append(chat.text)
            await chat.press_prefix("ck:a:")
        elif chat.payload("ck:d:have"):
            asked.append(chat.text)
            await chat.press_prefix("ck:d:have")
        else:
            break
    assert not any("Giấy chứng sinh do bệnh viện" in t for t in asked)  # never asked again


MARITAL = "1.004873"


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("can ban sao cccd ko", "Giấy tờ tùy thân"),  # the ID paper, an original shown
        ("có cần bản sao căn cước không", "mang bản chính để xuất trình"),
        ("phải mang hộ chiếu không", "hộ chiếu"),
    ],
)
async def test_a_paper_question_after_a_card_answers_from_its_documents(
    app: Any, follow_up: str, expected: str
) -> None:
    chat = Chat(app.engine, chat_id=f"paper-{follow_up}")
    await chat.say("xác nhận tình trạng hôn nhân")
    assert chat.payload(f"ck:start:{MARITAL}"), chat.text
    await chat.say(follow_up)
    assert "📄 Cấp thẻ Căn cước" not in chat.text  # no new search for the ID procedure
    assert "tình trạng hôn nhân" in chat.text and expected in chat.text
    assert chat.payload(f"ck:start:{MARITAL}")  # still on that card


async def test_a_paper_the_card_does_not_list_is_said_with_what_it_lists(app: Any) -> None:
    chat = Chat(app.engine, chat_id="paper-missing")
    await chat.say("xác nhận tình trạng hôn nhân")
    await chat.say("có cần giấy khai sinh không")
    assert "không có giấy nào ghi" in chat.text
    assert "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in chat.text  # what it lists


async def test_an_act_and_a_procedure_after_a_card_still_searches(app: Any) -> None:
    chat = Chat(app.engine, chat_id="paper-act")
    await chat.say("xác nhận tình trạng hôn nhân")
    await chat.say("làm căn cước cần gì")
    assert "Căn cước" in chat.text and "tình trạng hôn nhân" not in chat.text


LATE_FEE = "Lệ phí đăng ký khai sinh quá hạn"


@pytest.mark.parametrize(
    "question", ["lệ phí khai sinh quá hạn bao nhiêu", "le phi dang ky khai sinh tre han bn"]
)
async def test_a_fee_question_with_a_qualifier_shows_that_fee(app: Any, question: str) -> None:
    chat = Chat(app.engine, chat_id=f"fee-first-{question}")
    await chat.say(question)  # as the first message: the card and that fee line
    assert chat.payload(f"ck:start:{BIRTH}")
    assert LATE_FEE in chat.text and "10.000 đồng" in chat.text
    chat = Chat(app.engine, chat_id=f"fee-after-{question}")
    await chat.say("đăng ký khai sinh")
    await chat.say(question)  # after the card: that line, the others one tap away
    assert LATE_FEE in chat.text and "Phí cấp bản sao" not in chat.text
    assert "Chi tiết lệ phí" in chat.text


async def test_a_copy_fee_question_shows_the_copy_fee(app: Any) -> None:
    chat = Chat(app.engine, chat_id="fee-copy")
    await chat.say("đăng ký khai sinh")
    await chat.say("phí bản sao bao nhiêu")
    assert "Phí cấp bản sao Giấy khai sinh" in chat.text and LATE_FEE not in chat.text


async def test_a_plain_fee_question_still_shows_every_fee(app: Any) -> None:
    chat = Chat(app.engine, chat_id="fee-plain")
    await chat.say("đăng ký khai sinh")
    await chat.say("lệ phí mất bao nhiêu")  # "mất" is the cost, no lost paper
    assert LATE_FEE in chat.text and "Phí cấp bản sao" in chat.text


async def test_a_penalty_question_without_penalty_data_says_so_with_the_page(app: Any) -> None:
    chat = Chat(app.engine, chat_id="fine")
    await chat.say("đăng ký khai sinh")
    await chat.say("có bị phạt không")
    assert "không nói mức phạt" in chat.text and "dichvucong.gov.vn" in chat.text


FALLBACK = "câu hỏi này em chưa hỗ trợ được"
NO_INFO = "chưa có thông tin chính thức để trả lời câu này"


@pytest.mark.parametrize("typed", ["dc roi cam on", "được rồi cảm ơn em", "ok, cảm ơn nhiều"])
async def test_thanks_after_an_acknowledgement_is_thanks(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"thanks-card-{typed}")
    await chat.say("đăng ký khai sinh")
    await chat.say(typed)
    assert FALLBACK not in chat.text and "không có gì" in chat.text
    chat = Chat(app.engine, chat_id=f"thanks-flow-{typed}")
    await chat.say("chuan bi giay to khai sinh cho con")
    await chat.say(typed)  # inside the walkthrough: a word back, the question kept
    assert "không có gì" in chat.text and chat.payload("ck:a:in_person")


async def test_a_yes_with_thanks_at_a_question_still_answers_it(app: Any) -> None:
    """ "rồi cảm ơn" / "có cảm ơn" answer "đã có chưa?": never swallowed as thanks."""
    chat = Chat(app.engine, chat_id="yes-thanks")
    await chat.say("chuan bi giay to khai sinh cho con")
    for _ in range(4):
        if not chat.payload("ck:a:"):
            break
        await chat.press_prefix("ck:a:")
    assert chat.payload("ck:d:have"), chat.text
    before = chat.text
    await chat.say("có cảm ơn em")
    assert chat.text != before and "không có gì" not in chat.text


async def _summary(chat: Chat, opening: str) -> None:
    await chat.say(opening)
    for _ in range(15):
        payload = chat.payload("ck:a:") or chat.payload("ck:d:have")
        if payload is None:
            break
        await chat.press(payload)
    assert chat.payload("bk:start:need="), chat.text  # the summary


@pytest.mark.parametrize("typed", ["xong chưa", "vậy là xong rồi hả", "xong chua vay"])
async def test_is_it_done_after_the_summary_gets_a_fitting_reply(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"done-{typed}")
    await _summary(chat, "chuan bi giay to xac nhan tinh trang hon nhan")
    await chat.say(typed)
    assert "đã kiểm tra xong giấy tờ" in chat.text
    assert FALLBACK not in chat.text and NO_INFO not in chat.text


@pytest.mark.parametrize(
    ("card", "follow_up", "expected"),
    [
        ("đăng ký khai sinh", "còn cái xác nhận tình trạng hôn nhân thì sao",
         "📄 Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("xác nhận tình trạng hôn nhân", "con cai xac nhan tinh trang hon nhan thi sao",
         "📄 Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("đăng ký kết hôn", "con cai so do thi sao", "sổ đỏ"),
        ("chứng thực bản sao", "còn cái khai sinh thì sao", "📄 Đăng ký khai sinh"),
        ("đăng ký khai sinh", "còn cái tờ khai thì sao", "Tờ khai đăng ký khai sinh"),
    ],
)  # fmt: skip
async def test_what_about_x_after_a_card_answers_x(
    app: Any, card: str, follow_up: str, expected: str
) -> None:
    chat = Chat(app.engine, chat_id=f"also-{card}-{follow_up}")
    await chat.say(card)
    await chat.say(follow_up)
    assert NO_INFO not in chat.text and FALLBACK not in chat.text
    assert expected in chat.text


async def test_born_at_home_at_the_filing_question_is_no_online_question(app: Any) -> None:
    """ "ở nhà" is an online word in a question ("ở nhà làm được không"), not in "sinh ở nhà,
    có bà mụ làm chứng": no "Nộp trực tuyến: Có" line for it, the question stays."""
    chat = Chat(app.engine, chat_id="home-birth")
    await chat.say("chuan bi giay to khai sinh cho con")
    await chat.say("sinh ở nhà, có bà mụ làm chứng")
    assert "Nộp trực tuyến: Có" not in chat.text and chat.payload("ck:a:in_person")
    await chat.say("ở nhà làm được không")
    assert "Nộp trực tuyến" in chat.text and chat.payload("ck:a:in_person")


@pytest.mark.parametrize(
    ("follow_up", "listed"),
    [("có cần giấy chứng sinh không", "Giấy chứng sinh: 1 bản chính"),
     ("phải có cccd của bố không", "Giấy tờ tùy thân của người đi đăng ký")],
)  # fmt: skip
async def test_a_paper_question_names_that_paper_not_a_piece_of_it(
    app: Any, follow_up: str, listed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"paper-birth-{follow_up}")
    await chat.say("đăng ký khai sinh")
    await chat.say(follow_up)
    assert listed in chat.text and "Tờ khai đăng ký khai sinh" not in chat.text


async def test_an_online_fee_question_keeps_the_main_rate(app: Any) -> None:
    """A rate per channel is no case of its own: the main (on-time) rate is never hidden."""
    chat = Chat(app.engine, chat_id="fee-online")
    await chat.say("đăng ký khai sinh")
    await chat.say("nộp online thì lệ phí bao nhiêu")
    assert "đúng hạn" in chat.text and "Miễn lệ phí" in chat.text
    assert "Phí cấp bản sao Giấy khai sinh (nếu" not in chat.text
