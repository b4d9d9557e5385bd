"""A generic background job queue in the database (notifications, reminders).

Each job has a unique ``dedupe_key``: enqueueing the same key twice is a no-op, which is what
makes "send exactly once" hold when two processes react to the same event. Workers claim due
jobs with ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two claimers never get the
same row; on SQLite every write transaction already holds the database write lock (see
``bot.storage.db``), so a plain select-then-update is serialised.

The caller owns the transaction: commit right after ``claim_due`` so that the claim is visible
to other workers before the (slow) work starts, then ``complete`` or ``fail`` in a new unit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Job as JobRow

log = logging.getLogger(__name__)

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
# a claim older than this is taken to be from a crashed worker and is handed out again
DEFAULT_LEASE = dt.timedelta(minutes=10)
MAX_KEY = 128


@dataclass(frozen=True)
class Job:
    """A claimed job as the runner sees it."""

    id: int
    kind: str
    run_at: dt.datetime
    payload: dict[str, Any]
    attempts: int
    dedupe_key: str


def utc(moment: dt.datetime) -> dt.datetime:
    """Aware UTC datetime; naive values are taken as UTC (that is how SQLite returns them).

    Everything is stored in UTC because SQLite keeps datetimes as text without an offset, and
    text comparison of ``run_at <= now`` is only right when all values share one zone.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def dedupe_key(*parts: object) -> str:
    """Join parts into a key; keys over the column size are replaced by a SHA-256 digest."""
    key = ":".join(str(p) for p in parts)
    if len(key) <= MAX_KEY:
        return key
    return "h:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


class JobRepo:
    """Enqueue, claim, complete and fail background jobs (one session, caller commits)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def enqueue(
        self, kind: str, run_at: dt.datetime, payload: dict[str, Any], dedupe_key: str
    ) -> bool:
        """Add a job unless one with ``dedupe_key`` exists; True when it was added."""
        values = dict(
            kind=kind,
            dedupe_key=dedupe_key,
            run_at=utc(run_at),
            payload=payload,
            status=PENDING,
            attempts=0,
        )
        from bot.storage.db import dialect_insert

        stmt = (
            dialect_insert(self._dialect())(JobRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def claim_due(
        self,
        now: dt.datetime,
        limit: int = 20,
        worker_id: str = "",
        lease: dt.timedelta = DEFAULT_LEASE,
    ) -> list[Job]:
        """Mark up to ``limit`` due jobs as running and return them.

        Due means pending with ``run_at <= now``, or running with a claim older than
        ``lease`` (its worker died). Rows locked by another claimer are skipped, not waited for.
        """
        now = utc(now)
        due = or_(
            and_(JobRow.status == PENDING, JobRow.run_at <= now),
            and_(JobRow.status == RUNNING, JobRow.claimed_at < now - lease),
        )
        pick = select(JobRow.id).where(due).order_by(JobRow.run_at, JobRow.id).limit(limit)
        if self._dialect() == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        ids = list((await self.session.execute(pick)).scalars())
        if not ids:
            return []
        stmt = (
            update(JobRow)
            .where(JobRow.id.in_(ids), due)
            .values(status=RUNNING, claimed_at=now, attempts=JobRow.attempts + 1)
            .returning(
                JobRow.id,
                JobRow.kind,
                JobRow.run_at,
                JobRow.payload,
                JobRow.attempts,
                JobRow.dedupe_key,
            )
            .execution_options(synchronize_session=False)
        )
        rows = (await self.session.execute(stmt)).all()
        jobs = [
            Job(
                id=r.id,
                kind=r.kind,
                run_at=utc(r.run_at),
                payload=dict(r.payload or {}),
                attempts=r.attempts,
                dedupe_key=r.dedupe_key,
            )
            for r in rows
        ]
        if jobs:
            log.debug("worker %s claimed %d jobs", worker_id or "-", len(jobs))
        return sorted(jobs, key=lambda j: (j.run_at, j.id))

    async def complete(self, job_id: int, now: dt.datetime | None = None) -> None:
        """The job succeeded; it is never handed out again."""
        await self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(status=DONE, done_at=utc(now or dt.datetime.now(dt.UTC)), last_error=None)
            .execution_options(synchronize_session=False)
        )

    async def fail(self, job_id: int, error: str, retry_at: dt.datetime | None = None) -> None:
        """The job failed: retry at ``retry_at``, or give up for good when it is None."""
        values: dict[str, Any] = {"last_error": error[:2000], "claimed_at": None}
        if retry_at is None:
            values["status"] = FAILED
        else:
            values.update(status=PENDING, run_at=utc(retry_at))
        await self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    async def cancel(self, dedupe_key: str) -> bool:
        """Drop a job that has not run yet (e.g. the reminder of a cancelled booking)."""
        result = await self.session.execute(
            delete(JobRow).where(JobRow.dedupe_key == dedupe_key, JobRow.status == PENDING)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def status_of(self, dedupe_key: str) -> dict[str, Any] | None:
        """Status, attempts and last error of a job (for tests and the staff API)."""
        row = (
            await self.session.execute(select(JobRow).where(JobRow.dedupe_key == dedupe_key))
        ).scalar_one_or_none()
        if row is None:
            return None
        return {
            "id": row.id,
            "kind": row.kind,
            "status": row.status,
            "attempts": row.attempts,
            "last_error": row.last_error,
            "payload": dict(row.payload or {}),
        }

    async def count(self, status: str | None = None, kind: str | None = None) -> int:
        """Number of jobs, optionally by status and kind."""
        from sqlalchemy import func

        stmt = select(func.count()).select_from(JobRow)
        if status:
            stmt = stmt.where(JobRow.status == status)
        if kind:
            stmt = stmt.where(JobRow.kind == kind)
        return int((await self.session.execute(stmt)).scalar_one())

    async def lag(self, now: dt.datetime) -> float:
        """Seconds the oldest due pending job is late (0 when none is due)."""
        from sqlalchemy import func

        stmt = select(func.min(JobRow.run_at)).where(
            JobRow.status == PENDING, JobRow.run_at <= utc(now)
        )
        oldest = (await self.session.execute(stmt)).scalar_one_or_none()
        return max((utc(now) - utc(oldest)).total_seconds(), 0.0) if oldest else 0.0
