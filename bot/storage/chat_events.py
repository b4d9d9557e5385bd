"""Events for a citizen's chat that do not come from the citizen: a staff reply, a handoff
closed, "no staff reply in time", a satisfaction question.

An event is an update in the chat's own inbox (``bot.storage.inbox``) with the payload
``{"event": {"channel", "chat_id", "payload", "kind": "event", "locale"}}``. The delivery
workers take it in the chat's order like any message, run it through the engine as a
button press of ``kind="event"`` (flows accept their internal actions only from events),
and send the replies from the outbox: the same "exactly once in effect, in order, after a
restart, with several workers" as an answer to a message. An event for later (``at``) is a
``chat_event`` job that stores it when due (``bot.channels.delivery``).

Events are ordered after everything the chat has stored so far: the event takes the chat's
highest ``sort_key`` (Telegram update ids, Zalo send times), and ties go by arrival.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.inbox import InboxRepo
from bot.storage.jobs import JobRepo, dedupe_key, utc
from bot.storage.models import InboxItem

JOB_KIND = "chat_event"


def event_payload(channel: str, chat_id: str, payload: str, locale: str) -> dict[str, Any]:
    """The inbox payload of an event (an ``Incoming`` as a dict, ``kind="event"``)."""
    return {
        "event": {
            "channel": channel,
            "chat_id": chat_id,
            "payload": payload,
            "kind": "event",
            "locale": locale or "vi",
        }
    }


class ChatEventRepo:
    """Post events to chats, in the caller's session (the caller commits)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def post(
        self,
        channel: str,
        chat_id: str,
        payload: str,
        key: str,
        now: dt.datetime,
        *,
        at: dt.datetime | None = None,
        locale: str = "vi",
    ) -> bool:
        """Queue ``payload`` (e.g. ``ho:staff:12``) for the chat, now or at ``at``; the
        ``key`` makes a second post of the same event a no-op. True when queued.

        ``now`` and ``at`` are the service's clock (jobs run by it); the inbox row itself is
        stamped with the real time, as every inbox row is (leases and settling are real
        seconds)."""
        body = event_payload(channel, chat_id, payload, locale)
        if at is not None and utc(at) > utc(now):
            job = {"channel": channel, "chat_id": chat_id, "key": key, **body}
            return await JobRepo(self.session).enqueue(JOB_KIND, at, job, dedupe_key("ev", key))
        return await self.store(channel, chat_id, key, body)

    async def store(self, channel: str, chat_id: str, key: str, body: dict[str, Any]) -> bool:
        """Put the event in the chat's inbox now (after everything stored before it)."""
        stmt = select(func.max(InboxItem.sort_key)).where(
            InboxItem.channel == channel, InboxItem.chat_id == chat_id
        )
        last = (await self.session.execute(stmt)).scalar_one_or_none()
        now = dt.datetime.now(dt.UTC)
        added = await InboxRepo(self.session).add(
            channel, chat_id, dedupe_key("ev", key), body, now, sort_key=int(last or 0)
        )
        return added is not None
