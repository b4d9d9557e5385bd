"""Small persistent key/value settings (table ``kv``).

Used for values that must survive a restart and be shared by every worker, e.g. the Zalo OA
refresh token: it is single-use, so losing the newest one locks the bot out of the OA until a
person re-authorises the app.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import KeyValue


class KeyValueRepo:
    """``get``/``set``/``delete`` on short string keys (at most 64 characters)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str, *, for_update: bool = False) -> str | None:
        """The value of ``key`` or None; ``for_update`` row-locks it until commit (PostgreSQL),
        which serialises read-modify-write sequences across worker processes."""
        stmt = select(KeyValue.value).where(KeyValue.key == key)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def set(self, key: str, value: str) -> None:
        """Insert or replace ``key`` (commit to keep it)."""
        if len(key) > 64:
            raise ValueError("kv keys are at most 64 characters")
        now = dt.datetime.now(dt.UTC)
        result = await self.session.execute(
            update(KeyValue).where(KeyValue.key == key).values(value=value, updated_at=now)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            return
        try:
            async with self.session.begin_nested():
                await self.session.execute(
                    insert(KeyValue).values(key=key, value=value, updated_at=now)
                )
        except IntegrityError:  # another worker inserted it meanwhile: last writer wins
            await self.session.execute(
                update(KeyValue).where(KeyValue.key == key).values(value=value, updated_at=now)
            )

    async def delete(self, key: str) -> bool:
        """Remove ``key``; True when it existed."""
        result = await self.session.execute(delete(KeyValue).where(KeyValue.key == key))
        return bool(result.rowcount)  # type: ignore[attr-defined]
