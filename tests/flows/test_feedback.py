"""Feedback and satisfaction through the engine, counted in the analytics report.

👍/👎 under a card and under a walkthrough summary, "thiếu gì ạ?" stored masked with the
offer of a person, the 1-5 question when a subscribed dossier is returned (asked only
while the chat is idle), and the numbers in ``bot.staff.analytics.report``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.staff.analytics import report
from handlers.status.views import notify_changes
from tests.support.chat import Chat
from tests.support.events import run_due_jobs, run_events

CODE = "000.00.14.H20-200703-0002"  # demo dossier, phone ...1234
DAY = dt.date(2026, 12, 1)


async def _report(app: Any) -> dict[str, Any]:
    return await report(app, DAY, DAY)


async def test_votes_on_a_card_keep_its_buttons_and_are_counted(app) -> None:
    chat = Chat(app.engine, "fb-1")
    await chat.say("lam giay khai sinh can gi")
    assert {"👍 Có ích", "👎 Chưa ổn"} <= set(chat.labels())
    await chat.click("Có ích")
    assert "cảm ơn anh/chị đã góp ý" in chat.text.lower()
    assert "Giấy tờ cần chuẩn bị" in chat.labels() and "👍 Có ích" not in chat.labels()
    await chat.say("1")  # a typed number still means the card's first option
    assert "kiểm tra giấy tờ" in chat.text
    other = Chat(app.engine, "fb-2")
    await other.say("đăng ký khai sinh")
    await other.click("Chưa ổn")
    assert "còn thiếu gì" in other.text and "Gặp cán bộ" in other.labels()
    await other.say("Thiếu phí cấp bản sao, gọi tôi 0912 345 678")
    assert "đã ghi nhận góp ý" in other.text and len(other.last) == 1
    async with app.uow() as uow:
        votes = await uow.repos.feedback.votes()
    assert [(v["code"], v["vote"]) for v in votes] == [("1.001193", 1), ("1.001193", -1)]
    assert votes[1]["comment"] == "Thiếu phí cấp bản sao, gọi tôi [số điện thoại]"
    result = await _report(app)
    assert result["feedback"]["up"] == 1 and result["feedback"]["down"] == 1
    [row] = result["feedback"]["by_procedure"]
    assert (row["code"], row["kind"], row["up"], row["down"]) == ("1.001193", "card", 1, 1)
    assert result["feedback"]["comments"][0]["text"].endswith("[số điện thoại]")


async def test_a_double_tap_counts_once_and_a_changed_mind_replaces_it(app) -> None:
    chat = Chat(app.engine, "fb-3")
    await chat.say("đăng ký kết hôn")
    up = chat.payload("fb:up:")
    down = chat.payload("fb:down:")
    assert up and down
    await chat.press(up)
    await chat.press(up)
    await chat.press(down)
    result = await _report(app)
    assert (result["feedback"]["up"], result["feedback"]["down"]) == (0, 1)


async def test_a_question_after_thumbs_down_is_noted_and_answered(app) -> None:
    chat = Chat(app.engine, "fb-4")
    await chat.say("đăng ký khai sinh")
    await chat.click("Chưa ổn")
    await chat.say("làm căn cước cần gì")
    assert "đã ghi nhận góp ý" in chat.last[0].text
    assert chat.last[-1].text.startswith("📄 Cấp thẻ Căn cước")
    await chat.click("Chưa ổn")
    await chat.say("không")  # declines the comment
    assert "Dạ vâng" in chat.text
    async with app.uow() as uow:
        votes = await uow.repos.feedback.votes()
    assert [v["comment"] for v in votes] == ["làm căn cước cần gì", None]


async def test_summary_offers_votes_and_questions_are_logged(app) -> None:
    chat = Chat(app.engine, "fb-5")
    await chat.press("ck:start:2.000815")  # chứng thực bản sao: short walkthrough
    for _ in range(12):
        if "Tóm tắt hồ sơ" in chat.text:
            break
        await chat.press(chat.buttons()[0].payload)
    assert "Tóm tắt hồ sơ" in chat.text
    assert chat.payload("fb:up:k:2.000815")
    await chat.press("fb:up:k:2.000815")
    for text in ("lam so do can gi", "thời tiết hôm nay", "đăng ký kết hôn"):
        await Chat(app.engine, "fb-6").say(text)
    result = await _report(app)
    assert result["feedback"]["by_procedure"][0]["kind"] == "checklist"
    assert result["questions"]["total"] == 3
    assert result["questions"]["by_band"]["none"] == 1
    assert [g["text"] for g in result["unanswered"]] == ["thời tiết hôm nay"]
    assert "1.013978" in [p["code"] for p in result["top_procedures"]]  # sổ đỏ
    assert result["chats"] == 2 and result["turns"] >= 5


async def test_returned_dossier_asks_how_satisfied_when_idle(app, clock) -> None:
    idle, busy = Chat(app.engine, "sat-idle"), Chat(app.engine, "sat-busy")
    for chat in (idle, busy):
        await chat.say(CODE)
        await chat.say("1234")
        await chat.click("Nhận thông báo")
    await busy.press("ck:start:1.001193")  # in the middle of a walkthrough
    async with app.uow() as uow:
        change = await uow.repos.dossiers.set_status(CODE, "Đã trả kết quả", None, clock.now())
        await notify_changes(uow.repos, [change], clock.now())
        await uow.commit()
    clock.advance(minutes=2)
    await run_due_jobs(app)
    idle.last = await run_events(app, "test", "sat-idle")
    assert "đã trả kết quả" in idle.text and "hài lòng" in idle.text
    assert await run_events(app, "test", "sat-busy") == []  # the walkthrough goes on
    await busy.say("1")
    assert "(1/" in busy.text or "?" in busy.text
    await idle.say("hài lòng")  # the label typed: "Hài lòng" (4), not "Rất không hài lòng"
    result = await _report(app)
    assert result["satisfaction"]["by_subject"]["dossier"]["scores"]["4"] == 1
    assert result["satisfaction"]["mean"] == 4.0
    assert result["dossier_lookups"] == 2


async def test_the_question_log_keeps_masked_text_under_a_keyed_chat_hash(app) -> None:
    from sqlalchemy import select

    from bot.storage.models_handoff import QuestionLog
    from handlers.privacy import chat_hash

    chat = Chat(app.engine, "citizen-0912345678")
    await chat.say("mất sổ đỏ làm lại thế nào, gọi 0912 345 678, CCCD 079123456789")
    async with app.uow() as uow:
        [row] = (await uow.session.execute(select(QuestionLog))).scalars().all()
    assert row.text == "mất sổ đỏ làm lại thế nào, gọi [số điện thoại], CCCD [số giấy tờ]"
    key = app.services.settings["chat_hash_key"]
    assert row.chat_hash == chat_hash(key, "test", "citizen-0912345678")
    assert row.chat_hash != chat_hash("another-key", "test", "citizen-0912345678")
    assert "0912345678" not in row.chat_hash and row.channel == "test"
    assert (row.intent, row.band) == ("procedure", "answer")
    shown = app.services.kb.get(row.top_code)  # the card the citizen was answered with
    assert chat.text.startswith(f"📄 {shown.display_name}")
    assert row.score is not None and row.latency_ms >= 0
