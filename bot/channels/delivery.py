"""Durable delivery: store every update before acknowledging it, process each chat's updates
in order on whichever worker, and send replies from the outbox after the turn commits.

1. a webhook or poller calls ``store`` (``bot.storage.inbox``), then acknowledges;
2. a worker claims the chat (a lease) and runs its next update; the state, the inbox row's
   "done" and the replies (outbox rows) commit together (``Engine.handle(on_commit=...)``);
3. the worker sends the chat's outbox rows in order, recording each send.

A crash before 2 commits leaves the update pending (retaken after the lease); after it, the
replies are pending and the next owner sends them first. Only a crash between one send and
its record repeats that message (counted as ``resent``).
Events for a chat (a staff reply, a timer: ``bot.storage.chat_events``) run through the
engine directly; their replies are ``push``: the web chat's go to the page's queue.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import secrets
import socket
import time
from collections.abc import Sequence
from typing import Any

from bot.background import run_beside
from bot.channels.delivery_sweep import sweep_forever
from bot.channels.turn import ChannelHooks, Send, Turn, incoming_from_dict, incoming_to_dict
from bot.metrics import metrics_of
from bot.storage.inbox import Item, LeaseLost
from bot.storage.outbox import FAILED, SENT

log = logging.getLogger(__name__)

Stored = tuple[str, str, str, dict[str, Any], int | None]

STOP_GRACE_S = 1.5  # shutdown: how long running steps may take to finish
MAX_ATTEMPTS = 3  # an update that killed its worker this often is given up (poison)
__all__ = ["ChannelHooks", "Delivery", "Turn", "delivery_of"]
__all__ += ["incoming_from_dict", "incoming_to_dict"]


class Delivery:
    """Inbox workers of one process, the turn slots, and the outbox sender."""

    def __init__(self, app: Any) -> None:
        s = app.settings
        self.app = app
        self.owner = f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"
        self.lease = dt.timedelta(seconds=s.inbox_lease_s)
        self.poll = s.inbox_poll_s
        self.settle = dt.timedelta(seconds=s.inbox_settle_s)
        self.workers = s.inbox_workers
        self.max_in_flight = s.max_turns_in_flight
        self.in_flight = 0
        self.channels: dict[str, ChannelHooks] = {}
        # one token per piece of new work wakes one idle worker (not all of them)
        self.wake = asyncio.Semaphore(0)
        self.metrics = metrics_of(app)
        self.late_senders: dict[str, Send] = {}  # for replies nobody came for (web)

    def register(self, channel: str, hooks: ChannelHooks) -> None:
        self.channels[channel] = hooks

    def _now(self) -> dt.datetime:
        # real time, not the app's clock: leases and settling are about real seconds (and
        # tests freeze the app's clock)
        return dt.datetime.now(dt.UTC)

    # -- receiving -------------------------------------------------------------------------
    async def store(self, items: Sequence[Stored], wake: bool = True) -> list[int | None]:
        """Store (channel, chat_id, dedupe_key, payload, sort_key) updates in one transaction;
        their ids (None for a redelivery). Raises when the database cannot take them: the
        caller must then not acknowledge. ``sort_key``: the platform's order, or None."""
        now = self._now()
        async with self.app.uow(urgent=True) as uow:
            ids = [
                await uow.repos.inbox.add(channel, chat_id, key, payload, now, sort_key)
                for channel, chat_id, key, payload, sort_key in items
            ]
            await uow.commit()
        if wake:
            self.wake_after(self.settle.total_seconds(), sum(i is not None for i in ids))
        return ids

    def wake_after(self, seconds: float, count: int = 1) -> None:
        """Wake ``count`` idle workers once new work becomes claimable."""
        if count > 0:
            asyncio.get_running_loop().call_later(max(seconds, 0), self._woken, count)

    def _woken(self, count: int) -> None:
        for _ in range(min(count, self.workers)):
            if getattr(self.wake, "_value", 0) >= self.workers:
                break  # every worker will look anyway
            self.wake.release()

    # -- turn slots (shedding) -------------------------------------------------------------
    def try_slot(self) -> bool:
        """Take a turn slot if one is free (never waits)."""
        if self.in_flight >= self.max_in_flight:
            return False
        self.in_flight += 1
        self.metrics.in_flight.set(self.in_flight)
        return True

    def free_slot(self) -> None:
        self.in_flight = max(self.in_flight - 1, 0)
        self.metrics.in_flight.set(self.in_flight)

    # -- workers ---------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """The worker tasks and the sweeper, until ``stop`` is set."""
        tasks = [asyncio.create_task(self._worker(stop)) for _ in range(self.workers)]
        tasks.append(asyncio.create_task(sweep_forever(self, stop)))
        try:
            await stop.wait()
            self._woken(self.workers)  # idle workers see the stop now
            await asyncio.wait(tasks, timeout=STOP_GRACE_S)  # a database call ends, not cut
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _worker(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            claimed = None
            if self.in_flight < self.max_in_flight:
                try:
                    claimed = await self._claim()
                except Exception:  # the database restarting: keep the worker alive
                    log.exception("inbox claim failed")
            if claimed is None:
                try:
                    await asyncio.wait_for(self.wake.acquire(), timeout=self.poll)
                except TimeoutError:
                    pass
                continue
            self.in_flight += 1
            self.metrics.in_flight.set(self.in_flight)
            try:
                await self.drain(*claimed)
            except Exception:
                log.exception("inbox drain failed; the chat is retaken after its lease")
            finally:
                self.free_slot()

    async def _claim(self) -> tuple[str, str, bool] | None:
        now = self._now()
        async with self.app.uow(read=True) as uow:  # idle polls take no write lock
            if not await uow.repos.inbox.has_claimable(now, now - self.settle):
                return None
        async with self.app.uow() as uow:
            now = self._now()
            repo = uow.repos.inbox
            got = await repo.claim_chats(self.owner, now, self.lease, 1, now - self.settle)
            await uow.commit()
        return got[0] if got else None

    async def drain(
        self, channel: str, chat_id: str, retaken: bool = False, until: int | None = None
    ) -> None:
        """Process the claimed chat's updates in order until none is left (or ``until``)."""
        if retaken:
            await self.flush(channel, chat_id)  # a dead owner's unsent replies go first
            async with self.app.uow() as uow:
                item = await uow.repos.inbox.next_item(channel, chat_id)
                if item is not None:
                    await uow.repos.inbox.count_attempt(item.id)
                await uow.commit()
        tries: dict[int, int] = {}
        while True:
            async with self.app.uow(read=True) as uow:
                item = await uow.repos.inbox.next_item(channel, chat_id)
            if item is None:
                if await self._release(channel, chat_id):
                    return
                continue
            young = self.settle - (self._now() - item.received_at)
            if until is None and young.total_seconds() > 0:
                # an earlier message may still be on its way into another worker's busy
                # event loop: let go until this one has settled (holding no worker slot)
                async with self.app.uow() as uow:
                    await uow.repos.inbox.defer(channel, chat_id, self.owner, item.received_at)
                    await uow.commit()
                self.wake_after(young.total_seconds())
                return
            tries[item.id] = tries.get(item.id, 0) + 1
            if tries[item.id] > MAX_ATTEMPTS:  # its commit keeps failing: give it up
                item = Item(**{**item.__dict__, "attempts": MAX_ATTEMPTS})
            if not await self._process(item):
                return  # the lease was lost: the new owner goes on
            await self.flush(channel, chat_id)
            if until is not None and item.id >= until:
                await self._release(channel, chat_id, hand_over=True)
                return
            if await self._release(channel, chat_id):  # nothing more: saves a look-up
                return

    async def _release(self, channel: str, chat_id: str, hand_over: bool = False) -> bool:
        """True when the chat is no longer ours (released or lost); False: more work."""
        async with self.app.uow() as uow:
            repo = uow.repos.inbox
            if await repo.release(channel, chat_id, self.owner):
                await uow.commit()
                return True
            if await repo.owner_of(channel, chat_id) != self.owner:
                return True
            if not hand_over:
                return False
            await repo.hand_over(channel, chat_id, self.owner)
            await uow.commit()
        self.wake_after(0)  # a background worker goes on with the rest
        return True

    async def _process(self, item: Item) -> bool:
        """Run one update; False when this worker lost the chat meanwhile."""
        turn = Turn(self, item)
        hooks = self.channels.get(item.channel)
        started = time.perf_counter()
        try:
            if hooks is None or item.attempts >= MAX_ATTEMPTS:
                reason = "no such channel" if hooks is None else "gave up after crashes"
                log.error("inbox %s item %s: %s", item.channel, item.id, reason)
                await turn.reply([], error=reason)
            elif isinstance(item.payload.get("event"), dict):
                await turn.answer(incoming_from_dict(item.payload["event"]))
            else:
                await hooks.process(turn)
                if not turn.finished and not turn.lease_lost:
                    await turn.skip()
        except LeaseLost:
            turn.lease_lost = True
        except Exception as exc:
            log.exception("inbox %s item %s failed", item.channel, item.id)
            if turn.lease_lost:
                return False
            await turn.reply([], error=f"{type(exc).__name__}")
        if turn.lease_lost:
            log.warning("inbox %s: chat taken over by another worker", item.channel)
            return False
        self.metrics.turns.labels(item.channel, turn.outcome).inc()
        self.metrics.turn_seconds.labels(item.channel).observe(time.perf_counter() - started)
        return True

    # -- sending ---------------------------------------------------------------------------
    async def flush(self, channel: str, chat_id: str) -> None:
        """Send the chat's unsent messages in order, recording each one."""
        hooks = self.channels.get(channel)
        pushes_only = hooks is not None and hooks.send is None  # the web chat's requests
        send = self.late_senders.get(channel) if pushes_only else getattr(hooks, "send", None)
        if send is None:
            return
        async with self.app.uow() as uow:
            messages = await uow.repos.outbox.pending_for_chat(channel, chat_id)
            messages = [m for m in messages if m.payload.get("push") or not pushes_only]
            if not messages:
                return
            await uow.repos.outbox.start([m.id for m in messages])
            await uow.commit()
        dropped: set[int | None] = set()
        for m in messages:
            error = "an earlier part could not be sent" if m.inbox_id in dropped else None
            if error is None:
                try:
                    await send(chat_id, m.payload)
                except Exception as exc:  # blocked, chat gone, platform down after retries
                    error = f"{type(exc).__name__}: {exc}"[:500]
                    log.warning("%s send failed, rest of the turn dropped: %s", channel, error)
                    dropped.add(m.inbox_id)
            async with self.app.uow() as uow:
                await uow.repos.outbox.mark(m.id, FAILED if error else SENT, self._now(), error)
                await uow.commit()
            result = "failed" if error else ("resent" if m.attempts > 0 else "sent")
            self.metrics.sends.labels(channel, result).inc()


def delivery_of(app: Any) -> Delivery:
    """The app's delivery (created on first use, so channels can register in any order)."""
    found = app.extras.get("delivery")
    if found is None:
        found = app.extras["delivery"] = Delivery(app)
    return found  # type: ignore[no-any-return]


def setup(web_app: Any, app: Any) -> None:
    """Start the workers with the service; stop them on shutdown."""
    run_beside(web_app, delivery_of(app).run)
