"""Assistance programmes citizens can book (``knowledge/data/programmes.yaml``).

A programme is a weekly in-person service of a commune/ward (a help desk in a hamlet, "Ngày
không viết", at-home help...): where, which weekdays and hours, how long one appointment
lasts and how many people one appointment slot takes. The file is data edited by local staff,
so parsing is forgiving about weekday spelling ("thứ Ba", "thu 3", "T3", "tuesday") and strict
about everything else (a typo must fail ``kb validate``/the tests, not a citizen's booking).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote_plus

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.normalize import fold
from knowledge.offices import read_yaml
from knowledge.weekdays import HHMM as _HHMM
from knowledge.weekdays import minutes as _minutes
from knowledge.weekdays import parse_weekday as parse_weekday  # also read from here

PROGRAMMES_PATH = Path(__file__).resolve().parent / "data" / "programmes.yaml"
MAPS_SEARCH = "https://www.google.com/maps/search/?api=1&query="

Kind = Literal["office", "home", "online_guidance"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Session(_Model):
    """One weekly session: a weekday and a time window."""

    weekday: int
    start: str
    end: str

    @field_validator("weekday", mode="before")
    @classmethod
    def _weekday(cls, value: Any) -> int:
        return parse_weekday(value)

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError(f"time must be HH:MM, got {value!r}")
        return value

    @model_validator(mode="after")
    def _order(self) -> Session:
        if _minutes(self.end) <= _minutes(self.start):
            raise ValueError(f"session ends ({self.end}) before it starts ({self.start})")
        return self


class Place(_Model):
    """Where the service happens; never a made-up street address."""

    name: str
    address: str = ""
    map_query: str = ""
    note: str = ""

    @property
    def map_url(self) -> str:
        """A Google Maps search link for the place (no coordinates invented)."""
        query = self.map_query or self.address or self.name
        return MAPS_SEARCH + quote_plus(query)


class Programme(_Model):
    """A bookable assistance programme."""

    id: str = Field(pattern=r"^[a-z0-9_]{2,40}$")  # short: it travels in button payloads
    name: str
    unit: str = ""  # the commune/ward running it
    description: str = ""
    kind: Kind = "office"
    area: str = ""  # for ``home``: where staff can go
    place: Place
    schedule: list[Session] = Field(min_length=1)
    slot_minutes: int = Field(default=30, ge=5, le=480)
    capacity: int = Field(default=1, ge=1, le=100)
    bring: str = ""
    aliases: list[str] = Field(default_factory=list)
    procedures: list[str] = Field(default_factory=list)  # empty: helps with any procedure
    closed_days: list[dt.date] = Field(default_factory=list)

    @property
    def needs_address(self) -> bool:
        """At-home help needs the citizen's address."""
        return self.kind == "home"

    def helps_with(self, code: str) -> bool:
        """Whether the programme lists this procedure (an empty list means any)."""
        return not self.procedures or code in self.procedures

    def weekdays(self) -> list[int]:
        """ISO weekdays with at least one session."""
        return sorted({s.weekday for s in self.schedule})

    def slot_starts(self, weekday: int) -> list[str]:
        """Start times ("08:00") of the slots on that ISO weekday, in order.

        A slot must fit entirely inside its session; the remainder of a session too short
        for one more appointment is not offered.
        """
        out: list[str] = []
        for session in self.schedule:
            if session.weekday != weekday:
                continue
            t, end = _minutes(session.start), _minutes(session.end)
            while t + self.slot_minutes <= end:
                out.append(f"{t // 60:02d}:{t % 60:02d}")
                t += self.slot_minutes
        return sorted(set(out))

    def slot_end(self, start: str) -> str:
        """End time of the slot starting at ``start``."""
        t = _minutes(start) + self.slot_minutes
        return f"{t // 60:02d}:{t % 60:02d}"


class Programmes(_Model):
    """All programmes plus booking rules shared by them."""

    programmes: list[Programme] = Field(default_factory=list)
    horizon_days: int = Field(default=28, ge=1, le=180)
    min_notice_minutes: int = Field(default=60, ge=0, le=24 * 60)
    closed_days: list[dt.date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Programmes:
        ids = [p.id for p in self.programmes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate programme ids: {dupes}")
        return self

    def get(self, programme_id: str) -> Programme | None:
        """The programme with this id, or ``None`` (ids come from button payloads)."""
        return next((p for p in self.programmes if p.id == programme_id), None)

    def for_procedure(self, code: str) -> list[Programme]:
        """Programmes that explicitly list the procedure first, then the catch-all ones."""
        listed = [p for p in self.programmes if code in p.procedures]
        anyone = [p for p in self.programmes if not p.procedures]
        return listed + anyone

    def match_text(self, text: str) -> Programme | None:
        """The programme a free-text message names ("hẹn ngày không viết"), if exactly one."""
        folded = f" {fold(text)} "
        best: tuple[int, Programme] | None = None
        tie = False
        for p in self.programmes:
            for alias in p.aliases:
                a = fold(alias).strip()
                if a and f" {a} " in folded:
                    if best is None or len(a) > best[0]:
                        best, tie = (len(a), p), False
                    elif len(a) == best[0] and best[1].id != p.id:
                        tie = True
        return None if best is None or tie else best[1]


def parse_programmes(raw: Any) -> Programmes:
    """Validate the parsed YAML; raises ``pydantic.ValidationError`` or ``TypeError``."""
    if raw is None:
        return Programmes()
    if not isinstance(raw, dict):
        raise TypeError("programmes.yaml: expected a mapping with a 'programmes:' list")
    return Programmes(**raw)


@functools.lru_cache(maxsize=4)
def load_programmes(path: Path = PROGRAMMES_PATH) -> Programmes:
    """Read and validate ``programmes.yaml`` (cached); a missing file gives no programmes."""
    if not path.exists():
        return Programmes()
    return parse_programmes(read_yaml(path))
