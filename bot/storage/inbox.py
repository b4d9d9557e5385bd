"""The durable inbox: updates stored before they are acknowledged, taken per chat in order.

Contract (the same on PostgreSQL and SQLite):

- ``add`` stores an update under a unique ``dedupe_key`` (a redelivery adds nothing) and
  raises the chat's ``last_seq`` on its ``inbox_chats`` row (row-locked until the commit).
- ``claim_chats`` hands a worker chats with work and no live owner: on PostgreSQL read with
  ``FOR UPDATE SKIP LOCKED``, then claimed by a guarded UPDATE; on SQLite every write
  transaction holds the write lock (``bot.storage.db``; idle workers poll ``has_claimable``,
  a read). A claim is a lease: a dead worker is replaced once it runs out.
- the owner processes the chat's pending updates in the platform's order (``sort_key``:
  Telegram's ``update_id``, Zalo's send time); ``finish`` counts one more done (``done_seq``)
  only while it still owns the chat (``LeaseLost`` otherwise), in the turn's transaction.
  An update stored late (a busy event loop) can commit after a later one of the same chat:
  each update settles a moment before it is taken (``bot.channels.delivery``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import InboxChat, InboxItem

PENDING, DONE, FAILED = "pending", "done", "failed"


class LeaseLost(Exception):
    """This worker no longer owns the chat (its lease ran out and another worker took it)."""


@dataclass(frozen=True)
class Item:
    """One stored update as a worker sees it."""

    id: int
    channel: str
    chat_id: str
    seq: int
    sort_key: int
    payload: dict[str, Any]
    attempts: int
    received_at: dt.datetime


def _claimable(now: dt.datetime, settled: dt.datetime | None) -> Any:
    """Chats whose work has settled and that have no live owner, oldest first."""
    live = or_(InboxChat.owner.is_(None), InboxChat.lease_until < now)
    return (
        select(InboxChat.channel, InboxChat.chat_id, InboxChat.owner)
        .where(InboxChat.pending_since <= utc(settled or now), live)
        .order_by(InboxChat.pending_since)
    )


def _insert(dialect: str) -> Any:
    from bot.storage.db import dialect_insert

    return dialect_insert(dialect)


class InboxRepo:
    """Inbox rows and per-chat claims, in the caller's session (the caller commits)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def add(
        self,
        channel: str,
        chat_id: str,
        dedupe_key: str,
        payload: dict[str, Any],
        now: dt.datetime,
        sort_key: int | None = None,
    ) -> int | None:
        """Store one update; its id, or None when ``dedupe_key`` was seen before.
        ``sort_key``: the platform's order of the chat's updates (default: arrival, ms)."""
        seen = await self.session.execute(
            select(InboxItem.id).where(InboxItem.dedupe_key == dedupe_key)
        )
        if seen.first() is not None:
            return None
        now = utc(now)
        insert = _insert(self._dialect())
        bump = (
            insert(InboxChat)
            .values(channel=channel, chat_id=chat_id, last_seq=1, done_seq=0, pending_since=now)
            .on_conflict_do_update(
                index_elements=["channel", "chat_id"],
                set_={
                    "last_seq": InboxChat.last_seq + 1,
                    "pending_since": func.coalesce(InboxChat.pending_since, now),
                },
            )
            .returning(InboxChat.last_seq)
        )
        try:
            async with self.session.begin_nested():
                seq = (await self.session.execute(bump)).scalar_one()
                row = InboxItem(
                    channel=channel,
                    chat_id=chat_id,
                    seq=seq,
                    sort_key=sort_key if sort_key is not None else int(now.timestamp() * 1000),
                    dedupe_key=dedupe_key,
                    payload=payload,
                    status=PENDING,
                    attempts=0,
                    received_at=now,
                )
                self.session.add(row)
                await self.session.flush()
        except IntegrityError:  # the same key stored by another worker meanwhile
            return None
        return int(row.id)

    async def claim_chats(
        self,
        owner: str,
        now: dt.datetime,
        lease: dt.timedelta,
        limit: int = 1,
        settled: dt.datetime | None = None,
    ) -> list[tuple[str, str, bool]]:
        """Claim up to ``limit`` chats with work, oldest first: (channel, chat_id, retaken).

        With ``settled``, only chats whose work is at least that old are taken."""
        now = utc(now)
        pick = _claimable(now, settled).limit(limit)
        if self._dialect() == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        out = []
        for channel, chat_id, previous in (await self.session.execute(pick)).all():
            if await self._take(channel, chat_id, owner, now, lease):
                out.append((channel, chat_id, previous is not None))
        return out

    async def has_claimable(self, now: dt.datetime, settled: dt.datetime | None = None) -> bool:
        """Whether ``claim_chats`` would find a chat (a read: idle workers poll with it)."""
        return (
            await self.session.execute(_claimable(utc(now), settled).limit(1))
        ).first() is not None

    async def claim_chat(
        self, channel: str, chat_id: str, owner: str, now: dt.datetime, lease: dt.timedelta
    ) -> bool:
        """Claim one given chat if it has no live owner (the synchronous web chat)."""
        return await self._take(channel, chat_id, owner, utc(now), lease)

    async def _take(
        self, channel: str, chat_id: str, owner: str, now: dt.datetime, lease: dt.timedelta
    ) -> bool:
        result = await self.session.execute(
            update(InboxChat)
            .where(
                InboxChat.channel == channel,
                InboxChat.chat_id == chat_id,
                or_(InboxChat.owner.is_(None), InboxChat.lease_until < now),
            )
            .values(owner=owner, lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def next_item(self, channel: str, chat_id: str) -> Item | None:
        """The chat's next update to process (the platform's order, then arrival), or None."""
        stmt = (
            select(InboxItem)
            .where(InboxItem.channel == channel, InboxItem.chat_id == chat_id)
            .where(InboxItem.status == PENDING)
            .order_by(InboxItem.sort_key, InboxItem.seq)
            .limit(1)
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        plain = {name: getattr(row, name) for name in ("id", "channel", "chat_id", "seq")}
        return Item(
            **plain,
            sort_key=row.sort_key,
            payload=dict(row.payload or {}),
            attempts=row.attempts,
            received_at=utc(row.received_at),
        )

    async def count_attempt(self, item_id: int) -> None:
        """One more try of an update whose worker died while processing it."""
        bump = update(InboxItem).where(InboxItem.id == item_id)
        await self.session.execute(bump.values(attempts=InboxItem.attempts + 1))

    async def finish(
        self,
        item: Item,
        owner: str,
        now: dt.datetime,
        lease: dt.timedelta,
        error: str | None = None,
    ) -> None:
        """Mark ``item`` processed and move the chat on; ``LeaseLost`` if it is not ours."""
        now = utc(now)
        moved = await self.session.execute(
            update(InboxChat)
            .where(
                InboxChat.channel == item.channel,
                InboxChat.chat_id == item.chat_id,
                InboxChat.owner == owner,
            )
            .values(done_seq=InboxChat.done_seq + 1, lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        done = await self.session.execute(
            update(InboxItem)
            .where(InboxItem.id == item.id, InboxItem.status == PENDING)
            .values(status=FAILED if error else DONE, done_at=now, last_error=error, payload={})
            .execution_options(synchronize_session=False)
        )
        if moved.rowcount != 1 or done.rowcount != 1:  # type: ignore[attr-defined]
            raise LeaseLost(f"{item.channel}:{item.seq}")

    async def release(self, channel: str, chat_id: str, owner: str) -> bool:
        """Give the chat up when it has no more work; False when new work arrived (go on)."""
        result = await self.session.execute(
            update(InboxChat)
            .where(
                InboxChat.channel == channel,
                InboxChat.chat_id == chat_id,
                InboxChat.owner == owner,
                InboxChat.done_seq == InboxChat.last_seq,
            )
            .values(owner=None, lease_until=None, pending_since=None)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def defer(self, channel: str, chat_id: str, owner: str, until: dt.datetime) -> None:
        """Give the chat up until its next update has settled (``pending_since = until``)."""
        await self.session.execute(
            update(InboxChat)
            .where(
                InboxChat.channel == channel,
                InboxChat.chat_id == chat_id,
                InboxChat.owner == owner,
            )
            .values(owner=None, lease_until=None, pending_since=utc(until))
            .execution_options(synchronize_session=False)
        )

    async def hand_over(self, channel: str, chat_id: str, owner: str) -> None:
        """Give the chat up with its work left (another worker takes it at once)."""
        await self.session.execute(
            update(InboxChat)
            .where(
                InboxChat.channel == channel,
                InboxChat.chat_id == chat_id,
                InboxChat.owner == owner,
            )
            .values(owner=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )

    async def status_of(self, item_id: int) -> str | None:
        """``pending``, ``done`` or ``failed``; None for an unknown id."""
        stmt = select(InboxItem.status).where(InboxItem.id == item_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def backlog(self, now: dt.datetime) -> tuple[int, float]:
        """Updates waiting, and the age in seconds of the oldest (metrics)."""
        stmt = select(func.count(), func.min(InboxItem.received_at)).where(
            InboxItem.status == PENDING
        )
        count, oldest = (await self.session.execute(stmt)).one()
        age = (utc(now) - utc(oldest)).total_seconds() if oldest is not None else 0.0
        return int(count or 0), max(age, 0.0)

    async def prune(self, before: dt.datetime) -> int:
        """Forget processed updates older than ``before`` (their keys no longer dedupe)."""
        result = await self.session.execute(
            delete(InboxItem).where(InboxItem.status != PENDING, InboxItem.done_at < utc(before))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def owner_of(self, channel: str, chat_id: str) -> str | None:
        """Who holds the chat now (None when nobody does)."""
        stmt = select(InboxChat.owner).where(
            InboxChat.channel == channel, InboxChat.chat_id == chat_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
