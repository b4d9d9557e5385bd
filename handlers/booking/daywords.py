"""Words typed at the day list that choose a day without naming a date.

"sớm nhất", "ngày gần nhất", "càng sớm càng tốt" take the first day offered; "muộn nhất",
"ngày cuối" the last; "buổi sáng", "chiều" the first day offered with that part's free times
(the time list then shows that part). A ward typed there that is not the programme's own
("phường Cao Lãnh" while booking at-home help in Mỹ Ngãi) is told plainly where the
programme works, and the days stay on offer.
"""

from __future__ import annotations

import datetime as dt

from handlers.booking import ahead, form
from handlers.context import Context
from knowledge.normalize import fold


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


def day_word(ctx: Context, text: str) -> tuple[dt.date, str | None] | None:
    """The offered day (and part of the day) such a word chooses, or None."""
    offered = _offered(ctx)
    if not offered:
        return None
    folded = " ".join(fold(text).split())
    core = " ".join(w for w in folded.split() if w not in FILL)
    part = ahead.part_of_day(text)
    if folded in EARLIEST or core in EARLIEST or part is not None:
        return offered[0], part
    if folded in LATEST or core in LATEST:
        return offered[-1], None
    return None


def other_ward_note(ctx: Context, text: str) -> str | None:
    """ "phường Cao Lãnh" while the programme works in another ward: where it works."""
    programme = form.current(ctx)
    places = ctx.services.localities
    if programme is None or places is None or not programme.ward:
        return None
    found = places.find(text)
    if found.ward is None or found.ward.code == programme.ward:
        return None
    own = places.get(programme.ward)
    return ctx.t(
        "booking.other_ward",
        typed=found.ward.display,
        name=programme.name,
        ward=own.display if own is not None else programme.unit,
    )
