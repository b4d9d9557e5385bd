"""The question log, turns per chat and day, and plain daily counters (staff analytics).

Questions are written inside the turn's own transaction (``handlers.feedback.log``), turn
counts in batches (``handlers.feedback.counts``): the text is masked
before it gets here, the chat is a keyed hash. ``purge`` drops what is older than
``RETENTION_DAYS``; ``daily_counts`` hold no chat and are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import dialect_insert, insert_for
from bot.storage.jobs import utc
from bot.storage.models import ChatProfile
from bot.storage.models_handoff import ChatDay, DailyCount, QuestionLog


def _profile_ward(channel: str, chat_id: str, default: str | None) -> Any:
    """SQL for "the ward of this chat's profile, else ``default``" (no extra round trip)."""
    return func.coalesce(
        select(ChatProfile.ward_code)
        .where(ChatProfile.channel == channel, ChatProfile.chat_id == chat_id)
        .scalar_subquery(),
        default,
    )


def _count_turn(dialect: str) -> Any:
    """The upsert of ``count_turn``, built once per dialect (issue 17: building it and its
    cache key per turn cost more than running it). A NULL ``c_chat`` matches no profile,
    so the ward is then ``c_ward``, as without a ``chat_id``."""
    table = ChatDay.__table__
    said = func.coalesce(
        select(ChatProfile.ward_code)
        .where(
            ChatProfile.channel == bindparam("c_channel"),
            ChatProfile.chat_id == bindparam("c_chat"),
        )
        .scalar_subquery(),
        bindparam("c_ward", type_=String()),
    )
    insert = dialect_insert(dialect)(table).values(
        day=bindparam("c_day"),
        channel=bindparam("c_channel"),
        chat_hash=bindparam("c_hash"),
        turns=bindparam("c_turns", type_=Integer()),
        ward_code=said,
    )
    return insert.on_conflict_do_update(
        index_elements=["day", "channel", "chat_hash"],
        set_={
            "turns": table.c.turns + insert.excluded.turns,
            "ward_code": insert.excluded.ward_code,
        },
    )


_COUNT_TURN: dict[str, Any] = {}  # dialect name -> statement


@dataclass(frozen=True)
class LoggedQuestion:
    """One row of the question log as flows see it."""

    at: dt.datetime
    text: str
    intent: str
    band: str
    top_code: str | None
    understood: bool


class QuestionRepo:
    """Append to the log, read a chat's last questions, count turns and events."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        at: dt.datetime,
        channel: str,
        chat_hash: str,
        text: str,
        intent: str,
        band: str,
        top_code: str | None,
        score: float | None,
        latency_ms: int,
        understood: bool,
        ward_code: str | None = None,
        chat_id: str | None = None,
    ) -> None:
        """Log one free-text question (``text`` already masked) of the chat's ward: the ward
        of ``chat_id``'s profile, read in the same statement (``ward_code`` when it has
        none), or ``ward_code`` without a ``chat_id``."""
        said: Any = ward_code if chat_id is None else _profile_ward(channel, chat_id, ward_code)
        self.session.add(
            QuestionLog(
                at=utc(at),
                channel=channel[:16],
                chat_hash=chat_hash,
                text=text[:2000],
                intent=intent[:32],
                band=band[:16],
                top_code=top_code[:32] if top_code else None,
                score=score,
                latency_ms=max(int(latency_ms), 0),
                understood=1 if understood else 0,
                ward_code=said,
            )
        )
        await self.session.flush()

    async def last_for_chat(
        self, chat_hash: str, since: dt.datetime, limit: int = 5
    ) -> list[LoggedQuestion]:
        """The chat's latest questions since ``since``, newest first."""
        stmt = (
            select(QuestionLog)
            .where(QuestionLog.chat_hash == chat_hash, QuestionLog.at >= utc(since))
            .order_by(QuestionLog.id.desc())
            .limit(limit)
        )
        return [
            LoggedQuestion(
                at=utc(r.at),
                text=r.text,
                intent=r.intent,
                band=r.band,
                top_code=r.top_code,
                understood=bool(r.understood),
            )
            for r in (await self.session.execute(stmt)).scalars()
        ]

    async def count_turn(
        self,
        day: dt.date,
        channel: str,
        chat_hash: str,
        chat_id: str | None = None,
        ward: str | None = None,
    ) -> None:
        """One more turn of this chat on ``day``, of the ward its profile names (read in the
        same statement from ``chat_id``'s profile; ``ward`` when it has none)."""
        await self.count_turns([(day, channel, chat_hash, chat_id, ward, 1)])

    async def count_turns(
        self, rows: list[tuple[dt.date, str, str, str | None, str | None, int]]
    ) -> None:
        """``count_turn`` for many chats at once: (day, channel, chat hash, chat id, ward,
        turns) each, in one ``executemany`` (``handlers.feedback.counts``)."""
        if not rows:
            return
        dialect = self.session.get_bind().dialect.name
        stmt = _COUNT_TURN.get(dialect)
        if stmt is None:
            stmt = _COUNT_TURN[dialect] = _count_turn(dialect)
        params = [
            {
                "c_day": day,
                "c_channel": channel[:16],
                "c_hash": chat_hash,
                "c_chat": chat_id,
                "c_ward": ward,
                "c_turns": turns,
            }
            for day, channel, chat_hash, chat_id, ward, turns in rows
        ]
        await self.session.execute(stmt, params)

    async def bump(self, name: str, day: dt.date, by: int = 1) -> None:
        """Add to a daily counter (``dossier_lookup``...)."""
        stmt = (
            insert_for(self.session)(DailyCount)
            .values(day=day, name=name[:32], count=by)
            .on_conflict_do_update(
                index_elements=["day", "name"], set_={"count": DailyCount.count + by}
            )
        )
        await self.session.execute(stmt)

    async def purge(self, before: dt.datetime) -> int:
        """Delete questions and per-chat turn counts older than ``before`` (retention)."""
        a = await self.session.execute(delete(QuestionLog).where(QuestionLog.at < utc(before)))
        local_day = before.date()
        b = await self.session.execute(delete(ChatDay).where(ChatDay.day < local_day))
        return int((a.rowcount or 0) + (b.rowcount or 0))  # type: ignore[attr-defined]
