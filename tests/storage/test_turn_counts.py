"""Turns per chat and day are counted in memory and written in batches (issue 17): what the
staff analytics show must still be every turn, after a clean stop, a failed write, on
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
from contextlib import asynccontextmanager
from typing import Any

import pytest

from handlers.feedback.counts import TurnCounts
from tests.support.chat import Chat


async def _app(db_url: str, knowledge: tuple[Any, Any], clock: Any) -> Any:
    from bot.app import build_app
    from bot.config import Settings

    kb, index = knowledge
    settings = Settings(database_url=db_url, demo_data=False)
    return await build_app(settings, clock=clock, kb=kb, index=index)


async def _stored_turns(app: Any, day: dt.date) -> tuple[int, int]:
    """(turns, chats) as the database holds them, without flushing anything first."""
    async with app.uow(read=True) as uow:
        return await uow.repos.analytics.turns_and_chats(day, day)  # type: ignore[no-any-return]


async def _talk(app: Any) -> None:
    """Three turns of one citizen and two of another."""
    a, b = Chat(app.engine, "citizen-a"), Chat(app.engine, "citizen-b")
    for text in ("xin chào", "làm sổ đỏ cần gì", "cảm ơn"):
        await a.say(text)
    for text in ("chào em", "đăng ký khai sinh"):
        await b.say(text)


async def test_turns_counted_in_memory_are_stored_at_a_clean_stop(
    db_url: str, knowledge: tuple[Any, Any], clock: Any
) -> None:
    app = await _app(db_url, knowledge, clock)
    day = clock.now().date()
    try:
        await _talk(app)
    finally:
        await app.close()  # the clean stop of `tthc-bot run` ends here too
    again = await _app(db_url, knowledge, clock)
    try:
        assert await _stored_turns(again, day) == (5, 2)
    finally:
        await again.close()


async def test_the_staff_report_counts_this_process_turns_at_once(
    db_url: str, knowledge: tuple[Any, Any], clock: Any
) -> None:
    from bot.staff.analytics import report

    app = await _app(db_url, knowledge, clock)
    try:
        await _talk(app)
        day = clock.now().date()
        got = await report(app, day, day)
        assert (got["turns"], got["chats"]) == (5, 2)
        await Chat(app.engine, "citizen-a").say("cho hỏi thêm")
        assert (await report(app, day, day))["turns"] == 6  # added to the stored row
    finally:
        await app.close()


async def test_the_server_writes_the_counts_while_it_runs(
    db_url: str, knowledge: tuple[Any, Any], clock: Any
) -> None:
    from bot.turn_counts import flush_every

    app = await _app(db_url, knowledge, clock)
    stop = asyncio.Event()
    task = asyncio.create_task(flush_every(app, stop, every=0.01))
    try:
        await _talk(app)
        day = clock.now().date()
        for _ in range(500):  # until the flusher has run (at most ~5 s on a loaded machine)
            if await _stored_turns(app, day) == (5, 2):
                break
            await asyncio.sleep(0.01)
        assert await _stored_turns(app, day) == (5, 2)
    finally:
        stop.set()
        await task
        await app.close()


async def test_a_failed_turn_is_not_counted(
    db_url: str, knowledge: tuple[Any, Any], clock: Any
) -> None:
    app = await _app(db_url, knowledge, clock)

    async def broken_outbox(_uow: Any, _replies: Any) -> None:
        raise RuntimeError("outbox down")

    try:
        from handlers.types import Incoming

        msg = Incoming(channel="test", chat_id="citizen-c", text="xin chào", locale="vi")
        await app.engine.handle(msg, on_commit=broken_outbox)  # answered "internal error"
        await Chat(app.engine, "citizen-c").say("xin chào")
    finally:
        await app.close()
    again = await _app(db_url, knowledge, clock)
    try:
        assert await _stored_turns(again, clock.now().date()) == (1, 1)
    finally:
        await again.close()


class _FlakyQuestions:
    """A question repository whose first write fails (the database away for a moment)."""

    def __init__(self) -> None:
        self.calls = 0
        self.written: list[tuple[Any, ...]] = []

    async def count_turns(self, rows: list[tuple[Any, ...]]) -> None:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("database away")
        self.written.extend(rows)


def _factory(questions: _FlakyQuestions) -> Any:
    class Repos:
        pass

    @asynccontextmanager
    async def uow() -> Any:
        class Uow:
            repos = Repos()

            async def commit(self) -> None:
                return None

        Uow.repos.questions = questions  # type: ignore[attr-defined]
        yield Uow()

    return uow


async def test_a_failed_write_keeps_the_counts_for_the_next_one() -> None:
    day = dt.date(2026, 12, 1)
    counts = TurnCounts()
    questions = _FlakyQuestions()
    counts.add(day, "web", "h1", "c1", None)
    counts.add(day, "web", "h1", "c1", None)
    with pytest.raises(ConnectionError):
        await counts.flush(_factory(questions))
    counts.add(day, "web", "h1", "c1", "29869")  # counted while the database was away
    counts.add(day, "zalo", "h2", "c2", None)
    assert await counts.flush(_factory(questions)) == 4
    assert sorted(questions.written) == [
        (day, "web", "h1", "c1", "29869", 3),
        (day, "zalo", "h2", "c2", None, 1),
    ]
    assert await counts.flush(_factory(questions)) == 0  # nothing is written twice
    assert len(questions.written) == 2
