"""A fake Zalo: Bot Platform API, OA message API and OA OAuth, as one aiohttp app on port 0.

It records what the bot sent, can fail the next calls (5xx, 429) to exercise retries, serves
queued updates to ``getUpdates``, and behaves like Zalo's OAuth: a refresh token works once
and the access tokens it issued can be declared expired.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class FakeZalo:
    bot_token: str = "123456:test-token"
    app_id: str = "app-1"
    app_secret: str = "app-secret"
    bot_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    oa_sent: list[dict[str, Any]] = field(default_factory=list)
    oa_tokens_used: list[str] = field(default_factory=list)
    refreshes: list[str] = field(default_factory=list)  # refresh tokens presented
    valid_access: set[str] = field(default_factory=set)
    valid_refresh: set[str] = field(default_factory=set)
    fail_next: list[int] = field(default_factory=list)  # HTTP statuses for the next calls
    updates: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    zns_sent: list[dict[str, Any]] = field(default_factory=list)  # ZNS template messages
    # seconds each sendMessage takes; not delivered when the sender went away meanwhile
    send_delay: float = 0.0
    _server: TestServer | None = None
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("")).rstrip("/")

    async def start(self) -> FakeZalo:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._bot)
        app.router.add_post("/v3.0/oa/message/cs", self._oa_send)
        app.router.add_post("/v4/oa/access_token", self._oauth)
        app.router.add_post("/message/template", self._zns)
        self._server = TestServer(app, host="127.0.0.1", port=0)
        await self._server.start_server()
        return self

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.close()

    # what the bot sent --------------------------------------------------------------
    def sent_texts(self, chat_id: str | None = None) -> list[str]:
        """Texts of sendMessage calls (Bot Platform), optionally to one chat."""
        return [
            p["text"]
            for m, p in self.bot_calls
            if m == "sendMessage" and (chat_id is None or p.get("chat_id") == chat_id)
        ]

    def oa_texts(self, user_id: str | None = None) -> list[str]:
        return [
            m["message"]["text"]
            for m in self.oa_sent
            if user_id is None or m["recipient"]["user_id"] == user_id
        ]

    def issue_tokens(self, access: str, refresh: str) -> None:
        """Declare a token pair the OA app currently holds."""
        self.valid_access.add(access)
        self.valid_refresh.add(refresh)

    # handlers --------------------------------------------------------------------------
    def _failure(self) -> web.Response | None:
        if not self.fail_next:
            return None
        status = self.fail_next.pop(0)
        headers = {"Retry-After": "0"} if status == 429 else {}
        return web.json_response({"ok": False}, status=status, headers=headers)

    async def _bot(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.bot_token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
        method = request.match_info["method"]
        payload = await request.json()
        if method == "getUpdates":
            try:
                update = await asyncio.wait_for(self.updates.get(), timeout=0.3)
            except TimeoutError:
                return web.json_response(
                    {"ok": False, "error_code": 408, "description": "Request timeout"}
                )
            return web.json_response({"ok": True, "result": update})
        if (failed := self._failure()) is not None:
            return failed
        if method == "sendMessage" and self.send_delay:
            await asyncio.sleep(self.send_delay)
            if request.transport is None or request.transport.is_closing():
                return web.Response(status=499)
        self.bot_calls.append((method, payload))
        if method == "sendMessage":
            if not payload.get("chat_id") or not 1 <= len(payload.get("text", "")) <= 2000:
                return web.json_response(
                    {"ok": False, "error_code": 400, "description": "Bad Request"}
                )
            return web.json_response(
                {"ok": True, "result": {"message_id": f"m{next(self._counter)}", "date": 0}}
            )
        if method == "setWebhook":
            return web.json_response({"ok": True, "result": {"url": payload.get("url")}})
        return web.json_response({"ok": True, "result": {"id": "bot-1"}})

    async def _oa_send(self, request: web.Request) -> web.Response:
        if (failed := self._failure()) is not None:
            return failed
        token = request.headers.get("access_token", "")
        self.oa_tokens_used.append(token)
        if token not in self.valid_access:
            return web.json_response({"error": -216, "message": "Access token is invalid"})
        body = await request.json()
        self.oa_sent.append(body)
        return web.json_response({"error": 0, "message": "Success", "data": {"message_id": "x"}})

    async def _zns(self, request: web.Request) -> web.Response:
        """ZNS template message: needs a valid OA access token, a phone and a template."""
        if request.headers.get("access_token", "") not in self.valid_access:
            return web.json_response({"error": -124, "message": "Access token is invalid"})
        body = await request.json()
        if not str(body.get("phone", "")).startswith("84") or not body.get("template_id"):
            return web.json_response({"error": -108, "message": "Phone number is invalid"})
        self.zns_sent.append(body)
        return web.json_response({"error": 0, "message": "Success", "data": {"msg_id": "z1"}})

    async def _oauth(self, request: web.Request) -> web.Response:
        form = await request.post()
        refresh = str(form.get("refresh_token", ""))
        self.refreshes.append(refresh)
        if (
            request.headers.get("secret_key") != self.app_secret
            or form.get("app_id") != self.app_id
            or form.get("grant_type") != "refresh_token"
            or refresh not in self.valid_refresh
        ):
            return web.json_response({"error": -14014, "error_name": "Invalid refresh token"})
        self.valid_refresh.discard(refresh)  # single use, like Zalo
        n = next(self._counter)
        access, new_refresh = f"access-{n}", f"refresh-{n}"
        self.issue_tokens(access, new_refresh)
        return web.json_response(
            {"access_token": access, "refresh_token": new_refresh, "expires_in": "90000"}
        )


async def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``predicate`` (background processing) until true or fail after ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the bot")
        await asyncio.sleep(0.02)
