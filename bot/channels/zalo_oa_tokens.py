"""Zalo OA sending with access-token refresh; tokens persisted in the ``kv`` table.

OA access tokens last about 25 hours and refresh tokens are single-use: after a refresh only
the NEW refresh token works. So the new pair is committed before the access token is used,
the refresh is serialised (an asyncio lock in the process, a row lock on the stored refresh
token across PostgreSQL workers), and a worker that waited re-reads what the winner stored
instead of spending the already-used refresh token again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

import aiohttp

from bot.channels.zalo_common import ZaloApiError, as_int, post_with_retries

log = logging.getLogger(__name__)

ACCESS_KEY = "zalo_oa.access_token"
EXPIRES_KEY = "zalo_oa.access_expires_at"
REFRESH_KEY = "zalo_oa.refresh_token"
TOKEN_ERRORS = {-216, -124}  # access token invalid / expired
REFRESH_MARGIN = dt.timedelta(minutes=10)
DEFAULT_LIFETIME_S = 90000  # 25 h, used when the answer has no expires_in


class OaClient:
    """Sends CS text messages for one OA; refreshes its access token when needed."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.settings = app.settings
        self._session: aiohttp.ClientSession | None = None
        self._lock = asyncio.Lock()
        self._access: str | None = None
        self._expires: dt.datetime | None = None
        self._loaded = False

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    def _now(self) -> dt.datetime:
        return self.app.services.clock.now()

    async def _load(self) -> None:
        """Stored tokens win over the environment (which holds the first, long-used pair)."""
        async with self.app.uow() as uow:
            access = await uow.repos.kv.get(ACCESS_KEY)
            expires = await uow.repos.kv.get(EXPIRES_KEY)
        self._access = access or self.settings.zalo_oa_access_token
        self._expires = _parse_time(expires) if access else None
        self._loaded = True

    async def access_token(self) -> str:
        """A usable access token, refreshed first when missing or about to expire."""
        if not self._loaded:
            await self._load()
        if self._access and (
            self._expires is None or self._expires - self._now() > REFRESH_MARGIN
        ):
            return self._access
        return await self.refresh(stale=self._access)

    async def refresh(self, stale: str | None) -> str:
        """Trade the stored refresh token for a new pair and persist both before use."""
        async with self._lock:
            if self._access and self._access != stale:
                return self._access  # refreshed by another task while we waited
            async with self.app.uow() as uow:
                kv = uow.repos.kv
                refresh_token = await kv.get(REFRESH_KEY, for_update=True)
                stored = await kv.get(ACCESS_KEY)
                stored_exp = _parse_time(await kv.get(EXPIRES_KEY))
                if stored and stored != stale and stored_exp and stored_exp > self._now():
                    self._access, self._expires = stored, stored_exp  # another worker did it
                    return stored
                refresh_token = refresh_token or self.settings.zalo_oa_refresh_token
                if not refresh_token:
                    raise ZaloApiError("no Zalo OA refresh token (set ZALO_OA_REFRESH_TOKEN)")
                data = await post_with_retries(
                    self.session(),
                    f"{self.settings.zalo_oa_oauth_base_url.rstrip('/')}/v4/oa/access_token",
                    form={
                        "refresh_token": refresh_token,
                        "app_id": self.settings.zalo_oa_app_id or "",
                        "grant_type": "refresh_token",
                    },
                    headers={"secret_key": self.settings.zalo_oa_app_secret or ""},
                    attempts=3,
                    timeout=10,
                )
                access, new_refresh = data.get("access_token"), data.get("refresh_token")
                if not access or not new_refresh:
                    raise ZaloApiError(
                        f"token refresh refused: {data.get('error_name') or data.get('error')}",
                        as_int(data.get("error")),
                    )
                lifetime = as_int(data.get("expires_in")) or DEFAULT_LIFETIME_S
                expires = self._now() + dt.timedelta(seconds=lifetime)
                await kv.set(REFRESH_KEY, str(new_refresh))
                await kv.set(ACCESS_KEY, str(access))
                await kv.set(EXPIRES_KEY, expires.isoformat())
                await uow.commit()
            log.info("zalo OA access token refreshed, valid %d s", lifetime)
            self._access, self._expires = str(access), expires
            return self._access

    async def send_text(self, user_id: str, text: str) -> None:
        """One CS text message; on a token error the token is refreshed and sent once more."""
        url = f"{self.settings.zalo_oa_api_base_url.rstrip('/')}/v3.0/oa/message/cs"
        body = {"recipient": {"user_id": user_id}, "message": {"text": text}}
        for attempt in range(2):
            token = await self.access_token()
            data = await post_with_retries(
                self.session(), url, json_body=body, headers={"access_token": token}
            )
            code = as_int(data.get("error")) or 0
            if code == 0:
                return
            if code in TOKEN_ERRORS and attempt == 0:
                await self.refresh(stale=token)
                continue
            raise ZaloApiError(f"message/cs: {data.get('message') or 'error'}", code)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
