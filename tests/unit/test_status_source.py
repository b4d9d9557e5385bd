"""HttpStatusSource against a fake one-stop server on port 0, and the lookup using it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.status_source import HttpStatusSource, RemoteStatus, StatusSourceError
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"


class FakeOneStop:
    """Answers ``GET /dossiers/{code}``; can fail or stall a number of times first."""

    def __init__(self) -> None:
        self.statuses = {CODE: "Đã có kết quả"}
        self.fail_next = 0
        self.stall_next = 0
        self.hits = 0
        self.auth: list[str] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.hits += 1
        self.auth.append(request.headers.get("Authorization", ""))
        if self.stall_next:
            self.stall_next -= 1
            await asyncio.sleep(1)
        if self.fail_next:
            self.fail_next -= 1
            return web.Response(status=502)
        code = request.match_info["code"]
        if code == "garbage":
            return web.json_response({"status": "Đang bay"})
        if code not in self.statuses:
            return web.json_response({"error": "not found"}, status=404)
        return web.json_response({"code": code, "status": self.statuses[code], "note": None})


@pytest.fixture
async def fake() -> AsyncIterator[tuple[FakeOneStop, str]]:
    one_stop = FakeOneStop()
    app = web.Application()
    app.router.add_get("/api/dossiers/{code}", one_stop.handle)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    yield one_stop, str(server.make_url("/api"))
    await server.close()


async def test_known_and_unknown_codes(fake) -> None:
    one_stop, url = fake
    source = HttpStatusSource(url, token="t0k")
    assert await source.fetch(CODE) == RemoteStatus(CODE, "Đã có kết quả")
    assert await source.fetch("000.00.14.H20-200703-0404") is None
    assert one_stop.auth == ["Bearer t0k", "Bearer t0k"]


async def test_server_errors_are_retried(fake) -> None:
    one_stop, url = fake
    one_stop.fail_next = 2
    source = HttpStatusSource(url, retries=2, backoff=0.01)
    assert (await source.fetch(CODE)).status == "Đã có kết quả"  # type: ignore[union-attr]
    assert one_stop.hits == 3
    one_stop.fail_next = 5
    with pytest.raises(StatusSourceError):
        await source.fetch(CODE)


async def test_timeouts_are_retried_then_reported(fake) -> None:
    one_stop, url = fake
    one_stop.stall_next = 1
    source = HttpStatusSource(url, timeout=0.2, retries=1, backoff=0.01)
    assert await source.fetch(CODE) is not None
    one_stop.stall_next = 2
    with pytest.raises(StatusSourceError):
        await source.fetch(CODE)


async def test_unknown_status_and_unreachable_source_fail_fast(fake) -> None:
    _, url = fake
    with pytest.raises(StatusSourceError, match="unknown status"):
        await HttpStatusSource(url).fetch("garbage")
    closed = HttpStatusSource("http://127.0.0.1:9", retries=0, timeout=1)
    with pytest.raises(StatusSourceError):
        await closed.fetch(CODE)


async def test_lookup_refreshes_from_the_source_and_survives_its_outage(app, fake) -> None:
    one_stop, url = fake
    app.services.extra["status_source"] = HttpStatusSource(url, retries=0, timeout=1)
    chat = Chat(app.engine)
    await chat.say(CODE)
    await chat.say("1234")
    assert "Tình trạng: Đã có kết quả" in chat.text  # demo dossier said "Đang xử lý"
    assert "Đang xử lý" in chat.text  # ... which stays in the history
    one_stop.fail_next = 1
    one_stop.statuses[CODE] = "Đã trả kết quả"
    await chat.say(CODE)
    await chat.say("1234")
    assert "Tình trạng: Đã có kết quả" in chat.text  # source down: local data, no error
