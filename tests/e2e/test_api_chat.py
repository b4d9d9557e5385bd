"""``POST /api/chat`` over HTTP (aiohttp test client, no browser): replies as readable UTF-8
JSON, and bad bodies get a short 4xx JSON error."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_web_app


async def _client(app) -> TestClient:
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return client


async def test_replies_keep_vietnamese_readable(app) -> None:
    client = await _client(app)
    try:
        resp = await client.post("/api/chat", json={"user": "u1", "text": "xin chào"})
        raw = await resp.text()
        assert resp.status == 200
        assert "Xin chào anh/chị" in raw and "\\u" not in raw
        assert resp.headers["Content-Type"].startswith("application/json")
    finally:
        await client.close()


async def test_bad_bodies_get_a_short_json_error(app) -> None:
    client = await _client(app)
    try:
        for body in (b"not json", b"[1, 2]", b'{"user": 5, "text": "x"}'):
            resp = await client.post("/api/chat", data=body)
            assert resp.status == 400
            assert "error" in await resp.json()
    finally:
        await client.close()
