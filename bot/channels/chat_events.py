"""The ``chat_event`` job: an event for a chat that was due later (``bot.storage.chat_events``:
"no staff reply in time", a satisfaction question after a dossier's notice) is put into the
chat's inbox when due, and this process's delivery workers are woken for it.
"""

from __future__ import annotations

from typing import Any

from bot.channels.delivery import delivery_of
from bot.jobs import register_handler
from bot.storage.chat_events import JOB_KIND


async def store_event(app: Any, job: Any) -> None:
    """Put the job's event into its chat's inbox (once: the event's key dedupes)."""
    p = job.payload
    event = p.get("event")
    if not isinstance(event, dict):
        return
    async with app.uow() as uow:
        await uow.repos.chat_events.store(
            str(p.get("channel")), str(p.get("chat_id")), str(p.get("key")), {"event": event}
        )
        await uow.commit()
    delivery_of(app).wake_after(0)


def setup(web_app: Any, app: Any) -> None:
    """Register the job kind with the runner of this process."""
    register_handler(JOB_KIND, store_event)
