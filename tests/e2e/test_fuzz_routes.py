"""Property-based fuzzing (hypothesis) of every webhook and ``/api/chat``: no body, header
or size makes the server answer 5xx, and the server keeps answering afterwards.

Bodies are drawn from: arbitrary bytes, arbitrary JSON (deep nesting, NaN/Infinity, huge
numbers, NUL and lone surrogates in strings), and platform-shaped updates whose fields are
replaced by arbitrary values (``from: null``, ``chat: null``, ids of any type).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_app
from bot.channels.zalo_oa import signature
from bot.config import Settings
from bot.server import create_web_app
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.fake_zalo import FakeZalo

pytestmark = pytest.mark.slow

TG_SECRET = "fuzz-secret"
ZB_SECRET = "fuzz-zalo"
OA_SECRET = "fuzz-oa"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec=None), max_size=80),  # NUL, lone surrogates...
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def dumps(value: Any) -> bytes:
    """JSON as a sloppy client would send it: NaN/Infinity allowed, surrogates escaped."""
    return json.dumps(value, allow_nan=True).encode("utf-8")


def telegram_shaped(field: Any, other: Any) -> dict:
    return {
        "update_id": 7,
        "message": {
            "message_id": field,
            "date": other,
            "chat": field if isinstance(field, dict) or field is None else {"id": field},
            "from": {"id": other, "is_bot": False, "first_name": "A"},
            "text": other if isinstance(other, str) else "hi",
        },
        "callback_query": {"id": "q", "from": field, "data": other, "message": other},
    }


def zalo_shaped(field: Any, other: Any) -> dict:
    return {
        "event_name": "message.text.received",
        "message": {
            "message_id": field,
            "date": other,
            "text": other,
            "from": {"id": field},
            "chat": {"id": other},
        },
    }


bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(dumps),
    st.builds(telegram_shaped, json_values, json_values).map(dumps),
    st.builds(zalo_shaped, json_values, json_values).map(dumps),
    st.integers(min_value=1, max_value=6000).map(lambda n: b"[" * n + b"]" * (n % 3)),
    st.integers(min_value=1, max_value=6000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
)
header_values = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_categories=["Cc"]),
    max_size=40,
)


@pytest.fixture
async def client(tmp_path, knowledge, clock) -> AsyncIterator[TestClient]:
    telegram = await FakeTelegram().start()
    zalo = await FakeZalo().start()
    zalo.issue_tokens("access", "refresh")
    kb, index = knowledge
    app = await build_app(
        Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path}/fuzz.db",
            telegram_bot_token=telegram.token,
            telegram_base_url=telegram.base_url,
            telegram_webhook_url="https://bot.example/webhooks/telegram",
            telegram_webhook_secret=TG_SECRET,
            zalo_bot_token=zalo.bot_token,
            zalo_bot_base_url=zalo.url,
            zalo_bot_webhook_url="https://bot.example/webhooks/zalo-bot",
            zalo_bot_webhook_secret=ZB_SECRET,
            zalo_oa_app_id=zalo.app_id,
            zalo_oa_secret_key=OA_SECRET,
            zalo_oa_access_token="access",
            zalo_oa_api_base_url=zalo.url,
            api_chat_per_minute=100000,
            api_chat_burst=100000,
        ),
        clock=clock,
        kb=kb,
        index=index,
    )
    http = TestClient(TestServer(create_web_app(app)))
    await http.start_server()
    yield http
    await http.close()
    await app.close()
    await telegram.stop()
    await zalo.stop()


async def _post(client: TestClient, path: str, body: bytes, headers: dict[str, str]) -> int:
    resp = await client.post(
        path, data=body, headers={"Content-Type": "application/json", **headers}
    )
    await resp.read()
    return resp.status


@FUZZ
@given(body=bodies, user=st.one_of(json_values, header_values))
async def test_api_chat_never_answers_5xx(client: TestClient, body: bytes, user: Any) -> None:
    assert await _post(client, "/api/chat", body, {}) < 500
    shaped = dumps({"user": user, "text": user, "payload": user})
    assert await _post(client, "/api/chat", shaped, {}) < 500


@FUZZ
@given(body=bodies, secret=st.one_of(st.just(TG_SECRET), header_values))
async def test_telegram_webhook_never_answers_5xx(
    client: TestClient, body: bytes, secret: str
) -> None:
    status = await _post(
        client, "/webhooks/telegram", body, {"X-Telegram-Bot-Api-Secret-Token": secret}
    )
    assert status < 500


@FUZZ
@given(body=bodies, secret=st.one_of(st.just(ZB_SECRET), header_values))
async def test_zalo_bot_webhook_never_answers_5xx(
    client: TestClient, body: bytes, secret: str
) -> None:
    assert (
        await _post(client, "/webhooks/zalo-bot", body, {"X-Bot-Api-Secret-Token": secret}) < 500
    )


@FUZZ
@given(body=bodies, signed=st.booleans(), header=header_values)
async def test_zalo_oa_webhook_never_answers_5xx(
    client: TestClient, body: bytes, signed: bool, header: str
) -> None:
    try:
        timestamp = str(json.loads(body).get("timestamp", ""))
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        timestamp = ""
    mac = signature("app-1", body, timestamp, OA_SECRET) if signed else header
    status = await _post(client, "/webhooks/zalo-oa", body, {"X-ZEvent-Signature": f"mac={mac}"})
    assert status < 500


async def test_the_issue_s_bodies_are_4xx_and_the_server_still_answers(client: TestClient):
    """The exact inputs that used to give 500s or internal errors."""
    deep = b"[" * 5000
    assert await _post(client, "/api/chat", deep, {}) == 400
    tg = {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}
    assert await _post(client, "/webhooks/telegram", deep, tg) == 400
    zb = {"X-Bot-Api-Secret-Token": ZB_SECRET}
    assert await _post(client, "/webhooks/zalo-bot", deep, zb) == 400
    infinity = b'{"event_name": "message.text.received", "message": {"date": Infinity}}'
    assert await _post(client, "/webhooks/zalo-bot", infinity, zb) == 400
    for user in ("a\x00b", "\ud800"):
        body = json.dumps({"user": user, "text": "xin chào"}).encode()
        assert await _post(client, "/api/chat", body, {}) == 400
    many = dumps([zalo_shaped(f"m{n}", "chat") for n in range(1305)])
    assert await _post(client, "/webhooks/zalo-bot", many, zb) == 413
    big = dumps({"user": "u", "text": "x" * 70000})
    assert await _post(client, "/api/chat", big, {}) == 413
    resp = await client.post("/api/chat", json={"user": "u", "text": "xin chào"})
    assert resp.status == 200 and "Xin chào" in (await resp.json())["replies"][0]["text"]
