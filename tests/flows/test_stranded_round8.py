"""Conversations the sixth citizen QA pass still found stranded (issue 12, round 8): the
validity of a result asked after a card, card follow-ups inside the walkthrough, negative
answers and a bare "rồi" at deciding questions, "nộp tại xã" at the filing question, "có
<the paper>" at a document, "whom do I ask" after a dossier card, and smaller ones (online
filing at the menu, "bỏ qua" at a booking confirmation, the hours of the office that
receives a procedure, the Saturday hours in English).

Each test is a transcript through the engine; new wording, not the QA scripts' own, with and
without diacritics. Clock: Tuesday 01/12/2026 09:00 (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

SINGLE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân
RESIDENCE = "1.004222"  # Đăng ký thường trú
NOT_UNDERSTOOD = "em chưa rõ ý"
TIME_LINE = "Thời hạn giải quyết"
METHOD_ASK = "nộp hồ sơ trực tiếp"


def _procedure(app: Any, code: str) -> Any:
    return app.services.kb.get(code)


# 1. validity of the result paper: from the data, never the processing time


@pytest.mark.parametrize(
    "asked",
    ["cái giấy đó xài được mấy tháng vậy", "giay nay het han khi nao", "có hiệu lực bao lâu"],
)
async def test_validity_after_a_card_is_the_datas_validity_not_the_time(
    app: Any, asked: str
) -> None:
    notes = " ".join(_procedure(app, SINGLE).local_notes)
    assert "6 tháng kể từ ngày cấp" in notes  # what the curated entry states
    chat = Chat(app.engine, chat_id=f"valid-{asked}")
    await chat.say("xin giấy xác nhận độc thân")
    await chat.say(asked)
    assert "6 tháng kể từ ngày cấp" in chat.text
    assert TIME_LINE not in chat.text and "03 ngày làm việc" not in chat.text


@pytest.mark.parametrize(
    "asked", ["giấy khai sinh có hết hạn không", "giay khai sinh dung duoc bao lau"]
)
async def test_validity_the_data_does_not_state_is_said_plainly(app: Any, asked: str) -> None:
    chat = Chat(app.engine, chat_id=f"valid-none-{asked}")
    await chat.say("đăng ký khai sinh cho con")
    await chat.say(asked)
    assert "chưa có thông tin chính thức về thời hạn sử dụng" in chat.text
    assert "https://" in chat.text  # the official page
    assert TIME_LINE not in chat.text


# 2. card follow-ups typed inside the walkthrough: answered, the walkthrough kept


async def _residence_walkthrough(chat: Chat) -> None:
    await chat.say("nhập hộ khẩu cho chồng về nhà vợ")
    await chat.press_prefix(f"ck:start:{RESIDENCE}")
    assert METHOD_ASK in chat.text


@pytest.mark.parametrize(
    "asked", ["để lâu không đăng ký có bị xử phạt không", "ko dang ky thi co bi phat ko"]
)
async def test_a_penalty_question_inside_the_walkthrough_is_answered_and_the_question_kept(
    app: Any, asked: str
) -> None:
    chat = Chat(app.engine, chat_id=f"inside-penalty-{asked}")
    await _residence_walkthrough(chat)
    await chat.say(asked)
    assert NOT_UNDERSTOOD not in chat.text
    assert "xử phạt" in chat.text  # what the knowledge says (here: nothing official)
    assert METHOD_ASK in chat.text  # the question asked again
    await chat.say("1")  # and the walkthrough goes on
    assert "chỗ ở nào" in chat.text


@pytest.mark.parametrize("asked", ["giấy này dùng được bao lâu", "giay nay co gia tri may thang"])
async def test_a_validity_question_inside_the_walkthrough(app: Any, asked: str) -> None:
    chat = Chat(app.engine, chat_id=f"inside-valid-{asked}")
    await chat.say("xin giấy xác nhận tình trạng hôn nhân")
    await chat.press_prefix(f"ck:start:{SINGLE}")
    await chat.say(asked)
    assert "6 tháng kể từ ngày cấp" in chat.text and TIME_LINE not in chat.text
    assert METHOD_ASK in chat.text


# 3. negative answers and a bare "rồi" at deciding questions


async def _at_divorce_abroad(chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    await chat.say("chuẩn bị giấy tờ")
    await chat.say("trực tiếp")
    assert "ly hôn hoặc hủy việc kết hôn ở nước ngoài" in chat.text


@pytest.mark.parametrize(
    "typed",
    [
        "không, hai đứa chưa ai ly hôn",
        "khong, chua ly hon lan nao",
        "chưa từng",
        "chua bao gio",
        "hổng có",
    ],
)
async def test_a_negative_statement_at_a_yes_no_question_is_the_no(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"neg-{typed}")
    await _at_divorce_abroad(chat)
    await chat.say(typed)
    assert NOT_UNDERSTOOD not in chat.text and TIME_LINE not in chat.text
    assert "(1/3)" in chat.text  # the "no" path: no divorce record to bring


async def _at_marital_history(chat: Chat) -> None:
    await chat.say("giay xac nhan tinh trang hon nhan")
    await chat.say("chuan bi giay to")
    await chat.say("truc tiep")
    await chat.say("tự đi")
    assert "đã từng kết hôn chưa" in chat.text


@pytest.mark.parametrize("typed", ["chưa bao giờ", "chua tung ket hon"])
async def test_never_at_a_question_of_cases_is_the_never_case(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"never-{typed}")
    await _at_marital_history(chat)
    await chat.say(typed)
    assert TIME_LINE not in chat.text
    assert "đã từng được cấp Giấy xác nhận" in chat.text  # the next question


@pytest.mark.parametrize("typed", ["rồi", "roi", "có"])
async def test_a_bare_yes_between_several_cases_asks_which_one(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"which-{typed}")
    await _at_marital_history(chat)
    await chat.say(typed)
    assert '"Đã ly hôn"' in chat.text and '"Vợ/chồng đã mất"' in chat.text
    assert "Bản án" not in chat.text  # nothing was picked silently
    await chat.say("vợ mất rồi")
    assert "Bản án" not in chat.text and "đã từng kết hôn chưa" not in chat.text


@pytest.mark.parametrize("typed", ["được rồi", "ok"])
async def test_a_bare_yes_at_the_filing_question_names_both_ways(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"which-filing-{typed}")
    await chat.say("đăng ký khai tử cho ông")
    await chat.say("chuẩn bị giấy tờ")
    await chat.say(typed)
    assert '"Nộp trực tiếp tại Bộ phận Một cửa"' in chat.text and '"Nộp trực tuyến"' in chat.text
    assert "người thân của người đã mất" not in chat.text  # nothing picked


# 4. "nộp tại xã" at the filing question is in person


@pytest.mark.parametrize("typed", ["mình nộp ở xã", "nop o uy ban", "lam tai mot cua"])
async def test_filing_at_the_office_said_as_a_statement_is_in_person(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"at-office-{typed}")
    await chat.say("khai tử cho ba")
    await chat.say("chuẩn bị giấy tờ")
    await chat.say(typed)
    assert "người thân của người đã mất" in chat.text  # the next question
    await chat.say("tôi là con gái")
    assert "Giấy báo tử" in chat.text


async def test_asking_which_office_is_no_filing_answer(app: Any) -> None:
    chat = Chat(app.engine, chat_id="at-office-asks")
    await chat.say("khai tử cho ba")
    await chat.say("chuẩn bị giấy tờ")
    await chat.say("nộp ở xã nào vậy")
    assert "người thân của người đã mất" not in chat.text


# 5. "có <the paper>" at a document is "Đã có" for that paper


async def _at_id_document(chat: Chat) -> None:
    await chat.say("trợ cấp xã hội cho ông ngoại neo đơn")
    await chat.press_prefix("ck:start:")
    await chat.say("người cao tuổi")
    await chat.say("đã có")
    assert "Thẻ Căn cước của người đề nghị" in chat.text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("có thẻ căn cước rồi", "Giấy tờ đã có (2)"),
        ("co can cuoc", "Giấy tờ đã có (2)"),
        ("có giấy căn cước công dân rồi", "Giấy tờ đã có (2)"),  # its old name
        ("co chung minh nhan dan", "Giấy tờ đã có (2)"),
        ("chưa có căn cước", "Giấy tờ còn thiếu (1)"),
    ],
)
async def test_the_paper_named_after_the_answer_answers_the_document(
    app: Any, typed: str, kept: str
) -> None:
    chat = Chat(app.engine, chat_id=f"paper-{typed}")
    await _at_id_document(chat)
    await chat.say(typed)
    assert "📄 Cấp thẻ Căn cước" not in chat.text  # no new search
    assert kept in chat.text  # the summary of this walkthrough


# 6. "whom do I ask" after a dossier card


@pytest.mark.parametrize("asked", ["thế thì hỏi ai được", "lien he ai bay gio"])
async def test_whom_to_ask_after_a_dossier_card_is_its_office(app: Any, asked: str) -> None:
    code = "000.00.14.H20-200703-0005"
    chat = Chat(app.engine, chat_id=f"whom-{asked}")
    await chat.say(code)
    await chat.say("1357")
    await chat.say(asked)
    assert f"Hồ sơ {code}" in chat.text and "Bộ phận Một cửa" in chat.text
    assert "Giờ làm việc" in chat.text
    assert "Gặp cán bộ" in chat.labels()
    assert "thủ tục nào" not in chat.text
    await chat.say("khi nào có kết quả")  # the dossier context is still there
    assert code in chat.text


# 7. smaller ones


@pytest.mark.parametrize("typed", ["mình muốn làm hồ sơ online", "muon nop truc tuyen"])
async def test_online_filing_at_the_menu_points_to_the_portal_and_asks_which(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"online-menu-{typed}")
    await chat.say(typed)
    assert "dichvucong.gov.vn" in chat.text and "thủ tục nào" in chat.text
    assert "chưa hỗ trợ được" not in chat.text


@pytest.mark.parametrize("typed", ["bỏ qua", "bo qua", "để sau"])
async def test_skip_at_the_booking_confirmation_keeps_it_unbooked(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"skip-confirm-{typed}")
    await chat.press("bk:prog:phuong3_ngay_khong_viet")
    await chat.say("15/12")
    await chat.say("cái đầu tiên")
    await chat.say("Trương Thị Bảy")
    await chat.say("0913 222 333")
    await chat.click("Bỏ qua")  # the need
    assert "Xác nhận" in chat.labels()
    await chat.say(typed)
    assert NOT_UNDERSTOOD not in chat.text and "chưa đặt lịch" in chat.text
    async with app.uow() as uow:
        assert not [b for b in await uow.repos.bookings.list() if b.status == "booked"]
    await chat.say("xác nhận")
    assert "Đặt lịch thành công" in chat.text


@pytest.mark.parametrize(
    ("opening", "asked"),
    [
        ("làm lại căn cước bị mất", "mấy giờ làm việc"),  # a catalogue record
        ("lam can cuoc lan dau cho con 14 tuoi", "may gio mo cua"),  # the curated entry
    ],
)
async def test_hours_after_a_police_card_are_never_the_one_stop_shops(
    app: Any, opening: str, asked: str
) -> None:
    chat = Chat(app.engine, chat_id=f"police-hours-{opening}")
    await chat.say(opening)
    assert "Công an" in chat.text
    await chat.say(asked)
    shop = app.services.kb.offices["ubnd_xa"]
    assert "Công an" in chat.text  # its hours, or "ask the Công an xã"
    assert shop.name not in chat.text and shop.hours not in chat.text


async def test_the_saturday_hours_in_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-hours", locale="en")
    await chat.say("when is the office open")
    assert "Saturday" in chat.text
    assert "thứ Bảy" not in chat.text and "nên hỏi trước" not in chat.text
