"""The ward question through the engine: asked once where a reply depends on the place,
understood with current and former names, with or without accents, remembered across flows
and restarts, changed with "đổi xã/phường", never in the way of place-independent facts."""

from __future__ import annotations

from typing import Any

from tests.support.chat import Chat

ASKED = "xã/phường nào"
CAO_LANH_PROGRAMMES = {
    "Hỗ trợ thủ tục hành chính tại ấp Đông Định",
    "Ngày không viết - Phường 3 cũ (phường Cao Lãnh)",
    "Tổ viết hồ sơ giúp dân - Tân Thuận Đông cũ (phường Cao Lãnh)",
}
MY_NGAI_PROGRAMMES = {
    "Hỗ trợ tại nhà - Mỹ Ngãi (phường Mỹ Ngãi)",
    "Hướng dẫn nộp trực tuyến - Mỹ Tân cũ (phường Mỹ Ngãi)",
}


def _programmes(chat: Chat) -> set[str]:
    return {b.label for b in chat.buttons() if b.payload.startswith("bk:prog:")}


async def test_booking_asks_once_and_a_former_name_without_accents_is_understood(app) -> None:
    chat = Chat(app.engine, chat_id="w-p3")
    await chat.say("đặt lịch hỗ trợ")
    assert ASKED in chat.text and not _programmes(chat)
    await chat.say("p3 cao lanh")
    assert "Phường 3 (TP Cao Lãnh) nay thuộc phường Cao Lãnh" in chat.text
    assert _programmes(chat) == CAO_LANH_PROGRAMMES  # only the ward's own programmes
    await chat.say("hủy")
    await chat.say("menu")
    await chat.click("Liên hệ")  # another flow, after the booking's data is gone
    assert ASKED not in chat.text
    assert "Thông tin liên hệ Bộ phận Một cửa phường Cao Lãnh" in chat.text
    # nothing is invented: the office's address, phone and hours are said to be pending
    assert "đang được cán bộ phường Cao Lãnh cập nhật" in chat.text


async def test_an_ambiguous_former_name_offers_the_places_and_a_number_picks_one(app) -> None:
    chat = Chat(app.engine, chat_id="w-mytan")
    await chat.say("menu")
    await chat.click("Đặt lịch")
    await chat.say("xa my tan cu")
    labels = chat.labels()
    assert "Xã Mỹ Tân (TP Cao Lãnh) → phường Mỹ Ngãi" in labels
    assert "Xã Mỹ Tân (huyện Cái Bè, Tiền Giang) → xã Mỹ Thiện" in labels
    number = labels.index("Xã Mỹ Tân (TP Cao Lãnh) → phường Mỹ Ngãi") + 1
    await chat.say(str(number))  # typed, as on Zalo
    assert "em ghi nhận anh/chị ở phường Mỹ Ngãi" in chat.text
    assert _programmes(chat) == MY_NGAI_PROGRAMMES


async def test_current_name_without_accents_then_a_change_of_ward(app) -> None:
    chat = Chat(app.engine, chat_id="w-change")
    await chat.say("menu")
    await chat.click("Liên hệ")
    await chat.say("phuong cao lanh")
    assert "phường Cao Lãnh" in chat.text and ASKED not in chat.text
    await chat.say("đổi xã/phường")
    assert "Hiện em đang ghi nhận anh/chị ở phường Cao Lãnh" in chat.text
    await chat.say("Mỹ Ngãi")
    assert "em ghi nhận anh/chị ở phường Mỹ Ngãi" in chat.text
    await chat.say("đặt lịch")
    assert _programmes(chat) == MY_NGAI_PROGRAMMES
    await chat.say("doi xa")  # without accents too; "giữ" keeps it
    await chat.click("Giữ phường Mỹ Ngãi")
    assert "vẫn giữ phường Mỹ Ngãi" in chat.text


async def test_the_ward_survives_other_flows_and_a_restart(
    app, tmp_path, knowledge, clock
) -> None:
    from bot.app import build_app

    chat = Chat(app.engine, chat_id="w-keep")
    await chat.say("đặt lịch")
    await chat.say("xã Tân Thuận Đông cũ")
    await chat.say("làm giấy khai sinh cần gì")  # search, then the walkthrough, then status
    await chat.click("Giấy tờ cần chuẩn bị")
    await chat.say("hủy")
    await chat.say("tra cứu hồ sơ")
    await chat.say("hủy")
    again = await build_app(app.settings, clock=clock, kb=knowledge[0], index=knowledge[1])
    try:
        chat = Chat(again.engine, chat_id="w-keep")  # the same chat after a restart
        await chat.say("đặt lịch")
        assert ASKED not in chat.text
        assert _programmes(chat) == CAO_LANH_PROGRAMMES
    finally:
        await again.close()


async def test_procedure_facts_never_wait_for_the_ward(app) -> None:
    chat = Chat(app.engine, chat_id="w-facts")
    await chat.say("lam giay khai sinh can gi")
    assert chat.text.startswith("📄 Đăng ký khai sinh") and ASKED not in chat.text
    await chat.say("le phi bao nhieu")
    assert "Miễn lệ phí" in chat.text and ASKED not in chat.text
    await chat.say("can cu phap ly")
    assert "Căn cứ pháp lý: Đăng ký khai sinh" in chat.text and ASKED not in chat.text
    await chat.say("co nop online duoc khong")
    links = [r.link for r in chat.last if r.link]
    assert links and "dichvucong.gov.vn" in links[0] and ASKED not in chat.text
    await chat.say("khai sinh mất bao lâu")
    assert "Thời hạn giải quyết" in chat.text and ASKED not in chat.text
    await chat.say("nop o dau")  # the rule at once, then which ward's office
    assert "Nơi nộp:" in chat.text and ASKED in chat.text
    await chat.say("cao lanh")
    assert 'Nơi nộp hồ sơ "Đăng ký khai sinh" cho người dân phường Cao Lãnh' in chat.text
    assert "Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) phường Cao Lãnh" in chat.text


async def test_a_new_question_at_the_ward_question_is_answered_at_once(app) -> None:
    chat = Chat(app.engine, chat_id="w-new")
    await chat.say("đặt lịch")
    await chat.say("đăng ký kết hôn cần giấy tờ gì")
    assert chat.text.startswith("📄 Đăng ký kết hôn")


async def test_an_unknown_place_is_said_politely_and_the_question_stays(app) -> None:
    chat = Chat(app.engine, chat_id="w-unknown")
    await chat.say("đặt lịch")
    await chat.say("phường Bến Nghé")
    assert 'Em chưa tìm thấy xã/phường "phường Bến Nghé" trong tỉnh Đồng Tháp' in chat.text
    await chat.say("3")  # a number is not a place (and no option has that number)
    assert "Em chưa tìm thấy" in chat.text
    await chat.say("tam ho co")  # "có" asks elsewhere; here it is "Cơ" of Tân Hộ Cơ, mistyped
    assert "Xã Tân Hộ Cơ" in chat.labels()
    await chat.say("tan thuan dogn")  # a typo: suggested, never chosen silently
    assert "Em chưa chắc đã hiểu đúng" in chat.text
    await chat.click("Tân Thuận Đông")
    assert _programmes(chat) == CAO_LANH_PROGRAMMES


async def test_a_split_commune_says_why_it_asks(app) -> None:
    chat = Chat(app.engine, chat_id="w-split")
    await chat.say("đặt lịch")
    await chat.say("xã Gáo Giồng")
    assert "được chia cho nhiều xã/phường mới" in chat.text
    assert {"Xã Gáo Giồng (huyện Cao Lãnh), một phần → xã Phú Cường"} <= set(chat.labels())


async def test_skipping_gives_the_province_wide_answer_and_is_not_asked_again(app) -> None:
    chat = Chat(app.engine, chat_id="w-skip")
    await chat.say("menu")
    await chat.click("Liên hệ")
    await chat.say("không biết")
    assert "trả lời chung cho cả tỉnh" in chat.text and "1800" in chat.text
    await chat.say("menu")
    await chat.click("Liên hệ")
    assert ASKED not in chat.text
    await chat.say("đặt lịch")  # booking cannot go on without a ward: asked, no skip
    assert ASKED in chat.text and "Bỏ qua" not in chat.labels()


async def test_telegram_deep_link_and_the_zalo_poster_text_set_the_ward(app) -> None:
    chat = Chat(app.engine, chat_id="w-link", channel="telegram")
    await chat.say("/start xa_29869")
    assert "Em đã ghi nhận anh/chị ở phường Cao Lãnh" in chat.text
    assert "Tra cứu hồ sơ" in chat.labels()
    await chat.say("đặt lịch")
    assert _programmes(chat) == CAO_LANH_PROGRAMMES
    zalo = Chat(app.engine, chat_id="w-zalo", channel="zalo_oa")
    await zalo.say("XA 29884")
    assert "Em đã ghi nhận anh/chị ở phường Mỹ Ngãi" in zalo.text
    broken = Chat(app.engine, chat_id="w-bad", channel="telegram")
    await broken.say("/start xa_99999")
    assert "Em chưa nhận ra xã/phường trong đường dẫn này" in broken.text


async def test_english_chat_gets_the_question_in_english(app: Any) -> None:
    chat = Chat(app.engine, chat_id="w-en", locale="en")
    await chat.say("book an appointment")
    assert "Which commune or ward" in chat.text
    await chat.say("xa my ngai cu")
    assert "Xã Mỹ Ngãi (TP Cao Lãnh) is now part of phường Mỹ Ngãi" in chat.text
