"""Staff dossier API against the real aiohttp service: auth, create/update/list, and a status
change reaching a subscribed chat through the background job runner (collecting sender and
the real python-telegram-bot Application talking to the fake Bot API)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.jobs import CollectingSender, senders
from bot.server import create_web_app
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.telegram_support import _fast_retries, fake, start_server

__all__ = ["_fast_retries", "fake"]  # fixtures

TOKEN = "s3cret-staff-token"
URL = "/api/staff/dossiers"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW = {
    "code": "000.00.14.h20-261125-0042",
    "procedure_code": "1.001193",
    "procedure_name": "Đăng ký khai sinh",
    "applicant_name": "Võ Thị Mai",
    "phone": "0987 111 222",
    "received_at": "25/11/2026",
    "due_at": "2026-11-30",
    "status": "Mới tiếp nhận",
    "office": "UBND phường 1",
}
CODE = "000.00.14.H20-261125-0042"


async def _serve(app: Any, token: str | None) -> TestServer:
    app.settings = app.settings.model_copy(update={"staff_api_token": token})
    server = TestServer(create_web_app(app))
    await server.start_server()
    return server


@pytest.fixture
async def api(app: Any) -> AsyncIterator[tuple[aiohttp.ClientSession, TestServer]]:
    server = await _serve(app, TOKEN)
    async with aiohttp.ClientSession(base_url=str(server.make_url(""))) as http:
        yield http, server
    await server.close()


async def test_no_token_configured_means_the_api_is_off(app) -> None:
    server = await _serve(app, None)
    async with aiohttp.ClientSession() as http:
        async with http.get(server.make_url(URL), headers=AUTH) as resp:
            assert resp.status == 503
    await server.close()


async def test_missing_or_wrong_token_is_refused(api) -> None:
    http, _ = api
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
        async with http.get(URL, headers=headers) as resp:
            assert resp.status == 401
        async with http.patch(f"{URL}/{CODE}", json={"status": "Đã hủy"}, headers=headers) as r:
            assert r.status == 401


async def test_create_update_list_without_personal_data(api) -> None:
    http, _ = api
    async with http.post(URL, json=NEW, headers=AUTH) as resp:
        assert resp.status == 201
        body = await resp.json()
    assert body["dossier"]["code"] == CODE and body["dossier"]["applicant"] == "Võ T*** M"
    async with http.post(URL, json=NEW, headers=AUTH) as resp:
        assert resp.status == 200 and (await resp.json())["changed"] is False
    async with http.post(URL, json={**NEW, "status": "xong"}, headers=AUTH) as resp:
        assert resp.status == 400 and (await resp.json())["reason"] == "unknown_status"
    async with http.patch(f"{URL}/{CODE}", json={"status": "dang xu ly"}, headers=AUTH) as resp:
        body = await resp.json()
    assert body["changed"] and [h["status"] for h in body["dossier"]["history"]] == [
        "Mới tiếp nhận",
        "Đang xử lý",
    ]
    async with http.get(URL, params={"status": "Đang xử lý"}, headers=AUTH) as resp:
        raw = await resp.text()
    assert CODE in raw
    assert "Mai" not in raw and "111222" not in raw and "1222" not in raw
    async with http.get(f"{URL}/000.00.14.H20-261125-9999", headers=AUTH) as resp:
        assert resp.status == 404


async def test_status_change_is_delivered_once_to_the_subscriber(api, app) -> None:
    http, _ = api
    collected = CollectingSender()
    senders(app)["web"] = collected
    async with http.post(URL, json=NEW, headers=AUTH) as resp:
        assert resp.status == 201
    async with app.uow() as uow:
        await uow.repos.dossiers.subscribe(CODE, "web", "citizen-1", app.services.clock.now())
        await uow.commit()
    change = {"status": "Chờ bổ sung hồ sơ", "note": "Thiếu tờ khai"}
    async with http.patch(f"{URL}/{CODE}", json=change, headers=AUTH) as resp:
        assert (await resp.json())["notifications"] == 1
    async with http.patch(f"{URL}/{CODE}", json=change, headers=AUTH) as resp:
        assert (await resp.json())["notifications"] == 0  # a retried request changes nothing
    for _ in range(100):  # the runner started by the service polls every 2 s
        if collected.sent:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)
    assert [c for c, _ in collected.sent] == ["citizen-1"]
    text = collected.sent[0][1].text
    assert "Chờ bổ sung hồ sơ" in text and "Thiếu tờ khai" in text


@pytest.mark.slow
async def test_status_change_reaches_a_telegram_chat(app, fake: FakeTelegram) -> None:
    server, _channel = await start_server(app, fake, staff_api_token=TOKEN)
    async with aiohttp.ClientSession(base_url=str(server.make_url(""))) as http:
        async with http.post(URL, json=NEW, headers=AUTH) as resp:
            assert resp.status == 201
        async with app.uow() as uow:
            await uow.repos.dossiers.subscribe(CODE, "telegram", "4242", app.services.clock.now())
            await uow.commit()
        async with http.patch(
            f"{URL}/{CODE}", json={"status": "Đã có kết quả"}, headers=AUTH
        ) as resp:
            assert resp.status == 200
        await fake.wait_for("sendMessage", 1, timeout=10)
    await server.close()
    texts = fake.texts(4242)
    assert len(texts) == 1 and f"Hồ sơ {CODE} vừa được cập nhật: Đã có kết quả" in texts[0]
