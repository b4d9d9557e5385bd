"""The retention job: the question log, the votes and ratings, the turn counts and old
handoffs (closed or abandoned, with their threads) are deleted after ``RETENTION_DAYS``
(default 180). Plain daily counters, which name no chat, are kept.

A ``retention`` job runs once a day (its dedupe key is the day, so several workers run it
once) and queues the next day's; the first one is queued when the service starts.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.jobs import register_handler
from handlers.workdays import local_date

log = logging.getLogger(__name__)

JOB_KIND = "retention"


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


async def _schedule(repos: Any, now: dt.datetime) -> None:
    """Queue the purge of the day after ``now`` (03:00 local time)."""
    day = local_date(now) + dt.timedelta(days=1)
    at = dt.datetime.combine(day, dt.time(3), tzinfo=now.tzinfo)
    await repos.jobs.enqueue(JOB_KIND, at, {}, f"retention:{day.isoformat()}")


async def run_job(app: Any, job: Any) -> None:
    """The daily job: purge, then queue tomorrow's."""
    now = app.services.clock.now()
    await purge(app, now)
    async with app.uow() as uow:
        await _schedule(uow.repos, now)
        await uow.commit()


async def on_start(app: Any) -> None:
    """A purge today (once, whichever worker starts first), and the daily chain from it."""
    now = app.services.clock.now()
    async with app.uow() as uow:
        await uow.repos.jobs.enqueue(JOB_KIND, now, {}, f"retention:{local_date(now).isoformat()}")
        await uow.commit()


def setup(web_app: Any, app: Any) -> None:
    """Register the job with this process's runner; queue today's purge on start."""
    register_handler(JOB_KIND, run_job)

    async def _first(_web_app: Any) -> None:
        try:
            await on_start(app)
        except Exception:  # the database away at start: tomorrow's start queues it
            log.exception("could not queue the retention purge")

    web_app.on_startup.append(_first)
