"""Words typed at the day list that choose a day without naming a date.

"sớm nhất", "ngày gần nhất", "càng sớm càng tốt" take the first day offered; "muộn nhất",
"ngày cuối" the last; "buổi sáng", "chiều" alone ask which day, offering the days with that
part's free times (the time list then shows that part; QA round 14: "sáng" took the nearest
day), or, when no offered day has one, say so and keep the days on offer (the day is never
assumed). A ward typed there that is not the programme's own
("phường Cao Lãnh" while booking at-home help in Mỹ Ngãi) is told plainly where the
programme works, and the days stay on offer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from handlers.booking import ahead, early_morning, form
from handlers.booking import slots as sl
from handlers.booking import views as view
from handlers.booking.dates import parse_day
from handlers.booking.offer import anytime
from handlers.context import Context
from handlers.types import Incoming, Step
from knowledge.normalize import fold
from knowledge.programmes import Programme


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(","))


EARLIEST = _phrases(
    """som nhat, gan nhat, ngay gan nhat, ngay som nhat, cang som cang tot, som nhat co the,
    ngay dau tien, som, earliest, soonest, as soon as possible, asap, first day"""
)
LATEST = _phrases(
    """muon nhat, tre nhat, xa nhat, ngay cuoi, ngay cuoi cung, ngay xa nhat, muon, latest,
    last day, the latest"""
)
FILL = frozenset("ngay lich hen cho toi em minh a nhe nha di duoc the nao khong ko vay".split())


def _offered(ctx: Context) -> list[dt.date]:
    days = []
    for row in ctx.state.last_buttons:
        payload = str(row[1]) if len(row) > 1 else ""
        if payload.startswith("bk:day:"):
            try:
                days.append(dt.date.fromisoformat(payload.split(":", 2)[2]))
            except ValueError:
                continue
    return sorted(days)


def earliest(text: str) -> bool:
    """ "sớm nhất", "càng sớm càng tốt", "giờ nào cũng được": the first day and time suit."""
    folded = " ".join(fold(text).split())
    core = " ".join(w for w in folded.split() if w not in FILL)
    return bool(folded) and (folded in EARLIEST or core in EARLIEST or anytime(text))


async def day_word(ctx: Context, text: str) -> tuple[dt.date, str | None] | PartDays | str | None:
    """The offered day (and part of the day) such a word chooses; for a part of the day
    alone ("sáng") the days that have it (the citizen chooses the day, it is never
    assumed); for a part no offered day has ("chiều" at a mornings-only programme) the
    sentence that says so; else None."""
    offered = _offered(ctx)
    if not offered:
        return None
    folded = " ".join(fold(text).split())
    core = " ".join(w for w in folded.split() if w not in FILL)
    if early_morning.asked(text):  # "sáng sớm": the first day with an early-morning time
        early = await early_morning.first_early_day(ctx, offered)
        if early is not None:
            return early, "sang"
    if early_morning.asked(text):  # "sáng sớm" where no day has an early time: the mornings
        day = await _first_with(ctx, offered, "sang")
        return (day, "sang") if day is not None else _no_day(ctx, "sang")
    part = ahead.part_of_day(text)
    if part is not None:  # "sáng" with no day: which day, among those with a morning time
        days = [d for d in offered if await _has(ctx, d, part)]
        return PartDays(days, part) if days else _no_day(ctx, part)
    if earliest(text):
        return offered[0], None
    if folded in LATEST or core in LATEST:
        return offered[-1], None
    return None


class PartDays(NamedTuple):
    """The offered days with a free time in ``part`` of the day ("sáng" typed alone)."""

    days: list[dt.date]
    part: str


async def which_day(msg: Incoming, ctx: Context, chosen: PartDays) -> Step:
    """ "sáng" typed alone at the day list: the days that have a morning time, the part
    kept (the day's times are then that part's, one proposed)."""
    programme = form.current(ctx)
    if programme is None:
        return await form.old_button(msg, ctx)
    note = ctx.t("booking.which_day_part", part=ctx.t(f"booking.parts.{chosen.part}"))
    data = {**ctx.data, "wpart": chosen.part}
    return await view.dates_step(ctx, programme, data, note=note, keep=chosen.days)


def _no_day(ctx: Context, part: str) -> str:
    return ctx.t("booking.part_no_day", part=ctx.t(f"booking.parts.{part}"))


async def _has(ctx: Context, day: dt.date, part: str) -> bool:
    """Whether ``day`` has a free time in that part of the day."""
    programme = form.current(ctx)
    if programme is None:
        return True
    taken = await view.counts(ctx, programme)
    free = sl.free_slots(view.programmes(ctx), programme, day, ctx.now(), taken)
    return bool(ahead.within(free, part))


async def _first_with(ctx: Context, offered: list[dt.date], part: str) -> dt.date | None:
    """The first offered day with a free time in that part of the day."""
    for day in offered:
        if await _has(ctx, day, part):
            return day
    return None


# "cái thứ ba", "thứ 2" alone at a list are as often "the third/second one" as a weekday
# ... a weekday that names a programme says so: "the Tuesday one", "cái làm vào thứ ba"
REFERS = frozenset("one programme program cai chuong buoi lop".split())
ORDINAL = re.compile(r"(?:(?:cai|so|muc|chuong trinh) )?thu (?:hai|ba|tu|nam|sau|bay|[2-7])")


def programme_on(ctx: Context, text: str, day: dt.date) -> Programme | None:
    """The one offered programme that works on ``day``'s weekday ("the Tuesday one", "cái
    làm vào thứ ba"), or None when none or several do, or the words may be a place."""
    if ORDINAL.fullmatch(" ".join(fold(text).split())):
        return None
    book = view.programmes(ctx)
    offered = [
        book.get(str(row[1]).split(":", 2)[2])
        for row in ctx.state.last_buttons
        if len(row) > 1 and str(row[1]).startswith("bk:prog:")
    ]
    runs = [p for p in offered if p is not None and day.isoweekday() in p.weekdays()]
    return runs[0] if len(runs) == 1 else None


def by_weekday(ctx: Context, text: str) -> Programme | None:
    """The offered programme of the weekday typed at the programme list, the day it names
    kept for the day list ("next Tuesday" picks the Tuesday programme and that Tuesday)."""
    if not REFERS & set(fold(text).split()):  # "thứ 2 tuần sau" alone is a day, kept
        return None
    day = parse_day(text, view.today(ctx))
    programme = programme_on(ctx, text, day) if day is not None else None
    if programme is not None and day is not None:
        ctx.state.data = {**ctx.state.data, "want": day.isoformat()}
    return programme
