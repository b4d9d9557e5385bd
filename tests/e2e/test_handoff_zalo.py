"""Issue 15 on Zalo, against the real server and a fake Zalo: out of hours the question
becomes a ticket, the staff's answer is pushed when written (Zalo Bot), and on Zalo OA an
answer written after the 48-hour window is held and shown at the citizen's next message
(never sent as a consultation message the platform would refuse)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.channels.zalo_oa import signature
from bot.config import Settings
from bot.server import create_web_app
from bot.staff import handoffs as staff
from handlers.context import VN_TZ
from handlers.i18n import t
from tests.e2e.fake_zalo import FakeZalo, wait_until

pytestmark = pytest.mark.slow

SECRET = "zalo-secret-15"
OA_SECRET = "oa-secret-15"
FRIDAY_EVENING = dt.datetime(2026, 12, 4, 20, 0, tzinfo=VN_TZ)


@pytest.fixture
async def fake() -> AsyncIterator[FakeZalo]:
    server = await FakeZalo().start()
    server.issue_tokens("access-env", "refresh-env")
    yield server
    await server.stop()


async def _serve(tmp_path: Any, knowledge: Any, clock: Any, **settings: Any) -> Any:
    kb, index = knowledge
    app = await build_app(
        Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/z.db", **settings),
        clock=clock,
        kb=kb,
        index=index,
    )
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return app, client


async def _settled(texts: Any, before: int) -> str:
    await wait_until(lambda: len(texts()) > before)
    seen = 0
    while seen != len(texts()):  # a turn may send several pieces
        seen = len(texts())
        await asyncio.sleep(0.3)
    return "\n".join(texts()[before:])


async def test_zalo_bot_ticket_out_of_hours_answer_pushed(tmp_path, knowledge, clock, fake):
    clock.current = FRIDAY_EVENING
    app, client = await _serve(
        tmp_path,
        knowledge,
        clock,
        zalo_bot_token=fake.bot_token,
        zalo_bot_base_url=fake.url,
        zalo_bot_webhook_secret=SECRET,
        zalo_bot_webhook_url="https://bot.example/webhooks/zalo-bot",
    )
    n = 0

    async def say(text: str) -> str:
        nonlocal n
        n += 1
        before = len(fake.sent_texts("z-1"))
        message = {
            "message_id": f"m{n}",
            "date": 1796090000000 + n,
            "text": text,
            "from": {"id": "z-1", "display_name": "Trần Thị Bình", "is_bot": False},
            "chat": {"id": "z-1", "chat_type": "PRIVATE"},
        }
        body = {"event_name": "message.text.received", "message": message}
        resp = await client.post(
            "/webhooks/zalo-bot", json=body, headers={"X-Bot-Api-Secret-Token": SECRET}
        )
        assert resp.status == 200
        return await _settled(lambda: fake.sent_texts("z-1"), before)

    try:
        assert "ngoài giờ làm việc" in await say("gặp cán bộ")
        created = await say("Con tôi sinh ở nhà, không có giấy chứng sinh thì sao?")
        code = re.search(r"HT-[2-9A-Z]{4}", created)
        assert code is not None and "7:00 Thứ Hai, 07/12/2026" in created
        async with app.uow() as uow:
            [ticket] = await uow.repos.handoffs.recent(None, 5, 0)
        assert ticket.citizen == "Trần T*** B"  # the display name, masked
        before = len(fake.sent_texts("z-1"))
        answer = "Anh/chị cần <b>người làm chứng</b> việc sinh *gấp*."
        await staff.reply(app, code.group(0), answer, "Lan")
        pushed = await _settled(lambda: fake.sent_texts("z-1"), before)
        assert pushed.startswith(f"📩 Cán bộ trả lời phiếu hỏi {code.group(0)}")
        assert answer in pushed and "1. Nhắn tiếp cho cán bộ" in pushed  # as typed
        shown = await say(code.group(0).lower())
        assert "cán bộ đã trả lời" in shown and "người làm chứng" in shown
    finally:
        await client.close()
        await app.close()


async def test_zalo_oa_answer_after_the_window_is_held(tmp_path, knowledge, clock, fake):
    clock.current = FRIDAY_EVENING
    app, client = await _serve(
        tmp_path,
        knowledge,
        clock,
        zalo_oa_app_id=fake.app_id,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_app_secret=fake.app_secret,
        zalo_oa_access_token="access-env",
        zalo_oa_refresh_token="refresh-env",
        zalo_oa_api_base_url=fake.url,
        zalo_oa_oauth_base_url=fake.url,
    )
    n = 0

    async def say(words: str) -> str:
        nonlocal n
        n += 1
        before = len(fake.oa_texts("oa-1"))
        body = {
            "app_id": fake.app_id,
            "event_name": "user_send_text",
            "timestamp": str(1796090000000 + n),
            "sender": {"id": "oa-1"},
            "recipient": {"id": "oa"},
            "message": {"text": words, "msg_id": f"oa-{n}"},
        }
        raw = json.dumps(body, ensure_ascii=False).encode()
        mac = signature(fake.app_id, raw, body["timestamp"], OA_SECRET)
        resp = await client.post(
            "/webhooks/zalo-oa", data=raw, headers={"X-ZEvent-Signature": f"mac={mac}"}
        )
        assert resp.status == 200
        return await _settled(lambda: fake.oa_texts("oa-1"), before)

    try:
        await say("tư vấn viên")
        created = await say("Hỏi về đăng ký thường trú cho con")
        code = re.search(r"HT-[2-9A-Z]{4}", created)
        assert code is not None
        clock.advance(hours=60)  # Monday morning: the citizen's window closed on Sunday
        sent = len(fake.oa_sent)
        await staff.reply(app, code.group(0), "Anh/chị mang sổ hộ khẩu cũ nếu có.", "Minh")
        await asyncio.sleep(1.5)
        assert len(fake.oa_sent) == sent  # no consultation message outside the window
        shown = await say("xin chào")
        assert shown.startswith(t("channels.new_notices", count=1))
        assert "mang sổ hộ khẩu cũ" in shown
    finally:
        await client.close()
        await app.close()
