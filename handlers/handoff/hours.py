"""Which office answers a handoff, whether its staff are in now, and when they next are.

``office_for`` is the one place that picks the office whose hours decide live or ticket:
the commune/ward one-stop shop of the knowledge base (wards have no hours as data yet). The
staff who answer are the chat's ward's (the handoff carries its ward), and the citizen is
told so by name (``staff_office_name``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers import wards
from handlers.context import Context
from handlers.wards import single_ward
from handlers.workdays import WorkCalendar, default_calendar

ONE_STOP = "ubnd_xa"  # offices.yaml id of the commune/ward one-stop shop
DEFAULT_WAIT_MIN = 10


def office_for(ctx: Context) -> Any:
    """The office whose staff take this chat's handoff (None: no office data)."""
    offices = getattr(ctx.services.kb, "offices", None) or {}
    return offices.get(ONE_STOP)


def calendar(ctx: Context) -> WorkCalendar:
    """The work calendar (holidays); a test or a deployment may hand in its own."""
    cal = ctx.services.extra.get("work_calendar")
    return cal if isinstance(cal, WorkCalendar) else default_calendar()


def _tests(cal: WorkCalendar) -> tuple[Any, Any]:
    return (lambda d: cal.holiday_name(d) is not None), (lambda d: d in cal.working)


def is_open(ctx: Context, office: Any, now: dt.datetime | None = None) -> bool:
    """Whether staff of ``office`` are at work now (its hours as data, holidays respected)."""
    hours = getattr(office, "open", None)
    if hours is None:
        return False  # no hours as data: never promise a live answer
    closed, swapped = _tests(calendar(ctx))
    return bool(hours.open_at(now or ctx.now(), closed, swapped))


def next_opening(ctx: Context, office: Any, now: dt.datetime | None = None) -> dt.datetime | None:
    """When staff of ``office`` are next at work (None: unknown)."""
    hours = getattr(office, "open", None)
    if hours is None:
        return None
    closed, swapped = _tests(calendar(ctx))
    found: dt.datetime | None = hours.next_opening(now or ctx.now(), closed, swapped)
    return found


def when_text(ctx: Context, moment: dt.datetime | None) -> str:
    """ "7:00 Thứ Hai 07/12/2026" (or a plain "giờ làm việc" when unknown)."""
    if moment is None:
        return ctx.t("handoff.working_hours")
    weekday = ctx.t(f"booking.weekdays.{moment.isoweekday()}")
    return ctx.t(
        "handoff.when",
        time=f"{moment.hour}:{moment.minute:02d}",
        weekday=weekday,
        date=moment.strftime("%d/%m/%Y"),
    )


def wait_minutes(ctx: Context) -> int:
    """How long a live handoff waits for a first staff reply before it becomes a ticket."""
    value = ctx.services.settings.get("handoff_wait_min", DEFAULT_WAIT_MIN)
    return int(value) if isinstance(value, int | float) and value > 0 else DEFAULT_WAIT_MIN


def office_name(ctx: Context, office: Any) -> str:
    """The office's name, or the generic one-stop shop."""
    return str(getattr(office, "name", "") or ctx.t("status.one_stop"))


async def staff_office_name(ctx: Context, office: Any) -> str:
    """Whose staff the citizen is passed to: the one-stop shop of the chat's ward when it is
    known (its officers take the handoff), else the office's generic name."""
    ward = await ctx.ward() or single_ward(ctx)
    return wards.office_name(ctx, ward) if ward is not None else office_name(ctx, office)
