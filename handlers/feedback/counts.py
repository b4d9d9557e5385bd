"""Turns per chat and day, counted in memory and written in batches (issue 17).

Writing each turn's count in the turn's own transaction was one more upsert (and one more
round trip to the database thread) per turn, ~13% of a turn's CPU. ``TurnCounts`` adds the
turns of a chat up in memory; ``flush`` writes them in one unit of work with one
statement per chat and day. The server flushes every ``FLUSH_EVERY_S`` seconds
(``bot.turn_counts``), before the analytics are read, and when it stops cleanly
(``App.close``). A crash loses at most the counts of the last ``FLUSH_EVERY_S`` seconds
(the turns themselves, their questions and answers are committed as before); a failed
write keeps the counts for the next flush.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

FLUSH_EVERY_S = 5.0


@dataclass
class Pending:
    """The turns of one chat on one day not yet written, and its ward as last seen."""

    chat_id: str | None
    ward: str | None
    turns: int


Key = tuple[dt.date, str, str]  # day, channel, chat hash


class TurnCounts:
    """In-memory turn counts; ``flush(uow_factory)`` writes and forgets them."""

    def __init__(self) -> None:
        self.pending: dict[Key, Pending] = {}
        self._lock = asyncio.Lock()

    def add(
        self, day: dt.date, channel: str, chat_hash: str, chat_id: str | None, ward: str | None
    ) -> None:
        """One more turn of this chat on ``day``."""
        key = (day, channel, chat_hash)
        row = self.pending.get(key)
        if row is None:
            self.pending[key] = Pending(chat_id, ward, 1)
        else:
            row.chat_id, row.ward, row.turns = chat_id, ward, row.turns + 1

    def _restore(self, taken: dict[Key, Pending]) -> None:
        for key, row in taken.items():
            now = self.pending.get(key)
            if now is None:
                self.pending[key] = row
            else:
                now.turns += row.turns

    async def flush(self, uow_factory: Any) -> int:
        """Write the pending counts in one unit of work; the number of turns written. On
        an error they stay pending (added to those counted meanwhile) and it is raised."""
        async with self._lock:  # one flush at a time: none writes a count twice
            if not self.pending:
                return 0
            taken, self.pending = self.pending, {}
            try:
                async with uow_factory() as uow:
                    await uow.repos.questions.count_turns(
                        [(*key, row.chat_id, row.ward, row.turns) for key, row in taken.items()]
                    )
                    await uow.commit()
            except BaseException:
                self._restore(taken)
                raise
            return sum(row.turns for row in taken.values())
