"""A fake Telegram Bot API server for end-to-end tests of the real python-telegram-bot client.

An aiohttp app on 127.0.0.1, port 0, answering ``/bot<token>/<method>`` like the real API:
``getMe``, ``getUpdates`` (long poll with timeout and offsets), ``setWebhook``,
``deleteWebhook``, ``getWebhookInfo``, ``setMyCommands``, ``sendMessage``,
``editMessageText``, ``editMessageReplyMarkup``, ``answerCallbackQuery``, ``sendChatAction``.
PTB posts form fields whose nested values are JSON-encoded strings; JSON bodies are accepted too.
Every call is recorded; failures (429 with ``retry_after``, 502, dropped connection) can be
queued per method to test retries.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 424242,
    "is_bot": True,
    "first_name": "Trợ lý TTHC",
    "username": "tthc_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    """One request the bot made: method name, decoded parameters, whether it failed."""

    method: str
    params: dict[str, Any]
    failed: bool = False
    result: Any = None
    at: float = field(default_factory=time.monotonic)


def _decode_value(value: str) -> Any:
    """PTB JSON-encodes non-string values (reply_markup, allowed_updates, numbers)."""
    if value[:1] in ("{", "[") or value in ("true", "false", "null"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    """The fake server's state and helpers to feed updates and inspect calls."""

    def __init__(self, token: str = "123456:TEST-token") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] = {"url": ""}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._failures: dict[str, list[dict[str, Any]]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0
        # seconds each sendMessage takes; a message whose sender went away meanwhile (a
        # killed bot) is not delivered, as when the request never reached Telegram
        self.send_delay = 0.0

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> FakeTelegram:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Close the server (pending long polls return at once)."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url`` / ``TELEGRAM_BASE_URL``."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- feeding updates -------------------------------------------------------------------
    def next_update_id(self) -> int:
        """A fresh update id (to build webhook bodies)."""
        return next(self._update_ids)

    def make_message_update(
        self,
        text: str | None = None,
        chat_id: int = 1001,
        user_id: int | None = None,
        language_code: str = "vi",
        chat_type: str = "private",
        update_id: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A ``message`` update as Telegram sends it (``extra`` adds sticker, photo, ...)."""
        user = {
            "id": user_id or chat_id,
            "is_bot": False,
            "first_name": "Lan",
            "language_code": language_code,
        }
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type},
            "from": user,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                cmd_len = len(text.split(" ", 1)[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": cmd_len}]
        message.update(extra)
        return {"update_id": update_id or self.next_update_id(), "message": message}

    def make_callback_update(
        self, data: str, chat_id: int = 1001, message_id: int = 1, language_code: str = "vi"
    ) -> dict[str, Any]:
        """A ``callback_query`` update: a press on an inline button of ``message_id``."""
        user = {
            "id": chat_id,
            "is_bot": False,
            "first_name": "Lan",
            "language_code": language_code,
        }
        return {
            "update_id": self.next_update_id(),
            "callback_query": {
                "id": f"cbq{next(self._update_ids)}",
                "from": user,
                "chat_instance": "ci-1",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "from": BOT_USER,
                    "text": "…",
                },
            },
        }

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for ``getUpdates``."""
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update

    async def push_text(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """Queue a text message from a citizen."""
        return await self.push(self.make_message_update(text, **kwargs))

    # -- failure injection -----------------------------------------------------------------
    def fail_next(self, method: str, kind: str = "429", times: int = 1, retry_after: int = 1):
        """Make the next ``times`` calls of ``method`` fail: ``429``, ``502`` or ``drop``."""
        self._failures.setdefault(method, []).extend(
            [{"kind": kind, "retry_after": retry_after}] * times
        )

    # -- inspecting ------------------------------------------------------------------------
    def sent(self, method: str = "sendMessage", chat_id: int | str | None = None) -> list[Call]:
        """Successful calls of ``method`` (optionally to one chat), in order."""
        return [
            c
            for c in self.calls
            if c.method == method
            and not c.failed
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts of the messages sent so far."""
        return [c.params.get("text", "") for c in self.sent("sendMessage", chat_id)]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` successful calls of ``method`` were made; returns them."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while len(self.sent(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    made = [(c.method, c.failed) for c in self.calls]
                    raise AssertionError(f"{method} x{count} not seen within {timeout}s: {made}")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    continue
        return self.sent(method)

    # -- the API ---------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            body = await request.json()
            return dict(body) if isinstance(body, dict) else {}
        form = await request.post()
        return {k: _decode_value(str(v)) for k, v in form.items()}

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params = await self._params(request)
        if method == "sendMessage" and self.send_delay:
            await asyncio.sleep(self.send_delay)
            if request.transport is None or request.transport.is_closing():
                return web.Response(status=499)
        failure = (
            (self._failures.get(method) or [None]).pop(0) if method in self._failures else None
        )
        call = Call(method, params, failed=failure is not None)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if failure is not None:
            return self._failure(request, failure)
        if method == "getUpdates":
            return await self._get_updates(params)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        call.result = handler(params)
        return web.json_response({"ok": True, "result": call.result})

    def _failure(self, request: web.Request, failure: dict[str, Any]) -> web.StreamResponse:
        if failure["kind"] == "429":
            after = failure["retry_after"]
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {after}",
                    "parameters": {"retry_after": after},
                },
                status=429,
            )
        if failure["kind"] == "drop" and request.transport is not None:
            request.transport.abort()  # the client sees a connection reset (NetworkError)
        return web.Response(status=502, text="Bad Gateway")

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        async with self._changed:
            # an offset confirms (drops) every earlier update, as on the real server
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing and time.monotonic() < deadline:
                try:
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
                except TimeoutError:
                    break
            batch = [u for u in self._updates if u["update_id"] >= offset][:limit]
        return web.json_response({"ok": True, "result": batch})

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        chat_int = int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id
        out: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_int, "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if isinstance(params.get("reply_markup"), dict):
            out["reply_markup"] = params["reply_markup"]
        return out

    def _api_getMe(self, params: dict[str, Any]) -> Any:  # noqa: N802 - API names
        return BOT_USER

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return self._message(params)

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return self._message(params, int(params.get("message_id") or 0) or None)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return self._message(params, int(params.get("message_id") or 0) or None)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:  # noqa: N802
        self.webhook = {"url": params.get("url", ""), **params}
        return True

    def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:  # noqa: N802
        self.webhook = {"url": ""}
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:  # noqa: N802
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
