"""Days and times as citizens type them while booking.

"10/12", "10-12-2026", "ngày 10", "mai", "ngày mốt", "hôm nay", "thứ 5", "thu 5 tuan sau",
"t7 này", "chủ nhật": each becomes one date, the year and month chosen so it is upcoming.
"Tuần sau" is the next calendar week (Monday to Sunday), as people in Vietnam count it.
Pure functions: the booking steps decide whether the day is offered.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.booking.times import parse_time
from knowledge.normalize import fold

__all__ = ["parse_day", "parse_time"]

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2,4}))?(?!\d)")
_DAY_ONLY = re.compile(r"\b(?:ngay|mung|mong)\s+(\d{1,2})\b")
_WEEKDAY = re.compile(r"\b(?:thu|t)\s*(hai|ba|tu|nam|sau|bay|[2-7])\b|\b(chu nhat|cn)\b")
_WEEKDAY_WORDS = {"hai": 1, "ba": 2, "tu": 3, "nam": 4, "sau": 5, "bay": 6}
_RELATIVE = (("hom nay", 0), ("ngay mai", 1), ("ngay mot", 2), ("ngay kia", 2), ("mai", 1))
# English days as Vietnamese ones ("next friday" is Friday of next week, as "thứ 6 tuần sau")
_ENGLISH_DAYS = (
    (r"\bday after tomorrow\b", "ngay mot"), (r"\btomorrow\b", "ngay mai"),
    (r"\btoday\b", "hom nay"), (r"\bmonday\b", "thu 2"), (r"\btuesday\b", "thu 3"),
    (r"\bwednesday\b", "thu 4"), (r"\bthursday\b", "thu 5"), (r"\bfriday\b", "thu 6"),
    (r"\bsaturday\b", "thu 7"), (r"\bsunday\b", "chu nhat"),
    (r"\bnext (thu \d|chu nhat)\b", r"\1 tuan sau"), (r"\bthis (thu \d|chu nhat)\b", r"\1 tuan nay"),
)  # fmt: skip


def _upcoming_month_day(today: dt.date, day: int, month: int, year: int | None) -> dt.date:
    if year is not None:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    found = dt.date(today.year, month, day)
    if found < today - dt.timedelta(days=7):  # "5/1" typed in December is next January
        found = found.replace(year=today.year + 1)
    return found


def _weekday(match: re.Match[str], folded: str, today: dt.date) -> dt.date:
    word = match.group(1)
    iso = 7 if match.group(2) else (_WEEKDAY_WORDS.get(word) or int(word) - 1)
    if re.search(r"\btuan (sau|toi) nua\b", folded):  # "thứ 3 tuần sau nữa": in two weeks
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=14)
        return monday + dt.timedelta(days=iso - 1)
    if re.search(r"\btuan (sau|toi)\b", folded):
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
        return monday + dt.timedelta(days=iso - 1)
    if re.search(r"\btuan nay\b", folded):
        return today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=iso - 1)
    return today + dt.timedelta(days=(iso - today.isoweekday()) % 7)


def parse_day(text: str, today: dt.date) -> dt.date | None:
    """The date a typed message names, or None (also for an impossible date like 31/2)."""
    raw = " ".join((text or "").split())[:200]
    folded = fold(raw)
    for pattern, vietnamese in _ENGLISH_DAYS:
        folded = re.sub(pattern, vietnamese, folded)
    try:
        m = _NUMERIC.search(raw)
        if m:
            year = int(m.group(3)) if m.group(3) else None
            return _upcoming_month_day(today, int(m.group(1)), int(m.group(2)), year)
        m = _DAY_ONLY.search(folded)
        if m:
            day = int(m.group(1))
            found = today.replace(day=day) if day >= today.day else None
            if found is None:
                nxt = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
                found = nxt.replace(day=day)
            return found
    except ValueError:
        return None
    m = _WEEKDAY.search(folded)
    if m:
        return _weekday(m, folded, today)
    padded = f" {folded} "
    for words, delta in _RELATIVE:
        if f" {words} " in padded:
            return today + dt.timedelta(days=delta)
    return None
