"""Chat profiles: the ward a chat said it lives in, kept across flows and restarts.

The conversation's ``data`` is dropped whenever the chat moves to another flow, so what must
outlive a flow lives here, one row per ``(channel, chat_id)``. A chat that chose "Bỏ qua"
has a row without a ward and ``ward_source = "skip"``: it is not asked again unasked. A chat
that never said its ward but looked up a dossier gets the ward of the office handling it
(``"dossier"``), so booking right after does not ask what the dossier already told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ChatProfile

SOURCES = ("typed", "button", "link", "skip", "dossier")  # dossier: its office's ward


@dataclass(frozen=True)
class Profile:
    """What flows see of a profile."""

    ward_code: str | None
    ward_source: str


class ProfileRepo:
    """``get`` / ``set_ward`` on the caller's session (committed with the turn)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, channel: str, chat_id: str) -> Profile | None:
        """The chat's profile, or None when it never told its ward."""
        stmt = select(ChatProfile.ward_code, ChatProfile.ward_source).where(
            ChatProfile.channel == channel, ChatProfile.chat_id == chat_id
        )
        row = (await self.session.execute(stmt)).first()
        return Profile(row.ward_code, row.ward_source) if row else None

    async def set_ward(
        self, channel: str, chat_id: str, code: str | None, source: str, now: dt.datetime
    ) -> None:
        """Remember the chat's ward (``None`` with source ``skip``: asked, not answered)."""
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        values = {"ward_code": code, "ward_source": source, "updated_at": now}
        where = (ChatProfile.channel == channel, ChatProfile.chat_id == chat_id)
        result = await self.session.execute(update(ChatProfile).where(*where).values(**values))
        if result.rowcount:  # type: ignore[attr-defined]
            return
        try:
            async with self.session.begin_nested():
                self.session.add(ChatProfile(channel=channel, chat_id=chat_id, **values))
                await self.session.flush()
        except IntegrityError:  # the same chat on another worker inserted it meanwhile
            await self.session.execute(update(ChatProfile).where(*where).values(**values))
