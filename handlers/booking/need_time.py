"""A time typed at the booking's need question: a time wish, never the need.

"9h" at "Anh/chị cần hỗ trợ thủ tục nào?" was saved as the need ("Việc cần hỗ trợ: 9h",
QA round 14, item 7): the citizen answered the time they want, not the reason. A short
message that is a time ("9h", "lúc 9 giờ", "8 giờ rưỡi sáng") is that time on the day
already chosen: the same time is said to be booked already; another one is taken as
"bk:slot" is (its own checks: free, in hours, not too soon), the form's answers kept, and
the need asked again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.booking import views as view
from handlers.booking.times import parse_time
from handlers.common import same_buttons
from handlers.context import Context
from handlers.types import Incoming, Reply, Step

MAX_WORDS = 4  # "lúc 9 giờ nhé": a time; a longer message may be a need that names a time


def typed_time(ctx: Context, text: str) -> str | None:
    """The time a short message at the need step is ("09:00"), or None; a bare number is
    an option's number, never a time."""
    if not ctx.data.get("d") or len(text.split()) > MAX_WORDS or text.strip().isdigit():
        return None
    return parse_time(text, ctx.data.get("part") if ctx.data.get("part") == "chieu" else None)


def time_first(step_fn: Any) -> Any:
    """Wrap the need step: a time typed there is a time wish (see the module doc)."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        start = typed_time(ctx, msg.text or "") if msg.payload is None else None
        if start is None:
            return await step_fn(msg, ctx)
        day = dt.date.fromisoformat(str(ctx.data["d"]))
        date = f"{view.weekday(ctx, day)} {view.fmt_date(day)}"
        if start == ctx.data.get("s"):  # the time already chosen: the need is still asked
            note = ctx.t("booking.need_time_same", start=start, date=date)
            return Step([same_buttons(f"{note} {ctx.t('booking.ask_need')}", ctx.state)])
        moved = await ctx.start("booking", "slot", f"{day.isoformat()}_{start}")
        done = (moved.data or {}).get("s") == start  # free: the booking is at that time now
        key = "booking.need_time_moved" if done else "booking.need_time_taken"
        moved.replies.insert(0, Reply(ctx.t(key, start=start, date=date)))
        return moved

    step.__doc__ = step_fn.__doc__
    return step
