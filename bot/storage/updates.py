"""Processed-update records: a redelivered webhook or poll update is handled only once.

Telegram redelivers an update when our 200 came too late; Zalo resends a webhook; two workers
behind one URL may both receive one. The primary key (channel, update_id) makes the database
the arbiter, so this holds across processes too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ProcessedUpdate


class UpdateRepo:
    """``first_time`` claims an update id; ``forget`` releases it; ``prune`` trims old rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def first_time(self, channel: str, update_id: str | int) -> bool:
        """True when (channel, update_id) had not been seen; records it (commit to keep it).

        A SAVEPOINT confines the duplicate-key failure, so the caller's session stays usable.
        """
        try:
            async with self.session.begin_nested():
                await self.session.execute(
                    insert(ProcessedUpdate).values(
                        channel=channel,
                        update_id=str(update_id),
                        received_at=dt.datetime.now(dt.UTC),
                    )
                )
        except IntegrityError:
            return False
        return True

    async def forget(self, channel: str, update_id: str | int) -> None:
        """Release a claim, e.g. when processing failed and a redelivery should be handled."""
        await self.session.execute(
            delete(ProcessedUpdate).where(
                ProcessedUpdate.channel == channel,
                ProcessedUpdate.update_id == str(update_id),
            )
        )

    async def prune(self, older_than: dt.datetime) -> int:
        """Delete records received before ``older_than``; returns how many were removed."""
        result = await self.session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.received_at < older_than)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def seen(self, channel: str, update_id: str | int) -> bool:
        """Whether (channel, update_id) is recorded (read only)."""
        from sqlalchemy import select

        stmt = select(ProcessedUpdate.update_id).where(
            ProcessedUpdate.channel == channel, ProcessedUpdate.update_id == str(update_id)
        )
        return (await self.session.execute(stmt)).first() is not None
