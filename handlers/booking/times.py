"""Clock times as citizens type them while booking.

"8:30", "8.30" (a quarter only: "10.12" is a date), "8h30", "7g30", "7 giờ 30", "7 giờ
rưỡi", "3 rưỡi chiều", "8 giờ kém 15", "tám giờ", "14h", "8", "8am", "2:30 pm". A part of the day ("sáng", "trưa", "chiều", "tối", "đêm") typed with
the time, or said earlier in the conversation (``part``), places the hour: "2 giờ" after
"chiều" is 14:00, "12 giờ trưa" 12:00, "12 giờ đêm" 00:00, "7 giờ tối" 19:00. Without one,
1 to 5 o'clock is the afternoon: nobody books the one-stop shop at 2 in the night.
Pure functions: the booking steps decide whether the time is offered.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.normalize import fold

_AM_PM = re.compile(r"(?<!\d)(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b")
_CLOCK = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s*(?:(gio|h|g|:|\.(?=(?:00|15|30|45)(?![\d./])))"
    r"\s*(\d{1,2}|ruoi|kem\s*(\d{1,2}))?(?:\s*(?:phut|p))?|\s+(ruoi))(?![\d/])"
)
# hours in words before "giờ" ("tám giờ rưỡi", "hai giờ chiều"), accent-free
_WORDS = {"muoi mot": 11, "muoi hai": 12, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4,
          "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}  # fmt: skip
_WORD_HOUR = re.compile(
    r"(?<!thu )\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\s+gio\b"
)
_BARE = re.compile(r"^\s*(\d{1,2})\s*$")
# "thứ 3", "t6", "thu 7": a weekday, never an hour ("thu 3 gan nhat" is no 3 o'clock)
_WEEKDAY_NUMERAL = re.compile(r"\b(?:thu|t)\s*[2-7]\b(?!\s*(?:h|gio|:)\s*\d)")
# accent-free part words; "tối" is "toi" like "tôi" (I): accented it counts anywhere,
# accent-free only right after the time ("7h toi")
_PARTS = {"sang": "sang", "trua": "trua", "chieu": "chieu", "dem": "dem", "khuya": "dem"}
AFTERNOON_UNTIL = 5  # "2 giờ" with no part of the day: 14:00


def _plain(text: str) -> str:
    """Lower case without accents, punctuation kept ("8:30" stays "8:30", unlike ``fold``)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def part_in(text: str, after: str = "") -> str | None:
    """The part of the day a message names ("chiều", "buổi tối", "7h toi"), or None;
    ``after`` is the text right after a time, where an accent-free "toi" is "tối"."""
    raw = (text or "").lower()
    if "tối" in raw:
        return "toi"
    if _plain(raw) == raw and fold(after).split()[:1] == ["toi"]:  # typed without accents
        return "toi"
    for word in fold(raw).split():
        if word in _PARTS:
            return _PARTS[word]
    return None


def _placed(hour: int, part: str | None) -> int | None:
    """The 24-hour clock hour of ``hour`` said in ``part`` of the day."""
    if part in ("chieu", "toi") and 1 <= hour < 12:
        return hour + 12
    if part == "trua" and 1 <= hour <= 4:
        return hour + 12  # "1 giờ trưa"
    if part == "dem":
        if hour == 12:
            return 0
        return hour + 12 if 7 <= hour < 12 else hour  # "10 giờ đêm", "2 giờ đêm"
    if part is None and 1 <= hour <= AFTERNOON_UNTIL:
        return hour + 12
    return hour


def parse_time(text: str, part: str | None = None) -> str | None:
    """ "HH:MM" of a typed time, or None. ``part``: the part of the day said before."""
    raw = text or ""
    english = _AM_PM.search(raw.lower())
    if english:
        hour = int(english.group(1)) % 12 + (12 if english.group(3) == "p" else 0)
        return f"{hour:02d}:{english.group(2) or '00'}" if hour < 24 else None
    folded = " ".join(_plain(raw).split())
    folded = _WEEKDAY_NUMERAL.sub(" ", folded)
    folded = _WORD_HOUR.sub(lambda w: f"{_WORDS[w.group(1)]} gio", folded)
    m = _CLOCK.search(folded)
    bare = _BARE.match(folded) if m is None else None
    if m is None and bare is None:
        return None
    hour = int((m or bare).group(1))  # type: ignore[union-attr]
    minute = 0
    if m is not None:
        said = m.group(3) or m.group(5) or ""
        if said == "ruoi":
            minute = 30
        elif m.group(4):  # "8 giờ kém 15": 7:45
            hour, minute = hour - 1, 60 - int(m.group(4))
        elif folded[m.end() :].lstrip().startswith("kem"):
            return None  # "9 giờ kém mười lăm": not read, rather than 9:00
        elif said:
            minute = int(said)
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return None
    typed_part = part_in(raw, folded[m.end() :] if m is not None else "")
    placed = _placed(hour, typed_part or part) if hour <= 12 else hour
    if placed is None or placed > 23:
        return None
    return f"{placed:02d}:{minute:02d}"
