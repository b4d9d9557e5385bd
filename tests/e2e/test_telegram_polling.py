"""The real python-telegram-bot Application, polling a fake Bot API server (DESIGN section 9)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from handlers.i18n import t
from handlers.textsplit import TELEGRAM_LIMIT
from handlers.types import Button, Reply
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.telegram_support import _fast_retries, fake, keyboard, payloads, start_server
from tests.support.idle import quiet

__all__ = ["_fast_retries", "fake"]  # fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
async def polling(app: Any, fake: FakeTelegram) -> AsyncIterator[Any]:
    """Our server started with a bot token and no webhook URL: PTB polls the fake."""
    server, channel = await start_server(app, fake)
    yield channel
    await server.close()


async def test_start_shows_the_menu_and_commands_are_registered(
    polling: Any, fake: FakeTelegram
) -> None:
    await fake.push_text("/start")
    [call] = await fake.wait_for("sendMessage")
    assert call.params["chat_id"] == "1001"
    assert call.params["text"].startswith("Xin chào anh/chị")
    assert "mn:ask" in payloads(call) and "mn:status" in payloads(call)
    registered = fake.sent("setMyCommands")
    assert [c["command"] for c in registered[0].params["commands"]] == [
        "start",
        "menu",
        "huy",
        "help",
    ]
    assert any(c.params.get("language_code") == "en" for c in registered)
    polled = fake.sent("getUpdates")[0].params
    assert "callback_query" in polled["allowed_updates"]


async def test_button_press_is_acknowledged_then_answered_once(
    app: Any, polling: Any, fake: FakeTelegram
) -> None:
    await fake.push_text("/start")
    [menu] = await fake.wait_for("sendMessage")
    menu_id = menu.result["message_id"]
    await fake.push(fake.make_callback_update("mn:help", message_id=menu_id))
    answers = await fake.wait_for("answerCallbackQuery")
    assert "text" not in answers[0].params  # a silent acknowledgement
    sent = await fake.wait_for("sendMessage", 2)
    assert sent[1].params["text"].startswith("Cách dùng")
    removed = await fake.wait_for("editMessageReplyMarkup")
    assert removed[0].params["message_id"] == str(menu_id)
    # a double tap on the same keyboard: acknowledged with a notice, no second answer
    await fake.push(fake.make_callback_update("mn:help", message_id=menu_id))
    answers = await fake.wait_for("answerCallbackQuery", 2)
    assert answers[1].params["text"] == t("telegram.button_used")
    await quiet(app)
    assert len(fake.sent("sendMessage")) == 2


async def test_deep_link_opens_the_procedure_card(polling: Any, fake: FakeTelegram) -> None:
    # Telegram deep links only allow [A-Za-z0-9_-]: t.me/<bot>?start=tt_1-001193
    await fake.push_text("/start tt_1-001193")
    sent = await fake.wait_for("sendMessage")
    assert "Đăng ký khai sinh" in sent[0].params["text"]
    assert not sent[0].params["text"].startswith("Xin chào")


async def test_sticker_gets_a_polite_text_only_answer(polling: Any, fake: FakeTelegram) -> None:
    sticker = {
        "file_id": "CAAC",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await fake.push(fake.make_message_update(sticker=sticker))
    await fake.push(
        fake.make_message_update(location={"latitude": 10.46, "longitude": 105.63}, chat_id=1002)
    )
    await fake.wait_for("sendMessage", 2)
    assert fake.texts(1001) == [t("errors.unsupported_kind")]
    assert fake.texts(1002) == [t("errors.unsupported_kind")]


async def test_english_client_gets_english(polling: Any, fake: FakeTelegram) -> None:
    await fake.push_text("/start", language_code="en-GB")
    sent = await fake.wait_for("sendMessage")
    assert sent[0].params["text"] == t("menu.greeting", "en")


async def test_long_card_is_split_between_lines(polling: Any, fake: FakeTelegram, app) -> None:
    lines = [
        f"{i}. Bản sao giấy tờ số {i} có chứng thực, kèm bản chính để đối chiếu."
        for i in range(200)
    ]
    reply = Reply.make("\n".join(lines), [[Button("Về menu chính", "mn:menu")]])
    await app.extras["senders"]["telegram"]("1001", reply)
    sent = fake.sent("sendMessage")
    assert len(sent) >= 3
    assert all(len(c.params["text"]) <= TELEGRAM_LIMIT for c in sent)
    assert "\n".join(c.params["text"] for c in sent).split("\n") == lines
    assert [bool(keyboard(c)) for c in sent] == [False] * (len(sent) - 1) + [True]


async def test_429_then_success_loses_no_reply(
    polling: Any, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    from telegram.ext import _aioratelimiter

    waits: list[float] = []  # what PTB's limiter was told to wait (not how long it took)
    real_sleep = asyncio.sleep

    async def recorded(seconds: float, *args: Any) -> Any:
        waits.append(seconds)
        return await real_sleep(seconds, *args)

    shim = types.SimpleNamespace(**{**vars(asyncio), "sleep": recorded})
    monkeypatch.setattr(_aioratelimiter, "asyncio", shim)
    fake.fail_next("sendMessage", "429", retry_after=1)
    await fake.push_text("/start")
    sent = await fake.wait_for("sendMessage", timeout=6)
    assert sent[0].params["text"].startswith("Xin chào")
    assert any(w >= 1.0 for w in waits)  # waited as told by retry_after
    assert [c.failed for c in fake.calls if c.method == "sendMessage"] == [True, False]


async def test_network_errors_are_retried(polling: Any, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", "502")
    fake.fail_next("sendMessage", "drop")
    await fake.push_text("menu")
    sent = await fake.wait_for("sendMessage", timeout=6)
    assert sent[0].params["text"]
    assert len([c for c in fake.calls if c.method == "sendMessage"]) == 3


async def test_group_chat_answers_only_when_addressed(polling: Any, fake: FakeTelegram) -> None:
    group = {"chat_id": -100500, "user_id": 77, "chat_type": "supergroup"}
    await fake.push_text("làm giấy khai sinh cần gì", **group)  # chatter between members
    await fake.push_text("/start@tthc_test_bot", **group)
    sent = await fake.wait_for("sendMessage")
    await asyncio.sleep(0.3)
    assert len(fake.sent("sendMessage")) == 1
    assert sent[0].params["text"] == t("telegram.group_private")
    assert keyboard(sent[0])[0][0]["url"] == "https://t.me/tthc_test_bot"


async def test_edited_message_gets_a_note(polling: Any, fake: FakeTelegram) -> None:
    update = fake.make_message_update("khai sinh")
    await fake.push({"update_id": update["update_id"], "edited_message": update["message"]})
    sent = await fake.wait_for("sendMessage")
    assert sent[0].params["text"] == t("telegram.edited")


async def test_shutdown_is_quick_during_a_long_poll(app: Any, fake: FakeTelegram) -> None:
    server, _channel = await start_server(app, fake)
    await fake.wait_for("getUpdates")
    await asyncio.wait_for(server.close(), 5)  # SIGTERM shutdown must stay under 5 s


async def test_tthc_bot_run_polls_then_stops_within_5s_on_sigterm(
    fake: FakeTelegram, tmp_path: Any
) -> None:
    import os
    import signal
    import socket
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/run.db",
        "PORT": str(port),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
    }
    env.pop("TELEGRAM_WEBHOOK_URL", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        await fake.wait_for("getUpdates", timeout=60)
        await fake.push_text("/start")
        [sent] = await fake.wait_for("sendMessage", timeout=10)
        assert sent.params["text"].startswith("Xin chào")
        await fake.wait_for("getUpdates", 2)  # back in a long poll
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 5) == 0  # stopped within 5 s
        assert proc.stderr is not None
        stderr = (await proc.stderr.read()).decode()
        assert "Traceback" not in stderr and "stopped cleanly" in stderr
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_background_send_job_goes_out_through_telegram(
    polling: Any, fake: FakeTelegram, app: Any
) -> None:
    from bot.jobs import run_once, send_payload

    reminder = Reply.make("Nhắc lịch hẹn ngày mai", [[Button("Xem lịch hẹn", "bk:mine:")]])
    async with app.uow() as uow:
        await uow.repos.jobs.enqueue(
            "send", app.services.clock.now(), send_payload("telegram", "1009", reminder), "tg-r1"
        )
        await uow.commit()
    assert await run_once(app) == 1
    [sent] = fake.sent("sendMessage", chat_id=1009)
    assert sent.params["text"] == "Nhắc lịch hẹn ngày mai"
    assert payloads(sent) == ["bk:mine:"]


async def test_one_chats_messages_are_answered_in_order(polling: Any, fake: FakeTelegram):
    # one getUpdates batch; PTB runs updates concurrently, the channel keeps each chat ordered
    for text in ("/start", "/help", "/huy"):
        await fake.push(fake.make_message_update(text, chat_id=1005))
        await fake.push(fake.make_message_update(text, chat_id=1006))
    await fake.wait_for("sendMessage", 6)
    for chat in (1005, 1006):
        assert fake.texts(chat) == [
            t("menu.greeting"),
            t("menu.help"),
            t("menu.cancelled"),
        ]


@pytest.fixture
def _fast_chat_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walkthrough is about the conversation, not pacing (tests/unit/test_telegram_send
    checks the 1 msg/s limiter): let one chat send quickly."""
    from bot.channels import telegram_send

    monkeypatch.setattr(telegram_send.ChatRateLimiter.__init__, "__defaults__", (4, 100.0))


async def test_birth_registration_walkthrough_with_inline_buttons(
    _fast_chat_limit: None, polling: Any, fake: FakeTelegram
) -> None:
    """The README's walkthrough on Telegram: a typed question, then only button presses."""
    await fake.push_text("lam giay khai sinh cho con can gi")
    [card] = await fake.wait_for("sendMessage")
    assert card.params["text"].startswith("📄 Đăng ký khai sinh")
    last = card
    # docs -> in person -> parent -> normal birth -> has the hospital certificate
    # (that certificate is not asked again) -> form: missing -> ID card: have
    for wanted in ["ck:start:", "in_person", "parent", "none", "has_cert",
                   "ck:d:missing", "ck:d:have"]:  # fmt: skip
        payload = next(p for p in payloads(last) if wanted in p)
        count = len(fake.sent("sendMessage"))
        await fake.push(fake.make_callback_update(payload, message_id=last.result["message_id"]))
        # a press may send several messages: wait for the next one that offers buttons
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            fresh = [c for c in fake.sent("sendMessage")[count:] if keyboard(c)]
            if fresh:
                last = fresh[-1]
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError(f"no answer with buttons after pressing {payload}")
    summary = fake.sent("sendMessage")[-1].params["text"]
    assert "Tóm tắt hồ sơ" in summary
    missing = summary.split("Giấy tờ còn thiếu")[1].split("📍")[0]
    assert "❌ Tờ khai đăng ký khai sinh" in missing and missing.count("❌") == 1
    assert "✅ Giấy chứng sinh" in summary
    assert any(p.startswith("bk:start:need=1.001193") for p in payloads(last))


async def test_offset_moves_on_only_after_the_updates_are_stored(
    polling: Any, fake: FakeTelegram, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database refuses the batch once: the poller keeps it (no new offset that would
    confirm it to Telegram) and stores it on the next try; the citizen is answered once."""
    from bot.channels.delivery import Delivery

    real = Delivery.store
    failures = []

    async def flaky(self: Any, items: Any, wake: bool = True) -> Any:
        if not failures:
            failures.append(items)
            raise OSError("database restarting")
        return await real(self, items, wake)

    monkeypatch.setattr(Delivery, "store", flaky)
    monkeypatch.setattr("bot.channels.telegram.POLL_RETRY_S", 0.1)
    update = await fake.push_text("/start")
    sent = await fake.wait_for("sendMessage", timeout=10)
    assert failures and sent[0].params["text"].startswith("Xin chào")
    offsets = [int(c.params.get("offset") or 0) for c in fake.calls if c.method == "getUpdates"]
    first_after = next(i for i, o in enumerate(offsets) if o > update["update_id"])
    # no poll confirmed the update before it was stored (the failed store came first)
    assert all(o <= update["update_id"] for o in offsets[:first_after])
    await asyncio.sleep(0.3)
    assert len(fake.sent("sendMessage")) == 1
