"""Pulling dossier statuses from a deployment's one-stop software.

``StatusSource`` is what the status flow uses (``services.extra["status_source"]``): after a
citizen is verified, the bot asks the source for the current status and, when it differs,
records the change (history + notifications) before answering. ``HttpStatusSource`` speaks a
small JSON protocol that an adapter in front of the one-stop software can implement:

``GET {base_url}/dossiers/{code}`` -> 200 ``{"code", "status", "note"?}`` or 404.

Timeouts and 5xx answers are retried with a short back-off; anything else fails fast with
``StatusSourceError`` (the flow then answers from the local data).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import aiohttp

from handlers.status.dossier import canonical_status

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RemoteStatus:
    """A dossier's status as the one-stop software reports it (official status name)."""

    code: str
    status: str
    note: str | None = None


class StatusSource(Protocol):
    async def fetch(self, code: str) -> RemoteStatus | None:
        """The current status of ``code``, or None when the source does not know it."""
        ...


class StatusSourceError(Exception):
    """The source could not answer (down, slow, or answered nonsense)."""


class HttpStatusSource:
    """``StatusSource`` over HTTP with aiohttp: base URL, per-request timeout, retries."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.2,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.retries = max(retries, 0)
        self.backoff = backoff

    async def fetch(self, code: str) -> RemoteStatus | None:
        """See ``StatusSource.fetch``; raises ``StatusSourceError`` after the last retry."""
        url = f"{self.base_url}/dossiers/{quote(code, safe='')}"
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                async with aiohttp.ClientSession(timeout=self.timeout) as http:
                    async with http.get(url, headers=headers) as resp:
                        if resp.status == 404:
                            return None
                        if resp.status >= 500:
                            last = StatusSourceError(f"HTTP {resp.status}")
                            continue
                        if resp.status != 200:
                            raise StatusSourceError(f"HTTP {resp.status}")
                        data = await resp.json(content_type=None)
                return _parse(code, data)
            except (aiohttp.ClientError, TimeoutError) as exc:
                last = exc
        raise StatusSourceError(f"no answer after {self.retries + 1} tries: {last!r}")


def _parse(code: str, data: Any) -> RemoteStatus:
    if not isinstance(data, dict):
        raise StatusSourceError("expected a JSON object")
    status = canonical_status(str(data.get("status") or ""))
    if status is None:
        raise StatusSourceError(f"unknown status {str(data.get('status'))[:40]!r}")
    note = data.get("note")
    return RemoteStatus(code=code, status=status, note=str(note) if note else None)


async def on_start(app: Any) -> None:
    """Use the HTTP source when ``STATUS_SOURCE_URL`` is set (start hook)."""
    url = getattr(app.settings, "status_source_url", None)
    if url:
        app.services.extra["status_source"] = HttpStatusSource(
            url, token=getattr(app.settings, "status_source_token", None)
        )
        log.info("dossier statuses are refreshed from the one-stop software")
