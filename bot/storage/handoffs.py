"""Handoffs to staff and their threads, in the caller's session (the caller commits).

A handoff is one row plus its messages. Writers that must not interleave (two staff
answering at once, a staff reply and a close) take the handoff's row lock first (``lock``:
``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises every write transaction), so the
thread's order is the order of the commits, which is the order the citizen reads them.
A message may carry a ``dedupe_key`` (a Telegram update, an ``Idempotency-Key``): adding the
same key twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoff_records import (
    CLOSED,
    OPEN,
    STATUSES,
    HandoffRecord,
    ThreadMessage,
    handoff_of,
    message_of,
    new_code,
)
from bot.storage.jobs import utc
from bot.storage.models_handoff import Handoff, HandoffMessage

__all__ = ["STATUSES", "HandoffRecord", "HandoffRepo", "ThreadMessage"]

CODE_TRIES = 8


class HandoffRepo:
    """Open, read, thread, close and purge handoffs."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open(
        self,
        channel: str,
        chat_id: str,
        now: dt.datetime,
        *,
        mode: str,
        locale: str = "vi",
        office_id: str = "",
        citizen: str = "",
        context: dict[str, Any] | None = None,
        answer_by: dt.datetime | None = None,
        ward_code: str | None = None,
    ) -> HandoffRecord:
        """A new handoff with a fresh unique code, status ``waiting``, of the chat's ward
        (``None``: not known, for the provincial admin)."""
        for _ in range(CODE_TRIES):
            row = Handoff(
                code=new_code(),
                channel=channel,
                chat_id=chat_id,
                status="waiting",
                mode=mode,
                locale=locale,
                office_id=office_id,
                citizen=citizen[:128],
                context=context or {},
                created_at=utc(now),
                updated_at=utc(now),
                answer_by=utc(answer_by) if answer_by else None,
                ward_code=ward_code,
            )
            try:
                async with self.session.begin_nested():
                    self.session.add(row)
                    await self.session.flush()
            except IntegrityError:  # the code was taken: draw another one
                continue
            return handoff_of(row)
        raise RuntimeError("no free handoff code")

    async def _row(self, handoff_id: int, lock: bool = False) -> Handoff | None:
        stmt = select(Handoff).where(Handoff.id == handoff_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get(self, handoff_id: int, with_thread: bool = False) -> HandoffRecord | None:
        """One handoff (with its messages, oldest first, when asked)."""
        row = await self._row(handoff_id)
        if row is None:
            return None
        return handoff_of(row, await self.thread(handoff_id) if with_thread else None)

    async def lock(self, handoff_id: int) -> HandoffRecord | None:
        """The handoff, row-locked until the commit (writers of one thread queue here)."""
        row = await self._row(handoff_id, lock=True)
        return handoff_of(row) if row is not None else None

    async def id_of(self, ref: str) -> int | None:
        """The id of a handoff named by its id ("12") or its code ("HT-4K7Q", "ht4k7q")."""
        ref = ref.strip()
        if ref.isdigit() and len(ref) < 12:
            return int(ref)
        compact = "".join(ch for ch in ref.upper() if ch.isalnum())
        if not compact.startswith("HT") or len(compact) != 6:
            return None
        stmt = select(Handoff.id).where(Handoff.code == "HT-" + compact[2:])
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_code(self, code: str, channel: str, chat_id: str) -> HandoffRecord | None:
        """A chat's own handoff by its code (another chat's code finds nothing)."""
        stmt = select(Handoff).where(
            Handoff.code == code, Handoff.channel == channel, Handoff.chat_id == chat_id
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        return handoff_of(row, await self.thread(row.id)) if row is not None else None

    async def active_for_chat(self, channel: str, chat_id: str) -> HandoffRecord | None:
        """The chat's newest handoff that is not closed."""
        stmt = (
            select(Handoff)
            .where(Handoff.channel == channel, Handoff.chat_id == chat_id)
            .where(Handoff.status != CLOSED)
            .order_by(Handoff.id.desc())
            .limit(1)
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        return handoff_of(row) if row is not None else None

    async def by_staff_ref(self, ref: str) -> int | None:
        """The handoff a staff group message belongs to (its post or a copy in its thread)."""
        stmt = select(Handoff.id).where(Handoff.staff_ref == ref)
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is not None:
            return int(found)
        stmt2 = select(HandoffMessage.handoff_id).where(HandoffMessage.staff_ref == ref)
        return (await self.session.execute(stmt2.limit(1))).scalar_one_or_none()

    async def recent(
        self, status: str | None = None, limit: int = 50, offset: int = 0, ward: str | None = None
    ) -> list[HandoffRecord]:
        """Handoffs, newest first, optionally of one status and of one ward (``""``: those
        of no known ward, the province's to answer)."""
        stmt = select(Handoff).order_by(Handoff.id.desc()).limit(limit).offset(offset)
        if status:
            stmt = stmt.where(Handoff.status == status)
        if ward == "":
            stmt = stmt.where(Handoff.ward_code.is_(None))
        elif ward is not None:
            stmt = stmt.where(Handoff.ward_code == ward)
        return [handoff_of(r) for r in (await self.session.execute(stmt)).scalars()]

    # -- the thread ------------------------------------------------------------------------
    async def add_message(
        self,
        handoff_id: int,
        sender: str,
        text: str,
        now: dt.datetime,
        *,
        staff: str | None = None,
        key: str | None = None,
        staff_ref: str | None = None,
    ) -> ThreadMessage | None:
        """Append a message; None when ``key`` was added before (a redelivery)."""
        if key is not None and await self.message_by_key(key) is not None:
            return None
        row = HandoffMessage(
            handoff_id=handoff_id,
            sender=sender,
            staff=staff[:64] if staff else None,
            text=text,
            created_at=utc(now),
            dedupe_key=key[:128] if key else None,
            staff_ref=staff_ref,
        )
        try:
            async with self.session.begin_nested():
                self.session.add(row)
                await self.session.flush()
        except IntegrityError:  # the same key stored by another worker meanwhile
            return None
        await self._touch(handoff_id, now)
        return message_of(row)

    async def message(self, message_id: int) -> ThreadMessage | None:
        row = await self.session.get(HandoffMessage, message_id)
        return message_of(row) if row is not None else None

    async def message_by_key(self, key: str) -> ThreadMessage | None:
        stmt = select(HandoffMessage).where(HandoffMessage.dedupe_key == key[:128])
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        return message_of(row) if row is not None else None

    async def thread(self, handoff_id: int) -> list[ThreadMessage]:
        """The messages of a handoff, oldest first."""
        stmt = (
            select(HandoffMessage)
            .where(HandoffMessage.handoff_id == handoff_id)
            .order_by(HandoffMessage.id)
        )
        return [message_of(r) for r in (await self.session.execute(stmt)).scalars()]

    async def mark_delivered(self, message_id: int, now: dt.datetime) -> bool:
        """Record that a staff message reached the citizen's chat; False if it already had."""
        result = await self.session.execute(
            update(HandoffMessage)
            .where(HandoffMessage.id == message_id, HandoffMessage.delivered_at.is_(None))
            .values(delivered_at=utc(now))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def set_message_ref(self, message_id: int, ref: str) -> None:
        """Remember the staff group's copy of a message (replies to it find the handoff)."""
        await self._set(HandoffMessage, HandoffMessage.id == message_id, staff_ref=ref)

    # -- the handoff's life ----------------------------------------------------------------
    async def set_staff_ref(self, handoff_id: int, ref: str) -> None:
        await self._set(Handoff, Handoff.id == handoff_id, staff_ref=ref)

    async def staff_replied(self, handoff_id: int, staff: str, now: dt.datetime) -> bool:
        """The first staff reply makes the handoff ``open`` and records who gave it."""
        result = await self.session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.first_reply_at.is_(None))
            .values(first_reply_at=utc(now), first_staff=staff[:64], status=OPEN)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def set_mode(
        self, handoff_id: int, mode: str, now: dt.datetime, answer_by: dt.datetime | None
    ) -> None:
        """Live <-> ticket (no staff reply in time; a citizen writing back to a ticket)."""
        values: dict[str, Any] = {"mode": mode, "updated_at": utc(now)}
        values["answer_by"] = utc(answer_by) if answer_by else None
        await self._set(Handoff, Handoff.id == handoff_id, **values)

    async def close(self, handoff_id: int, by: str, now: dt.datetime) -> bool:
        """Close a handoff; False when it was closed already."""
        result = await self.session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.status != CLOSED)
            .values(status=CLOSED, closed_at=utc(now), closed_by=by[:64], updated_at=utc(now))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def purge(self, before: dt.datetime) -> int:
        """Delete handoffs untouched since ``before`` (closed or abandoned) with their
        threads (retention)."""
        old = Handoff.updated_at < utc(before)
        ids = select(Handoff.id).where(old)
        await self.session.execute(
            delete(HandoffMessage).where(HandoffMessage.handoff_id.in_(ids))
        )
        result = await self.session.execute(delete(Handoff).where(old))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def _touch(self, handoff_id: int, now: dt.datetime) -> None:
        await self._set(Handoff, Handoff.id == handoff_id, updated_at=utc(now))

    async def _set(self, model: Any, where: Any, **values: Any) -> None:
        await self.session.execute(
            update(model)
            .where(where)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
