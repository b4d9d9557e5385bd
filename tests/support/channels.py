"""Channels in the fast suite: the real channel code, the platforms answered in memory.

- ``FakeBotApi`` is a python-telegram-bot ``BaseRequest``: the real PTB ``Bot`` encodes
  every call as it would for Telegram and this object answers it (no socket). It records
  each call, can refuse the next ones (HTTP status + description) and serves updates to
  ``getUpdates``.
- ``FakeHttp`` stands in for the ``aiohttp.ClientSession`` of the Zalo clients: routes by
  URL suffix, records each POST, can answer the next ones with an error status.
- ``Harness`` builds the service's web app (every channel's ``setup``) without starting its
  background work: updates reach the inbox through the real webhook routes, and
  ``drain()`` runs the delivery (claim, turn, outbox send) right now, so a test reads what
  was sent without waiting for anything.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from telegram.request import BaseRequest, RequestData

from bot.channels.delivery import delivery_of

BOT_USER = {"id": 777, "is_bot": True, "first_name": "Trợ lý", "username": "tthc_test_bot"}


class FakeBotApi(BaseRequest):
    """The Bot API in memory: what PTB sends, what Telegram would answer."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.refuse: list[tuple[int, str]] = []  # (HTTP status, description) for next calls
        self.updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1000)
        self._called = asyncio.Event()  # set on every call: what ``wait_call`` waits on
        self._queued = asyncio.Event()  # updates waiting for ``getUpdates``

    def queue(self, *updates: dict[str, Any]) -> None:
        """Updates for the next ``getUpdates`` (a long poll returns once there are some)."""
        self.updates.extend(updates)
        self._queued.set()

    async def wait_call(
        self, endpoint: str, until: Callable[[dict[str, Any]], bool] = lambda p: True
    ) -> dict[str, Any]:
        """The first call to ``endpoint`` whose parameters satisfy ``until`` (waits for it)."""

        async def first() -> dict[str, Any]:
            while True:
                for params in self.called(endpoint):
                    if until(params):
                        return params
                self._called.clear()
                await self._called.wait()

        return await asyncio.wait_for(first(), 5)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = {
            k: _decoded(v)
            for k, v in (request_data.json_parameters if request_data else {}).items()
        }
        self.calls.append((endpoint, params))
        self._called.set()
        if endpoint == "getUpdates" and not self.updates:
            await self._queued.wait()  # a long poll: returns when updates come (or cancelled)
        if self.refuse and endpoint not in ("getMe", "getUpdates"):
            status, description = self.refuse.pop(0)
            params["_refused"] = status
            body = {"ok": False, "error_code": status, "description": description}
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint == "getUpdates":
            served, self.updates = self.updates, []
            self._queued.clear()
            return served
        if endpoint == "sendMessage":
            chat = params.get("chat_id")
            return {
                "message_id": next(self._ids),
                "date": 1796090000,
                "chat": {"id": chat, "type": "private" if int(chat) > 0 else "group"},
                "text": params.get("text", ""),
                "from": BOT_USER,
            }
        return True

    # what the bot did -------------------------------------------------------------------
    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The ``sendMessage`` calls (optionally to one chat), oldest first."""
        return [
            p
            for m, p in self.calls
            if m == "sendMessage"
            and "_refused" not in p
            and (chat_id is None or p.get("chat_id") == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [p["text"] for p in self.sent(chat_id)]

    def called(self, endpoint: str) -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == endpoint]


def _decoded(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


@dataclass
class FakeResponse:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    hold: asyncio.Event | None = None  # a long poll: answers once this is set

    async def json(self, content_type: str | None = None) -> Any:
        if isinstance(self.body, (bytes, str)):
            return json.loads(self.body)
        return self.body

    async def __aenter__(self) -> FakeResponse:
        if self.hold is not None:
            await self.hold.wait()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        return None


class FakeHttp:
    """An ``aiohttp.ClientSession`` for the Zalo clients: answers POSTs in memory."""

    def __init__(self, routes: dict[str, Callable[[dict[str, Any]], Any]]) -> None:
        self.routes = routes  # URL suffix -> handler(request dict) -> JSON body
        self.posts: list[dict[str, Any]] = []
        self.fail_next: list[FakeResponse | Exception] = []
        self.closed = False

    def post(self, url: str, **kwargs: Any) -> FakeResponse:
        request = {"url": url, **kwargs}
        self.posts.append(request)
        if self.fail_next:
            request["failed"] = True
            failure = self.fail_next.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        for suffix, handler in self.routes.items():
            if url.endswith(suffix):
                answer = handler(request)
                return answer if isinstance(answer, FakeResponse) else FakeResponse(200, answer)
        return FakeResponse(404, {"error": -1, "message": "no such method"})

    async def close(self) -> None:
        self.closed = True

    def to(self, suffix: str, answered: bool = False) -> list[dict[str, Any]]:
        """The requests sent to URLs ending with ``suffix`` (only those answered normally)."""
        return [
            p
            for p in self.posts
            if p["url"].endswith(suffix) and not (answered and p.get("failed"))
        ]


class Harness:
    """The service's routes on a real aiohttp test server, its background work not started."""

    def __init__(self, app: Any, web_app: Any) -> None:
        self.app = app
        self.web_app = web_app
        # the workers, pollers and job runners would race the test: ``drain`` does their work
        web_app.on_startup.clear()
        web_app.cleanup_ctx.clear()
        web_app.on_cleanup.clear()
        self.http = TestClient(TestServer(web_app))

    async def __aenter__(self) -> Harness:
        await self.http.start_server()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.http.close()

    async def drain(self) -> int:
        """Run every chat's stored updates and send their replies; how many chats ran."""
        delivery = delivery_of(self.app)
        ran = 0
        while (claimed := await delivery._claim()) is not None:
            await delivery.drain(*claimed)
            ran += 1
        return ran

    async def inbox(self, status: str | None = None) -> list[Any]:
        """Rows of the inbox (optionally of one status)."""
        from sqlalchemy import select

        from bot.storage.models import InboxItem

        async with self.app.uow() as uow:
            stmt = select(InboxItem).order_by(InboxItem.id)
            if status:
                stmt = stmt.where(InboxItem.status == status)
            return list((await uow.session.execute(stmt)).scalars())
