"""One stored update being processed (``Turn``) and what a channel hands to delivery.

A turn finishes exactly once: ``answer`` runs the engine and commits the inbox row's "done",
the conversation state and the replies (outbox rows) in the turn's own transaction;
``reply`` and ``skip`` finish without the engine. Only ``bot.channels.delivery`` creates
turns; channel processors receive them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from bot.storage.inbox import Item, LeaseLost
from handlers.types import Incoming, Reply

Render = Callable[[list[Reply], str], list[dict[str, Any]]]
Send = Callable[[str, dict[str, Any]], Awaitable[None]]
Extra = Callable[[Any, "Turn"], Awaitable[list[Reply]]]


@dataclass
class ChannelHooks:
    """What delivery needs of a channel: run a stored update, render and send replies."""

    process: Callable[[Turn], Awaitable[None]]
    render: Render
    send: Send | None = None  # None: the replies are taken by the request (web chat)


def incoming_to_dict(msg: Incoming) -> dict[str, Any]:
    """An ``Incoming`` as a JSON payload (inbox rows)."""
    data = asdict(msg)
    data["received_at"] = msg.received_at.isoformat() if msg.received_at else None
    return data


def incoming_from_dict(data: dict[str, Any]) -> Incoming:
    """Inverse of ``incoming_to_dict``."""
    fields = dict(data)
    at = fields.get("received_at")
    fields["received_at"] = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    return Incoming(**{k: v for k, v in fields.items() if k in Incoming.__dataclass_fields__})


class Turn:
    """One stored update being processed; finishes exactly once (``answer``/``reply``)."""

    def __init__(self, delivery: Any, item: Item) -> None:
        self.delivery = delivery
        self.item = item
        self.finished = False
        self.lease_lost = False
        self.outcome = "ok"

    @property
    def payload(self) -> dict[str, Any]:
        return self.item.payload

    async def answer(self, msg: Incoming, extra: Extra | None = None) -> None:
        """Run ``msg`` through the engine; replies commit with the conversation state."""
        d = self.delivery

        async def on_commit(uow: Any, replies: list[Reply]) -> None:
            prefix = await extra(uow, self) if extra is not None else []
            await self._commit_in(uow, [*prefix, *replies], msg.locale)

        replies = await d.app.engine.handle(msg, on_commit=on_commit)
        if self.lease_lost or self.finished:
            return
        await self.reply(replies, msg.locale, error="turn failed")

    async def reply(self, replies: list[Reply], locale: str = "vi", error: str | None = None):
        """Finish without the engine (notes, errors, ignored events)."""
        async with self.delivery.app.uow() as uow:
            await self._commit_in(uow, replies, locale, error)
            await uow.commit()

    async def skip(self) -> None:
        """Nothing to answer (an event we do not handle)."""
        self.outcome = "skipped"
        await self.reply([], error=None)

    async def _commit_in(
        self, uow: Any, replies: list[Reply], locale: str, error: str | None = None
    ) -> None:
        d, item = self.delivery, self.item
        now = d._now()
        try:
            await uow.repos.inbox.finish(item, d.owner, now, d.lease, error)
        except LeaseLost:
            self.lease_lost = True
            raise
        hooks = d.channels.get(item.channel)
        payloads = hooks.render(replies, locale) if hooks is not None and replies else []
        if isinstance(item.payload.get("event"), dict):  # nobody waits for these: pushed
            payloads = [{**p, "push": True} for p in payloads]
        await uow.repos.outbox.add(item.id, item.channel, item.chat_id, payloads, now)
        self.finished = True
        if error:
            self.outcome = "error"
