"""Dossiers, their status history, subscriptions and failed-lookup records.

Writes return ``Change`` records; the caller hands those to
``handlers.status.views.notify_changes`` in the same unit of work, so the history row and the
notification jobs commit together (or not at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.dossier_rows import Change, group_updates, received_moment, view_of
from bot.storage.jobs import utc
from bot.storage.models import Dossier, DossierEvent, Subscription
from handlers.status.dossier import DossierInput, DossierView

__all__ = ["BATCH", "FIELDS", "Change", "DossierRepo"]

FIELDS = (
    "procedure_code",
    "procedure_name",
    "applicant_masked",
    "phone_hash",
    "phone_last4",
    "received_at",
    "due_at",
    "status",
    "office",
    "ward_code",
)
DOSSIERS = cast(Table, Dossier.__table__)
EVENTS = cast(Table, DossierEvent.__table__)
BATCH = 1000  # rows per statement: well under SQLite's bound-parameter limit


class DossierRepo:
    """Storage of dossiers for the status flow, the import, the CLI and the staff API."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, code: str, with_history: bool = True) -> DossierView | None:
        """One dossier (and its history, oldest first) by canonical receipt code."""
        row = await self.session.get(Dossier, code)
        if row is None:
            return None
        events: list[DossierEvent] = []
        if with_history:
            stmt = (
                select(DossierEvent)
                .where(DossierEvent.dossier_code == code)
                .order_by(DossierEvent.changed_at, DossierEvent.id)
            )
            events = list((await self.session.execute(stmt)).scalars())
        return view_of(row, events)

    async def codes_ending(
        self, pattern: str, limit: int = 5, ward: str | None = None
    ) -> list[str]:
        """Up to ``limit`` codes LIKE ``pattern`` (``knowledge.receipts.tail_pattern``): only
        to verify phone digits against, never shown, so no code's existence is revealed
        (staff: of ``ward`` only, when given)."""
        stmt = select(Dossier.code).where(Dossier.code.like(pattern, escape="\\")).limit(limit)
        if ward is not None:
            stmt = stmt.where(Dossier.ward_code == ward)
        return list((await self.session.execute(stmt.order_by(Dossier.code))).scalars())

    async def wards_of(self, codes: list[str]) -> dict[str, str | None]:
        """The ward of each of ``codes`` that exists (an officer's import checks them)."""
        stmt = select(Dossier.code, Dossier.ward_code).where(Dossier.code.in_(codes))
        return {str(c): w for c, w in (await self.session.execute(stmt)).all()}

    async def recent(
        self, status: str | None = None, limit: int = 50, offset: int = 0, ward: str | None = None
    ) -> list[DossierView]:
        """Dossiers, most recently updated first, optionally of one status and of one ward
        (an officer's view)."""
        stmt = select(Dossier).order_by(Dossier.updated_at.desc(), Dossier.code)
        if status:
            stmt = stmt.where(Dossier.status == status)
        if ward is not None:
            stmt = stmt.where(Dossier.ward_code == ward)
        rows = (await self.session.execute(stmt.limit(limit).offset(offset))).scalars()
        return [view_of(r) for r in rows]

    async def count(self, ward: str | None = None) -> int:
        """Number of dossiers (of one ward when given)."""
        stmt = select(func.count()).select_from(Dossier)
        if ward is not None:
            stmt = stmt.where(Dossier.ward_code == ward)
        return int((await self.session.execute(stmt)).scalar_one())

    async def upsert(self, inp: DossierInput, now: dt.datetime) -> Change:
        """Create or update one dossier; a new status is recorded in the history."""
        return (await self.upsert_many([inp], now))[0]

    async def upsert_many(self, inputs: Iterable[DossierInput], now: dt.datetime) -> list[Change]:
        """Idempotent bulk upsert (the CSV import): unchanged rows write nothing.

        Works in batches of ``BATCH`` codes: one select, one multi-row insert, one bulk update
        and one events insert per batch, so 100,000 rows take seconds, not minutes.
        """
        now = utc(now)
        latest: dict[str, DossierInput] = {}
        for inp in inputs:
            latest[inp.code] = inp  # a code repeated in one file: the last row wins
        items = list(latest.values())
        changes: list[Change] = []
        for start in range(0, len(items), BATCH):
            changes.extend(await self._upsert_batch(items[start : start + BATCH], now))
        return changes

    async def _upsert_batch(self, batch: list[DossierInput], now: dt.datetime) -> list[Change]:
        cols = [getattr(Dossier, f) for f in FIELDS]
        stmt = select(Dossier.code, *cols).where(Dossier.code.in_([i.code for i in batch]))
        existing = {r.code: r for r in (await self.session.execute(stmt)).all()}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        first_events: list[dict[str, Any]] = []
        status_events: list[dict[str, Any]] = []
        changes: dict[str, Change] = {}
        for inp in batch:
            values = {f: getattr(inp, f) for f in FIELDS}
            old = existing.get(inp.code)
            if old is None:
                inserts.append({"code": inp.code, "note": inp.note, "updated_at": now, **values})
                first_events.append(
                    {
                        "dossier_code": inp.code,
                        "status": "Mới tiếp nhận",
                        "note": None,
                        "changed_at": received_moment(inp, now),
                    }
                )
                if inp.status != "Mới tiếp nhận":
                    status_events.append(
                        {
                            "dossier_code": inp.code,
                            "status": inp.status,
                            "note": inp.note,
                            "changed_at": now,
                        }
                    )
                changes[inp.code] = Change(inp.code, created=True, changed=True, status=inp.status)
                continue
            diff = {f: v for f, v in values.items() if getattr(old, f) != v}
            if not inp.phone_hash:  # a record without a phone keeps the stored one
                diff.pop("phone_hash", None)
                diff.pop("phone_last4", None)
            if not inp.ward_code:  # nor does one without a ward lose it
                diff.pop("ward_code", None)
            if not diff:
                changes[inp.code] = Change(inp.code, status=inp.status)
                continue
            updates.append({"_code": inp.code, "updated_at": now, **diff})
            moved = "status" in diff
            if moved:
                status_events.append(
                    {
                        "dossier_code": inp.code,
                        "status": inp.status,
                        "note": inp.note,
                        "changed_at": now,
                    }
                )
            changes[inp.code] = Change(
                inp.code, changed=True, status_changed=moved, status=inp.status
            )
        # Core statements on the session's connection: executemany without ORM bookkeeping
        conn = await self.session.connection()
        if inserts:
            await conn.execute(insert(DOSSIERS), inserts)
        for columns, rows in group_updates(updates).items():
            upd = (
                update(DOSSIERS)
                .where(DOSSIERS.c.code == bindparam("_code"))
                .values({c: bindparam(c) for c in columns})
            )
            await conn.execute(upd, rows)
        if first_events:
            await conn.execute(insert(EVENTS), first_events)
        new_status = [e for e in status_events if changes[e["dossier_code"]].created]
        changed = [e for e in status_events if not changes[e["dossier_code"]].created]
        if new_status:
            await conn.execute(insert(EVENTS), new_status)
        if changed:
            # ids are needed for the notification keys; codes are unique within a batch,
            # so rows are matched by code and the insert order does not matter
            ins = insert(EVENTS).returning(EVENTS.c.id, EVENTS.c.dossier_code)
            for row in (await conn.execute(ins, changed)).all():
                changes[row.dossier_code] = replace(changes[row.dossier_code], event_id=row.id)
        return [changes[i.code] for i in batch]

    async def set_status(
        self, code: str, status: str, note: str | None, now: dt.datetime
    ) -> Change | None:
        """Move a dossier to ``status`` (official name) with an optional staff note.

        Returns None for an unknown code. The same status without a new note changes nothing.
        """
        now = utc(now)
        stmt = select(Dossier).where(Dossier.code == code).with_for_update()
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        if row.status == status and (note is None or note == row.note):
            return Change(code, status=status)
        moved = row.status != status
        row.status, row.updated_at = status, now
        if note is not None:
            row.note = note
        event = DossierEvent(dossier_code=code, status=status, note=note, changed_at=now)
        self.session.add(event)
        await self.session.flush()
        return Change(
            code, changed=True, status_changed=moved, status=status, event_id=event.id, note=note
        )

    # -- subscriptions -------------------------------------------------------------------
    async def subscribe(self, code: str, channel: str, chat_id: str, now: dt.datetime) -> bool:
        """Subscribe a chat to a dossier's changes; False if it already was."""
        if await self.is_subscribed(code, channel, chat_id):
            return False
        self.session.add(
            Subscription(dossier_code=code, channel=channel, chat_id=chat_id, created_at=utc(now))
        )
        await self.session.flush()
        return True

    async def unsubscribe(self, code: str, channel: str, chat_id: str) -> bool:
        """Stop notifications of one dossier to one chat; False if there were none."""
        result = await self.session.execute(
            delete(Subscription).where(
                Subscription.dossier_code == code,
                Subscription.channel == channel,
                Subscription.chat_id == chat_id,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def is_subscribed(self, code: str, channel: str, chat_id: str) -> bool:
        """Whether this chat gets this dossier's notifications."""
        stmt = select(Subscription.id).where(
            Subscription.dossier_code == code,
            Subscription.channel == channel,
            Subscription.chat_id == chat_id,
        )
        return (await self.session.execute(stmt)).first() is not None

    async def subscribers(self, codes: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """``code -> [(channel, chat_id), ...]`` for the given codes (batched)."""
        wanted = list(dict.fromkeys(codes))
        out: dict[str, list[tuple[str, str]]] = {}
        for start in range(0, len(wanted), BATCH):
            stmt = (
                select(Subscription.dossier_code, Subscription.channel, Subscription.chat_id)
                .where(Subscription.dossier_code.in_(wanted[start : start + BATCH]))
                .order_by(Subscription.id)
            )
            for code, channel, chat_id in (await self.session.execute(stmt)).all():
                out.setdefault(code, []).append((channel, chat_id))
        return out
