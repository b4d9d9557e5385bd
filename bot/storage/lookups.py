"""Failed dossier verifications, counted for the lockout (shared by every worker)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import LookupAttempt


class LookupRepo:
    """Failed verifications per chat, in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record_failure(self, channel: str, chat_id: str, now: dt.datetime) -> None:
        """Remember one failed verification of this chat."""
        self.session.add(LookupAttempt(channel=channel, chat_id=chat_id, at=utc(now)))
        await self.session.flush()

    async def failures_since(
        self, channel: str, chat_id: str, since: dt.datetime
    ) -> list[dt.datetime]:
        """Times of this chat's failed verifications after ``since``, oldest first."""
        stmt = (
            select(LookupAttempt.at)
            .where(
                LookupAttempt.channel == channel,
                LookupAttempt.chat_id == chat_id,
                LookupAttempt.at > utc(since),
            )
            .order_by(LookupAttempt.at)
        )
        return [utc(at) for at in (await self.session.execute(stmt)).scalars()]

    async def prune(self, before: dt.datetime) -> int:
        """Forget failed verifications older than ``before`` (they no longer matter)."""
        result = await self.session.execute(
            delete(LookupAttempt).where(LookupAttempt.at < utc(before))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
