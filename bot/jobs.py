"""The background job runner of ``tthc-bot run``: claims due jobs and delivers them.

``send`` jobs carry ``{"channel", "chat_id", "reply": Reply.to_dict()}`` (or ``"replies"``: a
list) and go out through the sender registered for their channel:
``app.extras["senders"][channel] = async callable(chat_id, Reply)``. Channel modules register
theirs in their own ``setup``; other job kinds can be added with ``register_handler``.

Delivery is exactly once as long as a worker does not die between sending and recording the
completion: the claim is committed before sending (so no second worker takes the job) and a
claim older than the lease is handed out again, which favours "at least once" after a crash.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from bot.background import run_beside
from bot.storage.jobs import Job
from handlers.types import Button, Reply

log = logging.getLogger(__name__)

Sender = Callable[[str, Reply], Awaitable[Any]]
# a sender that also sees the job payload (e.g. its "notice" for a ZNS template message)
NoticeSender = Callable[[str, Reply, dict[str, Any]], Awaitable[Any]]
JobHandler = Callable[[Any, Job], Awaitable[None]]

MAX_ATTEMPTS = 5
POLL_SECONDS = 2.0


class PermanentJobError(Exception):
    """The job can never succeed (e.g. the citizen blocked the bot): do not retry."""


class CollectingSender:
    """A sender that keeps what it was asked to send (tests, the terminal)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def __call__(self, chat_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply))

    def texts(self, chat_id: str | None = None) -> list[str]:
        """Texts sent (to one chat when given)."""
        return [r.text for c, r in self.sent if chat_id is None or c == chat_id]


def senders(app: Any) -> dict[str, Sender]:
    """The channel -> sender registry of this app (created on first use)."""
    registry: dict[str, Sender] = app.extras.setdefault("senders", {})
    return registry


def notice_senders(app: Any) -> dict[str, NoticeSender]:
    """The channel -> payload-aware sender registry (preferred over ``senders``)."""
    registry: dict[str, NoticeSender] = app.extras.setdefault("notice_senders", {})
    return registry


def reply_from_dict(data: dict[str, Any]) -> Reply:
    """Inverse of ``Reply.to_dict`` (job payloads are JSON)."""
    rows = [
        [Button(str(b["label"]), str(b["payload"])) for b in row]
        for row in data.get("buttons") or []
    ]
    return Reply.make(str(data.get("text", "")), rows, link=data.get("link"))


def send_payload(channel: str, chat_id: str, *replies: Reply) -> dict[str, Any]:
    """The payload of a ``send`` job (for modules that enqueue their own messages)."""
    return {"channel": channel, "chat_id": chat_id, "replies": [r.to_dict() for r in replies]}


async def handle_send(app: Any, job: Job) -> None:
    """Deliver a ``send`` job through its channel's sender."""
    payload = job.payload
    channel, chat_id = str(payload.get("channel", "")), str(payload.get("chat_id", ""))
    sender = senders(app).get(channel)
    notice_sender = notice_senders(app).get(channel)
    if sender is None and notice_sender is None:
        # the channel may just not be configured yet in this process: retry later
        raise RuntimeError(f"no sender for channel {channel!r}")
    items = payload.get("replies") or [payload.get("reply") or {}]
    for item in items:
        if notice_sender is not None:
            await notice_sender(chat_id, reply_from_dict(item), {**payload, "tracking_id": job.id})
        elif sender is not None:
            await sender(chat_id, reply_from_dict(item))


HANDLERS: dict[str, JobHandler] = {"send": handle_send}


def register_handler(kind: str, handler: JobHandler) -> None:
    """Add a job kind (e.g. a reminder that renders its message at run time)."""
    HANDLERS[kind] = handler


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... capped at one hour."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


async def run_once(app: Any, worker_id: str = "", limit: int = 20) -> int:
    """Claim and run the due jobs once; returns how many were claimed."""
    now = app.services.clock.now()
    async with app.uow() as uow:
        jobs = await uow.repos.jobs.claim_due(now, limit, worker_id)
        await uow.commit()
    for job in jobs:
        error: str | None = None
        permanent = False
        try:
            handler = HANDLERS.get(job.kind)
            if handler is None:
                raise PermanentJobError(f"unknown job kind {job.kind!r}")
            await handler(app, job)
        except PermanentJobError as exc:
            error, permanent = str(exc) or type(exc).__name__, True
        except Exception as exc:  # any failure of one job must not stop the others
            error = f"{type(exc).__name__}: {exc}"
        async with app.uow() as uow:
            if error is None:
                await uow.repos.jobs.complete(job.id, app.services.clock.now())
            else:
                give_up = permanent or job.attempts >= MAX_ATTEMPTS
                retry_at = None if give_up else app.services.clock.now() + backoff(job.attempts)
                log.warning(
                    "job %s (%s) failed, attempt %d: %s", job.id, job.kind, job.attempts, error
                )
                await uow.repos.jobs.fail(job.id, error, retry_at)
            await uow.commit()
    return len(jobs)


async def run_forever(app: Any, stop: asyncio.Event, interval: float = POLL_SECONDS) -> None:
    """Poll for due jobs until ``stop`` is set."""
    worker_id = f"{socket.gethostname()}:{os.getpid()}"
    while not stop.is_set():
        try:
            busy = await run_once(app, worker_id)
        except Exception:  # e.g. the database restarting: keep the loop alive
            log.exception("job runner iteration failed")
            busy = 0
        if busy:
            continue
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


def setup(web_app: Any, app: Any) -> None:
    """Start the runner with the aiohttp app and stop it on shutdown."""

    run_beside(web_app, lambda stop: run_forever(app, stop))
