"""Bookings of assistance programmes, with capacity enforced by the database.

A seat is taken by a guarded ``UPDATE slot_counters SET booked = booked + 1 WHERE ... AND
booked < capacity``: on PostgreSQL the row lock makes concurrent turns wait and re-check the
condition, on SQLite ``BEGIN IMMEDIATE`` serialises writers, so a slot can never be
over-booked whatever the number of workers. The counter row is inserted first with
``ON CONFLICT DO NOTHING``. Everything runs in the caller's session: a booking, its seat and
its reminder jobs are committed (or rolled back) together.

Full name and phone are stored in clear because staff need them to serve the citizen; they
are never logged, and the conversation shows them masked.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.booking_records import (
    CODE_ALPHABET,
    CODE_PREFIX,
    BookingRecord,
    new_code,
    normalize_code,
    record_of,
)
from bot.storage.db import insert_for
from bot.storage.models import Booking, Job, SlotCounter

__all__ = ["CODE_ALPHABET", "CODE_PREFIX", "BookingRecord", "BookingRepo", "normalize_code"]

REMINDER_PREFIX = "bkrem:"
STATUSES = ("booked", "cancelled", "attended", "no_show")


class BookingRepo:
    """Seats, bookings and their reminder jobs, in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- seats -------------------------------------------------------------------------
    async def counts(
        self, programme_id: str, start: dt.date, end: dt.date
    ) -> dict[tuple[dt.date, str], int]:
        """Seats taken per ``(date, "08:00")`` of a programme between two dates inclusive."""
        stmt = select(SlotCounter.slot_date, SlotCounter.slot_start, SlotCounter.booked).where(
            SlotCounter.programme_id == programme_id,
            SlotCounter.slot_date >= start,
            SlotCounter.slot_date <= end,
        )
        rows = (await self.session.execute(stmt)).all()
        return {(r.slot_date, r.slot_start): int(r.booked) for r in rows}

    async def take_seat(self, programme_id: str, day: dt.date, start: str, capacity: int) -> bool:
        """Take one seat if one is free; ``False`` when the slot is full."""
        await self._ensure_counter(programme_id, day, start, capacity)
        result = await self.session.execute(
            update(SlotCounter)
            .where(
                SlotCounter.programme_id == programme_id,
                SlotCounter.slot_date == day,
                SlotCounter.slot_start == start,
                SlotCounter.booked < capacity,
            )
            .values(booked=SlotCounter.booked + 1, capacity=capacity)
        )
        return result.rowcount == 1  # type: ignore[attr-defined]

    async def release_seat(self, programme_id: str, day: dt.date, start: str) -> None:
        """Give a seat back (never below zero)."""
        await self.session.execute(
            update(SlotCounter)
            .where(
                SlotCounter.programme_id == programme_id,
                SlotCounter.slot_date == day,
                SlotCounter.slot_start == start,
                SlotCounter.booked > 0,
            )
            .values(booked=SlotCounter.booked - 1)
        )

    async def _ensure_counter(
        self, programme_id: str, day: dt.date, start: str, capacity: int
    ) -> None:
        stmt = insert_for(self.session)(SlotCounter).values(
            programme_id=programme_id,
            slot_date=day,
            slot_start=start,
            capacity=capacity,
            booked=0,
        )
        await self.session.execute(stmt.on_conflict_do_nothing())

    # -- bookings ----------------------------------------------------------------------
    async def book(
        self,
        *,
        programme_id: str,
        slot_date: dt.date,
        slot_start: str,
        capacity: int,
        channel: str,
        chat_id: str,
        full_name: str,
        phone: str,
        address: str | None,
        need: str | None,
        now: dt.datetime,
        ward_code: str | None = None,
    ) -> BookingRecord | None:
        """Book one seat; ``None`` when the slot is full (nothing is written then).
        ``ward_code``: the ward running the programme (staff see their ward's bookings)."""
        if not await self.take_seat(programme_id, slot_date, slot_start, capacity):
            return None
        for _ in range(20):
            code = new_code()
            row = Booking(
                code=code,
                programme_id=programme_id,
                slot_date=slot_date,
                slot_start=slot_start,
                channel=channel,
                chat_id=chat_id,
                full_name=full_name[:128],
                phone=phone[:16],
                address=address,
                need=need,
                status="booked",
                created_at=now,
                updated_at=now,
                ward_code=ward_code,
            )
            try:
                async with self.session.begin_nested():
                    self.session.add(row)
                    await self.session.flush()
            except IntegrityError:  # code already used: draw another
                continue
            return record_of(row)
        raise RuntimeError("could not draw a free booking code")

    async def _row(self, code: str) -> Booking | None:
        stmt = select(Booking).where(Booking.code == code).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get(self, code: str) -> BookingRecord | None:
        """Any booking by code (staff tools)."""
        row = await self._row(code)
        return record_of(row) if row else None

    async def get_for_chat(self, code: str, channel: str, chat_id: str) -> BookingRecord | None:
        """The booking if it belongs to this chat; someone else's code looks like a missing
        one so that codes cannot be probed."""
        row = await self._row(code)
        if row is None or row.channel != channel or row.chat_id != chat_id:
            return None
        return record_of(row)

    async def upcoming_for_chat(
        self, channel: str, chat_id: str, today: dt.date
    ) -> list[BookingRecord]:
        """This chat's active bookings from ``today`` on, soonest first."""
        stmt = (
            select(Booking)
            .where(
                Booking.channel == channel,
                Booking.chat_id == chat_id,
                Booking.status == "booked",
                Booking.slot_date >= today,
            )
            .order_by(Booking.slot_date, Booking.slot_start)
        )
        return [record_of(r) for r in (await self.session.execute(stmt)).scalars()]

    async def cancel(
        self, code: str, channel: str, chat_id: str, now: dt.datetime
    ) -> BookingRecord | None:
        """Cancel this chat's active booking, free its seat and drop its pending reminders;
        ``None`` when there is no such active booking of this chat."""
        row = await self._row(code)
        if row is None or row.channel != channel or row.chat_id != chat_id:
            return None
        if row.status != "booked":
            return None
        await self.release_seat(row.programme_id, row.slot_date, row.slot_start)
        row.status, row.updated_at = "cancelled", now
        await self.drop_reminders(code)
        await self.session.flush()
        return record_of(row)

    async def move(
        self,
        code: str,
        channel: str,
        chat_id: str,
        new_date: dt.date,
        new_start: str,
        capacity: int,
        now: dt.datetime,
    ) -> BookingRecord | None:
        """Move this chat's booking to another slot of the same programme, keeping its code.

        The new seat is taken before the old one is given back, in the same transaction, so a
        full target leaves the booking untouched (``None``).
        """
        row = await self._row(code)
        if row is None or row.channel != channel or row.chat_id != chat_id:
            return None
        if row.status != "booked":
            return None
        if (row.slot_date, row.slot_start) == (new_date, new_start):
            return record_of(row)
        if not await self.take_seat(row.programme_id, new_date, new_start, capacity):
            return None
        await self.release_seat(row.programme_id, row.slot_date, row.slot_start)
        await self.drop_reminders(code)
        row.slot_date, row.slot_start, row.updated_at = new_date, new_start, now
        await self.session.flush()
        return record_of(row)

    # -- staff -------------------------------------------------------------------------
    async def list(
        self, day: dt.date | None = None, since: dt.date | None = None, ward: str | None = None
    ) -> list[BookingRecord]:
        """Bookings of one day, or from ``since`` on, in slot order; ``ward``: only those of
        that ward's programmes (an officer's view)."""
        stmt = select(Booking).order_by(Booking.slot_date, Booking.slot_start, Booking.id)
        if ward is not None:
            stmt = stmt.where(Booking.ward_code == ward)
        if day is not None:
            stmt = stmt.where(Booking.slot_date == day)
        elif since is not None:
            stmt = stmt.where(Booking.slot_date >= since)
        return [record_of(r) for r in (await self.session.execute(stmt)).scalars()]

    async def mark(self, code: str, status: str, now: dt.datetime) -> BookingRecord | None:
        """Staff mark a booking ``attended`` or ``no_show`` (a cancelled one stays so)."""
        if status not in ("attended", "no_show", "booked"):
            raise ValueError(f"status must be attended, no_show or booked, not {status!r}")
        row = await self._row(code)
        if row is None or row.status == "cancelled":
            return None
        row.status, row.updated_at = status, now
        await self.session.flush()
        return record_of(row)

    async def seats_taken(self, programme_id: str, day: dt.date, start: str) -> int:
        """Seats taken in one slot (0 when nobody booked it)."""
        stmt = select(func.coalesce(func.max(SlotCounter.booked), 0)).where(
            SlotCounter.programme_id == programme_id,
            SlotCounter.slot_date == day,
            SlotCounter.slot_start == start,
        )
        return int((await self.session.execute(stmt)).scalar_one())

    # -- reminders ---------------------------------------------------------------------
    async def drop_reminders(self, code: str) -> int:
        """Delete the booking's reminder jobs not yet sent (cancelled or moved booking)."""
        result = await self.session.execute(
            delete(Job).where(
                Job.dedupe_key.like(f"{REMINDER_PREFIX}{code}:%"), Job.status == "pending"
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
