"""Strandings left by citizen QA pass 7 (its "after" run), fixed this round: everyday words
for a walkthrough option and a correction of an earlier answer, a benefit's amount, a
typed reschedule to "tuần sau" when the booking already is next week, a dossier's owner
asked for, supplementing online, collecting by proxy, and "trực tiếp" at the ID-card
question whose options say "Đến thẳng" / "Đặt lịch trực tuyến"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.chat import Chat

OWNER_CODE = "000.00.14.H20-200703-0002"  # demo: Nguyễn Văn An, phone ...1234
SUPPLEMENT = "000.00.14.H20-200703-0003"  # demo: Chờ bổ sung hồ sơ, ...5678
READY = "000.00.14.H20-200703-0004"  # demo: Đã có kết quả, ...2468
P3 = "phuong3_ngay_khong_viet"


def _text(chat: Chat) -> str:
    return "\n".join(r.text for r in chat.last)


async def _business(chat: Chat) -> None:
    await chat.press("ck:start:1.001612")
    assert "một mình anh/chị đăng ký" in _text(chat), _text(chat)


@pytest.mark.parametrize("typed", ["ca nha cung dang ky", "cả nhà cùng đăng ký"])
async def test_the_whole_family_registering_is_the_household_option(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"family-{typed}")
    await _business(chat)
    await chat.say(typed)
    assert "Em ghi nhận: Các thành viên hộ gia đình cùng đăng ký" in _text(chat), _text(chat)


async def test_a_correction_at_the_next_question_changes_the_earlier_answer(app: Any) -> None:
    chat = Chat(app.engine, chat_id="correction")
    await _business(chat)
    await chat.say("ca nha cung dang ky")
    assert "tự đi nộp hay nhờ" in _text(chat)
    await chat.say("a nham, 1 minh toi thoi")
    text = _text(chat)
    assert "em sửa lại: Một cá nhân đăng ký" in text, text
    assert "tự đi nộp hay nhờ" in text  # the question being asked comes back, once
    assert "chưa rõ ý" not in text
    await chat.say("toi tu nop")
    await chat.say("chua co")
    summary = _text(chat)
    assert "Tóm tắt hồ sơ" in summary, summary
    assert "thành viên hộ gia đình" not in summary.lower()  # the corrected case's papers


async def test_a_bare_nham_roi_asks_the_last_question_again(app: Any) -> None:
    chat = Chat(app.engine, chat_id="undo")
    await _business(chat)
    await chat.say("ca nha cung dang ky")
    await chat.say("nhầm rồi")
    text = _text(chat)
    assert "em bỏ câu trả lời vừa rồi" in text and "một mình anh/chị đăng ký" in text, text


async def test_a_correction_naming_nothing_answered_is_not_taken(app: Any) -> None:
    chat = Chat(app.engine, chat_id="correction-none")
    await _business(chat)
    await chat.say("ca nha cung dang ky")
    await chat.say("à nhầm, trời mưa quá")
    assert "em sửa lại" not in _text(chat)


@pytest.mark.parametrize("typed", ["người già", "nguoi gia"])
async def test_nguoi_gia_at_the_group_question_is_the_elderly_group(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"elderly-{typed}")
    await chat.say("làm hồ sơ trợ cấp cho dì già neo đơn cần chuẩn bị gì")
    assert "thuộc nhóm nào" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Người cao tuổi" in text and "Phí, lệ phí" not in text, text
    assert "Đã có" in chat.labels()  # the walkthrough went on to the papers


async def test_the_amount_a_support_pays_is_its_level_never_the_fee(app: Any) -> None:
    chat = Chat(app.engine, chat_id="amount")
    await chat.say("hỗ trợ chi phí mai táng")
    if "Dạ, ý anh/chị là" in _text(chat):
        await chat.click("mai táng")
    await chat.say("được bao nhiêu tiền")
    text = _text(chat)
    assert "20 lần mức chuẩn trợ giúp xã hội" in text, text
    assert "không phải lệ phí" in text and "Không thu phí" not in text
    await chat.say("lệ phí bao nhiêu")  # the fee is still the fee
    assert "Không thu phí" in _text(chat), _text(chat)


async def test_an_amount_the_data_does_not_state_is_said_to_be_unknown(app: Any) -> None:
    chat = Chat(app.engine, chat_id="amount-none")
    await chat.press("sr:card:dp.tro-cap-huu-tri-xa-hoi")
    await chat.say("được hưởng bao nhiêu")
    text = _text(chat)
    assert "Mức trợ cấp" in text and "không phải lệ phí" in text, text
    assert "đồng" not in text  # no amount invented


async def test_the_amount_of_a_procedure_that_pays_nothing_is_its_fee(app: Any) -> None:
    chat = Chat(app.engine, chat_id="amount-fee")
    await chat.press("sr:card:1.000656")
    await chat.say("được bao nhiêu tiền")
    assert "Phí, lệ phí" in _text(chat) or "Lệ phí" in _text(chat), _text(chat)


async def test_tuan_sau_when_the_booking_is_next_week_is_the_week_after(app: Any) -> None:
    chat = Chat(app.engine, chat_id="move-next-week")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("08/12")
    await chat.say("13h30")
    await chat.say("Lê Văn Hải")
    await chat.say("0977 888 999")
    await chat.click("Bỏ qua")
    await chat.say("ok")
    assert "Đặt lịch thành công" in _text(chat), _text(chat)
    await chat.say("cho e doi sang tuan sau dc ko")
    text = _text(chat)
    assert "Thứ Ba 15/12/2026" in text, text  # never the booking's own day 08/12
    assert not any(b.payload.startswith("bk:slot:2026-12-08_") for b in chat.buttons())


async def _digits_step(chat: Chat, code: str) -> None:
    await chat.say(f"cho coi hồ sơ {code} của nhà hàng xóm")
    assert "4 số cuối" in _text(chat)


async def test_no_phone_digits_says_why_and_still_takes_them_later(app: Any) -> None:
    chat = Chat(app.engine, chat_id="no-phone")
    await _digits_step(chat, OWNER_CODE)
    await chat.say("ko biết sđt")
    text = _text(chat)
    assert "không mở được hồ sơ này" in text and "nhờ chính người đó" in text, text
    await chat.say("1234")  # found later: checked as usual
    assert "Tình trạng: Đang xử lý" in _text(chat), _text(chat)


@pytest.mark.parametrize(
    "typed", ["cho biết tên người nộp thôi cũng được", "hồ sơ này của ai vậy", "ai nộp hồ sơ này"]
)
async def test_the_owners_name_asked_is_refused_with_the_reason(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"owner-{typed}")
    await _digits_step(chat, OWNER_CODE)
    await chat.say(typed)
    text = _text(chat)
    assert "em không cho biết tên" in text, text
    assert "Nguyễn" not in text and "thuế" not in text.lower()


async def _card(chat: Chat, code: str, digits: str) -> None:
    await chat.say(code)
    await chat.say(digits)
    assert f"Hồ sơ {code}" in _text(chat), _text(chat)


async def test_supplementing_online_is_answered_for_both_ways_of_filing(app: Any) -> None:
    chat = Chat(app.engine, chat_id="supp-online")
    await _card(chat, SUPPLEMENT, "5678")
    await chat.say("bo sung online dc ko")
    text = _text(chat)
    assert "nộp trực tuyến trên Cổng Dịch vụ công" in text and "nộp trực tiếp" in text, text
    await chat.say("co gi bao e nha")  # "let me know": the notices
    assert "em sẽ nhắn tin báo" in _text(chat), _text(chat)


async def test_collecting_the_result_by_proxy_says_what_is_usually_asked(app: Any) -> None:
    chat = Chat(app.engine, chat_id="proxy")
    await _card(chat, READY, "2468")
    await chat.say("nho chong lay ho dc ko")
    text = _text(chat)
    assert "nhận kết quả hồ sơ" in text and "giấy ủy quyền" in text, text
    assert "chưa hỗ trợ" not in text


@pytest.mark.parametrize("typed", ["truc tiep", "đi trực tiếp", "tự đi"])
async def test_truc_tiep_at_the_id_card_question_is_going_there(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"id-{typed}")
    await chat.press("ck:start:1.014061")
    assert "đến thẳng Công an" in _text(chat), _text(chat)
    await chat.say(typed)
    text = _text(chat)
    assert "Em ghi nhận: Đặt lịch trực tuyến" not in text, text  # it was read as online
    assert "Cơ sở dữ liệu quốc gia về dân cư" in text and "chưa rõ ý" not in text, text


async def test_booking_ahead_at_the_id_card_question_is_still_online(app: Any) -> None:
    chat = Chat(app.engine, chat_id="id-online")
    await chat.press("ck:start:1.014061")
    await chat.say("nộp trực tuyến")
    text = _text(chat)
    assert "Cơ sở dữ liệu quốc gia về dân cư" in text and "Đến thẳng" not in text, text


# QA pass 8 (after), dossier lookups: q25, q27, q29, q30


async def test_chung_nao_xong_and_bao_tin_after_the_card(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q25")
    await _card(chat, OWNER_CODE, "1234")
    await chat.say("chung nao xong")
    assert "ngày hẹn trả kết quả là" in _text(chat), _text(chat)
    await chat.say("bao tin cho em khi xong nha")
    assert "em sẽ nhắn tin báo" in _text(chat), _text(chat)


async def test_the_applicants_phone_asked_at_the_digits_step_keeps_the_lookup(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q27")
    await chat.say(f"tra cuu ho so {READY}")
    await chat.say("1111")  # wrong: the lookup waits for the digits again
    await chat.say("so dt cua nguoi nop la gi")
    assert "em không cho biết tên" in _text(chat) and "thuế" not in _text(chat), _text(chat)
    await chat.say("2468")
    assert f"Hồ sơ {READY}" in _text(chat), _text(chat)
    await chat.say("can mang theo gi")
    assert "giấy biên nhận" in _text(chat) and "Đăng ký thường trú" not in _text(chat)


async def test_someone_elses_dossier_asked_by_name_says_who_may_look(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q29")
    await chat.say("cho em xem ho so cua ba hang xom ten Tran Thi B")
    text = _text(chat)
    assert "chỉ người nộp" in text and "không tìm hồ sơ theo tên" in text, text
    assert "chưa hỗ trợ" not in text and "Tran Thi B" not in text
    await chat.say(f"ma {SUPPLEMENT}")
    assert "4 số cuối" in _text(chat)


async def test_the_filing_date_is_the_day_received_never_the_due_date(app: Any) -> None:
    chat = Chat(app.engine, chat_id="q30")
    await _card(chat, OWNER_CODE, "1234")
    received = re.search(r"Ngày tiếp nhận: (\S+)", _text(chat))
    due = re.search(r"Ngày hẹn trả kết quả: (\S+)", _text(chat))
    assert received and due and received.group(1) != due.group(1)
    await chat.say("ho so nay nop ngay nao")
    assert f"được tiếp nhận ngày {received.group(1)}" in _text(chat), _text(chat)
