"""Upkeep beside the inbox workers: late web replies, and pruning of old inbox/outbox rows.

``self`` is the process's ``bot.channels.delivery.Delivery``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from typing import Any

from bot.storage.outbox import SENT

log = logging.getLogger(__name__)

PRUNE_EVERY_S = 3600.0
KEEP = dt.timedelta(days=7)  # dedupe keys outlive Telegram's 24 h redelivery window


async def sweep_forever(self: Any, stop: asyncio.Event) -> None:
    """Hand late web replies to the page's notification queue; prune old rows."""
    last_prune = 0.0
    while not stop.is_set():
        try:
            await deliver_late(self)
            if time.monotonic() - last_prune > PRUNE_EVERY_S:
                last_prune = time.monotonic()
                async with self.app.uow() as uow:
                    cutoff = self._now() - KEEP
                    await uow.repos.inbox.prune(cutoff)
                    await uow.repos.outbox.prune(cutoff)
                    await uow.commit()
        except Exception:
            log.exception("inbox sweeper failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=max(self.poll * 4, 1.0))
        except TimeoutError:
            pass


async def deliver_late(self: Any) -> None:
    """Replies of web turns nobody came for go to the page's notification queue."""
    grace = dt.timedelta(seconds=self.app.settings.api_chat_timeout_s * 2)
    for channel, send in self.late_senders.items():
        async with self.app.uow() as uow:
            late = await uow.repos.outbox.stale(channel, self._now() - grace)
        for m in late:
            await send(m.chat_id, m.payload)
            async with self.app.uow() as uow:
                await uow.repos.outbox.mark(m.id, SENT, self._now())
                await uow.commit()
