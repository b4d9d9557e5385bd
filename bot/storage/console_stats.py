"""Per-day figures the console's charts need beyond the analytics report.

Days are Vietnamese calendar days; rows are bucketed here rather than in SQL because
SQLite and PostgreSQL disagree on time-zone date functions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models_handoff import QuestionLog
from handlers.context import VN_TZ

MAX_ROWS = 200_000  # a year of a busy ward; beyond that the chart is a sample


class ConsoleStatsRepo:
    """Read-only queries of the console's statistics page."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def questions_per_day(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> dict[tuple[dt.date, str], int]:
        """(local day, band) -> logged questions in ``[start, end)`` (of one ward)."""
        stmt = (
            select(QuestionLog.at, QuestionLog.band)
            .where(QuestionLog.at >= utc(start), QuestionLog.at < utc(end))
            .limit(MAX_ROWS)
        )
        if ward is not None:
            stmt = stmt.where(QuestionLog.ward_code == ward)
        counts: Counter[tuple[dt.date, str]] = Counter()
        for at, band in (await self.session.execute(stmt)).all():
            counts[(at.astimezone(VN_TZ).date(), str(band))] += 1
        return dict(counts)
