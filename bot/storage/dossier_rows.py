"""Plain rows of the dossier repository: what a write did (``Change``), the view of a row,
and the helpers of the bulk upsert (kept apart so the repository stays readable)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.storage.jobs import utc
from bot.storage.models import Dossier, DossierEvent
from handlers.context import VN_TZ
from handlers.status.dossier import DossierEventView, DossierInput, DossierView


@dataclass(frozen=True)
class Change:
    """What an upsert or status change did to one dossier."""

    code: str
    created: bool = False
    changed: bool = False
    status_changed: bool = False
    status: str = ""
    event_id: int | None = None  # the history row of a status change (notification key)
    note: str | None = None


def view_of(row: Dossier, events: Sequence[DossierEvent] = ()) -> DossierView:
    return DossierView(
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name or "",
        applicant_masked=row.applicant_masked or "",
        phone_hash=row.phone_hash or "",
        phone_last4=row.phone_last4 or "",
        received_at=row.received_at,
        due_at=row.due_at,
        status=row.status,
        office=row.office or "",
        note=row.note,
        updated_at=utc(row.updated_at) if row.updated_at else None,
        ward_code=row.ward_code,
        history=tuple(
            DossierEventView(id=e.id, status=e.status, note=e.note, changed_at=utc(e.changed_at))
            for e in events
        ),
    )


def received_moment(inp: DossierInput, now: dt.datetime) -> dt.datetime:
    """When the first history entry happened: the filing date (08:00 local) if known."""
    if inp.received_at is None:
        return now
    moment = dt.datetime.combine(inp.received_at, dt.time(8, 0), tzinfo=VN_TZ)
    return min(utc(moment), now)


def group_updates(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """Updates grouped by the set of columns they change, one executemany per group."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        columns = tuple(sorted(k for k in row if k != "_code"))
        groups.setdefault(columns, []).append(row)
    return groups
