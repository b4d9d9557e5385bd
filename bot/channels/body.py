"""Untrusted request bodies: size, JSON syntax and depth, and the strings inside.

Every route reads its body here, so bad input is a short 4xx and never a 5xx (Telegram and
Zalo retry a 5xx for hours): a body over the limit is 413; invalid UTF-8 or JSON,
``NaN``/``Infinity`` (or a number too large to be finite), and nesting deeper than
``MAX_DEPTH`` (a body of 5,000 ``[`` makes ``json.loads`` raise ``RecursionError``) are 400.
Ids must be short printable text; strings lose NUL characters and lone surrogates, which
PostgreSQL cannot store.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from aiohttp import web

from bot.webapp import json_response

MAX_DEPTH = 32
MAX_ID = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadBody(Exception):
    """The request cannot be used; ``response()`` is the short JSON error to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def response(self) -> web.Response:
        return json_response({"ok": False, "error": self.message}, status=self.status)


async def read_body(request: web.Request, max_bytes: int) -> bytes:
    """The whole body, or ``BadBody(413)`` as soon as it exceeds ``max_bytes``."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise BadBody(413, "body too large")
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := await request.content.read(65536):
            size += len(chunk)
            if size > max_bytes:
                raise BadBody(413, "body too large")
            chunks.append(chunk)
    except (ConnectionError, ValueError) as exc:  # client gone or a broken chunked body
        raise BadBody(400, "unreadable body") from exc
    return b"".join(chunks)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _depth_ok(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def parse_json(raw: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``raw``; ``BadBody(400)`` for anything that is not plain JSON."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadBody(400, "invalid JSON") from None
    if not _depth_ok(value, max_depth):
        raise BadBody(400, "JSON nested too deeply")
    return value


async def read_json(request: web.Request, max_bytes: int) -> tuple[bytes, Any]:
    """Raw body and its JSON value (``BadBody`` on any problem)."""
    raw = await read_body(request, max_bytes)
    return raw, parse_json(raw)


def clean_text(value: str, max_len: int | None = None) -> str:
    """``value`` without NUL and with lone surrogates replaced, cut to ``max_len``."""
    if max_len is not None:
        value = value[:max_len]
    value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def clean(value: Any) -> Any:
    """A JSON value with every string (keys too) passed through ``clean_text``."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    return value


def valid_id(value: Any, max_len: int = MAX_ID) -> str | None:
    """A platform id (string or integer) as text, or None when it is not a usable id."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        text = str(value) if -(10**20) < value < 10**20 else ""
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    if not text or len(text) > max_len or _CONTROL.search(text):
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return text
