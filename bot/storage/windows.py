"""Zalo OA's consultation window and the notices held until the citizen writes again.

Zalo OA lets an OA send consultation messages (``message/cs``) only within 48 hours of the
citizen's last message, at most 8 of them in that window. ``can_send`` answers whether one
more fits; a notification that does not fit is held (``hold``) and shown at the citizen's
next message (``take_held``), unless it can go out as a ZNS template message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import ChatWindow, HeldNotice

WINDOW = dt.timedelta(hours=48)
PER_WINDOW = 8


def _insert(dialect: str) -> Any:
    from bot.storage.db import dialect_insert

    return dialect_insert(dialect)


class WindowRepo:
    """Per-chat messaging windows and held notices, in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def inbound(self, channel: str, chat_id: str, at: dt.datetime) -> None:
        """The citizen wrote at ``at``: a new window opens with a fresh allowance."""
        insert = _insert(self.session.get_bind().dialect.name)
        stmt = (
            insert(ChatWindow)
            .values(channel=channel, chat_id=chat_id, last_inbound_at=utc(at), sent_in_window=0)
            .on_conflict_do_update(
                index_elements=["channel", "chat_id"],
                set_={"last_inbound_at": utc(at), "sent_in_window": 0},
            )
        )
        await self.session.execute(stmt)

    async def take_slot(
        self,
        channel: str,
        chat_id: str,
        now: dt.datetime,
        window: dt.timedelta = WINDOW,
        per_window: int = PER_WINDOW,
    ) -> bool:
        """Use one message of the allowance if the window is open and not used up."""
        result = await self.session.execute(
            update(ChatWindow)
            .where(
                ChatWindow.channel == channel,
                ChatWindow.chat_id == chat_id,
                ChatWindow.last_inbound_at > utc(now) - window,
                ChatWindow.sent_in_window < per_window,
            )
            .values(sent_in_window=ChatWindow.sent_in_window + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def hold(
        self, channel: str, chat_id: str, payload: dict[str, Any], now: dt.datetime
    ) -> None:
        """Keep a notice for the citizen's next message."""
        self.session.add(
            HeldNotice(channel=channel, chat_id=chat_id, payload=payload, created_at=utc(now))
        )
        await self.session.flush()

    async def take_held(self, channel: str, chat_id: str) -> list[dict[str, Any]]:
        """The held notices of a chat, oldest first, removed (commit with the turn)."""
        stmt = (
            select(HeldNotice)
            .where(HeldNotice.channel == channel, HeldNotice.chat_id == chat_id)
            .order_by(HeldNotice.id)
        )
        rows = list((await self.session.execute(stmt)).scalars())
        if rows:
            await self.session.execute(
                delete(HeldNotice).where(HeldNotice.id.in_([r.id for r in rows]))
            )
        return [dict(r.payload or {}) for r in rows]
