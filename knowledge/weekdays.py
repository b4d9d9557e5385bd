"""Weekday names and clock times as local staff write them in the data files.

Shared by the assistance programmes (``programmes.yaml``) and the offices' opening hours
(``offices.yaml``): parsing is forgiving about weekday spelling ("thứ Ba", "thu 3", "T3",
"tuesday") and strict about times ("07:30", never "7h30").
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.normalize import fold

# ISO weekday numbers (Monday = 1); Vietnamese "thứ Hai" is Monday, "thứ 3" is Tuesday.
_WEEKDAYS = {
    "thu hai": 1, "thu 2": 1, "t2": 1, "monday": 1, "mon": 1,
    "thu ba": 2, "thu 3": 2, "t3": 2, "tuesday": 2, "tue": 2,
    "thu tu": 3, "thu 4": 3, "t4": 3, "wednesday": 3, "wed": 3,
    "thu nam": 4, "thu 5": 4, "t5": 4, "thursday": 4, "thur": 4,
    "thu sau": 5, "thu 6": 5, "t6": 5, "friday": 5, "fri": 5,
    "thu bay": 6, "thu 7": 6, "t7": 6, "saturday": 6, "sat": 6,
    "chu nhat": 7, "cn": 7, "sunday": 7, "sun": 7,
}  # fmt: skip
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def parse_weekday(value: Any) -> int:
    """ISO weekday (1 = Monday) from a staff-written name; raises ``ValueError``."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError("write the weekday as a name ('thứ Ba'), numbers are ambiguous")
    key = fold(str(value)).replace(".", " ").strip()
    key = re.sub(r"\s+", " ", key)
    if key not in _WEEKDAYS:
        raise ValueError(f"unknown weekday {value!r}; use 'thứ Hai' ... 'Chủ nhật'")
    return _WEEKDAYS[key]


def minutes(hhmm: str) -> int:
    """Minutes after midnight of an ``HH:MM`` time."""
    return int(hhmm[:2]) * 60 + int(hhmm[3:])
