"""Which appointment slots of a programme can still be booked.

Pure functions over a programme, the clock and the seats already taken (``counts``: a
mapping ``(date, "08:00") -> booked``, read from ``slot_counters`` by the caller). A day is
offered when the programme runs on that weekday, it is not a public holiday (the lunar ones
included, see ``handlers.workdays``), not a closed day, within the booking horizon, and at
least one of its slots is neither past (nor too close: ``min_notice_minutes``) nor full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from handlers.context import VN_TZ
from knowledge.programmes import Programme, Programmes

Counts = Mapping[tuple[dt.date, str], int]


def is_holiday(day: dt.date) -> bool:
    """Public holiday or official day off in Vietnam (Tết, Giỗ Tổ Hùng Vương, compensatory and
    swapped days: ``handlers.workdays``). Weekends are not holidays: a programme may run on a
    Saturday."""
    from handlers.workdays import default_calendar

    return default_calendar().holiday_name(day) is not None


@dataclass(frozen=True)
class Slot:
    """One appointment slot and how many seats it has left."""

    date: dt.date
    start: str
    booked: int
    capacity: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)

    @property
    def key(self) -> str:
        """Compact form used in button payloads: ``2026-12-03_08:00``."""
        return f"{self.date.isoformat()}_{self.start}"


def parse_key(key: str) -> tuple[dt.date, str] | None:
    """``"2026-12-03_08:00"`` -> (date, "08:00"); ``None`` for anything malformed."""
    day_text, _, start = key.partition("_")
    try:
        day = dt.date.fromisoformat(day_text)
        dt.time.fromisoformat(start)
    except ValueError:
        return None
    if len(start) != 5:
        return None
    return day, start


def starts_at(day: dt.date, start: str) -> dt.datetime:
    """The slot's start as an aware datetime in Vietnam's time zone."""
    return dt.datetime.combine(day, dt.time.fromisoformat(start), tzinfo=VN_TZ)


def day_problem(book: Programmes, programme: Programme, day: dt.date, now: dt.datetime) -> str:
    """Why ``day`` cannot be booked at all, or ``""``.

    Reasons: ``past``, ``too_far``, ``not_scheduled``, ``holiday``, ``closed``.
    """
    today = now.astimezone(VN_TZ).date()
    if day < today:
        return "past"
    if day > today + dt.timedelta(days=book.horizon_days):
        return "too_far"
    if day.isoweekday() not in programme.weekdays():
        return "not_scheduled"
    if is_holiday(day):
        return "holiday"
    if day in book.closed_days or day in programme.closed_days:
        return "closed"
    return ""


def day_slots(
    book: Programmes, programme: Programme, day: dt.date, now: dt.datetime, counts: Counts
) -> list[Slot]:
    """Slots of ``day`` that start late enough to be booked, with their seat counts."""
    if day_problem(book, programme, day, now):
        return []
    earliest = now + dt.timedelta(minutes=book.min_notice_minutes)
    return [
        Slot(day, start, counts.get((day, start), 0), programme.capacity)
        for start in programme.slot_starts(day.isoweekday())
        if starts_at(day, start) >= earliest
    ]


def free_slots(
    book: Programmes, programme: Programme, day: dt.date, now: dt.datetime, counts: Counts
) -> list[Slot]:
    """Bookable slots of ``day`` with at least one free seat."""
    return [s for s in day_slots(book, programme, day, now, counts) if s.free > 0]


def candidate_days(book: Programmes, programme: Programme, now: dt.datetime) -> list[dt.date]:
    """Every day inside the horizon on which the programme might run (counts not checked)."""
    today = now.astimezone(VN_TZ).date()
    days = (today + dt.timedelta(days=i) for i in range(book.horizon_days + 1))
    return [d for d in days if not day_problem(book, programme, d, now)]


def next_dates(
    book: Programmes,
    programme: Programme,
    now: dt.datetime,
    counts: Counts,
    limit: int = 6,
    skip: tuple[dt.date, str] | None = None,
) -> list[dt.date]:
    """The next ``limit`` days with a free slot (``skip``: the citizen's current slot)."""
    out: list[dt.date] = []
    for day in candidate_days(book, programme, now):
        slots = free_slots(book, programme, day, now, counts)
        if any((s.date, s.start) != skip for s in slots):
            out.append(day)
            if len(out) >= limit:
                break
    return out


def next_slots(
    book: Programmes,
    programme: Programme,
    now: dt.datetime,
    counts: Counts,
    after: tuple[dt.date, str] | None = None,
    limit: int = 4,
) -> list[Slot]:
    """The first ``limit`` free slots (after ``after`` when given): the offer made when the
    slot someone wanted filled up meanwhile."""
    out: list[Slot] = []
    for day in candidate_days(book, programme, now):
        for slot in free_slots(book, programme, day, now, counts):
            if after is not None and (slot.date, slot.start) <= after:
                continue
            out.append(slot)
            if len(out) >= limit:
                return out
    return out


def slot_problem(
    book: Programmes,
    programme: Programme,
    day: dt.date,
    start: str,
    now: dt.datetime,
    counts: Counts,
) -> str:
    """Why this slot cannot be booked, or ``""``: a day reason, ``no_such_slot``,
    ``too_soon`` (past or within the notice period) or ``full``."""
    problem = day_problem(book, programme, day, now)
    if problem:
        return problem
    if start not in programme.slot_starts(day.isoweekday()):
        return "no_such_slot"
    if starts_at(day, start) < now + dt.timedelta(minutes=book.min_notice_minutes):
        return "too_soon"
    if counts.get((day, start), 0) >= programme.capacity:
        return "full"
    return ""
