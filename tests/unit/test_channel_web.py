"""The web chat and the terminal chat in the fast suite, and the untrusted-body readers every
webhook uses: the page, its files, the notification queue the page polls, the console's
numbered options and JSON lines, and bodies that are too big, broken or nested too deep."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import build_app
from bot.channels import body, console, web
from bot.channels.delivery import delivery_of
from bot.config import Settings
from bot.jobs import senders
from bot.server import create_web_app
from handlers.types import Button, Reply
from tests.support.channels import Harness


@pytest.fixture
async def site(tmp_path, knowledge, clock) -> AsyncIterator[Harness]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/web.db", inbox_settle_s=0)
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    async with Harness(app, create_web_app(app)) as harness:
        yield harness
    await app.close()


async def test_the_page_and_its_two_files_with_safe_headers(site) -> None:
    page = await site.http.get("/")
    assert page.status == 200 and page.content_type == "text/html"
    html = await page.text()
    assert "{{OFFICE_NAME}}" not in html and web.office_name(site.app) in html
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    for name in ("chat.js", "chat.css"):
        got = await site.http.get(f"/static/{name}")
        assert got.status == 200 and got.content_type == web.STATIC[name]
        assert got.headers["Cache-Control"] == "no-cache"
    for name in ("index.html", "..%2Fserver.py", "nothing.js"):
        assert (await site.http.get(f"/static/{name}")).status == 404


async def test_notifications_wait_for_the_page_of_that_session_only(site) -> None:
    first = await site.http.post("/api/chat", json={"user": "me", "text": "xin chào"})
    assert first.status == 200
    replies = (await first.json())["replies"]
    assert replies[0]["text"].startswith("Xin chào anh/chị")
    cookie = first.cookies[web.COOKIE].value
    assert (await site.http.get("/api/chat/pending", params={"user": "me"})).status == 200

    from bot.channels.web_identity import chat_id_for, session_of

    chat = chat_id_for(session_of(site.app.settings, cookie) or "", "me")
    send = senders(site.app)["web"]
    await send(chat, Reply("Hồ sơ đã có kết quả", buttons=[[Button("Xem", "st:start:")]]))
    await delivery_of(site.app).late_senders["web"](chat, {"reply": Reply("Lần hai").to_dict()})

    stranger = await site.http.get(
        "/api/chat/pending", params={"user": "me"}, cookies={web.COOKIE: "forged.cookie"}
    )
    assert (await stranger.json())["replies"] == []
    mine = await site.http.get(
        "/api/chat/pending", params={"user": "me"}, cookies={web.COOKIE: cookie}
    )
    got = (await mine.json())["replies"]
    assert [r["text"] for r in got] == ["Hồ sơ đã có kết quả", "Lần hai"]
    assert got[0]["buttons"][0][0]["payload"] == "st:start:"
    assert mine.headers["Cache-Control"] == "no-store"
    again = await site.http.get(
        "/api/chat/pending", params={"user": "me"}, cookies={web.COOKIE: cookie}
    )
    assert (await again.json())["replies"] == []  # handed out once


@pytest.mark.parametrize("user", ["", "x" * 65, "a\x00b"])
async def test_pending_needs_a_usable_user_label(site, user: str) -> None:
    resp = await site.http.get("/api/chat/pending", params={"user": user})
    assert resp.status == 400


async def test_a_broken_queue_in_the_database_hands_out_nothing(site) -> None:
    async with site.app.uow() as uow:
        await uow.repos.kv.set(web.pending_key("u"), "{not json")
        await uow.commit()
    assert await web.take_pending(site.app, "u") == []
    assert web._loads(json.dumps([{"text": "ok"}, "junk", 3])) == [{"text": "ok"}]
    assert web._loads(json.dumps({"text": "not a list"})) == []


async def test_the_queue_keeps_the_latest_notifications_only(site) -> None:
    for n in range(web.MAX_PENDING + 5):
        await web.enqueue(site.app, "u", Reply(f"thông báo {n}"))
    kept = await web.take_pending(site.app, "u")
    assert len(kept) == web.MAX_PENDING
    assert kept[-1]["text"] == f"thông báo {web.MAX_PENDING + 4}"


# -- terminal ------------------------------------------------------------------------------


def test_console_renders_buttons_as_numbered_options_and_the_link() -> None:
    reply = Reply(
        "Chọn:", buttons=[[Button("Có", "a:1"), Button("Không", "a:2")]], link="https://x.vn"
    )
    assert console.render_text(reply) == "Chọn:\nhttps://x.vn\n  1. Có\n  2. Không"


@pytest.mark.parametrize(
    ("line", "as_json", "expected"),
    [
        ("xin chào\n", False, ("xin chào", None)),
        ('{"payload": "mn:menu"}\n', True, (None, "mn:menu")),
        ('{"text": "hi", "payload": 5}', True, ("hi", "5")),
        ("{broken\r\n", True, ("{broken", None)),
        ('{"payload": "mn:menu"}', False, ('{"payload": "mn:menu"}', None)),
        ("[1, 2]", True, ("[1, 2]", None)),
    ],
)
def test_console_input_lines(line: str, as_json: bool, expected: tuple) -> None:
    assert console.parse_line(line, as_json) == expected


async def test_console_chat_echoes_typed_lines_and_prints_json_replies(app) -> None:
    out = io.StringIO()
    await console.run_console(app.engine, "u1", False, io.StringIO("xin chào\n"), out)
    assert out.getvalue().startswith("> xin chào\nXin chào anh/chị")
    assert "  1. " in out.getvalue()
    out = io.StringIO()
    await console.run_console(app.engine, "u2", True, io.StringIO('{"payload": "mn:menu"}\n'), out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert lines and all(set(x) >= {"text", "buttons"} for x in lines)


# -- untrusted bodies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"NaN", b'{"a": Infinity}', b"1e999", b"\xff", b"[" * 40 + b"]" * 40],
)
def test_only_plain_json_is_read(raw: bytes) -> None:
    with pytest.raises(body.BadBody) as bad:
        body.parse_json(raw)
    assert bad.value.status == 400


def test_nesting_up_to_the_limit_is_fine() -> None:
    deep: Any = 1
    for _ in range(body.MAX_DEPTH):
        deep = [deep]
    assert body.parse_json(json.dumps(deep).encode()) == deep
    with pytest.raises(body.BadBody):
        body.parse_json(json.dumps([deep]).encode())


def test_cleaning_drops_nul_and_lone_surrogates_everywhere() -> None:
    assert body.clean_text("a\x00b\ud800c", 10) == "ab?c"
    assert body.clean_text("abcdef", 3) == "abc"
    assert body.clean({"k\x00": ["x\x00", 1, {"y": "\ud800"}]}) == {"k": ["x", 1, {"y": "?"}]}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, "42"),
        (-100123, "-100123"),
        (" 7 ", "7"),
        (True, None),
        (None, None),
        (10**21, None),
        ("", None),
        ("a" * 65, None),
        ("a\nb", None),
        (3.5, None),
        ("\ud800", None),
    ],
)
def test_valid_ids(value: Any, expected: str | None) -> None:
    assert body.valid_id(value) == expected


async def test_oversized_bodies_are_refused_before_they_are_read(site) -> None:
    big = json.dumps({"user": "u", "text": "x" * (2 * 1024 * 1024)})
    resp = await site.http.post("/api/chat", data=big)
    assert resp.status == 413
    resp = await site.http.post("/webhooks/zalo-bot", data=big)
    assert resp.status in (404, 413)  # not configured here: refused either way
