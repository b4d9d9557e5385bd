"""The work calendar a deployment hands in (``services.extra["work_calendar"]``, e.g. a day
the ward closes for a local holiday) is the one the status card counts days with."""

from __future__ import annotations

import datetime as dt
import re

from handlers.workdays import default_calendar, load_calendar
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo: phone ...1234, on time
LEFT = re.compile(r"Còn (\d+) ngày làm việc")


async def _days_left(app, chat_id: str) -> int:
    chat = Chat(app.engine, chat_id=chat_id)
    await chat.say(f"tra cứu {CODE}")
    await chat.say("1234")
    found = LEFT.search(chat.text)
    assert found, chat.text
    return int(found.group(1))


async def test_a_ward_closing_day_handed_in_counts_one_working_day_less(app, clock) -> None:
    before = await _days_left(app, "cal-a")
    assert before >= 2
    cal = default_calendar()
    today = clock.now().date()
    closed = next(
        today + dt.timedelta(days=n)
        for n in range(1, 30)
        if cal.is_workday(today + dt.timedelta(days=n))
    )  # the next working day, well before the due date
    app.services.extra["work_calendar"] = load_calendar(extra_closed=[closed])
    assert await _days_left(app, "cal-b") == before - 1


async def test_something_else_under_the_calendar_key_falls_back_to_the_bundled_one(app) -> None:
    before = await _days_left(app, "cal-c")
    app.services.extra["work_calendar"] = {"closed": ["2026-12-02"]}  # not a WorkCalendar
    assert await _days_left(app, "cal-d") == before
