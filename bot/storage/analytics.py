"""Read-only queries behind the staff analytics (``bot.staff.analytics`` builds the report).

Every query takes a half-open UTC interval ``[start, end)`` (or local dates for the per-day
tables) and returns plain numbers or tuples; no row object leaves this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import Booking
from bot.storage.models_handoff import (
    ChatDay,
    DailyCount,
    Feedback,
    Handoff,
    QuestionLog,
    Rating,
)

MAX_UNANSWERED = 5000  # rows read for the grouping of unanswered questions
LOOKUPS = "dossier_lookup"  # the daily counter; ``dossier_lookup@<ward>`` per ward


def _of(model: Any, ward: str | None) -> tuple[Any, ...]:
    """The condition "of ward ``ward``" (none for every ward)."""
    return () if ward is None else (model.ward_code == ward,)


class AnalyticsRepo:
    """Counts over one period."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, stmt: Any) -> list[Any]:
        return list((await self.session.execute(stmt)).all())

    async def turns_and_chats(
        self, first: dt.date, last: dt.date, ward: str | None = None
    ) -> tuple[int, int]:
        """Turns, and distinct chats, on the local days ``first``..``last``."""
        in_range = (ChatDay.day >= first, ChatDay.day <= last, *_of(ChatDay, ward))
        turns = (
            await self.session.execute(select(func.sum(ChatDay.turns)).where(*in_range))
        ).scalar_one_or_none()
        chats = select(ChatDay.channel, ChatDay.chat_hash).where(*in_range).distinct()
        count = (
            await self.session.execute(select(func.count()).select_from(chats.subquery()))
        ).scalar_one()
        return int(turns or 0), int(count or 0)

    async def questions_by_band(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> dict[str, int]:
        """Logged questions per confidence band."""
        stmt = (
            select(QuestionLog.band, func.count())
            .where(
                QuestionLog.at >= utc(start), QuestionLog.at < utc(end), *_of(QuestionLog, ward)
            )
            .group_by(QuestionLog.band)
        )
        return {str(band): int(n) for band, n in await self._all(stmt)}

    async def questions_by_intent(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> dict[str, int]:
        """Logged questions per intent."""
        stmt = (
            select(QuestionLog.intent, func.count())
            .where(
                QuestionLog.at >= utc(start), QuestionLog.at < utc(end), *_of(QuestionLog, ward)
            )
            .group_by(QuestionLog.intent)
        )
        return {str(intent): int(n) for intent, n in await self._all(stmt)}

    async def top_codes(
        self, start: dt.datetime, end: dt.datetime, limit: int = 10, ward: str | None = None
    ) -> list[tuple[str, int]]:
        """Procedures answered most often (band ``answer``)."""
        n = func.count().label("n")
        stmt = (
            select(QuestionLog.top_code, n)
            .where(
                QuestionLog.at >= utc(start), QuestionLog.at < utc(end), *_of(QuestionLog, ward)
            )
            .where(QuestionLog.band == "answer", QuestionLog.top_code.is_not(None))
            .group_by(QuestionLog.top_code)
            .order_by(n.desc(), QuestionLog.top_code)
            .limit(limit)
        )
        return [(str(code), int(count)) for code, count in await self._all(stmt)]

    async def unanswered_texts(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> list[str]:
        """Masked texts of the questions the bot had nothing for, newest first."""
        stmt = (
            select(QuestionLog.text)
            .where(
                QuestionLog.at >= utc(start), QuestionLog.at < utc(end), *_of(QuestionLog, ward)
            )
            .where(QuestionLog.understood == 0)
            .order_by(QuestionLog.id.desc())
            .limit(MAX_UNANSWERED)
        )
        return [str(row[0]) for row in await self._all(stmt)]

    async def votes(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> list[tuple[str, str, int, int]]:
        """``(procedure_code, kind, up, down)`` for votes given in the period."""
        up = func.sum(case((Feedback.vote > 0, 1), else_=0))
        down = func.sum(case((Feedback.vote < 0, 1), else_=0))
        stmt = (
            select(Feedback.procedure_code, Feedback.kind, up, down)
            .where(Feedback.at >= utc(start), Feedback.at < utc(end), *_of(Feedback, ward))
            .group_by(Feedback.procedure_code, Feedback.kind)
            .order_by(Feedback.procedure_code, Feedback.kind)
        )
        return [(str(c), str(k), int(u or 0), int(d or 0)) for c, k, u, d in await self._all(stmt)]

    async def comments(
        self, start: dt.datetime, end: dt.datetime, limit: int = 50, ward: str | None = None
    ) -> list[tuple[str, str]]:
        """``(procedure_code, comment)`` of the "thiếu gì ạ?" answers, newest first."""
        stmt = (
            select(Feedback.procedure_code, Feedback.comment)
            .where(Feedback.at >= utc(start), Feedback.at < utc(end), *_of(Feedback, ward))
            .where(Feedback.comment.is_not(None))
            .order_by(Feedback.at.desc())
            .limit(limit)
        )
        return [(str(c), str(text)) for c, text in await self._all(stmt)]

    async def ratings(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> list[tuple[str, int, int]]:
        """``(subject, score, count)`` of the satisfaction answers."""
        stmt = (
            select(Rating.subject, Rating.score, func.count())
            .where(Rating.at >= utc(start), Rating.at < utc(end), *_of(Rating, ward))
            .group_by(Rating.subject, Rating.score)
        )
        return [(str(s), int(score), int(n)) for s, score, n in await self._all(stmt)]

    async def handoffs(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> list[dict[str, Any]]:
        """Handoffs opened in the period: mode, status, and seconds to the first reply."""
        stmt = select(
            Handoff.mode, Handoff.status, Handoff.created_at, Handoff.first_reply_at
        ).where(
            Handoff.created_at >= utc(start), Handoff.created_at < utc(end), *_of(Handoff, ward)
        )
        out = []
        for mode, status, created, first in await self._all(stmt):
            wait = (utc(first) - utc(created)).total_seconds() if first is not None else None
            out.append({"mode": mode, "status": status, "first_reply_s": wait})
        return out

    async def bookings(
        self, start: dt.datetime, end: dt.datetime, ward: str | None = None
    ) -> list[tuple[str, str, int]]:
        """``(programme_id, status, count)`` of bookings made in the period."""
        stmt = (
            select(Booking.programme_id, Booking.status, func.count())
            .where(Booking.created_at >= utc(start), Booking.created_at < utc(end))
            .where(*_of(Booking, ward))
            .group_by(Booking.programme_id, Booking.status)
        )
        return [(str(p), str(s), int(n)) for p, s, n in await self._all(stmt)]

    async def counter(self, name: str, first: dt.date, last: dt.date) -> int:
        """A daily counter summed over the local days ``first``..``last``."""
        stmt = select(func.sum(DailyCount.count)).where(
            DailyCount.name == name, DailyCount.day >= first, DailyCount.day <= last
        )
        return int((await self.session.execute(stmt)).scalar_one_or_none() or 0)

    async def by_ward(
        self, start: dt.datetime, end: dt.datetime, first: dt.date, last: dt.date
    ) -> dict[str | None, dict[str, Any]]:
        """The same period ward by ward (``None``: rows of no known ward): turns, chats,
        questions, unanswered, handoffs and those answered, bookings, satisfaction answers
        and their mean, dossier lookups."""
        out: dict[str | None, dict[str, Any]] = {}

        def put(ward: Any, **values: Any) -> None:
            out.setdefault(str(ward) if ward is not None else None, {}).update(values)

        days = (ChatDay.day >= first, ChatDay.day <= last)
        per_chat = (
            select(ChatDay.ward_code, ChatDay.channel, ChatDay.chat_hash, func.sum(ChatDay.turns))
            .where(*days)
            .group_by(ChatDay.ward_code, ChatDay.channel, ChatDay.chat_hash)
            .subquery()
        )
        cols = list(per_chat.c)
        stmt: Any = select(cols[0], func.sum(cols[3]), func.count()).group_by(cols[0])
        for ward, turns, chats in await self._all(stmt):
            put(ward, turns=int(turns or 0), chats=int(chats))
        missed = func.sum(case((QuestionLog.understood == 0, 1), else_=0))
        stmt = (
            select(QuestionLog.ward_code, func.count(), missed)
            .where(QuestionLog.at >= utc(start), QuestionLog.at < utc(end))
            .group_by(QuestionLog.ward_code)
        )
        for ward, n, unanswered in await self._all(stmt):
            put(ward, questions=int(n), unanswered=int(unanswered or 0))
        stmt = (
            select(Handoff.ward_code, func.count(), func.count(Handoff.first_reply_at))
            .where(Handoff.created_at >= utc(start), Handoff.created_at < utc(end))
            .group_by(Handoff.ward_code)
        )
        for ward, n, answered in await self._all(stmt):
            put(ward, handoffs=int(n), handoffs_answered=int(answered))
        stmt = (
            select(Booking.ward_code, func.count())
            .where(Booking.created_at >= utc(start), Booking.created_at < utc(end))
            .group_by(Booking.ward_code)
        )
        for ward, n in await self._all(stmt):
            put(ward, bookings=int(n))
        stmt = (
            select(Rating.ward_code, func.count(), func.avg(Rating.score))
            .where(Rating.at >= utc(start), Rating.at < utc(end))
            .group_by(Rating.ward_code)
        )
        for ward, n, mean in await self._all(stmt):
            put(ward, ratings=int(n), satisfaction_mean=round(float(mean), 2) if n else None)
        stmt = (
            select(DailyCount.name, func.sum(DailyCount.count))
            .where(DailyCount.name.like(LOOKUPS + "@%"), DailyCount.day >= first)
            .where(DailyCount.day <= last)
            .group_by(DailyCount.name)
        )
        for name, n in await self._all(stmt):
            put(str(name).partition("@")[2], dossier_lookups=int(n or 0))
        return out
