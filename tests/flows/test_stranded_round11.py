"""Strandings left by citizen QA pass 8 (its "after" run), fixed this round: "sáng sớm" when
only a late morning time is left, giving up a booking at its confirmation, a typed "xác
nhận" to the one time proposed, two needs in one message, an elderly citizen's words, a bare
"làm giấy tờ", and the one-stop shop's phone and address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.chat import Chat

TO_VIET = "tan_thuan_dong_to_viet_ho_so"  # Mon and Wed 07:30-11:00, 30-minute slots


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


@pytest.fixture
def clock() -> Any:
    """Wednesday 02/12/2026 09:15: of the programme's Wednesday, only 10:30 can be booked."""
    from handlers.context import VN_TZ, FixedClock

    return FixedClock(dt.datetime(2026, 12, 2, 9, 15, tzinfo=VN_TZ))


async def _at_today(chat: Chat) -> None:
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("ngay gan nhat")
    assert "Em đặt giúp anh/chị 10:30 Thứ Tư 02/12" in _text(chat), _text(chat)


async def test_sang_som_when_only_a_late_time_is_left_offers_the_next_early_morning(
    app: Any,
) -> None:
    chat = Chat(app.engine, chat_id="early")
    await _at_today(chat)
    await chat.say("sang som")
    text = _text(chat)
    assert "chỉ còn giờ 10:30" in text and "chưa rõ ý" not in text, text
    assert "07:30 Thứ Hai 07/12/2026" in text, text
    assert "Thứ Tư 02/12/2026 lúc 10:30" in chat.labels()  # today's time stays a tap away
    await chat.say("đồng ý")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.click("Bỏ qua")
    assert "Thứ Hai 07/12/2026, 07:30" in _text(chat), _text(chat)


async def test_sang_som_on_a_day_with_early_times_proposes_the_first_of_them(app: Any) -> None:
    chat = Chat(app.engine, chat_id="early-monday")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("07/12")
    await chat.say("sáng sớm nha")
    text = _text(chat)
    assert "Em đặt giúp anh/chị 07:30 Thứ Hai 07/12" in text and "chỉ còn" not in text, text


async def test_sang_som_at_the_days_picks_the_first_day_with_an_early_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="early-days")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("sang som")
    assert "Em đặt giúp anh/chị 07:30 Thứ Hai 07/12" in _text(chat), _text(chat)


async def _at_confirm(chat: Chat) -> None:
    await _at_today(chat)
    await chat.say("đồng ý")
    await chat.say("Phạm Thị Mai")
    await chat.say("0934567890")
    await chat.say("dang ky thuong tru")
    assert "kiểm tra lại thông tin đặt lịch" in _text(chat), _text(chat)


async def test_giving_up_at_the_confirmation_then_dung_roi_huy_drops_the_draft(app: Any) -> None:
    chat = Chat(app.engine, chat_id="drop")
    await _at_confirm(chat)
    await chat.say("thoi huy lich do di")
    text = _text(chat)
    assert "chưa có lịch hẹn nào được đặt" in text and "Tiếp tục đặt lịch" in chat.labels(), text
    await chat.say("dung roi huy")
    text = _text(chat)
    assert "đã bỏ lịch hẹn đang đặt dở" in text and "chưa hỗ trợ được" not in text, text
    await chat.say("lịch hẹn của tôi")
    assert "chưa có lịch hẹn nào" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["thôi không hủy nữa", "đừng hủy"])
async def test_changing_ones_mind_after_giving_up_still_resumes(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"resume-{typed}")
    await _at_confirm(chat)
    await chat.say("thoi huy lich do di")
    await chat.say(typed)
    assert "kiểm tra lại thông tin đặt lịch" in _text(chat), _text(chat)


async def test_xac_nhan_takes_the_time_proposed_after_a_time_that_is_gone(app: Any) -> None:
    chat = Chat(app.engine, chat_id="xac-nhan")
    await _at_today(chat)
    await chat.say("8 gio")  # past: the next free times, the proposal still standing
    await chat.say("Dang Thi Kim")
    await chat.say("0909888777")
    await chat.say("khai sinh")
    assert "Em đặt giúp anh/chị 10:30 Thứ Tư 02/12" in _text(chat), _text(chat)
    await chat.say("xac nhan")
    text = _text(chat)
    assert "Thứ Tư 02/12/2026, 10:30" in text and "chưa chọn giờ" not in text, text


async def test_a_yes_with_no_time_proposed_still_asks_for_a_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="yes-none")
    await chat.press(f"bk:prog:{TO_VIET}")
    await chat.say("07/12")
    await chat.say("xác nhận")
    assert "chưa chọn giờ hẹn" in _text(chat), _text(chat)


OWNER_CODE = "000.00.14.H20-200703-0002"  # demo: Nguyễn Văn An, phone ...1234


async def test_a_procedure_question_beside_a_lookup_is_answered_too(app: Any) -> None:
    chat = Chat(app.engine, chat_id="two-status")
    await chat.say(f"tra ho so {OWNER_CODE} voi hoi luon lam can cuoc mat bao lau")
    text = _text(chat)
    assert "Cấp thẻ Căn cước" in text and "07 ngày làm việc" in text, text
    assert "4 số cuối" in chat.last[-1].text  # the lookup goes on, its question last
    await chat.say("1234")
    assert "Đăng ký khai sinh" in _text(chat) and "Nguyễn V*** A" in _text(chat), _text(chat)
    await chat.say("con vu can cuoc thi sao")
    text = _text(chat)
    assert text.startswith("📄 Cấp thẻ Căn cước") and "ý anh/chị là" not in text, text


async def test_a_lookup_alone_asks_only_the_digits(app: Any) -> None:
    chat = Chat(app.engine, chat_id="status-alone")
    await chat.say(f"ho so {OWNER_CODE} toi dau roi")
    assert len(chat.last) == 1 and "4 số cuối" in _text(chat), _text(chat)


async def test_a_procedure_question_with_a_booking_shows_the_procedure(app: Any) -> None:
    chat = Chat(app.engine, chat_id="two-booking")
    await chat.say("dang ky ket hon can gi, dat lich ngay ko viet luon")
    text = _text(chat)
    assert "📄 Đăng ký kết hôn" in text and "Đặt lịch hỗ trợ" in chat.labels(), text
    await chat.click("Đặt lịch hỗ trợ")  # the booking stays one tap away
    assert "xã/phường nào" in _text(chat) or "chương trình" in _text(chat), _text(chat)


async def test_a_booking_alone_still_starts_the_booking(app: Any) -> None:
    chat = Chat(app.engine, chat_id="booking-alone")
    await chat.say("dat lich ngay ko viet")
    assert "📄" not in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["con oi chi giup ba voi", "cháu ơi giúp bà với"])
async def test_a_call_for_help_naming_no_need_gets_the_menu(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"call-{typed}")
    await chat.say(typed)
    assert "Xin chào" in _text(chat) and "ý anh/chị là" not in _text(chat), _text(chat)
    assert "Hỏi thủ tục" in chat.labels()


async def test_an_elder_who_cannot_write_is_offered_the_help_of_her_ward(app: Any) -> None:
    chat = Chat(app.engine, chat_id="elder")
    await chat.say("ba muon lam lai cai the can cuoc bi mat")
    assert "Cấp lại thẻ căn cước" in _text(chat), _text(chat)
    await chat.say("ba ko biet chu nhieu")
    text = _text(chat)
    assert "điền giúp tờ khai" in text and "chưa có thông tin chính thức" not in text, text
    await chat.say("o xa my ngai")
    text = _text(chat)
    assert "phường Mỹ Ngãi" in text and "Hỗ trợ tại nhà - Mỹ Ngãi" in text, text
    assert "Hướng dẫn nộp trực tuyến" not in text  # online guidance writes nothing
    await chat.say("co ai toi nha giup ko con")
    assert "đúng chương trình này" in _text(chat), _text(chat)


async def test_a_card_question_still_gets_its_answer_after_the_writing_words(app: Any) -> None:
    chat = Chat(app.engine, chat_id="elder-fee")
    await chat.say("ba muon lam lai cai the can cuoc bi mat")
    await chat.say("le phi bao nhieu")
    assert "Phí, lệ phí" in _text(chat) and "điền giúp" not in _text(chat), _text(chat)


async def test_living_in_a_ward_keeps_it_and_offers_its_programmes(app: Any) -> None:
    chat = Chat(app.engine, chat_id="lives")
    await chat.say("bà ở xã Mỹ Ngãi")
    text = _text(chat)
    assert "phường Mỹ Ngãi" in text and "chưa hỗ trợ được" not in text, text
    assert any("Mỹ Ngãi" in label for label in chat.labels()), chat.labels()


@pytest.mark.parametrize("typed", ["lam giay to", "muốn làm giấy tờ"])
async def test_a_need_that_names_no_paperwork_asks_which(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"vague-{typed}")
    await chat.say("alo")
    await chat.say(typed)
    text = _text(chat)
    assert "muốn làm giấy tờ gì" in text and "chưa hỗ trợ được" not in text, text
    await chat.say("giay to nha dat")  # a need named next is searched as always
    assert any("quyền sử dụng đất" in label for label in chat.labels()), chat.labels()


async def test_the_one_stop_shops_phone_and_address_come_from_the_data(app: Any) -> None:
    chat = Chat(app.engine, chat_id="office")
    await chat.say("may gio mo cua")
    await chat.say("thu 7 lam ko")
    assert "xin lỗi vì chưa hiểu ý" not in _text(chat), _text(chat)  # hours answered
    await chat.say("so dien thoai mot cua phuong cao lanh")
    text = _text(chat)
    assert "Bộ phận Một cửa phường Cao Lãnh" in text and "18001096" in text, text
    assert "chưa có để báo" in text  # the office's phone is not in the data: said plainly
    assert "chưa hỗ trợ được" not in text and "xin lỗi vì chưa hiểu ý" not in text
    await chat.say("dia chi o dau")
    text = _text(chat)
    assert "Bộ phận Một cửa phường Cao Lãnh" in text and "ý anh/chị là" not in text, text


async def test_where_a_procedure_is_filed_is_still_the_procedures(app: Any) -> None:
    chat = Chat(app.engine, chat_id="office-proc")
    await chat.say("làm căn cước ở đâu")
    assert "Căn cước" in _text(chat) and "Thông tin liên hệ" not in _text(chat), _text(chat)


async def test_can_luu_y_gi_after_a_card_shows_its_notes(app: Any) -> None:
    chat = Chat(app.engine, chat_id="notes")
    await chat.say("dang ky thuong tru ve nha ba ngoai")
    assert "Lưu ý" in chat.labels(), chat.labels()
    await chat.say("can luu y gi ko e")
    text = _text(chat)
    assert "chủ sở hữu" in text and "chưa có thông tin chính thức" not in text, text


async def test_can_luu_y_gi_on_a_card_without_notes_says_so_honestly(app: Any) -> None:
    chat = Chat(app.engine, chat_id="notes-none")
    await chat.press("sr:card:1.000016")  # a catalogue procedure with no notes, no conditions
    assert "Lưu ý" not in chat.labels(), chat.labels()
    await chat.say("can luu y gi ko")
    assert "chưa có thông tin chính thức" in _text(chat), _text(chat)
    assert "📝" not in _text(chat)  # no notes invented


async def test_a_known_exemption_is_not_contradicted_by_the_unknown_fee(app: Any) -> None:
    chat = Chat(app.engine, chat_id="fee-first-card")
    await chat.say("lam can cuoc cho con 10 tuoi")
    await chat.say("phi bao nhieu vay")
    text = _text(chat)
    assert "không phải nộp lệ phí" in text and "Điều 38 khoản 2" in text, text
    assert "Ngoài trường hợp trên" in text and "chưa có thông tin chính thức về lệ phí" not in text


async def test_a_procedure_with_known_fees_lists_them_as_before(app: Any) -> None:
    chat = Chat(app.engine, chat_id="fee-known")
    await chat.say("lam khai sinh cho con can gi")
    await chat.say("le phi sao")
    text = _text(chat)
    assert "Miễn lệ phí" in text and "10.000 đồng" in text and "Ngoài trường hợp" not in text


async def test_the_procedure_asked_with_a_booking_stays_its_need(app: Any) -> None:
    chat = Chat(app.engine, chat_id="two-booking-need")
    await chat.say("dang ky ket hon can gi, dat lich ngay ko viet luon")
    await chat.say("vay ngay khong viet thi sao")
    assert "Ngày không viết - Phường 3 cũ" in _text(chat), _text(chat)
    await chat.say("ngay gan nhat")
    await chat.say("9h")
    await chat.say("Ly Van Hung")
    await chat.say("0918222333")
    text = _text(chat)
    assert "Việc cần hỗ trợ: Đăng ký kết hôn" in text, text  # never asked again
    await chat.say("ket hon")  # said again at the confirmation: the booking is not dropped
    assert "đã ghi việc cần hỗ trợ" in _text(chat) and "Xác nhận" in chat.labels()
    await chat.say("ok")
    assert "Đặt lịch thành công" in _text(chat), _text(chat)


async def test_vay_thoi_after_the_answers_is_a_goodbye(app: Any) -> None:
    chat = Chat(app.engine, chat_id="done")
    await chat.say("so do do")
    await chat.say("vay thoi")
    text = _text(chat)
    assert "em chào anh/chị" in text and "chưa hỗ trợ được" not in text, text


async def test_a_bare_ok_after_giving_up_drops_nothing_it_was_not_asked(app: Any) -> None:
    chat = Chat(app.engine, chat_id="drop-ok")
    await _at_confirm(chat)
    await chat.say("thoi huy lich do di")
    await chat.say("ok")
    assert "đã bỏ lịch hẹn đang đặt dở" not in _text(chat), _text(chat)
