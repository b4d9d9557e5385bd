"""Webhook mode: Telegram posts updates to our real aiohttp server (``create_web_app``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.telegram import WEBHOOK_PATH, webhook_secret
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.telegram_support import _fast_retries, fake, payloads, start_server
from tests.support.idle import quiet

__all__ = ["_fast_retries", "fake"]  # fixtures

pytestmark = pytest.mark.slow

SECRET = "s3cret-Token_1"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
PUBLIC_URL = "https://bot.example.org/webhooks/telegram"


@pytest.fixture
async def client(app: Any, fake: FakeTelegram) -> AsyncIterator[TestClient]:
    """Our server in webhook mode, and an HTTP client playing Telegram."""
    server, _channel = await start_server(
        app, fake, telegram_webhook_url=PUBLIC_URL, telegram_webhook_secret=SECRET
    )
    async with TestClient(server) as http:
        yield http


async def test_set_webhook_on_start_with_the_secret(client: TestClient, fake: FakeTelegram):
    [call] = fake.sent("setWebhook")
    assert call.params["url"] == PUBLIC_URL
    assert call.params["secret_token"] == SECRET
    assert set(call.params["allowed_updates"]) >= {"message", "callback_query"}
    assert fake.sent("getUpdates") == []  # no polling beside the webhook
    assert fake.sent("setMyCommands")


async def test_update_with_the_right_secret_is_answered(client: TestClient, fake: FakeTelegram):
    update = fake.make_message_update("/start")
    resp = await client.post(WEBHOOK_PATH, json=update, headers={HEADER: SECRET})
    assert resp.status == 200
    [sent] = await fake.wait_for("sendMessage")
    assert sent.params["text"].startswith("Xin chào anh/chị")
    assert "mn:ask" in payloads(sent)


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({HEADER: "wrong"}, 403), ({HEADER: SECRET + "x"}, 403), ({HEADER: ""}, 403)],
)
async def test_wrong_or_missing_secret_is_refused(
    app: Any, client: TestClient, fake: FakeTelegram, headers: dict[str, str], status: int
) -> None:
    resp = await client.post(
        WEBHOOK_PATH, json=fake.make_message_update("/start"), headers=headers
    )
    assert resp.status == status
    await quiet(app)
    assert fake.sent("sendMessage") == []


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b"[1, 2]", b'{"message": {}}', b'{"update_id": "x"}', b"\xff\xfe"],
)
async def test_malformed_body_is_a_400(client: TestClient, fake: FakeTelegram, body: bytes):
    resp = await client.post(
        WEBHOOK_PATH,
        data=body,
        headers={HEADER: SECRET, "Content-Type": "application/json"},
    )
    assert resp.status == 400


async def test_update_without_a_chat_is_acknowledged_and_ignored(
    app: Any, client: TestClient, fake: FakeTelegram
) -> None:
    # a message without chat or date, a button press without its sender: nothing to answer,
    # and a 5xx would only make Telegram redeliver it for hours
    for body in (
        {"update_id": 5, "message": {"message_id": 1, "text": "hi"}},
        {"update_id": 6, "message": {"message_id": 2, "text": "hi", "chat": None}},
        {"update_id": 7, "callback_query": {"id": "q", "from": None, "data": "mn:menu"}},
    ):
        resp = await client.post(WEBHOOK_PATH, json=body, headers={HEADER: SECRET})
        assert resp.status == 200
        assert (await resp.json())["ignored"] is True
    await quiet(app)
    assert fake.sent("sendMessage") == []


async def test_redelivered_update_is_processed_once(
    app: Any, client: TestClient, fake: FakeTelegram
) -> None:
    update = fake.make_message_update("/start")
    for _ in range(3):  # Telegram redelivers when our 200 came too late
        resp = await client.post(WEBHOOK_PATH, json=update, headers={HEADER: SECRET})
        assert resp.status == 200
    await fake.wait_for("sendMessage")
    await quiet(app)
    assert len(fake.sent("sendMessage")) == 1


async def test_button_press_through_the_webhook(client: TestClient, fake: FakeTelegram):
    await client.post(
        WEBHOOK_PATH, json=fake.make_message_update("/start"), headers={HEADER: SECRET}
    )
    [menu] = await fake.wait_for("sendMessage")
    press = fake.make_callback_update("mn:status", message_id=menu.result["message_id"])
    resp = await client.post(WEBHOOK_PATH, json=press, headers={HEADER: SECRET})
    assert resp.status == 200
    await fake.wait_for("answerCallbackQuery")
    sent = await fake.wait_for("sendMessage", 2)
    assert sent[1].params["text"] != sent[0].params["text"]


async def test_derived_secret_when_none_is_configured(app: Any, fake: FakeTelegram) -> None:
    server, channel = await start_server(app, fake, telegram_webhook_url=PUBLIC_URL)
    try:
        derived = fake.sent("setWebhook")[0].params["secret_token"]
        assert derived == webhook_secret(fake.token, None) == channel.secret
        assert fake.token not in derived and len(derived) >= 32
        async with TestClient(server) as http:
            update = fake.make_message_update("menu")
            resp = await http.post(WEBHOOK_PATH, json=update, headers={HEADER: derived})
            assert resp.status == 200
            await fake.wait_for("sendMessage")
    finally:
        await server.close()


async def test_no_webhook_route_without_a_token(app: Any) -> None:
    from bot.server import create_web_app

    async with TestClient(TestServer(create_web_app(app))) as http:
        resp = await http.post(WEBHOOK_PATH, json={"update_id": 1})
        assert resp.status == 404
        assert "telegram" not in app.extras.get("senders", {})
