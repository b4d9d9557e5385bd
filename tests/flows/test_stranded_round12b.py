"""Strandings an independent QA reviewer found (issue #12, second list): the booking's time
left open in other words, cancelling asked about, a change typed at the review screen, the
citizen's own bookings asked for; a dossier's follow-ups and a complaint about a late one;
"người hay máy"; a bare "chưa có" with nothing asked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

TO_VIET = "tan_thuan_dong_to_viet_ho_so"  # Mon and Wed 07:30-11:00, 30-minute slots


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


async def _at_times(chat: Chat) -> None:
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.click("Thứ Tư 02/12/2026")
    assert "chọn giờ hẹn" in _text(chat), _text(chat)


# 1. the time left open ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["sao cũng được", "sao cung duoc", "mấy giờ cũng được", "tùy em", "thế nào cũng được hết"],
)
async def test_the_time_left_open_proposes_the_earliest(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"any-{typed}")
    await _at_times(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Em đặt giúp anh/chị 07:30 Thứ Tư 02/12" in text and "chưa rõ ý" not in text, text
    await chat.say("đồng ý")
    assert "họ và tên" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["giờ nào cũng được", "gio nao cung duoc"])
async def test_gio_nao_cung_duoc_still_proposes_the_earliest(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"gio-{typed}")
    await _at_times(chat)
    await chat.say(typed)
    assert "Em đặt giúp anh/chị 07:30 Thứ Tư 02/12" in _text(chat), _text(chat)


async def test_a_typed_time_is_still_that_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="any-guard")
    await _at_times(chat)
    await chat.say("9 giờ")
    assert "họ và tên" in _text(chat), _text(chat)
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.click("Bỏ qua")
    assert "09:00" in _text(chat), _text(chat)


# 2. cancelling asked about -------------------------------------------------------------------


async def _at_review(chat: Chat) -> None:
    await _at_times(chat)
    await chat.say("07:30")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.click("Bỏ qua")
    assert "kiểm tra lại thông tin đặt lịch" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["có hủy", "co huy", "hủy được không", "có hủy được không"])
async def test_cancelling_asked_at_the_review_says_how(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"ask-{typed}")
    await _at_review(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "chưa rõ ý" not in text and "Dừng đặt lịch" in text and "chưa đặt" in text, text
    assert "Xác nhận" in chat.labels() and "Dừng đặt lịch" in chat.labels()


@pytest.mark.parametrize("typed", ["có, hủy", "co, huy", "ừ hủy đi", "vâng hủy luôn"])
async def test_a_yes_with_the_cancel_at_the_review_stops_never_books(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"yescancel-{typed}")
    await _at_review(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "đã dừng việc đặt lịch" in text and "Đặt lịch thành công" not in text, text
    assert "Tiếp tục đặt lịch" in chat.labels()


async def test_a_bare_yes_at_the_review_still_books(app: Any) -> None:
    chat = Chat(app.engine, chat_id="yes-books")
    await _at_review(chat)
    await chat.say("có")
    assert "Đặt lịch thành công" in _text(chat), _text(chat)


async def _booked(chat: Chat) -> str:
    await _at_review(chat)
    await chat.say("ok")
    text = _text(chat)
    assert "Đặt lịch thành công" in text, text
    return text.split("Mã lịch hẹn của anh/chị: ")[1].split()[0]


@pytest.mark.parametrize("typed", ["có hủy", "co huy duoc ko", "hủy được không"])
async def test_cancelling_asked_after_booking_names_the_cancel_button(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"done-{typed}")
    code = await _booked(chat)
    await chat.say(typed)
    text = _text(chat)
    assert f"Hủy lịch {code}" in text and f"Hủy lịch {code}" in chat.labels(), text
    await chat.click(f"Hủy lịch {code}")
    assert "chắc chắn muốn hủy" in _text(chat), _text(chat)


async def test_a_yes_with_the_cancel_after_booking_asks_to_be_sure(app: Any) -> None:
    chat = Chat(app.engine, chat_id="done-yes")
    code = await _booked(chat)
    await chat.say("có, hủy")
    assert f"chắc chắn muốn hủy lịch hẹn {code}" in _text(chat), _text(chat)


# 3. a change typed at the review -------------------------------------------------------------


async def test_doi_gio_khac_at_the_review_offers_the_days_times_keeping_the_form(app: Any) -> None:
    chat = Chat(app.engine, chat_id="change-time")
    await _at_review(chat)
    await chat.say("đổi giờ khác")
    assert "Thứ Tư 02/12/2026: anh/chị chọn giờ hẹn" in _text(chat), _text(chat)
    await chat.say("08:30")
    text = _text(chat)
    assert "kiểm tra lại thông tin đặt lịch" in text and "08:30" in text, text
    assert "Phạm T*** M" in text  # the name typed before is kept


@pytest.mark.parametrize("typed", ["đổi sang thứ hai", "doi sang thu hai"])
async def test_doi_sang_thu_hai_at_the_review_offers_mondays_times(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"change-day-{typed}")
    await _at_review(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Thứ Hai 07/12/2026: anh/chị chọn giờ hẹn" in text, text
    await chat.say("07:30")
    text = _text(chat)
    assert "kiểm tra lại thông tin đặt lịch" in text and "Thứ Hai 07/12/2026" in text, text


@pytest.mark.parametrize("typed", ["cho em đổi ngày", "cho em doi ngay"])
async def test_cho_em_doi_ngay_at_the_review_offers_the_days(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"change-days-{typed}")
    await _at_review(chat)
    await chat.say(typed)
    assert "chọn ngày muốn hẹn" in _text(chat), _text(chat)
    await chat.click("Thứ Hai 07/12/2026")
    await chat.say("sớm nhất")  # the first time of the list
    text = _text(chat)
    assert "kiểm tra lại thông tin đặt lịch" in text and "Thứ Hai 07/12/2026" in text, text


async def test_doi_sang_9_gio_at_the_review_takes_that_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="change-at")
    await _at_review(chat)
    await chat.say("đổi sang 9 giờ")
    text = _text(chat)
    assert "kiểm tra lại thông tin đặt lịch" in text and "09:00" in text, text


# 4. the citizen's own bookings asked for -----------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["vậy là tôi chưa có lịch nào hả", "tôi có lịch hẹn nào chưa", "toi co lich hen nao chua"],
)
async def test_own_bookings_asked_with_none_says_none(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"mine-none-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "chưa có lịch hẹn nào" in text and "xã/phường nào" not in text, text


async def test_own_bookings_asked_after_booking_lists_it(app: Any) -> None:
    chat = Chat(app.engine, chat_id="mine-one")
    code = await _booked(chat)
    await chat.say("tôi có lịch hẹn nào chưa")
    assert f"{code}:" in _text(chat) and f"Hủy lịch {code}" in chat.labels(), _text(chat)


async def test_own_bookings_asked_at_the_review_says_it_is_not_booked_yet(app: Any) -> None:
    chat = Chat(app.engine, chat_id="mine-review")
    await _at_review(chat)
    await chat.say("vậy là tôi chưa có lịch nào hả")
    text = _text(chat)
    assert "chưa đặt" in text and "Xác nhận" in chat.labels(), text
    await chat.say("ok")
    assert "Đặt lịch thành công" in _text(chat)


@pytest.mark.parametrize("typed", ["đặt lịch có được không", "tôi muốn đặt lịch hẹn"])
async def test_asking_to_book_still_opens_the_booking(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"book-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "xã/phường nào" in text or "chương trình hỗ trợ" in text, text


# 5.-7. after a dossier's card, and a complaint -----------------------------------------------

ON_TIME = "000.00.14.H20-200703-0002"  # demo: Đăng ký khai sinh, ...1234, due in 2 days
OVERDUE = "000.00.14.H20-200703-0005"  # demo: tình trạng hôn nhân, ...1357, 3 days late


async def _card(chat: Chat, code: str, digits: str, typed: str | None = None) -> None:
    await chat.say(typed or f"tra cứu {code}")
    await chat.say(digits)
    assert f"📄 Hồ sơ {code}" in _text(chat), _text(chat)


@pytest.mark.parametrize(
    "typed",
    [
        "gửi bưu điện được không",
        "gui buu dien duoc khong",
        "nhận kết quả qua bưu điện được không",
        "nhan ket qua qua buu dien duoc ko",
    ],
)
async def test_the_result_by_post_after_a_card_is_answered_from_the_data(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"post-{typed}")
    await _card(chat, ON_TIME, "1234")
    await chat.say(typed)
    text = _text(chat)
    assert "chưa rõ ý" not in text and "thủ tục nào dưới đây" not in text, text
    # the birth registration's data says nothing on returning the result by post: no guess
    assert "không nói việc gửi trả kết quả qua bưu điện" in text, text
    assert "Đăng ký khai sinh" in text and "🕗 Giờ làm việc" in text, text
    assert "Gặp cán bộ" in chat.labels() and "🔔 Nhận thông báo" in chat.labels()


def test_a_sentence_on_returning_the_result_by_post_is_quoted() -> None:
    from handlers.status.asides import return_by_post
    from knowledge.schema import Procedure

    said = Procedure(
        code="x",
        name="x",
        steps="Bước 1: nộp hồ sơ. Bước 3: Tổ chức, cá nhân nhận kết quả trực tiếp hoặc qua "
        "hệ thống bưu chính. Bước 4: xong.",
    )
    assert return_by_post(said).startswith("Bước 3: Tổ chức, cá nhân nhận kết quả")
    office = Procedure(code="y", name="y", steps="Gửi qua bưu chính tới Bộ phận Tiếp nhận.")
    assert return_by_post(office) == ""  # filing by post is no result returned by post


@pytest.mark.parametrize("typed", ["lệ phí bao nhiêu", "le phi bao nhieu", "tốn bao nhiêu tiền"])
async def test_the_fee_after_a_card_is_that_dossiers_procedure_fee(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"fee-{typed}")
    await _card(chat, ON_TIME, "1234")
    await chat.say(typed)
    text = _text(chat)
    assert f"Lệ phí của thủ tục Đăng ký khai sinh (hồ sơ {ON_TIME})" in text, text
    assert "Miễn lệ phí" in text and "chưa hỗ trợ được" not in text, text
    await chat.say("khi nào xong")  # still about the dossier
    assert f"Hồ sơ {ON_TIME} chưa quá hạn" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["khi nào xong", "mất bao lâu nữa", "mat bao lau nua"])
async def test_when_after_a_card_stays_about_the_dossier(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"when-{typed}")
    await _card(chat, ON_TIME, "1234")
    await chat.say(typed)
    assert f"Hồ sơ {ON_TIME} chưa quá hạn: ngày hẹn trả kết quả là 03/12/2026" in _text(chat)


@pytest.mark.parametrize(
    "typed", ["hồ sơ trễ hẹn rồi mà chưa có", "qua han roi sao chua tra", "sao lâu vậy"]
)
async def test_a_complaint_after_a_late_card_regrets_says_the_days_and_offers_staff(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"late-{typed}")
    await _card(chat, OVERDUE, "1357")
    await chat.say(typed)
    text = _text(chat)
    assert text.startswith("Dạ, em rất tiếc"), text
    assert "quá ngày hẹn trả (26/11/2026) 3 ngày làm việc" in text, text
    assert "Gặp cán bộ" in chat.labels(), chat.labels()
    await chat.click("Gặp cán bộ")
    assert "chưa rõ ý" not in _text(chat)


async def test_a_complaint_after_an_on_time_card_says_it_is_not_late(app: Any) -> None:
    chat = Chat(app.engine, chat_id="late-on-time")
    await _card(chat, ON_TIME, "1234")
    await chat.say("sao lâu vậy")
    text = _text(chat)
    assert "sốt ruột" in text and "chưa quá hạn" in text and "rất tiếc" not in text, text
    assert "Gặp cán bộ" in chat.labels()


@pytest.mark.parametrize(
    "typed", ["hồ sơ trễ hẹn rồi mà chưa có", "quá hạn rồi sao chưa trả", "sao lau vay"]
)
async def test_a_complaint_as_first_message_regrets_asks_the_code_and_offers_staff(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"first-late-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert text.startswith("Dạ, em rất tiếc") and "mã hồ sơ" in text, text
    assert "Gặp cán bộ" in chat.labels()
    await chat.say(OVERDUE)
    await chat.say("1357")
    assert "quá ngày hẹn trả 3 ngày làm việc" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["hồ sơ của tôi tới đâu rồi", "khai sinh quá hạn cần gì"])
async def test_no_regret_for_a_plain_status_ask_or_a_late_registration(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"no-regret-{typed}")
    await chat.say(typed)
    assert "rất tiếc" not in _text(chat), _text(chat)


# 8. a person or a machine ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "mày là người hay máy",
        "may la nguoi hay may",
        "bạn là người thật hả",
        "ban la nguoi that ha",
        "em là robot à",
        "bạn là ai",  # QA pass 10, q34 / q33: "chưa hỗ trợ được" before
        "cháu là ai thế",
        "bạn tên gì",  # a test-set line: "Ý anh/chị là ... cải chính hộ tịch" before
        "tên bạn là gì vậy",
    ],
)
async def test_person_or_machine_gets_an_honest_short_answer(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"bot-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "trợ lý tự động" in text and "không phải người thật" in text, text
    assert "chưa hỗ trợ được" not in text and "đã chuyển cuộc trò chuyện" not in text, text
    assert "Gặp cán bộ" in chat.labels()
    await chat.click("Gặp cán bộ")  # a person stays one tap away
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["cho tôi gặp người thật", "gặp cán bộ"])
async def test_asking_for_a_person_still_hands_over(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"human-{typed}")
    await chat.say(typed)
    assert "trợ lý tự động" not in _text(chat), _text(chat)
    assert "cán bộ" in _text(chat)


# 9. a bare "chưa có" with nothing asked ---------------------------------------------------


@pytest.mark.parametrize("typed", ["chưa có", "chua co", "ko biết", "ko biet", "không rõ"])
async def test_a_bare_no_with_nothing_asked_gets_a_short_reply(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"bare-{typed}")
    await chat.say(typed)
    text = _text(chat)
    assert "Xin chào" not in text and "Em có thể giúp anh/chị:" not in text, text
    assert "hỏi thủ tục, chuẩn bị giấy tờ, tra cứu hồ sơ, đặt lịch hỗ trợ" in text, text
    assert "Tra cứu hồ sơ" in chat.labels() and "Đặt lịch hỗ trợ" in chat.labels()


async def test_a_greeting_still_greets_and_a_bare_no_at_a_question_is_an_answer(app: Any) -> None:
    chat = Chat(app.engine, chat_id="bare-guard")
    await chat.say("xin chào")
    assert "Xin chào anh/chị" in _text(chat)
    await _at_times(chat)
    await chat.say("chưa có")  # the time list is open: no menu, the question stays
    assert "Tra cứu hồ sơ" not in chat.labels(), chat.labels()


async def test_doi_sang_thu_hai_buoi_sang_at_the_review_proposes_its_first_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="change-day-part")
    await _at_review(chat)
    await chat.say("đổi sang thứ hai buổi sáng")
    assert "Em đặt giúp anh/chị 07:30 Thứ Hai 07/12" in _text(chat), _text(chat)
    await chat.say("đồng ý")
    text = _text(chat)
    assert "kiểm tra lại thông tin đặt lịch" in text and "Thứ Hai 07/12/2026" in text, text


@pytest.mark.parametrize("typed", ["đổi số điện thoại", "sửa tên"])
async def test_other_changes_at_the_review_are_not_taken_as_a_time(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"change-other-{typed}")
    await _at_review(chat)
    await chat.say(typed)
    assert "chọn giờ hẹn" not in _text(chat) and "Đặt lịch thành công" not in _text(chat)


@pytest.mark.parametrize("typed", ["hủy được không", "co huy duoc khong"])
async def test_cancelling_asked_at_my_bookings_names_the_cancel_button(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"mine-ask-{typed}")
    code = await _booked(chat)
    await chat.click("Lịch hẹn của tôi")
    await chat.say(typed)
    text = _text(chat)
    assert f"Hủy lịch {code}" in text and f"Hủy lịch {code}" in chat.labels(), text


async def test_cancelling_asked_with_several_bookings_points_to_their_buttons(app: Any) -> None:
    chat = Chat(app.engine, chat_id="mine-ask-two")
    first = await _booked(chat)
    await _at_times(chat)
    await chat.say("09:00")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.click("Bỏ qua")
    await chat.say("ok")
    assert "Đặt lịch thành công" in _text(chat), _text(chat)
    await chat.click("Lịch hẹn của tôi")
    await chat.say("hủy được không")
    text = _text(chat)
    assert 'bấm nút "Hủy lịch ..."' in text and f"Hủy lịch {first}" in chat.labels(), text


async def test_in_english_the_person_question_and_the_post_are_answered(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-bot", locale="en")
    await chat.say("are you a real person")
    assert "automated assistant" in _text(chat) and "Talk to staff" in chat.labels()
    await chat.say(f"check {ON_TIME}")
    await chat.say("1234")
    await chat.say("can it be sent by post")
    assert "says nothing about sending the result by post" in _text(chat), _text(chat)


# QA pass 10 (q20): a stop typed where the booking asks for the need -----------------------


@pytest.mark.parametrize("typed", ["hủy lịch vừa đặt", "thoi khong dat nua", "dừng lại"])
async def test_a_stop_typed_at_the_need_step_stops_and_is_no_need(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"need-stop-{typed}")
    await _at_times(chat)
    await chat.say("9 giờ")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    assert "cần hỗ trợ thủ tục gì" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "dừng việc đặt lịch" in text and "chưa có lịch hẹn nào được đặt" in text, text
    assert "Xác nhận" not in chat.labels()
    await chat.say("không hủy nữa")  # the draft is kept: back at the need, nothing retyped
    assert "cần hỗ trợ thủ tục gì" in _text(chat), _text(chat)


async def test_a_need_that_starts_like_a_stop_is_still_a_need(app: Any) -> None:
    chat = Chat(app.engine, chat_id="need-not-stop")
    await _at_times(chat)
    await chat.say("9 giờ")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.say("hủy hộ khẩu cho bố")
    assert "hủy hộ khẩu cho bố" in _text(chat) and "Xác nhận" in chat.labels(), _text(chat)
