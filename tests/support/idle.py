"""The explicit "nothing more will arrive" signal of the end-to-end tests.

Instead of sleeping a fixed time and hoping a second answer would have come by then, a test
waits until the delivery is idle: no update pending in the inbox, no chat held by a worker,
no turn in flight, no message waiting in the outbox. From then on the bot sends nothing
until it receives something new, so "only one answer" can be asserted at once.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from bot.channels.delivery import delivery_of
from bot.storage.models import InboxChat, InboxItem, OutboxItem


async def busy(app: Any) -> int:
    """Pending updates + held chats + turns in flight + unsent messages (0: idle)."""
    async with app.uow() as uow:
        session = uow.session
        pending = await session.scalar(
            select(func.count()).select_from(InboxItem).where(InboxItem.status == "pending")
        )
        held = await session.scalar(
            select(func.count()).select_from(InboxChat).where(InboxChat.owner.is_not(None))
        )
        unsent = await session.scalar(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.status == "pending")
        )
    return int(pending or 0) + int(held or 0) + int(unsent or 0) + delivery_of(app).in_flight


async def quiet(app: Any, timeout: float = 10.0) -> None:
    """Return once the bot has finished everything it received (raises after ``timeout``)."""

    async def idle() -> None:
        while await busy(app):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(idle(), timeout)
