"""The appointments staff serve: listing them for a day and exporting them as CSV.

Used by ``tthc-bot bookings list`` and the staff API. Staff need the full name and phone to
serve the citizen, so these rows carry them in clear: they are for the one-stop shop's own
computer, never for a chat.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

CSV_COLUMNS = [
    "code", "date", "start", "end", "programme_id", "programme", "full_name", "phone",
    "address", "need", "status", "channel", "created_at", "ward", "ward_name",
]  # fmt: skip


def parse_day(text: str) -> dt.date:
    """``2026-12-08`` or ``08/12/2026``; raises ``ValueError``."""
    text = text.strip()
    if "/" in text:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    return dt.date.fromisoformat(text)


def booking_rows(records: list[Any], places: Any = None) -> list[dict[str, Any]]:
    """Bookings as dicts with the programme's name, the slot's end time and the ward."""
    from knowledge.programmes import load_programmes

    book = load_programmes()
    rows = []
    for r in records:
        programme = book.get(r.programme_id)
        row = r.to_dict()
        row["programme"] = programme.name if programme else r.programme_id
        row["end"] = programme.slot_end(r.slot_start) if programme else ""
        ward = places.get(r.ward_code) if places is not None else None
        row["ward_name"] = ward.name if ward is not None else ""
        rows.append(row)
    return rows


async def list_bookings(
    app: Any, day: dt.date | None, ward: str | None = None
) -> list[dict[str, Any]]:
    """Bookings of ``day``, or from today on when ``day`` is None; ``ward``: of that ward only."""
    from handlers.workdays import local_date

    async with app.uow() as uow:
        if day is not None:
            records = await uow.repos.bookings.list(day=day, ward=ward)
        else:
            since = local_date(app.services.clock.now())
            records = await uow.repos.bookings.list(since=since, ward=ward)
    return booking_rows(records, app.services.localities)


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """UTF-8 with a BOM so that Excel shows Vietnamese correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
