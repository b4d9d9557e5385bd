"""Zalo Official Account end to end: signed webhooks on the real server, a fake OA API and
OAuth server, token refresh with the single-use refresh token persisted."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.channels.zalo_oa import signature
from bot.channels.zalo_oa_tokens import ACCESS_KEY, REFRESH_KEY, OaClient
from bot.config import Settings
from bot.server import create_web_app
from handlers.i18n import t
from tests.e2e.fake_zalo import FakeZalo, wait_until
from tests.support.idle import quiet

pytestmark = pytest.mark.slow

OA_SECRET = "oa-secret-key"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZalo]:
    server = await FakeZalo().start()
    server.issue_tokens("access-env", "refresh-env")
    yield server
    await server.stop()


@pytest.fixture
async def server(tmp_path, knowledge, clock, fake) -> AsyncIterator[tuple[Any, TestClient]]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/oa.db",
        zalo_oa_app_id=fake.app_id,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_app_secret=fake.app_secret,
        zalo_oa_access_token="access-env",
        zalo_oa_refresh_token="refresh-env",
        zalo_oa_api_base_url=fake.url,
        zalo_oa_oauth_base_url=fake.url,
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    yield app, client
    await client.close()
    await app.close()


def event(text: str, msg_id: str, user: str = "u-1", name: str = "user_send_text") -> dict:
    return {
        "app_id": "app-1",
        "user_id_by_app": "app-user-" + user,
        "event_name": name,
        "timestamp": "1796090000000",
        "sender": {"id": user},
        "recipient": {"id": "oa-1"},
        "message": {"text": text, "msg_id": msg_id},
    }


async def post_signed(client: TestClient, body: dict, secret: str = OA_SECRET, mac: str = ""):
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    mac = mac or signature("app-1", raw, str(body.get("timestamp", "")), secret)
    headers = {"X-ZEvent-Signature": f"mac={mac}", "Content-Type": "application/json"}
    return await client.post("/webhooks/zalo-oa", data=raw, headers=headers)


async def test_signed_text_transcript_through_message_cs(server, fake) -> None:
    _app, client = server
    assert (await post_signed(client, event("xin chào", "e-1"))).status == 200
    await wait_until(lambda: len(fake.oa_texts("u-1")) >= 1)
    greeting = fake.oa_texts("u-1")[0]
    assert greeting.startswith("Xin chào anh/chị") and "1. Hỏi thủ tục" in greeting
    assert fake.oa_tokens_used[0] == "access-env"

    assert (await post_signed(client, event("1", "e-2"))).status == 200
    await wait_until(lambda: len(fake.oa_texts("u-1")) >= 2)
    assert fake.oa_texts("u-1")[1] == t("menu.ask_prompt")
    assert fake.oa_sent[0]["recipient"] == {"user_id": "u-1"}


async def test_unsigned_forged_or_malformed_webhooks_get_4xx(server, fake) -> None:
    _app, client = server
    body = event("xin chào", "e-bad")
    raw = json.dumps(body).encode()
    assert (await client.post("/webhooks/zalo-oa", data=raw)).status == 401
    assert (await post_signed(client, body, secret="someone-else")).status == 403
    assert (await post_signed(client, body, mac="0" * 64)).status == 403
    tampered = dict(body, timestamp="1796090000001")  # signature of another timestamp
    forged_mac = signature("app-1", json.dumps(tampered).encode(), "1796090000000", OA_SECRET)
    assert (await post_signed(client, tampered, mac=forged_mac)).status == 403
    bad = await client.post(
        "/webhooks/zalo-oa", data=b"{oops", headers={"X-ZEvent-Signature": "mac=abc"}
    )
    assert bad.status == 400
    seen = await post_signed(client, dict(body, event_name="user_seen_message"))
    assert seen.status == 200  # signed but nothing to answer
    await quiet(_app)
    assert fake.oa_sent == []


async def test_redelivered_event_answered_once(server, fake) -> None:
    _app, client = server
    body = event("xin chào", "e-dup", user="u-dup")
    results = await asyncio.gather(*[post_signed(client, body) for _ in range(3)])
    assert {r.status for r in results} == {200}
    await wait_until(lambda: len(fake.oa_texts("u-dup")) >= 1)
    await quiet(_app)
    assert len(fake.oa_texts("u-dup")) == 1


async def test_expired_token_is_refreshed_and_new_refresh_token_persisted(
    server, fake, clock
) -> None:
    app, client = server
    fake.valid_access.discard("access-env")  # the token from the environment has expired
    assert (await post_signed(client, event("xin chào", "e-10", user="u-2"))).status == 200
    await wait_until(lambda: len(fake.oa_texts("u-2")) >= 1)
    assert fake.refreshes == ["refresh-env"]
    async with app.uow() as uow:
        stored_refresh = await uow.repos.kv.get(REFRESH_KEY)
        stored_access = await uow.repos.kv.get(ACCESS_KEY)
    assert stored_refresh and stored_refresh != "refresh-env"
    assert fake.oa_tokens_used[-1] == stored_access

    # a restarted process must use the stored pair, never the spent refresh token
    restarted = OaClient(app)
    try:
        fake.valid_access.discard(stored_access)
        await restarted.send_text("u-2", "thử lại")
        assert fake.refreshes == ["refresh-env", stored_refresh]
        # a day later the token is renewed before it expires: no failed send first
        clock.advance(hours=25)
        failures_before = sum(1 for tok in fake.oa_tokens_used if tok not in fake.valid_access)
        await restarted.send_text("u-2", "ngày hôm sau")
        failures_after = sum(1 for tok in fake.oa_tokens_used if tok not in fake.valid_access)
        assert len(fake.refreshes) == 3 and failures_after == failures_before
    finally:
        await restarted.close()
    assert fake.oa_texts("u-2")[-2:] == ["thử lại", "ngày hôm sau"]


async def test_concurrent_sends_refresh_only_once(server, fake) -> None:
    app, _client = server
    fake.valid_access.discard("access-env")
    sender = app.extras["senders"]["zalo_oa"]
    from handlers.types import Reply

    async with app.uow() as uow:  # the citizens wrote recently: the 48 h window is open
        for i in range(5):
            await uow.repos.windows.inbound("zalo_oa", f"u-{i}", app.services.clock.now())
        await uow.commit()
    await asyncio.gather(*[sender(f"u-{i}", Reply(f"tin {i}")) for i in range(5)])
    assert fake.refreshes == ["refresh-env"]  # a second refresh would spend a used token
    assert sorted(fake.oa_texts()) == [f"tin {i}" for i in range(5)]


async def test_follow_event_greets_and_image_gets_text_only_answer(server, fake) -> None:
    _app, client = server
    follow = {
        "app_id": "app-1",
        "event_name": "follow",
        "timestamp": "1796090000000",
        "follower": {"id": "u-new"},
        "oa_id": "oa-1",
    }
    assert (await post_signed(client, follow)).status == 200
    await wait_until(lambda: len(fake.oa_texts("u-new")) >= 1)
    assert fake.oa_texts("u-new")[0].startswith("Xin chào anh/chị")
    image = event("", "e-img", user="u-img", name="user_send_image")
    assert (await post_signed(client, image)).status == 200
    await wait_until(lambda: len(fake.oa_texts("u-img")) >= 1)
    assert fake.oa_texts("u-img")[0] == t("errors.unsupported_kind")
