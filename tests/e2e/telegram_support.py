"""Fixtures shared by the Telegram end-to-end tests: the fake Bot API and our real server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from bot.app import App
from bot.channels import telegram_send
from bot.channels.telegram import CHANNEL_KEY, TelegramChannel
from bot.server import create_web_app
from tests.e2e.fake_telegram import FakeTelegram


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    """A running fake Bot API server."""
    server = await FakeTelegram().start()
    yield server
    await server.stop()


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Network-error back-off in milliseconds so the tests stay fast.

    Also a cheap ``repr(App)``: pytest-asyncio reprs the fixture task, and the dataclass repr
    of ``App`` walks the whole knowledge base (about 3 s per test).
    """
    monkeypatch.setattr(telegram_send, "RETRY_DELAYS", (0.05, 0.1, 0.2))
    monkeypatch.setattr(App, "__repr__", lambda self: "<App>")


async def start_server(app: Any, fake: FakeTelegram, **settings: Any) -> tuple[TestServer, Any]:
    """``create_web_app`` with Telegram configured to talk to ``fake``; waits until started."""
    app.settings = app.settings.model_copy(
        update={"telegram_bot_token": fake.token, "telegram_base_url": fake.base_url, **settings}
    )
    app.extras["telegram_poll_timeout"] = 2
    web_app = create_web_app(app)
    server = TestServer(web_app)
    await server.start_server()
    channel: TelegramChannel = web_app[CHANNEL_KEY]
    await asyncio.wait_for(channel.started.wait(), 5)
    return server, channel


def keyboard(call: Any) -> list[list[dict[str, Any]]]:
    """The inline keyboard rows of a recorded sendMessage call ([] when none)."""
    markup = call.params.get("reply_markup")
    return markup.get("inline_keyboard", []) if isinstance(markup, dict) else []


def payloads(call: Any) -> list[str]:
    """All callback_data values of a recorded message's keyboard."""
    return [b.get("callback_data", "") for row in keyboard(call) for b in row]
