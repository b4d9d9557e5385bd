"""The HTTP service itself (``bot.server``) in the fast suite: health and metrics with the
database there and away, JSON errors instead of aiohttp's HTML pages, the routes a setting
switches on, and ``serve``/``main`` starting, answering and stopping on a real port."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import signal
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import create_async_engine

from bot import server
from bot.app import build_app
from bot.config import Settings
from bot.errors import UserError
from bot.storage.db import make_sessionmaker


@pytest.fixture
async def http(app) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(server.create_web_app(app))) as client:
        yield client


def _database_away(app: Any, tmp_path: Any) -> None:
    """Point the app at a database file that cannot be opened (its folder does not exist)."""
    broken = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/gone/away.db")
    app.db, app.sessionmaker = broken, make_sessionmaker(broken)
    app.extras.pop("sessionmaker_read", None)
    app.extras.pop("sessionmaker_urgent", None)


async def test_healthz_answers_ok_with_the_database_and_degraded_without(
    app, http, tmp_path
) -> None:
    ok = await http.get("/healthz")
    assert ok.status == 200 and await ok.json() == {"status": "ok", "db": True}
    real = app.db
    _database_away(app, tmp_path)
    try:
        down = await http.get("/healthz")
        assert down.status == 503 and await down.json() == {"status": "degraded", "db": False}
    finally:
        await app.db.dispose()
        app.db = real  # the fixture closes the engine it built


async def test_metrics_are_scraped_with_the_database_and_still_without_it(
    app, http, tmp_path, caplog
) -> None:
    await http.get("/healthz")
    got = await http.get("/metrics")
    assert got.status == 200 and got.headers["Content-Type"].startswith("text/plain")
    text = await got.text()
    assert "tthc_inbox_backlog 0.0" in text and "tthc_job_lag_seconds" in text
    real = app.db
    _database_away(app, tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="bot.server"):
            away = await http.get("/metrics")
        assert away.status == 200 and "tthc_turns_in_flight" in await away.text()
        assert "database figures unavailable" in caplog.text
    finally:
        await app.db.dispose()
        app.db = real


async def test_unknown_routes_and_wrong_methods_answer_json_not_html(http) -> None:
    missing = await http.get("/khong-co-trang-nay")
    assert missing.status == 404 and missing.content_type == "application/json"
    assert await missing.json() == {"error": "Not Found"}
    wrong = await http.put("/healthz", data=b"{")
    assert wrong.status == 405 and (await wrong.json())["error"] == "Method Not Allowed"
    huge = await http.post("/api/chat", data=b"x" * (1024 * 1024 + 1))
    assert huge.status == 413 and huge.content_type == "application/json"


async def test_a_bug_in_a_route_is_a_short_json_500_logged_once(app, caplog) -> None:
    web_app = server.create_web_app(app)

    async def broken(request: web.Request) -> web.Response:
        raise RuntimeError("a bug")

    web_app.router.add_get("/broken", broken)
    async with TestClient(TestServer(web_app)) as client:
        with caplog.at_level(logging.ERROR, logger="bot.server"):
            got = await client.get("/broken")
        assert got.status == 500 and await got.json() == {"error": "internal error"}
    assert "unhandled error on /broken" in caplog.text and "a bug" in caplog.text


async def test_the_telegram_routes_exist_only_with_a_token(app, http) -> None:
    assert app.settings.telegram_bot_token is None
    assert (await http.post("/webhooks/telegram", data=b"{}")).status == 404
    imported = {r.resource.canonical for r in http.app.router.routes() if r.resource}
    assert "/api/chat" in imported and "/webhooks/telegram" not in imported


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def fast_build(monkeypatch, knowledge, clock) -> None:
    """``serve`` builds its app as ``tthc-bot run`` does, with the knowledge already built."""
    kb, index = knowledge
    monkeypatch.setattr(
        server, "build_app", functools.partial(build_app, clock=clock, kb=kb, index=index)
    )


def _settings(tmp_path: Any, port: int, **extra: Any) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/serve.db",
        host="127.0.0.1",
        port=port,
        **extra,
    )


async def test_serve_answers_on_its_port_and_stops_cleanly(tmp_path, fast_build, caplog) -> None:
    port = _free_port()
    stop, ready = asyncio.Event(), asyncio.Event()
    with caplog.at_level(logging.INFO, logger="bot.server"):
        task = asyncio.create_task(server.serve(_settings(tmp_path, port), stop, ready))
        await asyncio.wait_for(ready.wait(), timeout=60)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as got:
                assert got.status == 200 and (await got.json())["db"] is True
            async with session.post(f"http://127.0.0.1:{port}/api/chat", data=b"{") as bad:
                assert 400 <= bad.status < 500 and "error" in await bad.json()
        stop.set()
        await asyncio.wait_for(task, timeout=30)
    assert f"serving on http://127.0.0.1:{port}" in caplog.text
    assert "stopped cleanly" in caplog.text
    assert "PHONE_HASH_KEY is the development default" in caplog.text
    with pytest.raises(aiohttp.ClientConnectionError):  # nothing listens any more
        async with aiohttp.ClientSession() as session:
            await session.get(f"http://127.0.0.1:{port}/healthz")


async def test_a_busy_port_is_one_clear_error_and_no_warning_with_a_real_key(
    tmp_path, fast_build, caplog
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        settings = _settings(tmp_path, port, phone_hash_key="a-real-secret-of-this-office")
        with caplog.at_level(logging.WARNING, logger="bot.server"):
            with pytest.raises(UserError) as err:
                await server.serve(settings, asyncio.Event())
    assert f"cổng 127.0.0.1:{port} đang được chương trình khác dùng" in err.value.vi
    assert "PORT=8081" in err.value.en
    assert "development default" not in caplog.text


async def test_run_serves_until_sigterm_then_exits_0(tmp_path, fast_build) -> None:
    port = _free_port()
    task = asyncio.create_task(server.main(None, _settings(tmp_path, port)))
    up = False
    async with aiohttp.ClientSession() as session:
        for _ in range(600):  # until it listens (start-up builds the database)
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as got:
                    up = got.status == 200
                    break
            except aiohttp.ClientConnectionError:
                assert not task.done(), task.exception()
                await asyncio.sleep(0.05)
    assert up  # only then is SIGTERM the server's to handle
    os.kill(os.getpid(), signal.SIGTERM)  # what `docker stop` or systemd sends
    assert await asyncio.wait_for(task, timeout=30) == 0
