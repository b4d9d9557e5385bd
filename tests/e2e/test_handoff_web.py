"""Issue 15 end to end on the web chat: a citizen asks for a person on ``/api/chat``, a staff
member answers through the staff API, the answer reaches the page's notification queue
(``/api/chat/pending``) once; close, errors, the satisfaction answer in the analytics API,
and a staff reply written while the service is down delivered after the restart."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_web_app
from bot.staff import handoffs as staff

TOKEN = "staff-token-15"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
API = "/api/staff/handoffs"


async def _client(app: Any) -> TestClient:
    app.settings = app.settings.model_copy(update={"staff_api_token": TOKEN})
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return client


async def _say(client: TestClient, **body: str) -> list[dict[str, Any]]:
    resp = await client.post("/api/chat", json={"user": "citizen", **body})
    assert resp.status == 200, await resp.text()
    return list((await resp.json())["replies"])


async def _pending(client: TestClient, count: int = 1, timeout: float = 10) -> list[dict]:
    got: list[dict] = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        resp = await client.get("/api/chat/pending", params={"user": "citizen"})
        got.extend((await resp.json())["replies"])
        await asyncio.sleep(0.05)
    return got


async def test_web_citizen_staff_api_reply_and_close(app) -> None:
    client = await _client(app)
    try:
        [started] = await _say(client, text="gặp cán bộ")
        assert "đã chuyển cuộc trò chuyện tới cán bộ" in started["text"]
        await _say(client, text="Hỏi về đất <script>alert(1)</script>")
        resp = await client.get(API, params={"status": "waiting"}, headers=AUTH)
        [handoff] = (await resp.json())["handoffs"]
        assert handoff["code"] in started["text"] and handoff["channel"] == "web"
        assert handoff["mode"] == "live" and "chat_id" not in handoff
        resp = await client.get(f"{API}/{handoff['code']}", headers=AUTH)
        thread = (await resp.json())["handoff"]["messages"]
        assert thread[-1]["text"] == "Hỏi về đất <script>alert(1)</script>"  # kept as text

        body = {"text": "<b>Chào</b> anh/chị, em là Lan.", "staff": "Lan"}
        headers = {**AUTH, "Idempotency-Key": "reply-1"}
        first = await client.post(f"{API}/{handoff['id']}/messages", json=body, headers=headers)
        again = await client.post(f"{API}/{handoff['id']}/messages", json=body, headers=headers)
        assert first.status == again.status == 201
        assert (await first.json())["message"]["id"] == (await again.json())["message"]["id"]
        [pushed] = await _pending(client)
        assert pushed["text"] == "👤 Cán bộ Lan:\n<b>Chào</b> anh/chị, em là Lan."
        for status, listed in (("waiting", []), ("open", [handoff["id"]]), ("closed", [])):
            resp = await client.get(API, params={"status": status}, headers=AUTH)
            assert [h["id"] for h in (await resp.json())["handoffs"]] == listed, status
        await asyncio.sleep(0.3)
        assert await _pending(client, timeout=0.2) == []  # the retried POST sent nothing

        resp = await client.post(f"{API}/{handoff['id']}/close", json={}, headers=AUTH)
        assert resp.status == 200 and (await resp.json())["changed"] is True
        resp = await client.post(f"{API}/{handoff['id']}/close", json={}, headers=AUTH)
        assert (await resp.json())["changed"] is False
        resp = await client.get(API, params={"status": "closed"}, headers=AUTH)
        [closed] = (await resp.json())["handoffs"]
        assert closed["id"] == handoff["id"] and closed["first_staff"] == "Lan"
        late = await client.post(f"{API}/{handoff['id']}/messages", json=body, headers=AUTH)
        assert late.status == 409 and (await late.json())["code"] == handoff["code"]
        closing = await _pending(client, count=2)
        assert "Cán bộ đã kết thúc" in closing[0]["text"] and "hài lòng" in closing[1]["text"]
        await _say(client, payload="fb:rate:5")
        resp = await client.get(
            "/api/staff/analytics", params={"from": "2026-12-01", "to": "2026-12-01"}, headers=AUTH
        )
        report = await resp.json()
        assert report["handoffs"]["count"] == 1 and report["handoffs"]["answered"] == 1
        assert report["handoffs"]["median_first_reply_s"] is not None
        assert report["satisfaction"]["by_subject"]["handoff"]["scores"]["5"] == 1
    finally:
        await client.close()


async def test_staff_api_errors_are_clear(app) -> None:
    client = await _client(app)
    try:
        assert (await client.get(API)).status == 401
        resp = await client.get(API, params={"status": "busy"}, headers=AUTH)
        assert resp.status == 400 and "statuses" in await resp.json()
        resp = await client.post(f"{API}/HT-2345/messages", json={"text": "x"}, headers=AUTH)
        assert resp.status == 404
        [started] = await _say(client, text="tư vấn viên")
        code = started["text"].split("(mã ")[1].split(")")[0]
        for bad in ({"text": "   "}, {"text": 5}, {}):
            resp = await client.post(f"{API}/{code}/messages", json=bad, headers=AUTH)
            assert resp.status == 400, bad
        resp = await client.post(f"{API}/{code}/messages", data=b"{oops", headers=AUTH)
        assert resp.status == 400
        resp = await client.get(
            "/api/staff/analytics", params={"from": "2026-13-01"}, headers=AUTH
        )
        assert resp.status == 400
    finally:
        await client.close()


async def test_a_reply_written_while_the_service_is_down_arrives_after_restart(app) -> None:
    client = await _client(app)
    [started] = await _say(client, text="gặp cán bộ")
    cookies = {c.key: c.value for c in client.session.cookie_jar}  # the page's session
    await client.close()  # the service stops
    code = started["text"].split("(mã ")[1].split(")")[0]
    await staff.reply(app, code, "Dạ, em đây ạ.", "Minh")  # e.g. from another worker
    client = await _client(app)  # restarted: its workers find the event in the inbox
    client.session.cookie_jar.update_cookies(cookies)
    try:
        [pushed] = await _pending(client)
        assert pushed["text"].endswith("Dạ, em đây ạ.")
    finally:
        await client.close()
