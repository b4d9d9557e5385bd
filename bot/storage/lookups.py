"""Failed dossier verifications, counted for the lockouts (shared by every worker).

Two budgets use the same rows: failures of one chat (a mistyped number), and failures on
one receipt code from any chat. A chat id costs an attacker nothing (a new web session, a
new Zalo account), so only the per-code budget stops a guesser who rotates chats.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import LookupAttempt


class LookupRepo:
    """Failed verifications per chat and per code, in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record_failure(
        self, channel: str, chat_id: str, now: dt.datetime, code: str | None = None
    ) -> None:
        """Remember one failed verification of this chat (on ``code`` when known)."""
        self.session.add(
            LookupAttempt(channel=channel, chat_id=chat_id, at=utc(now), dossier_code=code)
        )
        await self.session.flush()

    async def record_code_failure(self, code: str, now: dt.datetime) -> None:
        """A failure counted on ``code`` only (a tail lookup that stood for several codes:
        the chat's own failure is recorded once, on the first)."""
        self.session.add(LookupAttempt(channel="", chat_id="", at=utc(now), dossier_code=code))
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

    async def code_failures_since(self, code: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of the failed verifications on ``code`` (any chat) after ``since``."""
        stmt = (
            select(LookupAttempt.at)
            .where(LookupAttempt.dossier_code == code, LookupAttempt.at > utc(since))
            .order_by(LookupAttempt.at)
        )
        return [utc(at) for at in (await self.session.execute(stmt)).scalars()]

    async def locked_codes(
        self, since: dt.datetime, threshold: int
    ) -> list[tuple[str, int, dt.datetime]]:
        """Codes with at least ``threshold`` failures after ``since``: (code, count, last)."""
        stmt = (
            select(LookupAttempt.dossier_code, func.count(), func.max(LookupAttempt.at))
            .where(LookupAttempt.dossier_code.is_not(None), LookupAttempt.at > utc(since))
            .group_by(LookupAttempt.dossier_code)
            .having(func.count() >= threshold)
            .order_by(func.max(LookupAttempt.at).desc())
        )
        return [(str(c), int(n), utc(last)) for c, n, last in (await self.session.execute(stmt))]

    async def lift(self, code: str) -> int:
        """Staff lift the lock of ``code``: its failures are forgotten; returns how many."""
        result = await self.session.execute(
            delete(LookupAttempt).where(LookupAttempt.dossier_code == code)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def prune(self, before: dt.datetime) -> int:
        """Forget failed verifications older than ``before`` (they no longer matter)."""
        result = await self.session.execute(
            delete(LookupAttempt).where(LookupAttempt.at < utc(before))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
