"""Issue 15 on Telegram: the real PTB Application polling the fake Bot API.

A citizen asks for a person in a private chat; the handoff appears in the staff group
(``TELEGRAM_STAFF_CHAT_ID``) as one message with its context, the citizen's next message as
a reply to it; a staff member *replies* in the group and the citizen gets it in their own
chat, as plain text; ``/xong`` closes it (the citizen is asked how satisfied they are); a
reply to the closed thread gets a clear note in the group.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot import jobs
from bot.channels import telegram_send
from tests.e2e.fake_telegram import BOT_USER, FakeTelegram
from tests.e2e.telegram_support import _fast_retries, fake, start_server

__all__ = ["_fast_retries", "fake"]  # fixtures

pytestmark = pytest.mark.slow

STAFF_CHAT = -100777
CITIZEN = 1001


@pytest.fixture
async def polling(
    app: Any, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    monkeypatch.setattr(telegram_send.ChatRateLimiter.__init__, "__defaults__", (4, 100.0))
    monkeypatch.setattr(jobs.run_forever, "__defaults__", (0.1,))  # jobs polled often
    server, channel = await start_server(app, fake, telegram_staff_chat_id=str(STAFF_CHAT))
    yield channel
    await server.close()


async def _sent_to(fake: FakeTelegram, chat: int, count: int, timeout: float = 10) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = fake.sent("sendMessage", chat)
        if len(calls) >= count:
            return calls
        await asyncio.sleep(0.02)
    raise AssertionError(f"{count} messages to {chat} not seen: {fake.texts(chat)}")


def _bot_message(call: Any) -> dict[str, Any]:
    """The group message the bot sent, as it appears in a reply's ``reply_to_message``."""
    return {
        "message_id": call.result["message_id"],
        "date": int(time.time()),
        "chat": {"id": STAFF_CHAT, "type": "supergroup"},
        "from": BOT_USER,
        "text": call.result["text"],
    }


async def _staff_says(
    fake: FakeTelegram, text: str, reply_to: Any | None, name: str = "Lan"
) -> None:
    extra = {"reply_to_message": _bot_message(reply_to)} if reply_to is not None else {}
    update = fake.make_message_update(
        text, chat_id=STAFF_CHAT, user_id=555 if name == "Lan" else 556, chat_type="supergroup",
        **extra,
    )  # fmt: skip
    update["message"]["from"]["first_name"] = name
    await fake.push(update)


async def test_citizen_staff_group_reply_and_close(
    app: Any, polling: Any, fake: FakeTelegram
) -> None:
    await fake.push_text("lam giay khai sinh can gi", chat_id=CITIZEN)
    await _sent_to(fake, CITIZEN, 1)
    await fake.push_text("gặp cán bộ", chat_id=CITIZEN)
    await _sent_to(fake, CITIZEN, 2)
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in fake.texts(CITIZEN)[-1]
    [post] = await _sent_to(fake, STAFF_CHAT, 1)
    context = post.params["text"]
    assert "Người dân cần gặp cán bộ" in context and "Kênh: Telegram" in context
    assert "Người dân: L***" in context  # the masked display name
    assert "Xã/phường: chưa rõ" in context  # never said: for the province's staff
    assert "Đăng ký khai sinh (1.001193)" in context  # the card the citizen was on
    assert "lam giay khai sinh can gi" in context  # the last questions
    assert "parse_mode" not in post.params

    await fake.push_text("Cho hỏi <b>đất</b> nhà tôi", chat_id=CITIZEN)
    forwarded = (await _sent_to(fake, STAFF_CHAT, 2))[1]
    assert forwarded.params["text"].endswith("Cho hỏi <b>đất</b> nhà tôi")
    assert forwarded.params["reply_parameters"]["message_id"] == post.result["message_id"]
    # the one "passed on" note before any staff reply; counted before the staff answers (under
    # load it could land after the staff post and be taken for the staff's reply)
    acked = await _sent_to(fake, CITIZEN, 3)
    assert "đã chuyển tin nhắn tới cán bộ" in acked[-1].params["text"]
    before = len(acked)

    await _staff_says(fake, "Chào anh/chị <i>nhé</i>", reply_to=forwarded)
    answer = (await _sent_to(fake, CITIZEN, before + 1))[-1]
    assert answer.params["text"] == "👤 Cán bộ Lan:\nChào anh/chị <i>nhé</i>"
    assert "parse_mode" not in answer.params  # shown as typed, never as markup
    await _staff_says(fake, "Anh/chị mang theo sổ đỏ.", reply_to=post, name="Minh")
    second = (await _sent_to(fake, CITIZEN, before + 2))[-1]
    assert second.params["text"] == "👤 Cán bộ Minh:\nAnh/chị mang theo sổ đỏ."
    async with app.uow() as uow:
        [handoff] = await uow.repos.handoffs.recent(None, 1, 0)
    assert handoff.first_staff == "Lan"  # the first to answer, not the latest
    before += 1
    await _staff_says(fake, "đồng nghiệp nói chuyện riêng", reply_to=None)  # not a reply
    await _staff_says(fake, "/xong", reply_to=post)
    notes = await _sent_to(fake, STAFF_CHAT, 3)
    assert notes[2].params["text"].startswith("✅ Đã đóng HT-")
    closing = await _sent_to(fake, CITIZEN, before + 3)
    assert "Cán bộ đã kết thúc" in closing[before + 1].params["text"]
    rating = closing[before + 2]
    assert "hài lòng" in rating.params["text"]
    labels = [b["text"] for row in rating.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels[:5] == [
        "Rất không hài lòng",
        "Không hài lòng",
        "Bình thường",
        "Hài lòng",
        "Rất hài lòng",
    ]

    await _staff_says(fake, "còn một ý nữa", reply_to=forwarded)
    refused = (await _sent_to(fake, STAFF_CHAT, 4))[3]
    assert "đã đóng" in refused.params["text"] and "không được gửi" in refused.params["text"]
    await asyncio.sleep(0.3)
    assert "còn một ý nữa" not in " ".join(fake.texts(CITIZEN))
    assert len(fake.sent("sendMessage", STAFF_CHAT)) == 4  # the chatter got no answer

    stray = {"message_id": 987654, "date": int(time.time()), "from": BOT_USER,
             "chat": {"id": STAFF_CHAT, "type": "supergroup"}, "text": "tin cũ"}  # fmt: skip
    update = fake.make_message_update(
        "trả lời tin cũ", chat_id=STAFF_CHAT, user_id=555, chat_type="supergroup",
        reply_to_message=stray,
    )  # fmt: skip
    await fake.push(update)  # a reply to a bot message that opens no thread
    unknown = (await _sent_to(fake, STAFF_CHAT, 5))[4]
    assert "không thuộc cuộc trò chuyện nào" in unknown.params["text"]


WARD_CHAT = -100888  # phường Cao Lãnh's own staff group
OTHER = 1002


@pytest.fixture
async def ward_groups(
    app: Any, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    monkeypatch.setattr(telegram_send.ChatRateLimiter.__init__, "__defaults__", (4, 100.0))
    monkeypatch.setattr(jobs.run_forever, "__defaults__", (0.1,))
    server, channel = await start_server(
        app,
        fake,
        telegram_staff_chat_id=str(STAFF_CHAT),
        telegram_staff_ward_chats=f"29869:{WARD_CHAT}",
    )
    yield channel
    await server.close()


async def test_a_wards_own_group_gets_and_answers_only_its_wards_handoffs(
    app: Any, ward_groups: Any, fake: FakeTelegram
) -> None:
    await fake.push_text("/start xa_29869", chat_id=CITIZEN)  # phường Cao Lãnh's poster
    await _sent_to(fake, CITIZEN, 1)
    await fake.push_text("gặp cán bộ", chat_id=CITIZEN)
    [post] = await _sent_to(fake, WARD_CHAT, 1)
    assert "Xã/phường: Phường Cao Lãnh" in post.params["text"]
    await fake.push_text("gặp cán bộ", chat_id=OTHER)  # never said its ward
    [main_post] = await _sent_to(fake, STAFF_CHAT, 1)
    assert "Xã/phường: chưa rõ" in main_post.params["text"]
    assert len(fake.sent("sendMessage", WARD_CHAT)) == 1  # not the other ward's group

    def reply_in(chat: int, to: Any, text: str) -> dict[str, Any]:
        replied = {**_bot_message(to), "chat": {"id": chat, "type": "supergroup"}}
        update = fake.make_message_update(
            text, chat_id=chat, user_id=555, chat_type="supergroup", reply_to_message=replied
        )
        update["message"]["from"]["first_name"] = "Lan"
        return update

    # a reply in the ward's group quoting the main group's message id answers nothing there
    await fake.push(reply_in(WARD_CHAT, main_post, "Dạ, em trả lời nhầm."))
    refused = (await _sent_to(fake, WARD_CHAT, 2))[1]
    assert "không thuộc cuộc trò chuyện nào" in refused.params["text"]
    before = len(fake.sent("sendMessage", OTHER))
    await fake.push(reply_in(WARD_CHAT, post, "Dạ, phường Cao Lãnh xin trả lời."))
    answer = (await _sent_to(fake, CITIZEN, 3))[-1]
    assert answer.params["text"] == "👤 Cán bộ Lan:\nDạ, phường Cao Lãnh xin trả lời."
    await asyncio.sleep(0.3)
    assert len(fake.sent("sendMessage", OTHER)) == before  # the other chat got nothing
    async with app.uow() as uow:
        found = {h.chat_id: h for h in await uow.repos.handoffs.recent(None, 5, 0)}
    assert found[str(OTHER)].first_reply_at is None
    assert found[str(CITIZEN)].first_staff == "Lan"
