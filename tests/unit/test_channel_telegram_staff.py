"""The Telegram staff group in the fast suite: the real channel and PTB, the Bot API in
memory (``tests/support/channels.py``); the handoff jobs and the turns run on demand.

A citizen asks for a person; the group gets one post with the context, the citizen's next
message as a reply to it; a staff member replying in the group answers the citizen, as
plain text; ``/xong`` as a reply closes it; replies to a closed or unknown thread, and a
``/xong`` that replies to nothing, get a clear note; other chatter gets no answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot import jobs
from tests.support.channels import BOT_USER, FakeBotApi, Harness
from tests.unit.test_channel_telegram import CHAT, _harness, _post, api, message

__all__ = ["api"]  # fixture

STAFF_CHAT = -100777


@pytest.fixture
async def group(tmp_path, knowledge, clock, api) -> AsyncIterator[Harness]:
    harness, channel = await _harness(
        tmp_path,
        knowledge,
        clock,
        telegram_webhook_url="https://bot.example/webhooks/telegram",
        telegram_staff_chat_id=str(STAFF_CHAT),
    )
    await channel.start()
    async with harness:
        yield harness
    await channel.stop()
    await harness.app.close()


async def _turn(harness: Harness, update: dict[str, Any]) -> None:
    """One update through the webhook, its turn, then the jobs it queued (posts, sends)."""
    assert await _post(harness, update) == (200, {"ok": True})
    await harness.drain()
    while await jobs.run_once(harness.app):
        pass
    await harness.drain()


def _staff(update_id: int, text: str, reply_to: dict[str, Any] | None, name: str = "Lan"):
    """A staff member's message in the group, replying to ``reply_to`` (a ``sendMessage``
    the bot made there, with its ``message_id``) or to nothing."""
    extra: dict[str, Any] = {
        "from": {"id": 555 if name == "Lan" else 556, "is_bot": False, "first_name": name}
    }
    if reply_to is not None:
        extra["reply_to_message"] = {
            "message_id": reply_to["message_id"],
            "date": 1796090000,
            "chat": {"id": STAFF_CHAT, "type": "supergroup"},
            "from": BOT_USER,
            "text": reply_to.get("text", ""),
        }
    return message(update_id, text, chat=STAFF_CHAT, **extra)


async def test_a_handoff_thread_in_the_staff_group(group: Harness, api: FakeBotApi) -> None:
    real = api._result

    def result(endpoint: str, params: dict[str, Any]) -> Any:  # keep each sent message's id
        out = real(endpoint, params)
        if endpoint == "sendMessage":
            params["message_id"] = out["message_id"]
        return out

    api._result = result  # type: ignore[method-assign]
    await _turn(group, message(1, "lam giay khai sinh can gi"))
    await _turn(group, message(2, "gặp cán bộ"))
    assert "đã chuyển cuộc trò chuyện tới cán bộ" in api.texts(CHAT)[-1]
    [post] = api.sent(STAFF_CHAT)
    context = post["text"]
    assert "Người dân cần gặp cán bộ" in context and "Kênh: Telegram" in context
    assert "Người dân: D***" in context  # the masked display name ("Dân")
    assert "Xã/phường: chưa rõ" in context  # never said: for the province's staff
    assert "Đăng ký khai sinh (1.001193)" in context  # the card the citizen was on
    assert "lam giay khai sinh can gi" in context  # the last questions
    assert "parse_mode" not in post

    await _turn(group, message(3, "Cho hỏi <b>đất</b> nhà tôi"))
    forwarded = api.sent(STAFF_CHAT)[1]
    assert forwarded["text"].endswith("Cho hỏi <b>đất</b> nhà tôi")
    assert forwarded["reply_parameters"]["message_id"] == post["message_id"]

    before = len(api.sent(CHAT))
    await _turn(group, _staff(10, "Chào anh/chị <i>nhé</i>", forwarded))
    await _turn(group, _staff(11, "Anh/chị mang theo sổ đỏ.", post, name="Minh"))
    answers = api.sent(CHAT)[before:]
    assert [a["text"] for a in answers] == [
        "👤 Cán bộ Lan:\nChào anh/chị <i>nhé</i>",
        "👤 Cán bộ Minh:\nAnh/chị mang theo sổ đỏ.",
    ]
    assert all("parse_mode" not in a for a in answers)  # shown as typed, never as markup
    async with group.app.uow() as uow:
        [handoff] = await uow.repos.handoffs.recent(None, 1, 0)
    assert handoff.first_staff == "Lan"  # the first to answer, not the latest

    in_group = len(api.sent(STAFF_CHAT))
    await _turn(group, _staff(12, "đồng nghiệp nói chuyện riêng", None))  # not a reply
    assert len(api.sent(STAFF_CHAT)) == in_group  # chatter gets no answer
    await _turn(group, _staff(13, "/xong", None))  # a close that replies to nothing
    assert "trả lời" in api.texts(STAFF_CHAT)[-1]

    await _turn(group, _staff(14, "/xong@tthc_test_bot", post))
    assert api.texts(STAFF_CHAT)[-1].startswith("✅ Đã đóng HT-")
    assert "Cán bộ đã kết thúc" in " ".join(api.texts(CHAT)[before + 2 :])

    citizen = len(api.sent(CHAT))
    await _turn(group, _staff(15, "còn một ý nữa", forwarded))
    refused = api.texts(STAFF_CHAT)[-1]
    assert "đã đóng" in refused and "không được gửi" in refused
    assert len(api.sent(CHAT)) == citizen  # nothing reached the citizen

    stray = {"message_id": 987654, "text": "tin cũ"}  # a bot message that opens no thread
    await _turn(group, _staff(16, "trả lời tin cũ", stray))
    assert "không thuộc cuộc trò chuyện nào" in api.texts(STAFF_CHAT)[-1]
