"""A day or a part of the day said in the message that opens a booking ("cho tôi đặt lịch
ngày không viết ở phường 3 cũ sáng thứ năm tuần sau"), kept until the programme is chosen.

Only day phrases are read: a weekday ("thứ năm", "t5", "chủ nhật") with its week ("tuần
sau", "tuần này"), a date ("10/12", "ngày 10"), "hôm nay", "ngày mai", "ngày mốt", and "mai"
only after a part of the day ("sáng mai"): a long message has place names and programme names
that ``parse_day`` alone could misread ("Đỗ Thị Mai", "Phường 3"). Once the programme is
chosen, the day is selected when it is offered, else the reply says on which weekdays the
programme works and shows its days (``steps._day``); a part of the day alone takes the
first offered day with a free time then, with one time proposed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.booking import ahead
from handlers.booking import slots as sl
from handlers.booking import views as view
from handlers.booking.dates import parse_day
from handlers.context import Context
from knowledge.normalize import fold
from knowledge.programmes import Programme

_WEEK = r"(?:\s+tuan\s+(?:sau|toi|nay)(?:\s+nua)?)?"
_PHRASES = (
    re.compile(r"\b(?:thu|t)\s*(?:hai|ba|tu|nam|sau|bay|[2-7])\b" + _WEEK),
    re.compile(r"\bchu nhat\b" + _WEEK),  # never "cn" (also "chứng nhận")
    re.compile(r"\b(?:ngay|mung|mong)\s+\d{1,2}(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?)?\b"),
    re.compile(r"\b(?:hom nay|ngay mai|ngay mot|ngay kia)\b"),
    re.compile(r"\b(?:sang|trua|chieu|toi)\s+mai\b"),
)
_NUMERIC = re.compile(r"(?<![\d/.\-])\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?(?![\d/])")


def day_phrase(text: str) -> str | None:
    """The day phrase of a longer message ("thu nam tuan sau", "10/12"), or None."""
    numeric = _NUMERIC.search(text or "")
    if numeric:
        return numeric.group(0)
    folded = " ".join(fold(text or "").split())
    for pattern in _PHRASES:
        found = pattern.search(folded)
        if found:
            return found.group(0)
    return None


def said(ctx: Context, text: str) -> dict[str, str]:
    """``{"want": "2026-12-10", "wpart": "sang"}``: what the opening message said of when."""
    phrase = day_phrase(text)
    day = parse_day(phrase, view.today(ctx)) if phrase else None
    part = ahead.part_of_day(text, loose=True)
    out = {"want": day.isoformat()} if day is not None else {}
    return {**out, "wpart": part} if part else out


def as_arg(early: dict[str, str]) -> str:
    """The early answer as part of a ``bk:start`` argument ("when=2026-12-10_sang"), kept
    across the ward question."""
    return f"when={early.get('want', '')}_{early.get('wpart', '')}" if early else ""


def from_arg(value: str) -> dict[str, str]:
    """``"2026-12-10_sang"`` (the ``when=`` value) back as ``{"want": ..., "wpart": ...}``."""
    want, _, part = value.partition("_")
    return {k: v for k, v in (("want", want), ("wpart", part)) if v}


async def first_with(ctx: Context, programme: Programme, part: str) -> dt.date | None:
    """The first offered day with a free time in that part of the day."""
    taken = await view.counts(ctx, programme)
    book = view.programmes(ctx)
    for day in sl.next_dates(book, programme, ctx.now(), taken):
        if ahead.within(sl.free_slots(book, programme, day, ctx.now(), taken), part):
            return day
    return None


def pop(ctx: Context, data: dict[str, Any]) -> tuple[str | None, str | None]:
    """The day and part said before the programme was chosen (in ``data`` or the state)."""
    early = ctx.data if ctx.state.flow == "booking" else {}
    want = data.pop("want", None) or early.get("want")
    part = data.pop("wpart", None) or early.get("wpart")
    return (str(want) if want else None), (str(part) if part else None)


_BOOKING_WORDS = frozenset(
    "dat lich hen ho tro ngay gio buoi cho toi em minh xin can muon".split()
)


def support_only(text: str, name: str) -> bool:
    """ "đặt lịch hỗ trợ chiều thứ 3": the match ("Hỗ trợ chi phí") shares only the booking's
    own words with the message, so it names no need."""
    own = set(fold(name).split()) - _BOOKING_WORDS
    return not own & set(fold(text).split())
