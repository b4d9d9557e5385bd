"""Booking strandings of the citizen QA pass on round 9 (issue 12): help asked for as a need
with no booking word, a reschedule typed without "lịch", weekday numerals read as hours,
"đặt lịch" or a ward typed inside the booking, a procedure question with a booking in one
message, and a programme's kind typed in English.

Clock: Tuesday 01/12/2026 09:00 (tests/conftest.py). Programmes:
knowledge/data/programmes.yaml (Phường 3 cũ on Tuesdays, Mỹ Ngãi at home on Wednesdays, the
online-filing guidance of Mỹ Tân cũ on Fridays, the writing desk of Tân Thuận Đông cũ on
Mondays and Wednesdays).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import Chat

P3 = "phuong3_ngay_khong_viet"
ONLINE = "my_tan_truc_tuyen"
FALLBACK = "câu hỏi này em chưa hỗ trợ được"
STOPPED = "em đã dừng việc đặt lịch"


def _payloads(chat: Chat, prefix: str) -> list[str]:
    return [b.payload for b in chat.buttons() if b.payload.startswith(prefix)]


async def _booked(app: Any, chat: Chat, day: str = "15/12") -> Any:
    await chat.press(f"bk:prog:{P3}")
    await chat.say(day)
    await chat.say("1")
    await chat.say("Huỳnh Văn Sáu")
    await chat.say("0913 000 111")
    await chat.click("Bỏ qua")
    await chat.say("đồng ý")
    assert "Đặt lịch thành công" in chat.text, chat.text
    return (await _bookings(app))[-1]


async def _bookings(app: Any) -> list[Any]:
    async with app.uow() as uow:
        return [b for b in await uow.repos.bookings.list() if b.status == "booked"]


# 1. Booking asked for as a need, with no "đặt lịch" word


@pytest.mark.parametrize(
    "typed",
    [
        "tôi già yếu đi không nổi, muốn nhờ cán bộ xuống nhà giúp làm hồ sơ",
        "me toi om nam mot cho, co can bo xuong tan nha ho tro lam giay to khong",
        "bà tôi yếu lắm, cán bộ về tận nhà giúp được không",
    ],
)
async def test_staff_at_home_asked_as_a_need_offers_the_home_programme(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"home-need-{typed[:12]}")
    await chat.say(typed)
    if "xã/phường nào" in chat.text:  # the ward is asked once when the place matters
        await chat.say("my ngai")
    assert FALLBACK not in chat.text
    assert "Hỗ trợ tại nhà - Mỹ Ngãi" in chat.text, chat.text
    assert _payloads(chat, "bk:day:"), chat.text  # its days, ready to choose


@pytest.mark.parametrize(
    "typed",
    [
        "muon dc huong dan nop ho so online",
        "tôi muốn được hướng dẫn nộp hồ sơ trực tuyến",
        "ai chỉ cách nộp online giúp em với",
    ],
)
async def test_online_filing_guidance_asked_as_a_need_offers_that_programme(
    app: Any, typed: str
) -> None:
    chat = Chat(app.engine, chat_id=f"online-need-{typed[:12]}")
    await chat.say(typed)
    if "xã/phường nào" in chat.text:
        await chat.say("mỹ ngãi")
    assert "Hướng dẫn nộp trực tuyến - Mỹ Tân cũ" in chat.text, chat.text
    assert _payloads(chat, "bk:day:")
    assert "Tách thửa" not in chat.text


async def test_a_kind_the_ward_lacks_says_so_and_lists_its_programmes(app: Any) -> None:
    """Phường Cao Lãnh has no at-home programme: said plainly, its programmes offered."""
    chat = Chat(app.engine, chat_id="home-need-cl")
    await chat.say("ông tôi đi không nổi, cán bộ xuống nhà giúp làm giấy tờ được không")
    await chat.say("cao lãnh")
    assert "chưa có chương trình" in chat.text, chat.text
    assert f"bk:prog:{P3}" in _payloads(chat, "bk:prog:")


@pytest.mark.parametrize(
    "typed",
    [
        "mai co cho nao ho tro lam giay to ko",
        "ngày mai ở đâu hỗ trợ làm hồ sơ vậy",
        "mai có ai giúp làm giấy tờ không",
    ],
)
async def test_mai_opening_a_need_is_tomorrow_never_mai_tang(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"mai-{typed[:10]}")
    await chat.say(typed)
    assert "mai táng" not in chat.text.lower()
    await chat.say("cao lanh")
    assert "Thứ Tư 02/12/2026" in chat.text, chat.text  # the day kept: tomorrow
    await chat.click("Tổ viết hồ sơ")  # Mondays and Wednesdays
    assert _payloads(chat, "bk:slot:2026-12-02_"), chat.text  # tomorrow's times


@pytest.mark.parametrize(
    ("typed", "card"),
    [
        ("hỗ trợ chi phí mai táng", "Hỗ trợ chi phí mai táng"),
        ("ho tro chi phi mai tang cho me", "Hỗ trợ chi phí mai táng"),
        ("nộp hồ sơ online khai sinh", "Đăng ký khai sinh"),
    ],
)
async def test_procedure_questions_with_the_same_words_keep_their_card(
    app: Any, typed: str, card: str
) -> None:
    chat = Chat(app.engine, chat_id=f"proc-{typed[:12]}")
    await chat.say(typed)
    assert f"📄 {card}" in chat.text or card in chat.labels(), chat.text
    assert not _payloads(chat, "bk:prog:") and "xã/phường nào" not in chat.text


async def test_staff_coming_home_for_a_death_registration_is_the_procedure(app: Any) -> None:
    """The civil-status officer registers a death at home ("lưu động"): no programme list."""
    chat = Chat(app.engine, chat_id="luu-dong")
    await chat.say("cán bộ xuống nhà làm khai tử cho ông bị liệt")
    assert "khai tử" in chat.text.lower() or any("khai tử" in b.lower() for b in chat.labels())
    assert not _payloads(chat, "bk:prog:") and not _payloads(chat, "bk:day:")


# 2. Rescheduling an existing booking by typing


@pytest.mark.parametrize(
    "typed", ["cho e doi sang tuan sau dc ko", "dời lịch sang thứ 3 tuần sau", "đổi qua tuần sau"]
)
async def test_a_typed_reschedule_moves_the_booking_to_the_day_said(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"move-{typed[:12]}")
    booking = await _booked(app, chat)
    await chat.say(typed)
    assert f"Đổi lịch hẹn {booking.code}" in chat.text, chat.text
    assert _payloads(chat, "bk:slot:2026-12-08_"), chat.text  # next week's Tuesday
    assert "buổi sáng" not in chat.text  # "sang" of "đổi sang" is no "sáng"
    await chat.say("8h30")
    assert "Sang: Thứ Ba 08/12/2026 lúc 08:30" in chat.text, chat.text
    await chat.say("ok")
    [moved] = await _bookings(app)
    assert (moved.code, moved.slot_date.isoformat(), moved.slot_start) == (
        booking.code,
        "2026-12-08",
        "08:30",
    )


async def test_a_reschedule_typed_from_the_menu_frees_the_old_time(app: Any) -> None:
    chat = Chat(app.engine, chat_id="move-menu")
    booking = await _booked(app, chat)
    await chat.say("menu")
    await chat.say("đổi lịch hẹn")
    assert f"Đổi lịch hẹn {booking.code}" in chat.text and _payloads(chat, "bk:day:")
    await chat.say("22/12")
    await chat.say("7h30")
    await chat.say("đồng ý")
    other = Chat(app.engine, chat_id="move-menu-other")
    await other.press(f"bk:prog:{P3}")
    await other.say("15/12")
    assert "07:30 (còn 2 chỗ)" in other.labels(), other.labels()  # the old seat is free again


async def test_with_two_bookings_a_reschedule_asks_which(app: Any) -> None:
    chat = Chat(app.engine, chat_id="move-two")
    first = await _booked(app, chat, "15/12")
    second = await _booked(app, chat, "22/12")
    await chat.say("cho em dời sang tuần sau")
    assert first.code in chat.text and second.code in chat.text, chat.text
    await chat.press(f"bk:move:{second.code}")
    assert f"Đổi lịch hẹn {second.code}" in chat.text, chat.text
    assert _payloads(chat, "bk:slot:2026-12-08_"), chat.text  # the day said, once picked


async def test_a_reschedule_without_a_booking_says_there_is_none(app: Any) -> None:
    chat = Chat(app.engine, chat_id="move-none")
    await chat.say("cho e doi sang tuan sau dc ko")
    assert "bk:start:" in _payloads(chat, "bk:start:"), chat.text
    assert "ý anh/chị là thủ tục nào" not in chat.text


# 3. "thứ N" is a weekday, never an hour


@pytest.mark.parametrize(
    ("programme", "typed", "day"),
    [
        (P3, "thu 3 gan nhat", "2026-12-01"),
        (P3, "thứ 3 gần nhất", "2026-12-01"),
        (ONLINE, "thứ 6 gần nhất", "2026-12-04"),
        (ONLINE, "t6 gan nhat nhe", "2026-12-04"),
    ],
)
async def test_a_weekday_numeral_chooses_the_day_and_asks_the_time(
    app: Any, programme: str, typed: str, day: str
) -> None:
    chat = Chat(app.engine, chat_id=f"wd-{programme}-{typed}")
    await chat.press(f"bk:prog:{programme}")
    await chat.say(typed)
    assert _payloads(chat, f"bk:slot:{day}_"), chat.text  # the time is asked, not set
    assert "họ và tên" not in chat.text
    assert "ngoài giờ" not in chat.text and "06:00" not in chat.text


# 4. "đặt lịch" or a ward typed inside the booking


@pytest.mark.parametrize("typed", ["đặt lịch", "dat lich", "đặt lịch hẹn"])
async def test_dat_lich_inside_the_booking_carries_on(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"again-{typed}")
    await chat.press(f"bk:prog:{P3}")
    days = _payloads(chat, "bk:day:")
    await chat.say(typed)
    assert STOPPED not in chat.text and _payloads(chat, "bk:day:") == days, chat.text
    await chat.say("15/12")
    await chat.say(typed)
    assert STOPPED not in chat.text and _payloads(chat, "bk:slot:2026-12-15_"), chat.text
    await chat.say("dừng")  # a real stop still stops
    assert STOPPED in chat.text


async def test_dat_lich_at_the_programme_list_then_the_ward(app: Any) -> None:
    """The QA conversation: "đặt lịch", "cao lãnh", "đặt lịch", "cao lãnh"."""
    chat = Chat(app.engine, chat_id="again-ward")
    await chat.say("đặt lịch")
    await chat.say("cao lãnh")
    listed = _payloads(chat, "bk:prog:")
    await chat.say("đặt lịch")
    assert STOPPED not in chat.text and _payloads(chat, "bk:prog:") == listed, chat.text
    await chat.say("cao lãnh")  # the ward again: its programmes again, none picked for it
    assert FALLBACK not in chat.text and _payloads(chat, "bk:prog:") == listed, chat.text


@pytest.mark.parametrize("typed", ["cao lãnh", "phuong cao lanh"])
async def test_the_programme_ward_at_the_day_and_time_lists(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"own-ward-{typed}")
    await chat.press(f"bk:prog:{P3}")
    days = _payloads(chat, "bk:day:")
    await chat.say(typed)
    assert "làm việc ở phường Cao Lãnh" in chat.text and _payloads(chat, "bk:day:") == days
    await chat.say("15/12")
    slots = _payloads(chat, "bk:slot:")
    await chat.say(typed)
    assert "làm việc ở phường Cao Lãnh" in chat.text and _payloads(chat, "bk:slot:") == slots


# 5. A procedure question and a booking in one message


@pytest.mark.parametrize(
    ("typed", "card", "code"),
    [
        (
            "tôi muốn hỏi thủ tục khai tử rồi đặt lịch nhờ cán bộ viết giúp",
            "Đăng ký khai tử",
            "1.000656",
        ),
        (
            "cho hỏi đăng ký kết hôn cần giấy tờ gì, rồi đặt lịch luôn",
            "Đăng ký kết hôn",
            "1.000894",
        ),
        ("muon hoi thu tuc lam can cuoc roi dat lich hen", "Cấp thẻ Căn cước", "1.014061"),
    ],
)
async def test_a_procedure_question_with_a_booking_keeps_both(
    app: Any, typed: str, card: str, code: str
) -> None:
    chat = Chat(app.engine, chat_id=f"both-{code}")
    await chat.say(typed)
    assert f"📄 {card}" in chat.text, chat.text  # the question answered
    assert f"bk:start:need={code}" in _payloads(chat, "bk:start:")  # the booking a tap away
    await chat.press(f"bk:start:need={code}")
    assert (
        "xã/phường nào" in chat.text or _payloads(chat, "bk:prog:") or _payloads(chat, "bk:day:")
    )


# 6. A programme's kind typed in the chat's language


@pytest.mark.parametrize(
    ("typed", "programme"),
    [
        ("online filing guidance", "Hướng dẫn nộp trực tuyến - Mỹ Tân cũ"),
        ("guidance for filing online please", "Hướng dẫn nộp trực tuyến - Mỹ Tân cũ"),
        ("staff visit me at home", "Hỗ trợ tại nhà - Mỹ Ngãi"),
    ],
)
async def test_an_english_kind_label_typed_picks_the_programme(
    app: Any, typed: str, programme: str
) -> None:
    chat = Chat(app.engine, chat_id=f"en-kind-{typed}", locale="en")
    await chat.say("book an appointment")
    await chat.say("my ngai")
    assert _payloads(chat, "bk:prog:")
    await chat.say(typed)
    assert "didn't catch" not in chat.text
    assert programme in chat.text.splitlines()[0], chat.text


async def test_a_ward_typed_at_the_name_is_no_name(app: Any) -> None:
    chat = Chat(app.engine, chat_id="ward-name")
    await chat.press(f"bk:prog:{P3}")
    await chat.say("15/12")
    await chat.say("1")
    await chat.say("cao lãnh")
    assert "là tên xã/phường" in chat.text and "họ và tên" in chat.text, chat.text
    await chat.say("Cao Văn Lãnh")  # a person's name with the same words is a name
    assert "số điện thoại" in chat.text, chat.text


async def test_the_stop_button_typed_by_its_number_still_stops(app: Any) -> None:
    chat = Chat(app.engine, chat_id="stop-number")
    await chat.press(f"bk:prog:{P3}")
    number = next(i for i, b in enumerate(chat.buttons(), 1) if b.payload == "mn:cancel")
    await chat.say(str(number))
    assert STOPPED in chat.text, chat.text


async def test_a_home_address_in_another_ward_is_asked_again(app: Any) -> None:
    """The at-home visits of Mỹ Ngãi: "cao lãnh" as the address is outside their area."""
    chat = Chat(app.engine, chat_id="away-address")
    await chat.press("bk:prog:my_ngai_tai_nha")
    await chat.press(_payloads(chat, "bk:day:")[0])
    await chat.press(_payloads(chat, "bk:slot:")[0])
    await chat.say("Huỳnh Văn Sáu")
    await chat.say("0913 000 111")
    await chat.say("cao lãnh")
    assert "chỉ làm việc ở phường Mỹ Ngãi" in chat.text and "địa chỉ nhà" in chat.text
    await chat.say("ấp 3, phường Mỹ Ngãi")  # an address in the area is taken
    assert "cần hỗ trợ thủ tục gì" in chat.text, chat.text


@pytest.mark.parametrize(
    ("locale", "typed", "said"),
    [("en", "help at the service point", "Help at the service point"),
     ("vi", "ho tro tai diem tiep dan", "Hỗ trợ tại điểm tiếp dân")],
)  # fmt: skip
async def test_a_kind_several_programmes_share_lists_those(
    app: Any, locale: str, typed: str, said: str
) -> None:
    """Phường Cao Lãnh has three programmes at a service point: the kind lists them."""
    chat = Chat(app.engine, chat_id=f"kind-several-{locale}", locale=locale)
    await chat.press("bk:start:")
    await chat.say("cao lanh")
    listed = _payloads(chat, "bk:prog:")
    await chat.say(typed)
    assert said in chat.text and "didn't catch" not in chat.text, chat.text
    assert _payloads(chat, "bk:prog:") == listed and len(listed) == 3
