""" "Sáng sớm": the first times of a morning, as a citizen asks for them at the booking.

"sáng sớm", "buổi sáng sớm", "đầu giờ sáng", "early morning" ask for a time in the first
hour of the day's first session (07:30-08:30 at a programme that opens at 07:30). When the
day being chosen still has one, it is proposed as for "sáng". When only later morning times
are left (the early ones past or full), the reply says so plainly ("Thứ Tư 02/12 buổi sáng
chỉ còn 10:30") and proposes the first early time of a later day, with the day's remaining
times and that day's early ones a tap away; the day is never assumed silently.
"""

from __future__ import annotations

import datetime as dt

from handlers.booking import ahead, form, offer
from handlers.booking import slots as sl
from handlers.booking import views as view
from handlers.context import Context
from handlers.types import Button, Reply, Step
from knowledge.normalize import fold
from knowledge.programmes import Programme

EARLY_MINUTES = 60  # "sớm": within the first hour of the day's first session
_PHRASES = frozenset(
    " ".join(p.split())
    for p in """sang som, buoi sang som, sang that som, sang som nhat, that som buoi sang,
    dau gio sang, sang dau gio, dau buoi sang, buoi sang dau gio, gio sang som,
    early morning, early in the morning, first thing in the morning""".split(",")
)
_FILL = frozenset("vao luc khoang gio di a nhe nha duoc cho toi em minh thi vay".split())


def asked(text: str) -> bool:
    """ "sáng sớm nha", "buổi sáng sớm", "đầu giờ sáng": the early morning is asked for."""
    words = [w for w in fold(text).split() if w not in _FILL]
    return " ".join(words) in _PHRASES


def _first_start(programme: Programme, day: dt.date) -> int | None:
    starts = [ahead.minutes(s.start) for s in programme.schedule if s.weekday == day.isoweekday()]
    return min(starts) if starts else None


def early_of(programme: Programme, slots: list[sl.Slot]) -> list[sl.Slot]:
    """The slots in the first hour of their day's first session, before noon."""
    out = []
    for slot in slots:
        first = _first_start(programme, slot.date)
        at = ahead.minutes(slot.start)
        if first is not None and first <= at < min(first + EARLY_MINUTES, 12 * 60):
            out.append(slot)
    return out


def _label(ctx: Context, slot: sl.Slot) -> str:
    return ctx.t(
        "booking.next_slot_label",
        weekday=view.weekday(ctx, slot.date),
        date=view.fmt_date(slot.date),
        start=slot.start,
    )


async def early_step(ctx: Context, day: dt.date) -> Step | None:
    """The reply to "sáng sớm" at the times of ``day`` when its early times are gone and a
    later day has one; None when ``day`` still has an early time (proposed as "sáng") or no
    day has one (the morning's times are shown as for "sáng")."""
    programme = form.current(ctx)
    if programme is None:
        return None
    book, now = view.programmes(ctx), ctx.now()
    taken = await view.counts(ctx, programme)
    today = sl.free_slots(book, programme, day, now, taken)
    if early_of(programme, today):
        return None
    later = None
    for other in sl.candidate_days(book, programme, now):
        if other <= day:
            continue
        early = early_of(programme, sl.free_slots(book, programme, other, now, taken))
        if early:
            later = early
            break
    if later is None:
        return None
    date = f"{view.weekday(ctx, day)} {view.fmt_date(day)}"
    morning = ahead.within(today, "sang")
    if morning:
        said = ctx.t("booking.early_left", date=date, times=", ".join(s.start for s in morning))
    else:
        said = ctx.t("booking.early_none_left", date=date)
    first = later[0]
    lines = [said, ctx.t("booking.early_next", start=first.start, date=_date(ctx, first.date))]
    lines.append(offer.offer_text(ctx, first.date, first.start))
    rows = [[offer.offer_button(ctx, first.key, first.start)]]
    rows += [[Button(_label(ctx, s), f"bk:slot:{s.key}")] for s in [*morning, *later[1:3]]]
    rows.append([Button(ctx.t("booking.btn_other_time"), f"bk:prog:{programme.id}")])
    rows.append(view.stop_row(ctx))
    drop = ("part", "miss", "offer")
    data = {k: v for k, v in ctx.data.items() if k not in drop}
    data.update(d=first.date.isoformat(), offer=first.key, part="sang")
    return Step([Reply.make("\n".join(lines), rows)], "booking:choose_slot", data)


def _date(ctx: Context, day: dt.date) -> str:
    return f"{view.weekday(ctx, day)} {view.fmt_date(day)}"


async def first_early_day(ctx: Context, offered: list[dt.date]) -> dt.date | None:
    """The first offered day with a free early-morning time (for "sáng sớm" at the days)."""
    programme = form.current(ctx)
    if programme is None:
        return None
    book, now = view.programmes(ctx), ctx.now()
    taken = await view.counts(ctx, programme)
    for day in offered:
        if early_of(programme, sl.free_slots(book, programme, day, now, taken)):
            return day
    return None
