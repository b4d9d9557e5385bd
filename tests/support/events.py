"""Run a chat's pending events (staff replies, timers) through the engine, as the delivery
workers do, for flow tests that have no channel (``bot.storage.chat_events``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.channels.chat_events import store_event
from bot.channels.turn import incoming_from_dict
from bot.jobs import register_handler, run_once
from bot.storage.chat_events import JOB_KIND
from handlers.types import Reply

OWNER = "test-events"
LEASE = dt.timedelta(seconds=30)


async def run_events(app: Any, channel: str, chat_id: str) -> list[Reply]:
    """Every pending event of the chat, in order; the replies the citizen would get."""
    out: list[Reply] = []
    while True:
        now = dt.datetime.now(dt.UTC)
        async with app.uow() as uow:
            await uow.repos.inbox.claim_chat(channel, chat_id, OWNER, now, LEASE)
            item = await uow.repos.inbox.next_item(channel, chat_id)
            await uow.commit()
        if item is None:
            break
        assert isinstance(item.payload.get("event"), dict), item.payload

        async def on_commit(uow: Any, _replies: list[Reply], item: Any = item) -> None:
            await uow.repos.inbox.finish(item, OWNER, dt.datetime.now(dt.UTC), LEASE)

        out.extend(await app.engine.handle(incoming_from_dict(item.payload["event"]), on_commit))
    async with app.uow() as uow:
        await uow.repos.inbox.release(channel, chat_id, OWNER)
        await uow.commit()
    return out


async def run_due_jobs(app: Any) -> int:
    """The background jobs due by the app's clock (timers become events)."""
    register_handler(JOB_KIND, store_event)
    return await run_once(app)
