"""Conversation state repository with an optimistic ``version`` check."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Conversation
from handlers.context import State
from handlers.engine import VersionConflict


class ConversationRepo:
    """Loads and saves ``handlers.context.State`` rows keyed by (channel, chat_id)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def load(self, channel: str, chat_id: str) -> State | None:
        """The chat's state, row-locked until commit on PostgreSQL (serialises workers)."""
        stmt = (
            select(Conversation)
            .where(Conversation.channel == channel, Conversation.chat_id == chat_id)
            .with_for_update()
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        return State(
            flow=row.flow,
            step=row.step,
            data=dict(row.data or {}),
            version=row.version,
            updated_at=_aware(row.updated_at),
            last_buttons=list(row.last_buttons or []),
            locale=row.locale,
        )

    async def save(self, channel: str, chat_id: str, state: State, expected: int | None) -> None:
        """Insert or update; raises ``VersionConflict`` when another turn saved first."""
        values = dict(
            flow=state.flow,
            step=state.step,
            data=state.data,
            last_buttons=state.last_buttons,
            locale=state.locale,
            updated_at=state.updated_at or dt.datetime.now(dt.UTC),
        )
        if expected is None:
            try:
                async with self.session.begin_nested():
                    await self.session.execute(
                        insert(Conversation).values(
                            channel=channel, chat_id=chat_id, version=1, **values
                        )
                    )
            except IntegrityError as exc:
                raise VersionConflict from exc
            state.version = 1
            return
        result = await self.session.execute(
            update(Conversation)
            .where(
                Conversation.channel == channel,
                Conversation.chat_id == chat_id,
                Conversation.version == expected,
            )
            .values(version=expected + 1, **values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise VersionConflict
        state.version = expected + 1


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
