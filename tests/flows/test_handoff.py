"""Issue 15 through the engine: a person when the bot cannot help.

Live in office hours (the clock fixture is Tuesday 1/12/2026 09:00), a ticket out of hours
and on holidays, the bot silent while staff own the chat, staff replies exactly once and in
order, the timeout that turns a live handoff into a ticket, and the codes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from bot.staff import handoffs as staff
from handlers.context import VN_TZ
from tests.support.chat import Chat
from tests.support.events import run_due_jobs, run_events


async def _handoffs(app: Any) -> list[Any]:
    async with app.uow() as uow:
        found = await uow.repos.handoffs.recent(None, 50, 0)
        return [await uow.repos.handoffs.get(h.id, with_thread=True) for h in found]


async def _live(app: Any, chat: Chat) -> Any:
    await chat.say("cho tôi gặp cán bộ")
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in chat.text
    [handoff] = await _handoffs(app)
    return handoff


async def test_live_handoff_relays_messages_and_the_bot_stays_silent(app) -> None:
    chat = Chat(app.engine, "live-1")
    handoff = await _live(app, chat)
    assert handoff.mode == "live" and handoff.status == "waiting"
    assert handoff.code in chat.text and "10 phút" in chat.text
    first = await chat.say("Nhà tôi ở ấp 3, muốn hỏi tách thửa đất")
    assert "đã chuyển tin nhắn tới cán bộ" in first[0].text  # said once, before any reply
    for typed in ("1", "cảm ơn", "lam so do can gi", "<script>alert(1)</script>"):
        assert await chat.say(typed) == []  # no flow answers: it all goes to the staff
    [handoff] = await _handoffs(app)
    texts = [m.text for m in handoff.messages if m.sender == "citizen"]
    assert texts == [
        "Nhà tôi ở ấp 3, muốn hỏi tách thửa đất",
        "1",
        "cảm ơn",
        "lam so do can gi",
        "<script>alert(1)</script>",
    ]


async def test_staff_replies_arrive_once_in_order_and_close_asks_satisfaction(app) -> None:
    chat = Chat(app.engine, "live-2")
    handoff = await _live(app, chat)
    await chat.say("Xin hỏi thủ tục tách thửa")
    await asyncio.gather(  # two staff answering at once
        staff.reply(app, str(handoff.id), "Chào anh/chị, em là Lan.", "Lan"),
        staff.reply(app, handoff.code, "Anh/chị mang theo sổ đỏ nhé.", "Minh"),
    )
    got = await run_events(app, "test", "live-2")
    [stored] = await _handoffs(app)
    thread = [m.text for m in stored.messages if m.sender == "staff"]
    assert [r.text.split("\n", 1)[1] for r in got] == thread  # the thread's order, once each
    assert stored.first_staff in ("Lan", "Minh") and stored.status == "open"
    assert all(m.delivered_at is not None for m in stored.messages if m.sender == "staff")
    assert await run_events(app, "test", "live-2") == []  # nothing is shown twice


async def test_close_by_staff_frees_the_chat_and_rates_the_help(app) -> None:
    chat = Chat(app.engine, "live-3")
    handoff = await _live(app, chat)
    await staff.reply(app, handoff.code, "Dạ đã rõ ạ.", "Lan")
    await run_events(app, "test", "live-3")
    _found, changed = await staff.close(app, handoff.code, "Lan")
    assert changed
    chat.last = await run_events(app, "test", "live-3")
    assert "Cán bộ đã kết thúc cuộc trò chuyện" in chat.text
    assert "hài lòng" in chat.text and len(chat.buttons()) == 6  # five levels and "Bỏ qua"
    await chat.say("5")  # typed on Zalo: the fifth option is the score 5
    assert "cảm ơn anh/chị đã đánh giá" in chat.text.lower()
    async with app.uow() as uow:
        report = await uow.repos.analytics.ratings(
            dt.datetime(2026, 1, 1, tzinfo=VN_TZ), dt.datetime(2027, 1, 1, tzinfo=VN_TZ)
        )
    assert report == [("handoff", 5, 1)]
    await chat.say("lam giay khai sinh can gi")  # the bot answers again
    assert chat.text.startswith("📄 Đăng ký khai sinh")


async def test_cancel_words_and_old_buttons_ask_before_leaving_the_staff(app) -> None:
    chat = Chat(app.engine, "live-4")
    handoff = await _live(app, chat)
    for leave in ("hủy", "/start", "menu", "thôi"):
        await chat.say(leave)
        assert "muốn kết thúc cuộc trò chuyện với cán bộ" in chat.text, leave
        await chat.click("Tiếp tục")
        assert "cứ nhắn tiếp cho cán bộ" in chat.text
    await chat.press("sr:card:1.001193")  # a button of an earlier card
    assert "muốn kết thúc cuộc trò chuyện với cán bộ" in chat.text
    await chat.say("ý tôi là hỏi về đất")  # not an answer: a message for the staff
    assert chat.last == [] or "chuyển" in chat.text
    await chat.say("kết thúc")
    await chat.say("có")
    assert "đã kết thúc cuộc trò chuyện với cán bộ" in chat.text
    [stored] = await _handoffs(app)
    assert stored.status == "closed" and stored.closed_by == "citizen"
    assert "ý tôi là hỏi về đất" in [m.text for m in stored.messages]
    with pytest.raises(staff.HandoffError) as closed:
        await staff.reply(app, handoff.code, "Còn đó không ạ?", "Lan")
    assert closed.value.status == 409 and closed.value.code == handoff.code
    with pytest.raises(staff.HandoffError) as unknown:
        await staff.reply(app, "HT-2222", "Xin chào", "Lan")
    assert unknown.value.status == 404


async def test_no_staff_reply_in_time_becomes_a_ticket(app, clock) -> None:
    chat = Chat(app.engine, "live-5")
    handoff = await _live(app, chat)
    clock.advance(minutes=9)
    await run_due_jobs(app)
    assert await run_events(app, "test", "live-5") == []  # not yet
    clock.advance(minutes=2)
    await run_due_jobs(app)
    chat.last = await run_events(app, "test", "live-5")
    assert "chưa trả lời kịp" in chat.text and handoff.code in chat.text
    [stored] = await _handoffs(app)
    assert stored.mode == "ticket" and stored.status == "waiting"
    await chat.say("lam giay khai sinh can gi")  # the chat is free again
    assert chat.text.startswith("📄 Đăng ký khai sinh")
    await staff.reply(app, handoff.code, "Dạ, anh/chị mang CCCD.", "Lan")
    chat.last = await run_events(app, "test", "live-5")
    assert chat.text.startswith(f"📩 Cán bộ trả lời phiếu hỏi {handoff.code}")
    assert "Dạ, anh/chị mang CCCD." in chat.text


async def test_the_wait_for_staff_is_a_setting(tmp_path, knowledge, clock) -> None:
    from bot.app import build_app
    from bot.config import Settings

    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/w.db", handoff_wait_min=3)
    app = await build_app(settings, clock=clock, kb=knowledge[0], index=knowledge[1])
    try:
        chat = Chat(app.engine, "wait-3")
        await _live(app, chat)
        assert "3 phút" in chat.text  # the expected wait the citizen is told
        clock.advance(minutes=4)
        await run_due_jobs(app)
        chat.last = await run_events(app, "test", "wait-3")
        assert "chưa trả lời kịp" in chat.text
    finally:
        await app.close()


async def test_out_of_hours_ticket_with_its_code(app, clock) -> None:
    clock.current = dt.datetime(2026, 12, 4, 19, 30, tzinfo=VN_TZ)  # Friday evening
    chat = Chat(app.engine, "ticket-1")
    await chat.say("gặp cán bộ")
    assert "ngoài giờ làm việc" in chat.text
    assert "7:00 Thứ Hai, 07/12/2026" in chat.text  # the next opening, after the weekend
    await chat.say("Tôi cần xác nhận tình trạng hôn nhân gấp, SĐT 0912345678")
    [ticket] = await _handoffs(app)
    assert ticket.mode == "ticket" and ticket.code in chat.text
    assert ticket.answer_by is not None
    await chat.say(ticket.code.lower().replace("-", " "))  # "ht 4k7q" typed later
    assert f"Phiếu hỏi {ticket.code}" in chat.text and "chưa trả lời" in chat.text
    await staff.reply(app, ticket.code, "Anh/chị mang CCCD và giấy tờ cũ.", "Lan")
    chat.last = await run_events(app, "test", "ticket-1")
    assert "📩" in chat.text and "Nhắn tiếp cho cán bộ" in chat.labels()
    await chat.say(ticket.code)
    assert "Cán bộ (" in chat.text and "mang CCCD" in chat.text
    other = Chat(app.engine, "someone-else")
    await other.say(ticket.code)  # another chat cannot read it
    assert "không tìm thấy phiếu hỏi" in other.text


async def test_a_question_with_the_request_becomes_the_ticket_at_once(app, clock) -> None:
    clock.current = dt.datetime(2026, 9, 2, 9, 0, tzinfo=VN_TZ)  # Quốc khánh, a Wednesday
    chat = Chat(app.engine, "ticket-2")
    await chat.say("cho em gặp cán bộ hỏi về sổ đỏ bị mất")
    [ticket] = await _handoffs(app)
    assert ticket.mode == "ticket" and ticket.code in chat.text
    assert ticket.messages[0].text == "cho em gặp cán bộ hỏi về sổ đỏ bị mất"
    assert "Thứ Năm, 03/09/2026" in chat.text or "Thứ Sáu, 04/09/2026" in chat.text


async def test_the_entry_points(app) -> None:
    for n, typed in enumerate(("nói chuyện với người thật", "tư vấn viên", "gặp cán bộ")):
        chat = Chat(app.engine, f"entry-{n}")
        await chat.say(typed)
        assert "đã chuyển cuộc trò chuyện tới cán bộ" in chat.text, typed
    chat = Chat(app.engine, "entry-oos")
    await chat.say("giá vàng hôm nay")
    assert "Gặp cán bộ" in chat.labels()  # on the out-of-scope answer
    await chat.say("xổ số miền nam")
    assert "chưa hiểu ý anh/chị" in chat.text  # second miss in a row: a person offered
    await chat.click("Gặp cán bộ")
    latest = (await _handoffs(app))[0]  # newest first
    assert latest.context["reason"] == "confused"
    assert [q["text"] for q in latest.context["questions"]] == [
        "giá vàng hôm nay",
        "xổ số miền nam",
    ]


async def test_internal_events_cannot_be_pressed_by_a_citizen(app) -> None:
    chat = Chat(app.engine, "crafty")
    handoff = await _live(app, chat)
    await staff.reply(app, handoff.code, "Bí mật của người khác", "Lan")
    intruder = Chat(app.engine, "intruder")
    for payload in (
        "ho:staff:1",
        "ho:closed:1",
        "ho:timeout:1",
        "fb:ask:d:000.00.14.H20-200703-0002",
    ):
        await intruder.press(payload)
        assert "Bí mật" not in intruder.text
        assert "nút này" in intruder.text.lower() or "menu" in intruder.text.lower()
    got = await run_events(app, "test", "crafty")
    assert len(got) == 1 and "Bí mật của người khác" in got[0].text


async def test_thumbs_down_and_a_verified_dossier_reach_the_staff_with_their_context(
    app,
) -> None:
    chat = Chat(app.engine, "ctx-down")
    await chat.say("đăng ký khai sinh")
    await chat.click("Chưa ổn")
    await chat.click("Gặp cán bộ")  # the offer under "thiếu gì ạ?"
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in chat.text
    [down] = await _handoffs(app)
    assert down.context["reason"] == "down"
    assert down.context["procedure"]["code"] == "1.001193"
    owner = Chat(app.engine, "ctx-dossier")
    await owner.say("000.00.14.H20-200703-0002")
    await owner.say("1234")  # the demo dossier's last phone digits
    await owner.say("gặp cán bộ")
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in owner.text
    dossier = (await _handoffs(app))[0]  # newest first
    assert dossier.chat_id == "ctx-dossier"
    assert dossier.context["dossier"] == "000.00.14.H20-200703-0002"


async def test_a_citizen_ending_after_a_staff_answer_is_asked_to_rate_it(app) -> None:
    chat = Chat(app.engine, "end-rated")
    handoff = await _live(app, chat)
    await staff.reply(app, handoff.code, "Dạ, anh/chị mang CCCD ạ.", "Lan")
    await run_events(app, "test", "end-rated")
    await chat.say("menu")
    await chat.click("Kết thúc")
    assert "đã kết thúc cuộc trò chuyện với cán bộ" in chat.text and "hài lòng" in chat.text
    await chat.click("Rất không hài lòng")
    async with app.uow() as uow:
        ratings = await uow.repos.analytics.ratings(
            dt.datetime(2026, 1, 1, tzinfo=VN_TZ), dt.datetime(2027, 1, 1, tzinfo=VN_TZ)
        )
    assert ratings == [("handoff", 1, 1)]


async def test_a_handoff_goes_to_the_chats_ward_and_says_whose_staff(app) -> None:
    chat = Chat(app.engine, "ward-1")
    await chat.press("wd:link:29869")  # opened from phường Cao Lãnh's poster
    await chat.say("cho tôi gặp cán bộ")
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in chat.text
    assert "Một cửa (Trung tâm Phục vụ hành chính công) phường Cao Lãnh" in chat.text
    unknown = Chat(app.engine, "ward-2")  # never said its ward: not asked, the province's
    await unknown.say("cho tôi gặp cán bộ")
    assert "xã/phường nào" not in unknown.text and "phường Cao Lãnh" not in unknown.text
    by_chat = {h.chat_id: h.ward_code for h in await _handoffs(app)}
    assert by_chat == {"ward-1": "29869", "ward-2": None}
