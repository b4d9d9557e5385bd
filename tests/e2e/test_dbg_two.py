"""Two ``tthc-bot run`` worker processes on one database receive alternate messages of one
chat, 50 ms apart: the chat's turns run in arrival order whichever worker got them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.fake_zalo import FakeZalo, wait_until
from tests.support.proc import Bot

pytestmark = pytest.mark.slow

SECRET = "zalo-secret-2"
# each question's answer card starts with that procedure's name
QUESTIONS = [
    ("đăng ký khai sinh", "📄 Đăng ký khai sinh"),
    ("đăng ký kết hôn", "📄 Đăng ký kết hôn"),
    ("đăng ký thường trú", "📄 Đăng ký thường trú"),
    ("đăng ký tạm trú", "📄 Đăng ký tạm trú"),
    ("chứng thực bản sao", "📄 Chứng thực bản sao"),
    ("xác nhận tình trạng hôn nhân", "📄 Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("đăng ký khai tử", "📄 Đăng ký khai tử"),
    ("cấp căn cước", "📄 Cấp thẻ Căn cước"),
]


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    fake = await FakeZalo().start()
    yield fake
    await fake.stop()


def _update(text: str, message_id: str, chat: str, sent_at_ms: int) -> dict:
    return {
        "event_name": "message.text.received",
        "message": {
            "message_id": message_id,
            "date": sent_at_ms,  # when the citizen sent it (Zalo's clock)
            "text": text,
            "from": {"id": chat, "display_name": "Dân", "is_bot": False},
            "chat": {"id": chat, "chat_type": "PRIVATE"},
        },
    }


async def test_alternate_messages_to_two_workers_keep_their_order(
    db_url: str, zalo: FakeZalo, tmp_path: Path
) -> None:
    env = {
        "DATABASE_URL": db_url,
        "LOG_LEVEL": "WARNING",
        "ZALO_BOT_TOKEN": zalo.bot_token,
        "ZALO_BOT_BASE_URL": zalo.url,
        "ZALO_BOT_WEBHOOK_URL": "https://bot.example/webhooks/zalo-bot",
        "ZALO_BOT_WEBHOOK_SECRET": SECRET,
    }
    first = await Bot(env, tmp_path / "w1.log").start()
    second = await Bot(env, tmp_path / "w2.log").start()
    workers = [first, second]
    try:
        for rnd in range(3):  # three chats, one after the other, 8 messages each
            chat = f"order-{rnd}"
            async with aiohttp.ClientSession() as http:

                async def post(n: int, text: str, chat: str = chat) -> int:
                    await asyncio.sleep(0.05 * n)  # sent 50 ms apart, acks not awaited
                    url = workers[n % 2].url + "/webhooks/zalo-bot"
                    body = _update(text, f"{chat}-{n}", chat, 1796090000000 + 50 * n)
                    headers = {"X-Bot-Api-Secret-Token": SECRET}
                    async with http.post(url, json=body, headers=headers) as resp:
                        return resp.status

                statuses = await asyncio.gather(
                    *[post(n, q) for n, (q, _title) in enumerate(QUESTIONS)]
                )
            assert statuses == [200] * len(QUESTIONS)

            def cards(chat: str = chat) -> list[str]:
                return [t for t in zalo.sent_texts(chat) if t.startswith("📄")]

            await wait_until(lambda: len(cards()) >= len(QUESTIONS), timeout=60)
            got = [next(title for _q, title in QUESTIONS if c.startswith(title)) for c in cards()]
            if got != [title for _q, title in QUESTIONS]:
                import sqlite3

                con = sqlite3.connect(db_url.split("///")[1])
                for row in con.execute(
                    "select id, seq, sort_key, received_at, done_at, dedupe_key from inbox where chat_id=? order by id",
                    (chat,),
                ):
                    print(row)
                print(got)
                print(open(tmp_path / "w1.log").read()[-3000:])
                print(open(tmp_path / "w2.log").read()[-3000:])
            assert got == [title for _q, title in QUESTIONS], f"round {rnd}"
    finally:
        first.stop()
        second.stop()
