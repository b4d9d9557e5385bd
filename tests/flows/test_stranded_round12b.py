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
