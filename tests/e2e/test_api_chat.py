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


async def test_a_web_button_posted_twice_answers_its_question_once(app) -> None:
    """A double click or a retried POST of the same walkthrough button (issue 12)."""
    client = await _client(app)

    async def post(**body: str) -> list[dict]:
        resp = await client.post("/api/chat", json={"user": "web-dup", **body})
        assert resp.status == 200
        return (await resp.json())["replies"]

    def payload(replies: list[dict], prefix: str) -> str:
        return next(
            b["payload"]
            for r in replies
            for row in r["buttons"]
            for b in row
            if b["payload"].startswith(prefix)
        )

    try:
        replies = await post(payload="ck:start:1.001193")
        for _ in range(4):  # the deciding questions, first option each ("Có Giấy chứng
            # sinh": that paper is taken as had, so two papers are left to ask about)
            replies = await post(payload=payload(replies, "ck:a:"))
        have = payload(replies, "ck:d:have")
        first, second = await post(payload=have), await post(payload=have)
        assert "(2/2)" in first[-1]["text"]
        assert "đã trả lời rồi" in second[0]["text"] and "(2/2)" in second[-1]["text"]
    finally:
        await client.close()
