"""What the engine needs of storage, and of whoever watches the turns (interfaces only).

``bot.storage`` implements them with SQLAlchemy (``bot.storage.repos.UnitOfWork``); the
engine and the flows never import it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from handlers.context import Context, State
from handlers.types import Incoming, Reply, Step


class VersionConflict(Exception):
    """Another worker saved this chat's state first; the turn is retried."""


class ConversationStore(Protocol):
    async def load(self, channel: str, chat_id: str) -> State | None: ...

    async def save(
        self, channel: str, chat_id: str, state: State, expected: int | None
    ) -> None: ...


class UnitOfWork(Protocol):
    conversations: ConversationStore
    repos: Any

    async def commit(self) -> None: ...


class TurnObserver(Protocol):
    """Sees every turn (analytics: turns, the question log)."""

    async def turn(self, repos: Any, msg: Incoming, state: State) -> None:
        """A turn was committed (``repos``: its unit of work's, already committed)."""

    async def question(self, ctx: Context, result: Any, step: Step, elapsed_ms: float) -> None:
        """A free-text question was classified and answered by ``step`` (may add replies)."""


UowFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
# called with the turn's unit of work and its replies just before the commit, so a caller
# can commit what it must keep with the turn (e.g. the replies in an outbox)
OnCommit = Callable[[UnitOfWork, list[Reply]], Awaitable[None]]
