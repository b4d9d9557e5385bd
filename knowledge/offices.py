"""Offices and the one-stop shop's contact block (``knowledge/data/offices.yaml``).

Addresses and phone numbers are local facts that only local staff can confirm, so both may be
empty; the ``note`` then tells the citizen they are still being filled in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from knowledge.weekdays import HHMM, minutes, parse_weekday

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DayTest = Callable[[dt.date], bool]


class OpenHours(BaseModel):
    """When staff are at their desks, as data (``hours`` is the same said for citizens):
    weekdays by name and ``HH:MM-HH:MM`` sessions. Public holidays are the work calendar's
    business (``handlers.workdays``): the methods take them as ``closed(day)`` and
    ``swapped(day)`` (a weekend day worked in exchange for a day off)."""

    model_config = ConfigDict(extra="forbid")

    days: list[int]
    sessions: list[tuple[int, int]]  # minutes after midnight, start and end

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> list[int]:
        if not isinstance(value, list) or not value:
            raise ValueError("days: a list of weekday names ('thứ Hai', ...)")
        return sorted({parse_weekday(v) for v in value})

    @field_validator("sessions", mode="before")
    @classmethod
    def _sessions(cls, value: Any) -> list[tuple[int, int]]:
        if not isinstance(value, list) or not value:
            raise ValueError("sessions: a list such as ['07:00-11:30', '13:30-17:00']")
        out = []
        for item in value:
            start, _, end = str(item).partition("-")
            start, end = start.strip(), end.strip()
            if not HHMM.match(start) or not HHMM.match(end) or minutes(end) <= minutes(start):
                raise ValueError(f"session {item!r}: write it as HH:MM-HH:MM, start first")
            out.append((minutes(start), minutes(end)))
        return sorted(out)

    def works_on(self, day: dt.date, closed: DayTest, swapped: DayTest) -> bool:
        """One of its weekdays and not a holiday (``closed``), or a swapped working day."""
        return swapped(day) or (day.isoweekday() in self.days and not closed(day))

    def open_at(self, moment: dt.datetime, closed: DayTest, swapped: DayTest) -> bool:
        """Whether staff are in at ``moment`` (local time)."""
        now = moment.hour * 60 + moment.minute
        in_session = any(a <= now < b for a, b in self.sessions)
        return in_session and self.works_on(moment.date(), closed, swapped)

    def next_opening(
        self, moment: dt.datetime, closed: DayTest, swapped: DayTest, days: int = 60
    ) -> dt.datetime | None:
        """The next start of a session after ``moment`` (None within ``days``)."""
        now = moment.hour * 60 + moment.minute
        for offset in range(days + 1):
            day = moment.date() + dt.timedelta(days=offset)
            if not self.works_on(day, closed, swapped):
                continue
            for start, _end in self.sessions:
                if offset or start > now:
                    base = dt.datetime.combine(day, dt.time(0), tzinfo=moment.tzinfo)
                    return base + dt.timedelta(minutes=start)
        return None


class Office(BaseModel):
    """A place where citizens file or collect papers."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    address: str = ""
    phone: str = ""
    hours: str = ""
    map_url: str = ""
    note: str = ""
    open: OpenHours | None = None  # structured hours: when a person can answer in the chat


class Contact(BaseModel):
    """Who to call when the bot cannot help (shown in every "need a human" answer)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    hotline: str = ""
    hotline_label: str = ""
    website: str = ""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with the fast C loader when PyYAML was built with it."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # safe loaders only


def parse_offices(raw: Any) -> tuple[dict[str, Office], Contact]:
    """Build offices and contact from the parsed YAML; raises ``TypeError`` when malformed."""
    if not isinstance(raw, dict) or not isinstance(raw.get("offices"), dict):
        raise TypeError("offices.yaml: expected a mapping with an 'offices:' mapping")
    offices = {
        str(oid): Office(id=str(oid), **(body or {})) for oid, body in raw["offices"].items()
    }
    contact = Contact(**(raw.get("contact") or {"name": "Bộ phận Một cửa"}))
    return offices, contact


def load_offices(path: Path) -> tuple[dict[str, Office], Contact]:
    """Read ``offices.yaml``; a missing file gives no offices and a generic contact."""
    if not path.exists():
        return {}, Contact(name="Bộ phận Một cửa")
    return parse_offices(read_yaml(path))
