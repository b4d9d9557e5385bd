"""A loop that runs beside the web server: started with it, asked to stop on shutdown.

The job runner, the delivery workers and the turn-count writer each take a ``stop`` event;
on shutdown they get a few seconds to finish what they hold, then they are cancelled.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

GRACE_S = 3.0  # seconds a loop gets to finish its current item at shutdown


def run_beside(web_app: Any, loop: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
    """Run ``loop(stop)`` for the life of ``web_app`` (an aiohttp application)."""

    async def _lifetime(_web_app: Any) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(loop(stop))
        yield
        stop.set()
        try:
            await asyncio.wait_for(task, timeout=GRACE_S)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()

    web_app.cleanup_ctx.append(_lifetime)
