"""Both Zalo channels in the fast suite: the real webhook routes, parsers, clients and
delivery; Zalo's HTTP answered in memory (``tests.support.channels.FakeHttp``); the back-off
waits recorded instead of slept.

What a citizen (or Zalo) would notice: a resent message is answered once, bare and wrapped
bodies both work, bad secrets, signatures and bodies are refused and store nothing, events we
do not answer are acknowledged, long answers are split under Zalo's 2000 characters, a busy
Zalo is retried, an expired OA token is refreshed once (refresh tokens are single-use), and
notices outside the OA's 48 h window go by ZNS or wait for the citizen's next message.
"""

from __future__ import annotations

import asyncio
import json
import types
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.app import build_app
from bot.channels import zalo_bot, zalo_bot_client, zalo_common, zalo_oa
from bot.channels.zalo_common import TaskSet, ZaloApiError, as_int, post_with_retries
from bot.channels.zalo_oa_tokens import ACCESS_KEY, REFRESH_KEY
from bot.config import Settings
from bot.server import create_web_app
from handlers.i18n import t
from handlers.types import Button, Reply
from tests.support.channels import FakeHttp, FakeResponse, Harness

SECRET = "zalo-bot-secret"
CHAT = "zchat-1"
WAITS: list[float] = []


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Back-off waits are recorded (and asserted) instead of slept."""
    WAITS.clear()

    async def recorded(seconds: float) -> None:
        WAITS.append(seconds)
        await asyncio.sleep(0)

    for module in (zalo_common, zalo_bot_client, zalo_bot):
        shim = types.SimpleNamespace(**{**vars(asyncio), "sleep": recorded})
        monkeypatch.setattr(module, "asyncio", shim)


# -- Zalo Bot Platform -------------------------------------------------------------------


class BotApi:
    def __init__(self) -> None:
        self.updates: list[Any] = []
        self.queued = asyncio.Event()
        self.http = FakeHttp(
            {
                "/sendMessage": lambda r: {"ok": True, "result": {"message_id": "m"}},
                "/setWebhook": lambda r: {"ok": True, "result": True},
                "/getUpdates": self._updates,
            }
        )

    def _updates(self, request: dict[str, Any]) -> Any:
        if not self.updates:  # a long poll that ends when the test stops the poller
            return FakeResponse(200, {"ok": False, "error_code": 408}, hold=self.queued)
        return {"ok": True, "result": self.updates.pop(0)}

    def texts(self, chat: str = CHAT) -> list[str]:
        sent = self.http.to("/sendMessage", answered=True)
        return [p["json"]["text"] for p in sent if p["json"]["chat_id"] == chat]


def update(text: str | None, message_id: str, chat: str = CHAT, **extra: Any) -> dict:
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": 1796090000000 + int(message_id.strip("m") or 0),
        "from": {"id": chat, "display_name": "Người dân", "is_bot": False},
        "chat": {"id": chat, "chat_type": "PRIVATE"},
    }
    if text is not None:
        message["text"] = text
    return {"event_name": extra.pop("event", "message.text.received"), "message": message, **extra}


@pytest.fixture
async def zbot(tmp_path, knowledge, clock) -> AsyncIterator[tuple[Harness, BotApi]]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/zb.db",
        zalo_bot_token="42:zalo-token",
        zalo_bot_base_url="https://zalo-bot.invalid",
        zalo_bot_webhook_secret=SECRET,
        zalo_bot_webhook_url="https://bot.example/webhooks/zalo-bot",
        inbox_settle_s=0,
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    web_app = create_web_app(app)
    api = BotApi()
    web_app[zalo_bot.RUNTIME_KEY].client._session = api.http  # type: ignore[union-attr]
    async with Harness(app, web_app) as harness:
        yield harness, api
    await app.close()


async def _hook(harness: Harness, body: Any, secret: str | None = SECRET) -> tuple[int, Any]:
    headers = {zalo_bot.SECRET_HEADER: secret} if secret is not None else {}
    data = body if isinstance(body, bytes) else json.dumps(body)
    resp = await harness.http.post("/webhooks/zalo-bot", data=data, headers=headers)
    return resp.status, await resp.json()


async def test_bare_and_wrapped_bodies_are_answered_once_each(zbot) -> None:
    harness, api = zbot
    assert await _hook(harness, update("xin chào", "m1")) == (200, {"ok": True})
    resent = {"ok": True, "result": update("xin chào", "m1")}  # the same message, wrapped
    assert await _hook(harness, resent) == (200, {"ok": True})
    await harness.drain()
    greeting = api.texts()
    assert greeting and greeting[0].startswith("Xin chào anh/chị")
    assert await _hook(harness, resent) == (200, {"ok": True})  # resent after the turn
    await harness.drain()
    assert api.texts() == greeting
    wrapped_list = {"ok": True, "result": [update("tra cứu hồ sơ", "m2")]}
    assert await _hook(harness, wrapped_list) == (200, {"ok": True})
    await harness.drain()
    assert "mã hồ sơ" in api.texts()[-1]
    assert "1. " in greeting[-1]  # no buttons on Zalo: numbered options
    assert len(await harness.inbox()) == 2


async def test_a_typed_number_presses_the_numbered_option(zbot) -> None:
    harness, api = zbot
    await _hook(harness, update("menu", "m1"))
    await harness.drain()
    await _hook(harness, update("3", "m2"))  # "3. Tra cứu hồ sơ"
    await harness.drain()
    assert "mã hồ sơ" in api.texts()[-1]


@pytest.mark.parametrize(
    ("body", "secret", "status"),
    [
        (update("x", "m1"), None, 401),
        (update("x", "m1"), "wrong", 403),
        (update("x", "m1"), "sai-bí-mật", 403),
        (b"{broken", SECRET, 400),
        ([update(str(n), f"m{n}") for n in range(zalo_common.MAX_UPDATES + 1)], SECRET, 413),
    ],
)
async def test_bad_webhook_calls_are_refused_and_store_nothing(zbot, body, secret, status):
    harness, _ = zbot
    got, answer = await _hook(harness, body, secret)
    assert got == status and "error" in answer
    assert await harness.inbox() == []


@pytest.mark.parametrize(
    "event",
    [
        {"event_name": "message.text.received", "message": "not an object"},
        {"event_name": "user.joined", "message": {"chat": {"id": CHAT}}},
        update("hi", "m9", chat=""),
        {
            **update("loop", "m8"),
            "message": {**update("loop", "m8")["message"], "from": {"id": "b", "is_bot": True}},
        },
        {},
        [],
    ],
)
async def test_events_without_a_message_to_answer_are_acknowledged(zbot, event) -> None:
    harness, api = zbot
    assert await _hook(harness, event) == (200, {"ok": True})
    assert await harness.inbox() == []


async def test_stickers_photos_and_new_kinds_get_the_text_only_answer(zbot) -> None:
    harness, api = zbot
    await _hook(harness, update(None, "m1", event="message.sticker.received"))
    await _hook(harness, update(None, "m2", event="message.video.received"))
    await harness.drain()
    assert len(api.texts()) == 2
    assert api.texts()[0] == api.texts()[1]
    assert "chữ" in api.texts()[0]


async def test_a_message_without_an_id_is_still_deduplicated_by_its_content(zbot) -> None:
    harness, api = zbot
    body = update("xin chào", "")
    del body["message"]["message_id"]
    await _hook(harness, body)
    await _hook(harness, body)
    assert len(await harness.inbox()) == 1


async def test_long_answers_are_split_under_2000_characters(zbot) -> None:
    harness, api = zbot
    await _hook(harness, update("làm giấy khai sinh cần gì", "m1"))
    await harness.drain()
    await _hook(harness, update("1", "m2"))  # the documents: a long walkthrough start
    await harness.drain()
    texts = api.texts()
    assert len(texts) >= 2
    assert all(0 < len(x) <= 2000 for x in texts)


async def test_a_busy_zalo_is_retried_and_retry_after_honoured(zbot) -> None:
    harness, api = zbot
    api.http.fail_next = [
        FakeResponse(503, {}),
        FakeResponse(429, {}, {"Retry-After": "7"}),
        aiohttp.ClientConnectionError("reset"),
    ]
    await _hook(harness, update("xin chào", "m1"))
    await harness.drain()
    texts = api.texts()
    assert texts[0].startswith("Xin chào anh/chị") and len(set(texts)) == len(texts)
    assert WAITS[:3] == [0.5, 7.0, 2.0]  # doubling back-off; Zalo's Retry-After wins


async def test_an_error_inside_a_200_is_retried_when_zalo_is_busy(zbot) -> None:
    harness, api = zbot
    api.http.fail_next = [FakeResponse(200, {"ok": False, "error_code": 502, "description": "x"})]
    client = harness.web_app[zalo_bot.RUNTIME_KEY].client
    await client.send_text(CHAT, "một")
    assert api.texts() == ["một"]
    api.http.fail_next = [FakeResponse(200, {"ok": False, "error_code": 403, "description": "no"})]
    with pytest.raises(ZaloApiError) as refused:
        await client.send_text(CHAT, "hai")
    assert refused.value.code == 403


async def test_a_send_that_keeps_failing_fails_the_turn_sends_only(zbot) -> None:
    harness, api = zbot
    api.http.fail_next = [FakeResponse(500, {})] * 4
    await _hook(harness, update("xin chào", "m1"))
    await harness.drain()
    async with harness.app.uow() as uow:
        assert await uow.repos.outbox.count("failed") == 1
    assert [row.status for row in await harness.inbox()] == ["done"]


async def test_notifications_are_unnumbered_and_split(zbot) -> None:
    harness, api = zbot
    client = harness.web_app[zalo_bot.RUNTIME_KEY].client
    reply = Reply("Hồ sơ đã có kết quả. " * 150, buttons=[[Button("Xem hồ sơ", "st:start:x")]])
    await client.send_reply(CHAT, reply)
    texts = api.texts()
    assert len(texts) == 2 and all(len(x) <= 2000 for x in texts)
    assert "1. Xem hồ sơ" not in texts[-1]


async def test_polling_stores_what_getupdates_returns(zbot, monkeypatch) -> None:
    harness, api = zbot
    runtime = harness.web_app[zalo_bot.RUNTIME_KEY]
    api.updates = [update("xin chào", "m1"), [update("menu", "m2")]]
    stored = asyncio.Event()
    real_store = zalo_bot.delivery_of(harness.app).store

    async def store(items, wake=True):
        ids = await real_store(items, wake=False)
        if not api.updates:
            stored.set()
        return ids

    monkeypatch.setattr(zalo_bot.delivery_of(harness.app), "store", store)
    poller = asyncio.create_task(zalo_bot.poll_forever(harness.app, runtime))
    await asyncio.wait_for(stored.wait(), 5)
    poller.cancel()
    await asyncio.gather(poller, return_exceptions=True)
    assert [row.dedupe_key for row in await harness.inbox()] == ["zb:m1", "zb:m2"]
    assert len(api.http.to("/getUpdates")) >= 2


async def test_webhook_registration_failure_is_only_logged(zbot, caplog) -> None:
    harness, api = zbot
    client = harness.web_app[zalo_bot.RUNTIME_KEY].client
    await zalo_bot._register_webhook(client, "https://bot.example/hook", SECRET)
    assert api.http.to("/setWebhook")[-1]["json"] == {
        "url": "https://bot.example/hook",
        "secret_token": SECRET,
    }
    api.http.fail_next = [FakeResponse(200, {"ok": False, "error_code": 400, "description": "x"})]
    await zalo_bot._register_webhook(client, "https://bot.example/hook", SECRET)
    assert "setWebhook failed" in caplog.text


def test_unwrap_reads_every_shape() -> None:
    one = update("a", "m1")
    assert zalo_bot_client.unwrap(one) == [one]
    assert zalo_bot_client.unwrap({"ok": True, "result": one}) == [one]
    assert zalo_bot_client.unwrap({"ok": True, "result": [one, "junk", one]}) == [one, one]
    assert zalo_bot_client.unwrap({}) == [] and zalo_bot_client.unwrap("x") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, 5), ("12", 12), (True, None), ("x", None), (None, None), (float("inf"), None)],
)
def test_as_int_reads_numbers_sent_as_text(value: Any, expected: int | None) -> None:
    assert as_int(value) == expected


async def test_post_gives_up_after_its_attempts_and_never_shows_the_url() -> None:
    http = FakeHttp({})
    http.fail_next = [FakeResponse(502, {})] * 3
    with pytest.raises(ZaloApiError) as gave_up:
        await post_with_retries(http, "https://x.invalid/botSECRET/send", attempts=3)  # type: ignore[arg-type]
    assert "HTTP 502" in str(gave_up.value) and "SECRET" not in str(gave_up.value)
    assert WAITS == [0.5, 1.0]
    http.fail_next = [FakeResponse(200, ["not", "an", "object"])]
    with pytest.raises(ZaloApiError):
        await post_with_retries(http, "https://x.invalid/a", attempts=1)  # type: ignore[arg-type]


async def test_taskset_keeps_one_chats_tasks_in_order_and_joins() -> None:
    tasks = TaskSet()
    order: list[int] = []
    gate = asyncio.Event()

    async def job(n: int, wait: bool = False) -> None:
        if wait:
            await gate.wait()
        order.append(n)

    tasks.spawn_after("chat", job(1, wait=True))
    tasks.spawn_after("chat", job(2))
    tasks.spawn(job(3))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert order == [3]
    gate.set()
    await tasks.join()
    assert order == [3, 1, 2] and len(tasks) == 0
    stuck = asyncio.Event()
    tasks.spawn(stuck.wait())
    await tasks.join(timeout=0)
    assert len(tasks) == 0


# -- Zalo Official Account -----------------------------------------------------------------

APP_ID, OA_SECRET = "app-1", "oa-secret-key"


class OaApi:
    def __init__(self) -> None:
        self.valid_access = {"acc-1"}
        self.valid_refresh = {"ref-1"}
        self.issued = 0
        self.http = FakeHttp(
            {
                "/v3.0/oa/message/cs": self._send,
                "/v4/oa/access_token": self._refresh,
                "/message/template": lambda r: {"error": 0, "data": {"msg_id": "z1"}},
            }
        )

    def _send(self, request: dict[str, Any]) -> Any:
        if request["headers"]["access_token"] not in self.valid_access:
            return {"error": -124, "message": "access token expired"}
        return {"error": 0, "message": "Success"}

    def _refresh(self, request: dict[str, Any]) -> Any:
        token = request["data"]["refresh_token"]
        if token not in self.valid_refresh:
            return {"error": -14014, "error_name": "invalid refresh token"}
        self.valid_refresh.discard(token)  # single use
        self.issued += 1
        access, refresh = f"acc-new-{self.issued}", f"ref-new-{self.issued}"
        self.valid_access.add(access)
        self.valid_refresh.add(refresh)
        return {"access_token": access, "refresh_token": refresh, "expires_in": "90000"}

    def texts(self, user: str = CHAT) -> list[str]:
        return [
            p["json"]["message"]["text"]
            for p in self.http.to("/v3.0/oa/message/cs", answered=True)
            if p["json"]["recipient"]["user_id"] == user
            and p["headers"]["access_token"] in self.valid_access
        ]


@pytest.fixture
async def zoa(tmp_path, knowledge, clock) -> AsyncIterator[tuple[Harness, OaApi]]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/zo.db",
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_app_secret="app-secret",
        zalo_oa_access_token="acc-1",
        zalo_oa_refresh_token="ref-1",
        zalo_oa_api_base_url="https://oa.invalid",
        zalo_oa_oauth_base_url="https://oauth.invalid",
        zalo_zns_api_base_url="https://zns.invalid",
        zalo_zns_template_status="tpl-status",
        inbox_settle_s=0,
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    web_app = create_web_app(app)
    api = OaApi()
    web_app[zalo_oa.RUNTIME_KEY].client._session = api.http  # type: ignore[union-attr]
    async with Harness(app, web_app) as harness:
        yield harness, api
    await app.close()


def oa_event(text: str | None, msg_id: str, name: str = "user_send_text", user: str = CHAT):
    event: dict[str, Any] = {
        "app_id": APP_ID,
        "event_name": name,
        "timestamp": str(1796090000000 + len(msg_id)),
        "sender": {"id": user},
        "recipient": {"id": "oa-1"},
        "message": {"msg_id": msg_id},
    }
    if text is not None:
        event["message"]["text"] = text
    return event


async def _oa_hook(harness: Harness, event: Any, mac: str | None = None) -> tuple[int, Any]:
    raw = json.dumps(event).encode()
    if mac is None:
        stamp = str(event.get("timestamp", "")) if isinstance(event, dict) else ""
        mac = "mac=" + zalo_oa.signature(APP_ID, raw, stamp, OA_SECRET)
    headers = {zalo_oa.SIGNATURE_HEADER: mac} if mac else {}
    resp = await harness.http.post("/webhooks/zalo-oa", data=raw, headers=headers)
    return resp.status, await resp.json()


async def test_oa_text_is_answered_once_and_follow_greets(zoa) -> None:
    harness, api = zoa
    assert await _oa_hook(harness, oa_event("xin chào", "a1")) == (200, {"ok": True})
    assert await _oa_hook(harness, oa_event("xin chào", "a1")) == (200, {"ok": True})
    follow = {
        "app_id": APP_ID,
        "event_name": "follow",
        "timestamp": "1796090000999",
        "follower": {"id": "new-fan"},
    }
    await _oa_hook(harness, follow)
    await _oa_hook(harness, follow)  # resent: the same follower and moment
    await harness.drain()
    assert len(api.texts()) == 1 and api.texts()[0].startswith("Xin chào anh/chị")
    assert len(api.texts("new-fan")) == 1


@pytest.mark.parametrize(
    ("mac", "status"),
    [("", 401), ("mac=" + "0" * 64, 403), ("deadbeef", 403)],
)
async def test_oa_bad_signatures_are_refused(zoa, mac, status) -> None:
    harness, _ = zoa
    got, _answer = await _oa_hook(harness, oa_event("x", "a1"), mac=mac)
    assert got == status
    assert await harness.inbox() == []


async def test_oa_signature_without_the_prefix_and_in_capitals_is_accepted(zoa) -> None:
    harness, _ = zoa
    event = oa_event("menu", "a1")
    raw = json.dumps(event).encode()
    mac = zalo_oa.signature(APP_ID, raw, event["timestamp"], OA_SECRET).upper()
    assert await _oa_hook(harness, event, mac=mac) == (200, {"ok": True})


async def test_oa_bodies_that_are_not_an_event_are_refused(zoa) -> None:
    harness, _ = zoa
    assert (await _oa_hook(harness, [1, 2], mac="mac=00"))[0] == 400
    resp = await harness.http.post(
        "/webhooks/zalo-oa", data=b"\xff", headers={zalo_oa.SIGNATURE_HEADER: "mac=1"}
    )
    assert resp.status == 400


@pytest.mark.parametrize(
    "event",
    [
        oa_event(None, "a2", name="oa_send_text"),  # our own message echoed
        oa_event("x", "a3", user=""),
        {"app_id": APP_ID, "event_name": "follow", "timestamp": "1", "follower": {}},
    ],
)
async def test_oa_events_that_need_no_answer_are_acknowledged(zoa, event) -> None:
    harness, _ = zoa
    assert await _oa_hook(harness, event) == (200, {"ok": True})
    assert await harness.inbox() == []


async def test_oa_images_get_the_text_only_answer(zoa) -> None:
    harness, api = zoa
    await _oa_hook(harness, oa_event(None, "a4", name="user_send_image"))
    await harness.drain()
    assert len(api.texts()) == 1 and "chữ" in api.texts()[0]


async def test_an_expired_token_is_refreshed_once_and_kept(zoa) -> None:
    harness, api = zoa
    api.valid_access.clear()  # acc-1 expired
    await _oa_hook(harness, oa_event("xin chào", "a1"))
    await harness.drain()
    assert api.texts()[0].startswith("Xin chào anh/chị")
    assert [p["data"]["refresh_token"] for p in api.http.to("/v4/oa/access_token")] == ["ref-1"]
    async with harness.app.uow() as uow:  # the new single-use refresh token is stored
        assert await uow.repos.kv.get(REFRESH_KEY) == "ref-new-1"
        assert await uow.repos.kv.get(ACCESS_KEY) == "acc-new-1"
    await _oa_hook(harness, oa_event("menu", "a2"))
    await harness.drain()
    assert len(api.http.to("/v4/oa/access_token")) == 1  # the new token is used, no refresh


async def test_a_refused_refresh_fails_the_send_not_the_turn(zoa) -> None:
    harness, api = zoa
    api.valid_access.clear()
    api.valid_refresh.clear()
    await _oa_hook(harness, oa_event("xin chào", "a1"))
    await harness.drain()
    async with harness.app.uow() as uow:
        assert await uow.repos.outbox.count("failed") == 1
    assert [row.status for row in await harness.inbox()] == ["done"]


async def test_notices_go_by_cs_then_zns_then_wait_for_the_next_message(zoa, clock) -> None:
    harness, api = zoa
    await _oa_hook(harness, oa_event("xin chào", "a1"))
    await harness.drain()
    window = harness.app.extras.get("notice_senders", {}).get("zalo_oa") or zalo_oa_notice(harness)
    notice = {
        "notice": {
            "kind": "dossier_status",
            "code": "000.00.14.H20-200703-0002",
            "status": "Đã có kết quả",
        }
    }
    assert await window(CHAT, Reply("Hồ sơ đã có kết quả"), notice) == "cs"
    clock.advance(hours=49)  # the 48 h window is closed; no phone given: held
    assert await window(CHAT, Reply("Hồ sơ đã có kết quả"), notice) == "held"
    assert api.http.to("/message/template") == []
    await _oa_hook(harness, oa_event("menu", "a9"))
    await harness.drain()
    held_note = t("channels.new_notices", "vi", count=1)
    texts = api.texts()
    assert held_note in texts and texts[texts.index(held_note) + 1] == "Hồ sơ đã có kết quả"


def zalo_oa_notice(harness: Harness) -> Any:
    from bot.jobs import notice_senders

    return notice_senders(harness.app)["zalo_oa"]
