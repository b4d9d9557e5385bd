"""Reminder jobs of a booking: at 17:00 the day before and one hour before the slot.

They are ``send`` jobs in the database job queue (``ctx.repos.jobs``), sent by the job runner
on the channel the booking was made from. Dedupe keys (``bkrem:<code>:<slot>:d1|h1``) make
enqueueing idempotent; cancelling or moving a booking deletes the pending ones
(``BookingRepo.drop_reminders``), and a moved booking gets new keys for its new slot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.booking import views as view
from handlers.booking.slots import starts_at
from handlers.context import VN_TZ, Context
from handlers.types import Button, Reply
from knowledge.programmes import Programme

DAY_BEFORE_AT = dt.time(17, 0)


def reminder_times(day: dt.date, start: str) -> list[tuple[str, dt.datetime]]:
    """``[("d1", 17:00 the day before), ("h1", one hour before)]`` in Vietnam time."""
    day_before = dt.datetime.combine(day - dt.timedelta(days=1), DAY_BEFORE_AT, tzinfo=VN_TZ)
    return [("d1", day_before), ("h1", starts_at(day, start) - dt.timedelta(hours=1))]


def reminder_key(code: str, day: dt.date, start: str, which: str) -> str:
    return f"bkrem:{code}:{day.isoformat()}_{start}:{which}"


async def schedule_reminders(ctx: Context, booking: Any, programme: Programme) -> int:
    """Enqueue the reminders still in the future; returns how many were added."""
    fields = {
        **view.when(ctx, programme, booking.slot_date, booking.slot_start),
        "code": booking.code,
        "programme": programme.name,
        "place": view.place_text(programme),
    }
    buttons = [[Button(ctx.t("booking.btn_mine"), "bk:mine:")]]
    added = 0
    now = ctx.now()
    for which, run_at in reminder_times(booking.slot_date, booking.slot_start):
        if run_at <= now:
            continue  # booked too late for this reminder: the confirmation said it all
        text_key = (
            "booking.reminder_day_before" if which == "d1" else "booking.reminder_hour_before"
        )
        reply = Reply.make(ctx.t(text_key, **fields), buttons)
        # the shape bot.jobs.handle_send delivers: {"channel", "chat_id", "reply"}
        payload = {
            "channel": booking.channel,
            "chat_id": booking.chat_id,
            "reply": reply.to_dict(),
            "booking": booking.code,
        }
        key = reminder_key(booking.code, booking.slot_date, booking.slot_start, which)
        if await ctx.repos.jobs.enqueue("send", run_at, payload, key):
            added += 1
    return added
