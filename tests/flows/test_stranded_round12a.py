"""Strandings an independent QA reviewer found in round 12 (issue #12, "conversations that
never strand a citizen"), fixed here: a first question asking for the papers got the card
and a button, a benefit's amount got the fee line, a new need typed inside the walkthrough
was taken as its answer, Southern kin words, "cả 2 đều người VN" after the marriage card."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

MAI_TANG = "dp.ho-tro-chi-phi-mai-tang"


# item 1: the papers asked in the first message are the first answer


@pytest.mark.parametrize(
    ("typed", "name", "paper"),
    [
        ("làm giấy khai sinh cần những giấy tờ gì", "Đăng ký khai sinh", "Giấy chứng sinh"),
        ("lam giay khai sinh can nhung giay to gi", "Đăng ký khai sinh", "Giấy chứng sinh"),
        ("lam can cuoc can giay to gi", "Cấp thẻ Căn cước", "Phiếu đề nghị"),
        ("đăng ký kết hôn cần giấy tờ gì", "Đăng ký kết hôn", "Tờ khai đăng ký kết hôn"),
    ],
)
async def test_a_first_question_for_the_papers_gets_the_papers(
    app: Any, typed: str, name: str, paper: str
) -> None:
    chat = Chat(app.engine, chat_id=f"papers-{typed[:14]}")
    await chat.say(typed)
    text = chat.text
    assert text.startswith(f"📄 {name}") and f'Giấy tờ của thủ tục "{name}"' in text, text
    assert paper in text and "💰 Phí, lệ phí" not in text, text
    assert "Giấy tờ cần chuẩn bị" in chat.labels()  # the walkthrough one tap away
    await chat.click("Xem thông tin thủ tục")  # and the card
    assert "📍 Nơi nộp" in chat.text and "💰 Phí, lệ phí" in chat.text, chat.text


@pytest.mark.parametrize(
    "typed",
    [
        "đăng ký khai sinh",
        "làm căn cước mất bao lâu",
        "làm giấy khai sinh cho con cần gì",
        # what a paper *is* (QA pass 10, q02): the card says it, not the papers to get it
        "giay xac nhan tinh trang hon nhan la giay gi",
    ],
)
async def test_a_question_not_asking_for_papers_keeps_the_card(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"card-{typed[:10]}")
    await chat.say(typed)
    assert "📍 Nơi nộp" in chat.text and "Giấy tờ của thủ tục" not in chat.text, chat.text


async def test_after_the_papers_a_follow_up_still_answers_from_the_procedure(app: Any) -> None:
    chat = Chat(app.engine, chat_id="papers-then-fee")
    await chat.say("lam can cuoc can giay to gi")
    await chat.say("lệ phí bao nhiêu")
    assert "Phí, lệ phí" in chat.text and "Căn cước" in chat.text, chat.text


@pytest.mark.parametrize(
    ("typed", "name", "paper"),
    [
        ("đăng ký kết hôn cần mang theo gì", "Đăng ký kết hôn", "Tờ khai đăng ký kết hôn"),
        ("dang ky ket hon can mang theo gi", "Đăng ký kết hôn", "Tờ khai đăng ký kết hôn"),
    ],
)
async def test_what_to_bring_lists_the_papers_before_the_walkthrough(
    app: Any, typed: str, name: str, paper: str
) -> None:
    """ "cần mang theo gì" starts the walkthrough (a prepare request) with the papers first."""
    chat = Chat(app.engine, chat_id=f"bring-{typed[:14]}")
    await chat.say(typed)
    text = chat.text
    assert text.startswith(f'Giấy tờ của thủ tục "{name}"') and paper in text, text
    assert f'kiểm tra giấy tờ cho thủ tục "{name}"' in text and chat.payload("ck:a:"), text


async def test_a_prepare_request_asking_nothing_starts_the_walkthrough_alone(app: Any) -> None:
    chat = Chat(app.engine, chat_id="bring-none")
    await chat.say("chuẩn bị giấy tờ khai sinh")
    assert chat.text.startswith("Em sẽ cùng anh/chị kiểm tra giấy tờ"), chat.text


# item 5: a benefit's amount asked in the first message


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("trợ cấp mai táng được bao nhiêu tiền", "Hỗ trợ chi phí mai táng"),
        ("tro cap mai tang duoc bao nhieu tien", "Hỗ trợ chi phí mai táng"),
        ("tro cap xa hoi hang thang duoc bao nhieu", "Trợ cấp xã hội hàng tháng"),
    ],
)
async def test_a_first_question_for_a_benefits_amount_gets_its_level(
    app: Any, typed: str, name: str
) -> None:
    chat = Chat(app.engine, chat_id=f"amount-{typed[:14]}")
    await chat.say(typed)
    text = chat.text
    assert f'Mức tiền được hưởng của "{name}"' in text and "💰 Phí, lệ phí" not in text, text
    assert "Giấy tờ cần chuẩn bị" in chat.labels() and "Xem thông tin thủ tục" in chat.labels()


async def test_a_benefit_with_no_level_says_so_on_the_first_message(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("handlers.search.amount.amount_lines", lambda proc: [])
    chat = Chat(app.engine, chat_id="amount-none")
    await chat.say("trợ cấp mai táng được bao nhiêu tiền")
    text = chat.text
    assert "chưa có thông tin chính thức về mức tiền được hưởng" in text, text
    assert "💰 Phí, lệ phí" not in text and "đồng" not in text, text


@pytest.mark.parametrize(
    "typed",
    [
        "tro cap mai tang ton bao nhieu tien",  # what the citizen pays
        "lệ phí trợ cấp mai táng",
        "khai tử được bao nhiêu tiền",  # a procedure that pays nothing
    ],
)
async def test_what_the_citizen_pays_for_a_benefit_is_still_the_fee(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"benefit-fee-{typed[:10]}")
    await chat.say(typed)
    assert "Phí, lệ phí" in chat.text and "Mức tiền được hưởng" not in chat.text, chat.text


# item 2: a new need typed inside the walkthrough is offered, never taken as the answer

SO_DO = "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"


async def _walk(chat: Chat, start: str, answers: int) -> None:
    await chat.say(start)
    for _ in range(answers):
        await chat.press_prefix("ck:a:" if chat.payload("ck:a:") else "ck:d:have")


@pytest.mark.parametrize(
    ("start", "answers", "asked", "typed", "other"),
    [
        ("chuẩn bị giấy tờ khai sinh", 2, "Trường hợp đặc biệt:",
         "mà tôi cũng muốn hỏi làm sổ đỏ", SO_DO),
        ("chuẩn bị giấy tờ khai sinh", 3, "Giấy chứng sinh",
         "ma toi cung muon hoi lam so do", SO_DO),
        ("chuẩn bị giấy tờ làm căn cước", 0, "đặt lịch trước",
         "với lại cho em hỏi làm giấy khai tử", "Đăng ký khai tử"),
        ("chuẩn bị giấy tờ đăng ký thường trú", 1, "chỗ ở nào",
         "à tôi muốn hỏi đăng ký kết hôn", "Đăng ký kết hôn"),
        ("chuẩn bị giấy tờ kết hôn", 3, "Giấy tờ tùy thân",
         "à cho hỏi đăng ký tạm trú cần gì", "Đăng ký tạm trú"),
        ("chuẩn bị giấy tờ kết hôn", 3, "Giấy tờ tùy thân",
         "a cho hoi dang ky tam tru can gi", "Đăng ký tạm trú"),
    ],
)  # fmt: skip
async def test_a_new_need_inside_the_walkthrough_is_offered_and_the_question_kept(
    app: Any, start: str, answers: int, asked: str, typed: str, other: str
) -> None:
    chat = Chat(app.engine, chat_id=f"need-{answers}-{typed[:12]}")
    await _walk(chat, start, answers)
    assert asked in chat.text, chat.text
    await chat.say(typed)
    text = chat.text
    assert f'hỏi thêm thủ tục "{other}"' in text and "Em ghi nhận" not in text, text
    assert asked in text and "Dừng" in chat.labels(), text  # the same question, still open
    await chat.click("Xem thủ tục:")
    assert chat.text.startswith(f"📄 {other}"), chat.text


async def test_after_the_offer_the_walkthrough_goes_on_with_an_answer(app: Any) -> None:
    chat = Chat(app.engine, chat_id="need-then-answer")
    await _walk(chat, "chuẩn bị giấy tờ khai sinh", 2)
    await chat.say("mà tôi cũng muốn hỏi làm sổ đỏ")
    await chat.click("Không, trẻ sinh bình thường")
    assert "Giấy chứng sinh" in chat.text and "Trẻ sinh ra do mang thai hộ" not in chat.text


@pytest.mark.parametrize(
    ("start", "answers", "asked", "typed"),
    [
        ("chuẩn bị giấy tờ khai sinh", 2, "Trường hợp đặc biệt:", "mang thai hộ"),
        ("chuẩn bị giấy tờ đăng ký thường trú", 1, "chỗ ở nào", "nhà thuê"),
        (
            "chuẩn bị giấy tờ làm căn cước",
            0,
            "đặt lịch trước",
            "cho hỏi đến thẳng công an được ko",
        ),
    ],
)
async def test_a_real_answer_is_still_the_answer(
    app: Any, start: str, answers: int, asked: str, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"answer-{typed[:10]}")
    await _walk(chat, start, answers)
    await chat.say(typed)
    text = chat.text
    assert asked not in text and "hỏi thêm thủ tục" not in text, text  # answered, went on
    assert "Dừng" in chat.labels(), text


async def test_a_question_about_the_same_procedure_is_no_new_need(app: Any) -> None:
    chat = Chat(app.engine, chat_id="need-same")
    await _walk(chat, "chuẩn bị giấy tờ làm căn cước", 1)
    await chat.say("cho hỏi làm căn cước mất bao lâu")
    assert "hỏi thêm thủ tục" not in chat.text and "07 ngày" in chat.text, chat.text


@pytest.mark.parametrize(
    ("start", "typed", "name"),
    [
        ("chuẩn bị giấy tờ làm căn cước", "cho hỏi làm căn cước cần gì", "Cấp thẻ Căn cước"),
        (
            "chuẩn bị giấy tờ đăng ký tạm trú",
            "a cho hoi dang ky tam tru can gi",
            "Đăng ký tạm trú",
        ),
        ("chuẩn bị giấy tờ kết hôn", "à tôi muốn hỏi đăng ký kết hôn", "Đăng ký kết hôn"),
    ],
)
async def test_the_walkthroughs_own_procedure_asked_again_is_said_to_be_it(
    app: Any, start: str, typed: str, name: str
) -> None:
    chat = Chat(app.engine, chat_id=f"same-{typed[:14]}")
    await _walk(chat, start, 1)
    asked = chat.text.splitlines()[-1]
    await chat.say(typed)
    text = chat.text
    assert f'kiểm tra giấy tờ của chính thủ tục "{name}"' in text, text
    assert asked in text and "chưa rõ ý" not in text and "Em ghi nhận" not in text, text


# item 4: "cả 2 đều người VN" after the marriage card confirms it is the right procedure


@pytest.mark.parametrize(
    "typed",
    ["cả 2 đều người VN", "ca hai deu la nguoi viet nam", "hai đứa đều quốc tịch Việt Nam"],
)
async def test_both_vietnamese_after_the_marriage_card_confirms_it(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"both-vn-{typed[:10]}")
    await chat.say("Đăng ký kết hôn")
    await chat.say(typed)
    text = chat.text
    assert 'vậy đúng là thủ tục "Đăng ký kết hôn"' in text and "giữa hai công dân" in text, text
    assert "chưa hỗ trợ được" not in text and "ý anh/chị là" not in text, text
    await chat.click("Giấy tờ cần chuẩn bị")  # the next step
    assert 'giấy tờ cho thủ tục "Đăng ký kết hôn"' in chat.text, chat.text


@pytest.mark.parametrize(
    ("card", "typed"),
    [
        ("Đăng ký kết hôn", "một người nước ngoài"),  # not both Vietnamese: searched
        ("Đăng ký kết hôn", "cả 2 không phải người VN"),
        ("Đăng ký kết hôn", "cả 2 đều người VN thì mất bao lâu"),  # a question: its answer
        ("Đăng ký khai sinh", "cả 2 đều người VN"),  # a card that says nothing of it
    ],
)
async def test_no_confirmation_where_the_message_or_the_card_says_otherwise(
    app: Any, card: str, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"not-both-{card[:8]}-{typed[:10]}")
    await chat.say(card)
    await chat.say(typed)
    assert "vậy đúng là thủ tục" not in chat.text, chat.text


# item 3: Southern words for the child's parents at "Ai sẽ đi đăng ký khai sinh cho cháu?"

PARENT, RELATIVE = "Cha hoặc mẹ của cháu", "Ông, bà hoặc người thân thích khác"


async def _who_registers(chat: Chat) -> None:
    await chat.say("chuẩn bị giấy tờ khai sinh")
    await chat.click("Nộp trực tiếp")
    assert "Ai sẽ đi đăng ký khai sinh cho cháu" in chat.text, chat.text


@pytest.mark.parametrize(
    ("typed", "taken"),
    [
        ("ba nó đi làm xa, mình tui đi", PARENT),
        ("ba no di lam xa, minh tui di", PARENT),
        ("chồng tôi đi", PARENT),
        ("chong toi di", PARENT),
        ("ổng đi", PARENT),
        ("bả đi một mình", PARENT),
        ("má nó đi", PARENT),
        ("bà nội cháu đi", RELATIVE),  # a grandmother stays a grandmother
        ("bà nó đi", RELATIVE),
        ("ông ngoại đi", RELATIVE),
    ],
)
async def test_the_childs_parents_in_southern_words(app: Any, typed: str, taken: str) -> None:
    chat = Chat(app.engine, chat_id=f"kin-{typed[:12]}")
    await _who_registers(chat)
    await chat.say(typed)
    assert f"Em ghi nhận: {taken}." in chat.text, chat.text
    assert "Trường hợp đặc biệt:" in chat.text, chat.text


async def test_a_spouse_at_a_question_not_about_a_child_keeps_its_own_reading(app: Any) -> None:
    chat = Chat(app.engine, chat_id="kin-home")
    await chat.say("chuẩn bị giấy tờ đăng ký thường trú")
    await chat.click("Nộp trực tiếp")
    await chat.say("nhà của chồng tôi")  # "Nhà của người thân (vợ/chồng, ...)": pressed
    assert "chỗ ở nào" not in chat.text and "chưa rõ ý" not in chat.text, chat.text
