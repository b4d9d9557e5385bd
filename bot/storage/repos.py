"""One unit of work per turn: a session, the repositories bound to it, one commit.

Repositories live in their own modules and are created lazily by attribute name, so a turn
that only touches conversation state does not build the others.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

# attribute -> "module:Class"; each class takes the AsyncSession
REPOSITORIES = {
    "conversations": "bot.storage.conversations:ConversationRepo",
    "dossiers": "bot.storage.dossiers:DossierRepo",
    "bookings": "bot.storage.bookings:BookingRepo",
    "jobs": "bot.storage.jobs:JobRepo",
    "updates": "bot.storage.updates:UpdateRepo",
    "kv": "bot.storage.kv:KeyValueRepo",
    "lookups": "bot.storage.lookups:LookupRepo",
    "profiles": "bot.storage.profiles:ProfileRepo",
    "inbox": "bot.storage.inbox:InboxRepo",
    "outbox": "bot.storage.outbox:OutboxRepo",
    "windows": "bot.storage.windows:WindowRepo",
    "contacts": "bot.storage.contacts:ContactRepo",
    "handoffs": "bot.storage.handoffs:HandoffRepo",
    "chat_events": "bot.storage.chat_events:ChatEventRepo",
    "feedback": "bot.storage.feedback:FeedbackRepo",
    "questions": "bot.storage.questions:QuestionRepo",
    "analytics": "bot.storage.analytics:AnalyticsRepo",
    "staff": "bot.storage.staff:StaffRepo",
    "console_stats": "bot.storage.console_stats:ConsoleStatsRepo",
}


class Repos:
    """Lazily built repositories sharing one session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._built: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in REPOSITORIES:
            raise AttributeError(name)
        if name not in self._built:
            module_name, _, cls_name = REPOSITORIES[name].partition(":")
            cls = getattr(importlib.import_module(module_name), cls_name)
            self._built[name] = cls(self.session)
        return self._built[name]


class UnitOfWork:
    """What the engine gets for one turn: ``conversations``, ``repos`` and ``commit``."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repos = Repos(session)
        self.conversations = self.repos.conversations

    async def commit(self) -> None:
        await self.session.commit()


def uow_factory(sessionmaker: async_sessionmaker) -> Any:
    """A callable returning an async context manager with a fresh unit of work."""

    @asynccontextmanager
    async def _factory() -> AsyncIterator[UnitOfWork]:
        async with sessionmaker() as session:
            try:
                yield UnitOfWork(session)
            except BaseException:
                await session.rollback()
                raise

    return _factory
