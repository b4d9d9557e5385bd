"""The Telegram channel in the fast suite: the real PTB ``Bot`` and channel code, the Bot API
answered in memory (``tests.support.channels.FakeBotApi``), the delivery drained by hand.

Covers what a citizen would notice: an update redelivered is answered once, a keyboard is
single-use, bad or foreign updates get no answer and lose nothing, long cards are split,
groups are pointed to a private chat, edited messages get a note, a refused send is a
permanent failure; and the poller stores a batch before it moves the offset on.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.ext import Application

from bot.app import build_app
from bot.channels import telegram as tg
from bot.channels import telegram_send
from bot.config import Settings
from bot.jobs import PermanentJobError
from bot.server import create_web_app
from handlers.i18n import t
from handlers.types import Button, Reply
from tests.support.channels import BOT_USER, FakeBotApi, Harness

TOKEN = "123456:TEST-token"
SECRET = "tg-secret-1"
CHAT = 4242


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> FakeBotApi:
    fake = FakeBotApi()

    class InMemory:  # ``telegram_send.build_application`` builds with this
        @staticmethod
        def builder() -> Any:
            return Application.builder().request(fake).get_updates_request(fake)

    monkeypatch.setattr(telegram_send, "Application", InMemory)
    monkeypatch.setattr(telegram_send, "RETRY_DELAYS", (0.0, 0.0))
    return fake


async def _harness(tmp_path, knowledge, clock, **extra: Any) -> tuple[Harness, tg.TelegramChannel]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/tg.db",
        telegram_bot_token=TOKEN,
        telegram_webhook_secret=SECRET,
        inbox_settle_s=0,
        **extra,
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    harness = Harness(app, create_web_app(app))
    return harness, app.extras["telegram"]


@pytest.fixture
async def webhook(tmp_path, knowledge, clock, api) -> AsyncIterator[tuple[Harness, Any]]:
    harness, channel = await _harness(
        tmp_path, knowledge, clock, telegram_webhook_url="https://bot.example/webhooks/telegram"
    )
    await channel.start()
    async with harness:
        yield harness, channel
    await channel.stop()
    await harness.app.close()


def _user(uid: int = CHAT, lang: str = "vi") -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": "Dân", "language_code": lang}


def message(update_id: int, text: str, chat: int = CHAT, **extra: Any) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id + 10,
            "date": 1796090000,
            "chat": {"id": chat, "type": "private" if chat > 0 else "supergroup"},
            "from": _user(),
            "text": text,
            **extra,
        },
    }


def press(update_id: int, data: str, message_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": _user(),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": 1796090000,
                "chat": {"id": CHAT, "type": "private"},
                "from": BOT_USER,
                "text": "menu",
            },
        },
    }


async def _post(harness: Harness, body: Any, secret: str | None = SECRET) -> Any:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    data = body if isinstance(body, bytes) else json.dumps(body)
    resp = await harness.http.post("/webhooks/telegram", data=data, headers=headers)
    return resp.status, await resp.json()


def _keyboard(sent: dict[str, Any]) -> list[tuple[str, str]]:
    markup = sent.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


async def test_start_registers_commands_and_the_webhook_with_its_secret(webhook, api) -> None:
    assert [p["language_code"] for p in api.called("setMyCommands") if "language_code" in p] == [
        "en"
    ]
    assert len(api.called("setMyCommands")) == 2
    (hook,) = api.called("setWebhook")
    assert hook["url"] == "https://bot.example/webhooks/telegram"
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == tg.ALLOWED_UPDATES


async def test_a_redelivered_update_is_answered_once(webhook, api) -> None:
    harness, _ = webhook
    assert await _post(harness, message(1, "xin chào")) == (200, {"ok": True})
    assert await _post(harness, message(1, "xin chào")) == (200, {"ok": True})
    await harness.drain()
    assert await _post(harness, message(1, "xin chào")) == (200, {"ok": True})  # after the turn
    await harness.drain()
    texts = api.texts(CHAT)
    assert len(texts) == 1 and texts[0].startswith("Xin chào anh/chị")
    assert len(await harness.inbox()) == 1


async def test_a_keyboard_is_single_use(webhook, api) -> None:
    harness, _ = webhook
    await _post(harness, message(1, "menu"))
    await harness.drain()
    menu = api.sent(CHAT)[-1]
    label, payload = next(b for b in _keyboard(menu) if "Tra cứu" in b[0])
    await _post(harness, press(2, payload, message_id=500))
    await _post(harness, press(3, payload, message_id=500))  # a double tap on the same keyboard
    await harness.drain()
    answers = api.called("answerCallbackQuery")
    assert [a.get("text") for a in answers] == [None, t("telegram.button_used", "vi")]
    assert [p["message_id"] for p in api.called("editMessageReplyMarkup")] == [500]
    assert len(api.texts(CHAT)) == 2  # the menu, then one answer to the press
    assert "mã hồ sơ" in api.texts(CHAT)[-1]


async def test_a_press_on_another_message_is_not_taken_for_a_used_one(webhook, api) -> None:
    harness, _ = webhook
    await _post(harness, message(1, "menu"))
    await harness.drain()
    payload = next(p for label, p in _keyboard(api.sent(CHAT)[-1]) if "Tra cứu" in label)
    await _post(harness, press(2, payload, message_id=500))
    await harness.drain()
    await _post(harness, press(3, "mn:menu", message_id=501))
    await harness.drain()
    assert [a.get("text") for a in api.called("answerCallbackQuery")] == [None, None]


@pytest.mark.parametrize(
    ("body", "secret", "status"),
    [
        (message(1, "x"), None, 401),
        (message(1, "x"), "wrong", 403),
        (b"{not json", SECRET, 400),
        (b"\xff\xfe", SECRET, 400),
        ([1, 2], SECRET, 400),
        ({"update_id": "7", "message": {}}, SECRET, 400),
    ],
)
async def test_bad_webhook_calls_are_refused_and_store_nothing(
    webhook, api, body, secret, status
) -> None:
    harness, _ = webhook
    got, answer = await _post(harness, body, secret)
    assert got == status and answer["ok"] is False
    assert await harness.inbox() == []


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 5, "message": {"message_id": 1, "date": 0, "chat": None, "text": "hi"}},
        {"update_id": 6, "callback_query": {"id": "x", "data": "mn:menu", "from": None}},
        {"update_id": 7, "channel_post": {"message_id": 1, "date": 0, "chat": {"id": -5}}},
        {"update_id": 8, "message": {"message_id": 1, "date": 0, "chat": {"id": "1\x00"}}},
        {"update_id": True, "message": {"message_id": 1, "date": 0, "chat": {"id": CHAT}}},
    ],
)
async def test_updates_without_a_chat_to_answer_are_acknowledged_and_ignored(
    webhook, api, update
) -> None:
    harness, _ = webhook
    assert await _post(harness, update) == (200, {"ok": True, "ignored": True})
    assert await harness.inbox() == []


async def test_foreign_updates_are_stored_but_not_answered(webhook, api) -> None:
    harness, _ = webhook
    from_bot = message(1, "hello")
    from_bot["message"]["from"] = {**BOT_USER, "id": 999}
    no_sender = message(2, "hello")
    del no_sender["message"]["from"]
    group_chatter = message(3, "chào cả nhà", chat=-100)
    broken = {"update_id": 4, "message": {"chat": {"id": CHAT}, "date": "not a date"}}
    for update in (from_bot, no_sender, group_chatter, broken):
        assert (await _post(harness, update))[0] == 200
    await harness.drain()
    assert api.sent() == []
    assert [row.status for row in await harness.inbox()] == ["done"] * 4


async def test_a_group_is_pointed_to_a_private_chat_when_addressed(webhook, api) -> None:
    harness, _ = webhook
    mention = message(
        1,
        "@tthc_test_bot làm khai sinh",
        chat=-100,
        entities=[{"type": "mention", "offset": 0, "length": 14}],
    )
    await _post(harness, mention)
    await harness.drain()
    (note,) = api.sent(-100)
    assert note["text"] == t("telegram.group_private", "vi")
    assert _keyboard(note) == [(t("telegram.btn_private", "vi"), "")]  # a link, no callback
    assert note["reply_markup"]["inline_keyboard"][0][0]["url"] == "https://t.me/tthc_test_bot"


async def test_an_edited_message_gets_a_note_and_no_turn(webhook, api) -> None:
    harness, _ = webhook
    edited = message(1, "làm khai sinh")
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["edit_date"] = 1796090100
    await _post(harness, edited)
    await harness.drain()
    assert api.texts(CHAT) == [t("telegram.edited", "vi")]


async def test_english_speakers_get_english(webhook, api) -> None:
    harness, _ = webhook
    hello = message(1, "/start")
    hello["message"]["from"]["language_code"] = "en-GB"
    await _post(harness, hello)
    await harness.drain()
    assert api.texts(CHAT)[0].startswith("Hello")


async def test_a_long_card_is_split_under_4096_with_the_keyboard_last(webhook, api) -> None:
    _, channel = webhook
    long = "\n".join(f"Dòng {n}: " + "giấy tờ cần mang theo " * 8 for n in range(60))
    reply = Reply(long, buttons=[[Button("Về menu", "mn:menu")]])
    await channel.send(str(CHAT), reply)
    sent = api.sent(CHAT)
    assert len(sent) >= 2
    assert all(len(p["text"]) <= 4096 for p in sent)
    assert "".join(p["text"] for p in sent).split() == long.split()  # nothing lost
    assert [bool(_keyboard(p)) for p in sent] == [False] * (len(sent) - 1) + [True]


async def test_a_refused_send_is_permanent_and_the_rest_of_the_turn_is_dropped(
    webhook, api
) -> None:
    harness, channel = webhook
    api.refuse.append((403, "Forbidden: bot was blocked by the user"))
    with pytest.raises(PermanentJobError):
        await channel.send(str(CHAT), Reply("thông báo"))
    api.refuse.append((400, "Bad Request: chat not found"))
    await _post(harness, message(1, "xin chào"))
    await harness.drain()
    async with harness.app.uow() as uow:
        assert await uow.repos.outbox.count("failed") >= 1
        assert await uow.repos.outbox.count("pending") == 0


async def test_network_errors_are_retried_until_the_reply_goes_out(webhook, api) -> None:
    _, channel = webhook
    api.refuse.extend([(502, "Bad Gateway"), (502, "Bad Gateway")])
    await channel.send(str(CHAT), Reply("thông báo"))
    assert api.texts(CHAT) == ["thông báo"]
    assert len(api.called("sendMessage")) == 3


async def test_a_stored_reply_waits_for_the_start(tmp_path, knowledge, clock, api) -> None:
    harness, channel = await _harness(tmp_path, knowledge, clock)
    with pytest.raises(RuntimeError):
        await channel.send(str(CHAT), Reply("x"))
    sending = asyncio.create_task(
        channel.send_stored(str(CHAT), {"reply": Reply("đã gửi").to_dict(), "locale": "vi"})
    )
    await asyncio.sleep(0)
    assert not sending.done()
    await channel.start()  # polling mode: deleteWebhook, then the poller
    await asyncio.wait_for(sending, 5)
    assert api.texts(CHAT) == ["đã gửi"]
    assert api.called("deleteWebhook")
    await channel.stop()
    await harness.app.close()


async def test_polling_stores_a_batch_then_confirms_it(tmp_path, knowledge, clock, api) -> None:
    harness, channel = await _harness(tmp_path, knowledge, clock)
    api.queue(message(7, "xin chào"), message(8, "menu"), {"update_id": 9})
    await channel.start()
    async with harness:
        # the next getUpdates confirms 7-9 to Telegram: by then the batch is stored
        await api.wait_call("getUpdates", lambda p: p.get("offset") == 10)
        assert [p.get("offset") for p in api.called("getUpdates")] == [None, 10]
        assert [row.sort_key for row in await harness.inbox()] == [7, 8]
        await harness.drain()
    assert len(api.texts(CHAT)) == 2
    await channel.stop()
    await harness.app.close()


async def test_start_retries_until_telegram_answers(tmp_path, knowledge, clock, api, monkeypatch):
    harness, channel = await _harness(tmp_path, knowledge, clock)
    monkeypatch.setattr(tg, "START_RETRY_S", 0.0)
    failures = iter([RuntimeError("down"), RuntimeError("down")])
    real_start = channel.start

    async def flaky() -> None:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        await real_start()

    monkeypatch.setattr(channel, "start", flaky)
    channel.start_background()
    await asyncio.wait_for(channel.started.wait(), 5)
    await channel.stop()
    await harness.app.close()
