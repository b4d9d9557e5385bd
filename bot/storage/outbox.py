"""The outbox: messages committed together with the turn that produced them, sent after.

A row is ``pending`` until its send is recorded. Before a batch is sent, ``start`` counts an
attempt on each row; a row found with an attempt already counted was being sent when a
worker died, so sending it again may repeat a message the citizen already got. That is the
only case of a repeated reply, and it is counted (``tthc_sends_total{result="resent"}``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import OutboxItem

PENDING, SENT, FAILED = "pending", "sent", "failed"


@dataclass(frozen=True)
class Message:
    """One outgoing message: what the channel's sender gets."""

    id: int
    inbox_id: int | None
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int


def _message(row: OutboxItem) -> Message:
    return Message(
        id=row.id,
        inbox_id=row.inbox_id,
        channel=row.channel,
        chat_id=row.chat_id,
        payload=dict(row.payload or {}),
        attempts=row.attempts,
    )


class OutboxRepo:
    """Outgoing messages, in the caller's session (the caller commits)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        inbox_id: int | None,
        channel: str,
        chat_id: str,
        payloads: list[dict[str, Any]],
        now: dt.datetime,
    ) -> None:
        """Queue messages for one chat, in this order."""
        for payload in payloads:
            self.session.add(
                OutboxItem(
                    inbox_id=inbox_id,
                    channel=channel,
                    chat_id=chat_id,
                    payload=payload,
                    status=PENDING,
                    attempts=0,
                    created_at=utc(now),
                )
            )
        await self.session.flush()

    async def pending_for_chat(self, channel: str, chat_id: str) -> list[Message]:
        """The chat's unsent messages, oldest first."""
        stmt = (
            select(OutboxItem)
            .where(
                OutboxItem.channel == channel,
                OutboxItem.chat_id == chat_id,
                OutboxItem.status == PENDING,
            )
            .order_by(OutboxItem.id)
        )
        return [_message(r) for r in (await self.session.execute(stmt)).scalars()]

    async def start(self, ids: list[int]) -> None:
        """Count an attempt on each message about to be sent (commit before sending)."""
        if ids:
            await self.session.execute(
                update(OutboxItem)
                .where(OutboxItem.id.in_(ids))
                .values(attempts=OutboxItem.attempts + 1)
                .execution_options(synchronize_session=False)
            )

    async def mark(
        self, message_id: int, status: str, now: dt.datetime, error: str | None = None
    ) -> None:
        """Record the outcome of one send."""
        await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == message_id)
            .values(status=status, sent_at=utc(now), last_error=error)
            .execution_options(synchronize_session=False)
        )

    async def take_for_inbox(self, inbox_id: int, now: dt.datetime) -> list[Message]:
        """The unsent messages of one update, marked sent (the web chat answers with them)."""
        stmt = (
            select(OutboxItem)
            .where(OutboxItem.inbox_id == inbox_id, OutboxItem.status == PENDING)
            .order_by(OutboxItem.id)
        )
        rows = [_message(r) for r in (await self.session.execute(stmt)).scalars()]
        if rows:
            await self.session.execute(
                update(OutboxItem)
                .where(OutboxItem.id.in_([m.id for m in rows]))
                .values(status=SENT, sent_at=utc(now), attempts=OutboxItem.attempts + 1)
                .execution_options(synchronize_session=False)
            )
        return rows

    async def stale(self, channel: str, before: dt.datetime, limit: int = 100) -> list[Message]:
        """Unsent messages of ``channel`` older than ``before`` (nobody came for them)."""
        stmt = (
            select(OutboxItem)
            .where(
                OutboxItem.channel == channel,
                OutboxItem.status == PENDING,
                OutboxItem.created_at < utc(before),
            )
            .order_by(OutboxItem.id)
            .limit(limit)
        )
        return [_message(r) for r in (await self.session.execute(stmt)).scalars()]

    async def count(self, status: str | None = None) -> int:
        """Number of messages, optionally of one status (tests, metrics)."""
        stmt = select(func.count()).select_from(OutboxItem)
        if status:
            stmt = stmt.where(OutboxItem.status == status)
        return int((await self.session.execute(stmt)).scalar_one())

    async def prune(self, before: dt.datetime) -> int:
        """Forget sent or failed messages older than ``before``."""
        result = await self.session.execute(
            delete(OutboxItem).where(
                OutboxItem.status != PENDING, OutboxItem.sent_at < utc(before)
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
