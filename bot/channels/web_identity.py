"""Who is talking on the web chat: a server-issued session, and the client's address.

The session is a random id in an HttpOnly cookie, signed with ``WEB_SESSION_SECRET`` (or a
key derived from ``PHONE_HASH_KEY``) so every worker can check it without a lookup. The
chat id is derived from the session and the page's own label (``user`` in the request,
e.g. a fresh one for "Trò chuyện mới"): knowing another page's label is not enough to act
as that chat, because the session part is never visible to scripts on the page.

The per-address limit is a token bucket kept in memory (per worker process). Behind a
reverse proxy, set ``TRUSTED_PROXIES`` so the address comes from ``X-Forwarded-For``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

from aiohttp import web

COOKIE = "tthc_web"
MAX_AGE = 30 * 24 * 3600
MAX_BUCKETS = 10000


def _key(settings: Any) -> bytes:
    secret = settings.web_session_secret or "web-session:" + settings.phone_hash_key
    return hashlib.sha256(secret.encode("utf-8")).digest()


def _sign(key: bytes, sid: str) -> str:
    return hmac.new(key, sid.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def new_cookie(settings: Any) -> str:
    """A fresh signed session value (``<id>.<signature>``)."""
    sid = secrets.token_urlsafe(24)
    return f"{sid}.{_sign(_key(settings), sid)}"


def session_of(settings: Any, value: str | None) -> str | None:
    """The session id of a cookie value, or None when it is missing or forged."""
    if not value or value.count(".") != 1 or len(value) > 128:
        return None
    sid, sig = value.split(".")
    if not sid.isascii() or not sig.isascii():
        return None
    return sid if hmac.compare_digest(sig, _sign(_key(settings), sid)) else None


def chat_id_for(session: str, label: str) -> str:
    """The conversation of one page label within one session (41 characters)."""
    return "w" + hashlib.sha256(f"{session}\x00{label}".encode()).hexdigest()[:40]


def request_session(request: web.Request, settings: Any) -> tuple[str, str | None]:
    """(session id, cookie value to set or None when the request already had one)."""
    sid = session_of(settings, request.cookies.get(COOKIE))
    if sid is not None:
        return sid, None
    cookie = new_cookie(settings)
    return cookie.split(".")[0], cookie


def set_session_cookie(resp: web.StreamResponse, request: web.Request, value: str) -> None:
    """HttpOnly, SameSite=Strict; Secure when the page was reached over HTTPS."""
    secure = request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"
    resp.set_cookie(
        COOKIE, value, max_age=MAX_AGE, path="/", httponly=True, samesite="Strict", secure=secure
    )


def client_address(request: web.Request, trusted: frozenset[str]) -> str:
    """The client's address: the peer, or the nearest untrusted ``X-Forwarded-For`` hop."""
    peer = request.remote or "-"
    if peer not in trusted:
        return peer
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop[:64]
    return peer


class RateLimiter:
    """``per_minute`` requests per key with bursts of ``burst`` (token bucket)."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take a token for ``key``; False when its bucket is empty."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if len(self._buckets) >= MAX_BUCKETS and key not in self._buckets:
            self._forget_full(now)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        return True

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` has a token again (for ``Retry-After``)."""
        tokens, _last = self._buckets.get(key, (self.burst, 0.0))
        return max(1, int((1.0 - tokens) / self.rate) + 1)

    def _forget_full(self, now: float) -> None:
        for key, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.rate >= self.burst:
                del self._buckets[key]
        if len(self._buckets) >= MAX_BUCKETS:  # all busy: forget the oldest half
            for key in sorted(self._buckets, key=lambda k: self._buckets[k][1])[
                : MAX_BUCKETS // 2
            ]:
                del self._buckets[key]
