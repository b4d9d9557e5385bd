"""Vietnamese working days: weekends, public holidays (incl. lunar Tết and Giỗ Tổ Hùng Vương),
compensatory days off, announced swaps, and a deployment's extra closed days.

Lunar dates are NOT computed here: ``knowledge/data/holidays.yaml`` holds the Gregorian dates of
Tết and 10/3 âm lịch per year and the announced Tết closures (see the sources in its header).
A year missing from the table only gets its solar holidays; ``covers(year)`` tells callers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handlers.context import VN_TZ

HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "holidays.yaml"


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _date_range(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass
class WorkCalendar:
    """Which days the one-stop shop works: Monday-Friday minus ``closed`` plus ``working``
    (Saturdays worked in exchange for a swapped day off)."""

    closed: dict[dt.date, str] = field(default_factory=dict)
    working: set[dt.date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    @classmethod
    def from_data(cls, data: dict[str, Any], extra_closed: Iterable[Any] = ()) -> WorkCalendar:
        """Build from the parsed ``holidays.yaml`` structure."""
        cal = cls()
        fixed = {str(k): str(v) for k, v in (data.get("fixed") or {}).items()}
        for year, info in sorted((data.get("years") or {}).items()):
            year = int(year)
            info = info or {}
            cal.years.add(year)
            # holidays that move to the next working day when they fall on a weekend
            movable: list[tuple[dt.date, str]] = []
            for md, name in fixed.items():
                month, day = (int(x) for x in md.split("-"))
                movable.append((dt.date(year, month, day), name))
            if info.get("gio_to"):
                movable.append((_day(info["gio_to"]), "Giỗ Tổ Hùng Vương"))
            if info.get("national_day_extra"):
                cal.closed[_day(info["national_day_extra"])] = "Quốc khánh (ngày liền kề)"
            if info.get("tet_closed"):
                first, last = (_day(x) for x in info["tet_closed"])
                for d in _date_range(first, last):
                    cal.closed[d] = "Nghỉ Tết Nguyên đán"
            elif info.get("tet"):
                # no announced range: five days (Labour Code 2019 art. 112: Tết is 05 days off),
                # the eve and the first four days
                tet = _day(info["tet"])
                for d in _date_range(tet - dt.timedelta(days=1), tet + dt.timedelta(days=3)):
                    cal.closed[d] = "Nghỉ Tết Nguyên đán"
            for d in info.get("swapped_closed") or []:
                cal.closed[_day(d)] = "Nghỉ hoán đổi"
            for d in info.get("swapped_working") or []:
                cal.working.add(_day(d))
            for d, name in sorted(movable):
                cal.closed[d] = name
            # Labour Code 2019 art. 111(3): a holiday on a weekend gives the next working day
            for d, name in sorted(movable):
                if d.weekday() >= 5:
                    cal.closed[cal.next_workday(d)] = f"{name} (nghỉ bù)"
        for d in [*(data.get("extra_closed") or []), *extra_closed]:
            cal.closed[_day(d)] = "Ngày nghỉ của cơ quan"
        return cal

    def covers(self, year: int) -> bool:
        """True when the lunar holidays of ``year`` are in the table."""
        return year in self.years

    def is_workday(self, day: dt.date) -> bool:
        """Whether the office works on ``day``."""
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.closed

    def holiday_name(self, day: dt.date) -> str | None:
        """Name of the holiday on ``day``, if any."""
        return self.closed.get(day)

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (``n`` >= 0; 0 gives ``start`` itself).

        This is how a due date is counted: filed on ``start``, ``n`` working days to process.
        """
        day = start
        for _ in range(n):
            day = self.next_workday(day)
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


def load_calendar(path: Path | None = None, extra_closed: Iterable[Any] = ()) -> WorkCalendar:
    """The calendar from ``holidays.yaml`` (or ``path``) plus ``extra_closed`` days."""
    data = yaml.safe_load((path or HOLIDAYS_FILE).read_text(encoding="utf-8")) or {}
    return WorkCalendar.from_data(data, extra_closed)


@functools.lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The bundled calendar, loaded once per process."""
    return load_calendar()


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Vietnam of an aware datetime (naive ones are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VN_TZ).date()
