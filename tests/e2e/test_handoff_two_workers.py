"""Two ``tthc-bot run`` worker processes on one database: a Zalo citizen's handoff opened on
one, staff replies posted at once to both; the citizen gets each reply exactly once, in the
thread's order, whichever worker took the request or ran the chat."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.fake_zalo import FakeZalo, wait_until
from tests.support.proc import Bot

# PostgreSQL only: there the handoff's row lock is what keeps concurrent replies in one
# order (SQLite serialises every write; tests/storage/test_handoffs.py covers both in-process)
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SECRET = "zalo-secret-2w"
TOKEN = "staff-2w"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHAT = "two-workers"
ANSWER = re.compile(r"Trả lời số \d")


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    fake = await FakeZalo().start()
    yield fake
    await fake.stop()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_replies_through_two_workers_arrive_once_in_order(
    db_url: str, zalo: FakeZalo, tmp_path: Path
) -> None:
    env = {
        "DATABASE_URL": db_url,
        "LOG_LEVEL": "WARNING",
        "STAFF_API_TOKEN": TOKEN,
        "ZALO_BOT_TOKEN": zalo.bot_token,
        "ZALO_BOT_BASE_URL": zalo.url,
        "ZALO_BOT_WEBHOOK_URL": "https://bot.example/webhooks/zalo-bot",
        "ZALO_BOT_WEBHOOK_SECRET": SECRET,
    }
    first = await Bot(env, tmp_path / "w1.log").start()
    second = await Bot(env, tmp_path / "w2.log").start()
    workers = [first, second]
    try:
        async with aiohttp.ClientSession() as http:
            message = {
                "message_id": "hand-1",
                "date": 1796090000000,
                "text": "gặp cán bộ hỏi về đăng ký tạm trú cho con",  # live or a ticket
                "from": {"id": CHAT, "display_name": "Dân", "is_bot": False},
                "chat": {"id": CHAT, "chat_type": "PRIVATE"},
            }
            body = {"event_name": "message.text.received", "message": message}
            headers = {"X-Bot-Api-Secret-Token": SECRET}
            async with http.post(first.url + "/webhooks/zalo-bot", json=body, headers=headers):
                pass
            await wait_until(lambda: any("HT-" in t for t in zalo.sent_texts(CHAT)), 30)
            async with http.get(second.url + "/api/staff/handoffs", headers=AUTH) as resp:
                [handoff] = (await resp.json())["handoffs"]

            async def reply(n: int) -> int:
                await asyncio.sleep(0.03 * n)
                url = f"{workers[n % 2].url}/api/staff/handoffs/{handoff['id']}/messages"
                payload = {"text": f"Trả lời số {n}", "staff": f"Cán bộ {n}"}
                async with http.post(url, json=payload, headers=AUTH) as resp:
                    return resp.status

            assert await asyncio.gather(*(reply(n) for n in range(4))) == [201] * 4

            def answers() -> list[str]:
                return [t for t in zalo.sent_texts(CHAT) if "Trả lời số" in t]

            await wait_until(lambda: len(answers()) >= 4, 30)
            await asyncio.sleep(1.0)  # nothing more comes (no message twice)
            url = f"{first.url}/api/staff/handoffs/{handoff['id']}"
            async with http.get(url, headers=AUTH) as resp:
                thread = (await resp.json())["handoff"]["messages"]
        staff = [m["text"] for m in thread if m["sender"] == "staff"]
        shown = [found.group(0) for a in answers() if (found := ANSWER.search(a))]
        assert shown == staff  # once each, in the thread's order
        assert all(m["delivered_at"] for m in thread if m["sender"] == "staff")
    finally:
        first.stop()
        second.stop()
