"""Overload and identity on the real server: a burst of /api/chat gets quick 503s (with
Retry-After) instead of 30 s waits while webhooks keep being acknowledged; one address is
limited; the web chat's identity is the server's cookie; /metrics tells what happened."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.channels.web_identity import COOKIE
from bot.config import Settings
from bot.server import create_web_app
from tests.e2e.fake_zalo import FakeZalo, wait_until

pytestmark = pytest.mark.slow
SECRET = "shed-secret"


async def _serve(tmp_path: Any, knowledge: Any, clock: Any, **extra: Any):
    kb, index = knowledge
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/shed.db", **extra)
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return app, client


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    fake = await FakeZalo().start()
    yield fake
    await fake.stop()


async def test_a_burst_is_shed_with_503_while_webhooks_are_acknowledged(
    tmp_path, knowledge, clock, zalo
) -> None:
    app, client = await _serve(
        tmp_path,
        knowledge,
        clock,
        max_turns_in_flight=2,
        inbox_workers=1,
        api_chat_per_minute=100000,
        api_chat_burst=100000,
        zalo_bot_token=zalo.bot_token,
        zalo_bot_base_url=zalo.url,
        zalo_bot_webhook_url="https://bot.example/webhooks/zalo-bot",
        zalo_bot_webhook_secret=SECRET,
    )
    try:
        timings: list[tuple[int, None, str | None]] = []

        async def chat(n: int) -> None:
            # generous bound: nothing may wait anywhere near a 30 s pool timeout
            resp = await asyncio.wait_for(
                client.post(
                    "/api/chat", json={"user": f"burst-{n}", "text": "làm giấy khai sinh cần gì"}
                ),
                15,
            )
            await resp.read()
            timings.append((resp.status, None, resp.headers.get("Retry-After")))

        async def webhook(n: int) -> int:
            body = {
                "event_name": "message.text.received",
                "message": {
                    "message_id": f"burst-{n}",
                    "text": "xin chào",
                    "from": {"id": f"zb-{n}"},
                    "chat": {"id": f"zb-{n}"},
                },
            }
            resp = await client.post(
                "/webhooks/zalo-bot", json=body, headers={"X-Bot-Api-Secret-Token": SECRET}
            )
            return resp.status

        results = await asyncio.gather(
            *[chat(n) for n in range(80)], *[webhook(n) for n in range(20)]
        )
        statuses = Counter(status for status, _s, _r in timings)
        assert set(statuses) <= {200, 503}
        assert statuses[503] >= 40 and statuses[200] >= 2  # shed, not queued
        assert all(retry for status, _s, retry in timings if status == 503)
        assert results[80:] == [200] * 20  # webhooks still stored and acknowledged
        await wait_until(
            lambda: len({p["chat_id"] for m, p in zalo.bot_calls if m == "sendMessage"}) >= 20, 60
        )
        metrics = await (await client.get("/metrics")).text()
        shed = [line for line in metrics.splitlines() if line.startswith("tthc_shed_total")]
        assert any('route="api_chat"' in line and float(line.split()[-1]) >= 40 for line in shed)
    finally:
        await client.close()
        await app.close()


async def test_one_address_is_limited_with_429(tmp_path, knowledge, clock) -> None:
    app, client = await _serve(tmp_path, knowledge, clock, api_chat_per_minute=6, api_chat_burst=3)
    try:
        statuses = []
        for n in range(6):
            resp = await client.post("/api/chat", json={"user": f"r{n}", "text": "xin chào"})
            statuses.append(resp.status)
            if resp.status == 429:
                assert int(resp.headers["Retry-After"]) >= 1
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429, 429]
    finally:
        await client.close()
        await app.close()


async def test_web_identity_is_the_servers_cookie(tmp_path, knowledge, clock) -> None:
    app, owner = await _serve(tmp_path, knowledge, clock)
    other = TestClient(owner.server)  # another browser: its own cookie jar
    await other.start_server()
    try:
        code = "000.00.14.H20-200703-0002"
        first = await owner.post("/api/chat", json={"user": "u1", "text": f"tra cứu {code}"})
        assert "4 số cuối" in (await first.json())["replies"][0]["text"]
        cookie = first.cookies[COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        # another client choosing the same "user" lands in a chat of its own: the owner's
        # waiting lookup is not reachable with the right digits
        intruder = await other.post("/api/chat", json={"user": "u1", "text": "1234"})
        assert COOKIE in intruder.cookies and intruder.cookies[COOKIE].value != cookie.value
        assert "Tình trạng" not in str(await intruder.json())
        answered = await owner.post("/api/chat", json={"user": "u1", "text": "1234"})
        assert "Tình trạng" in (await answered.json())["replies"][0]["text"]
        # a forged cookie is not a session: a new one is issued
        other.session.cookie_jar.clear()
        forged = await other.post(
            "/api/chat",
            json={"user": "u1", "text": "menu"},
            headers={"Cookie": f"{COOKIE}=abc.def"},
        )
        assert forged.cookies[COOKIE].value not in ("abc.def", cookie.value)
        # pending notifications are only for the cookie's owner
        other.session.cookie_jar.clear()
        resp = await other.get("/api/chat/pending?user=u1")
        assert (await resp.json()) == {"replies": []}
    finally:
        await other.close()
        await owner.close()
        await app.close()


async def test_metrics_in_prometheus_text_format(tmp_path, knowledge, clock) -> None:
    app, client = await _serve(tmp_path, knowledge, clock)
    try:
        await client.post("/api/chat", json={"user": "m", "text": "xin chào"})
        resp = await client.get("/metrics")
        assert resp.headers["Content-Type"].startswith("text/plain")
        text = await resp.text()
        for name in (
            'tthc_turns_total{channel="web",outcome="ok"} 1.0',
            'tthc_turn_seconds_bucket{channel="web",le="+Inf"} 1.0',
            "tthc_inbox_backlog 0.0",
            "tthc_inbox_oldest_age_seconds",
            "tthc_job_lag_seconds",
            'tthc_events_total{event="api_chat"} 1.0',
            "# TYPE tthc_sends_total counter",
            "# TYPE tthc_shed_total counter",
        ):
            assert name in text, name
    finally:
        await client.close()
        await app.close()
