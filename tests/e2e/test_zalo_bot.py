"""Zalo Bot Platform end to end: the real aiohttp server, webhooks and polling, a fake Zalo API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.server import create_web_app
from handlers.i18n import t
from handlers.types import Button, Reply
from tests.e2e.fake_zalo import FakeZalo, wait_until
from tests.support.idle import quiet

pytestmark = pytest.mark.slow

SECRET = "webhook-secret-123"
HEADERS = {"X-Bot-Api-Secret-Token": SECRET}


@pytest.fixture
async def fake() -> AsyncIterator[FakeZalo]:
    server = await FakeZalo().start()
    yield server
    await server.stop()


async def _start(tmp_path: Any, knowledge: Any, clock: Any, fake: FakeZalo, **extra: Any):
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/zalo.db",
        zalo_bot_token=fake.bot_token,
        zalo_bot_base_url=fake.url,
        zalo_bot_webhook_secret=SECRET,
        **extra,
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return app, client


@pytest.fixture
async def server(tmp_path, knowledge, clock, fake) -> AsyncIterator[tuple[Any, TestClient]]:
    """Webhook mode: ZALO_BOT_WEBHOOK_URL set, so no polling."""
    app, client = await _start(
        tmp_path,
        knowledge,
        clock,
        fake,
        zalo_bot_webhook_url="https://bot.example/webhooks/zalo-bot",
    )
    yield app, client
    await client.close()
    await app.close()


def update(text: str | None, message_id: str, chat: str = "chat-1", event: str = "") -> dict:
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": 1796090000000,
        "from": {"id": chat, "display_name": "Người dân", "is_bot": False},
        "chat": {"id": chat, "chat_type": "PRIVATE"},
    }
    if text is not None:
        message["text"] = text
    return {"event_name": event or "message.text.received", "message": message}


async def test_transcript_wrapped_and_bare_payloads_with_numbered_options(server, fake) -> None:
    app, client = server
    await wait_until(lambda: any(m == "setWebhook" for m, _ in fake.bot_calls))
    assert (
        "setWebhook",
        {"url": "https://bot.example/webhooks/zalo-bot", "secret_token": SECRET},
    ) in fake.bot_calls

    wrapped = {"ok": True, "result": update("xin chào", "m-1")}
    resp = await client.post("/webhooks/zalo-bot", json=wrapped, headers=HEADERS)
    assert resp.status == 200
    await wait_until(lambda: len(fake.sent_texts("chat-1")) >= 1)
    greeting = fake.sent_texts("chat-1")[-1]
    assert greeting.startswith("Xin chào anh/chị")
    assert "1. Hỏi thủ tục" in greeting and "3. Tra cứu hồ sơ" in greeting

    resp = await client.post("/webhooks/zalo-bot", json=update("1", "m-2"), headers=HEADERS)
    assert resp.status == 200
    await wait_until(lambda: len(fake.sent_texts("chat-1")) >= 2)
    # typing "1" is pressing "Hỏi thủ tục": the same answer as the terminal chat gets
    assert fake.sent_texts("chat-1")[-1] == t("menu.ask_prompt")

    console = [r.text for r in await app.engine.handle(_console("xin chào"))]
    console += [r.text for r in await app.engine.handle(_console("1"))]
    sent = fake.sent_texts("chat-1")
    assert sent[0].startswith(console[0]) and sent[1] == console[1]


def _console(text: str):
    from handlers.types import Incoming

    return Incoming(channel="console", chat_id="same-transcript", text=text)


async def test_missing_or_wrong_secret_and_malformed_bodies_get_4xx(server, fake) -> None:
    _app, client = server
    body = update("xin chào", "m-x")
    assert (await client.post("/webhooks/zalo-bot", json=body)).status == 401
    wrong = {"X-Bot-Api-Secret-Token": "not-the-secret"}
    assert (await client.post("/webhooks/zalo-bot", json=body, headers=wrong)).status == 403
    malformed = await client.post("/webhooks/zalo-bot", data=b"{not json", headers=HEADERS)
    assert malformed.status == 400
    for odd in ([1, 2], "text", {"ok": True, "result": {}}, {"event_name": "x"}):
        resp = await client.post("/webhooks/zalo-bot", data=json.dumps(odd), headers=HEADERS)
        assert resp.status == 200  # well-formed but nothing to answer: acknowledged
    await quiet(_app)
    assert fake.sent_texts() == []


async def test_redelivered_message_is_answered_once(server, fake) -> None:
    _app, client = server
    body = update("xin chào", "m-dup", chat="chat-dup")
    statuses = await asyncio.gather(
        *[client.post("/webhooks/zalo-bot", json=body, headers=HEADERS) for _ in range(3)]
    )
    assert [r.status for r in statuses] == [200, 200, 200]
    await wait_until(lambda: len(fake.sent_texts("chat-dup")) >= 1)
    await quiet(_app)
    again = await client.post("/webhooks/zalo-bot", json=body, headers=HEADERS)
    assert again.status == 200
    await quiet(_app)
    assert len(fake.sent_texts("chat-dup")) == 1


async def test_sticker_and_image_get_a_polite_text_only_answer(server, fake) -> None:
    _app, client = server
    body = update(None, "m-st", chat="chat-st", event="message.sticker.received")
    assert (await client.post("/webhooks/zalo-bot", json=body, headers=HEADERS)).status == 200
    await wait_until(lambda: len(fake.sent_texts("chat-st")) >= 1)
    assert fake.sent_texts("chat-st")[0] == t("errors.unsupported_kind")


async def test_send_is_retried_after_5xx_and_429(server, fake) -> None:
    _app, client = server
    await wait_until(lambda: any(m == "setWebhook" for m, _ in fake.bot_calls))
    fake.fail_next.extend([502, 429])
    body = update("xin chào", "m-retry", chat="chat-retry")
    assert (await client.post("/webhooks/zalo-bot", json=body, headers=HEADERS)).status == 200
    await wait_until(lambda: len(fake.sent_texts("chat-retry")) >= 1)
    assert fake.fail_next == []
    assert len(fake.sent_texts("chat-retry")) == 1


async def test_background_job_sender_renders_text(server, fake) -> None:
    app, _client = server
    sender = app.extras["senders"]["zalo_bot"]
    await sender("chat-9", Reply.make("Nhắc lịch hẹn ngày mai", [[Button("Hủy lịch", "bk:x")]]))
    assert fake.sent_texts("chat-9") == ["Nhắc lịch hẹn ngày mai"]


async def test_polling_mode_answers_and_stops_cleanly(tmp_path, knowledge, clock, fake) -> None:
    app, client = await _start(tmp_path, knowledge, clock, fake)  # no webhook URL: polling
    try:
        await fake.updates.put(update("xin chào", "p-1", chat="chat-poll"))
        await wait_until(lambda: len(fake.sent_texts("chat-poll")) >= 1)
        assert "1. Hỏi thủ tục" in fake.sent_texts("chat-poll")[0]
        await fake.updates.put([update("1", "p-2", chat="chat-poll")])  # type: ignore[arg-type]
        await wait_until(lambda: len(fake.sent_texts("chat-poll")) >= 2)
        assert fake.sent_texts("chat-poll")[1] == t("menu.ask_prompt")
        assert not any(m == "setWebhook" for m, _ in fake.bot_calls)
    finally:
        started = asyncio.get_running_loop().time()
        await client.close()
        await app.close()
    assert asyncio.get_running_loop().time() - started < 3


async def test_birth_registration_walkthrough_over_zalo(server, fake) -> None:
    """The README's console walkthrough, typed on Zalo: numbers and words, no buttons."""
    _app, client = server
    lines = [
        "lam giay khai sinh cho con can gi",
        "lệ phí bao nhiêu",
        "1",
        "nop truc tiep",
        "cha hoac me",
        "không",
        "có",  # "Có Giấy chứng sinh": that paper is not asked again
        "chưa có",
        "ko bik",
    ]
    for n, text in enumerate(lines):
        before = len(fake.sent_texts("chat-w"))
        resp = await client.post(
            "/webhooks/zalo-bot", json=update(text, f"w-{n}", chat="chat-w"), headers=HEADERS
        )
        assert resp.status == 200
        await quiet(_app)  # the whole turn sent, every message
        assert len(fake.sent_texts("chat-w")) > before
    sent = fake.sent_texts("chat-w")
    assert all(len(text) <= 2000 for text in sent)
    assert any(text.startswith("📄 Đăng ký khai sinh") for text in sent)
    summary = next(text for text in reversed(sent) if "Tóm tắt hồ sơ" in text)
    missing = summary.split("Giấy tờ còn thiếu")[1].split("📍")[0]
    assert "❌ Tờ khai đăng ký khai sinh" in missing and missing.count("❌") == 1
    assert "✅ Giấy chứng sinh" in summary
    # the numbered options may come as the next message (2,000-character pieces): wait for it
    await wait_until(lambda: "1. Đặt lịch hỗ trợ" in fake.sent_texts("chat-w")[-1])
