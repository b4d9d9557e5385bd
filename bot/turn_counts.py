"""Writing the turn counts kept in memory (``handlers.feedback.counts``, issue 17).

``flush(app)`` writes what the engine's analytics observer counted; ``setup`` (a server
module) does it every ``FLUSH_EVERY_S`` seconds, and ``App.close`` once more on a clean
stop. The staff analytics call ``flush`` before reading, so this process's own turns are
always in them; another worker's (PostgreSQL) appear within ``FLUSH_EVERY_S``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from bot.background import run_beside
from handlers.feedback.counts import FLUSH_EVERY_S

log = logging.getLogger(__name__)


async def flush(app: Any) -> int:
    """Write the pending turn counts; the number of turns written (0 without any)."""
    observer = getattr(app.engine, "observer", None)
    if observer is None or not hasattr(observer, "flush"):
        return 0
    return int(await observer.flush(app.uow))


async def flush_every(app: Any, stop: asyncio.Event, every: float = FLUSH_EVERY_S) -> None:
    """``flush`` every ``every`` seconds until ``stop``; an error is logged, the counts
    stay pending for the next try."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
        try:
            await flush(app)
        except Exception:
            log.warning("turn counts not written yet (kept for the next try)", exc_info=True)


def setup(web_app: Any, app: Any) -> None:
    """Flush periodically while the server runs (``App.close`` flushes the rest)."""
    run_beside(web_app, lambda stop: flush_every(app, stop))
