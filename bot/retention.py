"""The retention job: the question log, the votes and ratings, the turn counts and old
handoffs (closed or abandoned, with their threads) are deleted after ``RETENTION_DAYS``
(default 180). Plain daily counters, which name no chat, are kept.

A ``retention`` job runs every night at 03:00 (its dedupe key is the date, so several workers
run it once) and queues the next night's; the service queues the first one when it starts.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.jobs import register_handler
from handlers.workdays import local_date

log = logging.getLogger(__name__)

JOB_KIND = "retention"
RUN_AT = dt.time(3, 0)


async def purge(app: Any, now: dt.datetime) -> dict[str, int]:
    """Delete what is older than ``RETENTION_DAYS`` before ``now``; rows deleted per kind."""
    before = now - dt.timedelta(days=app.settings.retention_days)
    async with app.uow() as uow:
        repos = uow.repos
        counts = {
            "questions": await repos.questions.purge(before),
            "feedback": await repos.feedback.purge(before),
            "handoffs": await repos.handoffs.purge(before),
        }
        await uow.commit()
    log.info("retention purge before %s: %s", before.date().isoformat(), counts)
    return counts


def next_run(now: dt.datetime) -> dt.datetime:
    """The next 03:00 (local time) after ``now``: the purge runs at night."""
    at = dt.datetime.combine(local_date(now), RUN_AT, tzinfo=now.tzinfo)
    return at if at > now else at + dt.timedelta(days=1)


async def _schedule(repos: Any, now: dt.datetime) -> None:
    """Queue the next night's purge (once per night, whichever worker queues it)."""
    at = next_run(now)
    await repos.jobs.enqueue(JOB_KIND, at, {}, f"retention:{at.date().isoformat()}")


async def run_job(app: Any, job: Any) -> None:
    """The daily job: purge, then queue tomorrow's."""
    now = app.services.clock.now()
    await purge(app, now)
    async with app.uow() as uow:
        await _schedule(uow.repos, now)
        await uow.commit()


async def on_start(app: Any) -> None:
    """Queue the next night's purge when the app is built (``bot.app.START_HOOKS``); from
    then on each run queues the following one."""
    async with app.uow() as uow:
        await _schedule(uow.repos, app.services.clock.now())
        await uow.commit()


def setup(web_app: Any, app: Any) -> None:
    """Register the job with this process's runner (``on_start`` queued the first one)."""
    register_handler(JOB_KIND, run_job)
