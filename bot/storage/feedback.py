"""Votes, comments and satisfaction ratings, in the caller's session (the caller commits).

A chat is only a keyed hash here (``handlers.privacy.chat_hash``). One vote per chat and
procedure (a second tap, or a change of mind, replaces it) and one rating per chat and
subject, so a double tap or a redelivered update never counts twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import insert_for
from bot.storage.jobs import utc
from bot.storage.models_handoff import Feedback, Rating


class FeedbackRepo:
    """👍/👎 with an optional "thiếu gì ạ?" comment, and 1-5 ratings."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def vote(
        self,
        channel: str,
        chat_hash: str,
        kind: str,
        code: str,
        vote: int,
        now: dt.datetime,
        ward_code: str | None = None,
    ) -> int:
        """Record +1 or -1 for a card or a checklist summary (of the chat's ward); the id."""
        values = dict(
            at=utc(now),
            channel=channel,
            chat_hash=chat_hash,
            kind=kind[:16],
            procedure_code=code[:32],
            vote=1 if vote > 0 else -1,
            ward_code=ward_code,
        )
        stmt = (
            insert_for(self.session)(Feedback)
            .values(**values)
            .on_conflict_do_update(
                index_elements=["chat_hash", "kind", "procedure_code"],
                set_={
                    "at": values["at"],
                    "vote": values["vote"],
                    "comment": None,
                    "ward_code": ward_code,
                },
            )
            .returning(Feedback.id)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def comment(self, feedback_id: int, chat_hash: str, text: str) -> bool:
        """Attach the (masked) comment to this chat's own vote."""
        result = await self.session.execute(
            update(Feedback)
            .where(Feedback.id == feedback_id, Feedback.chat_hash == chat_hash)
            .values(comment=text[:1000])
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def rate(
        self,
        channel: str,
        chat_hash: str,
        subject: str,
        ref: str,
        score: int,
        now: dt.datetime,
        ward_code: str | None = None,
    ) -> None:
        """Record a 1-5 satisfaction score of the chat's ward (the latest answer counts)."""
        values = dict(
            at=utc(now),
            channel=channel,
            chat_hash=chat_hash,
            subject=subject[:16],
            ref=ref[:64],
            score=min(max(int(score), 1), 5),
            ward_code=ward_code,
        )
        stmt = (
            insert_for(self.session)(Rating)
            .values(**values)
            .on_conflict_do_update(
                index_elements=["chat_hash", "subject", "ref"],
                set_={"at": values["at"], "score": values["score"], "ward_code": ward_code},
            )
        )
        await self.session.execute(stmt)

    async def votes(self) -> list[dict[str, Any]]:
        """Every vote as a dict (tests, exports)."""
        rows = (await self.session.execute(select(Feedback).order_by(Feedback.id))).scalars()
        return [
            {"kind": r.kind, "code": r.procedure_code, "vote": r.vote, "comment": r.comment}
            for r in rows
        ]

    async def purge(self, before: dt.datetime) -> int:
        """Delete votes and ratings older than ``before`` (retention)."""
        a = await self.session.execute(delete(Feedback).where(Feedback.at < utc(before)))
        b = await self.session.execute(delete(Rating).where(Rating.at < utc(before)))
        return int((a.rowcount or 0) + (b.rowcount or 0))  # type: ignore[attr-defined]
