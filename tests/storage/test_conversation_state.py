"""Conversation state on SQLite and PostgreSQL: persisted, ordered, never lost."""

from __future__ import annotations

import asyncio

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.context import Services
from handlers.engine import Engine
from handlers.flow import Flow
from handlers.menu import flow as menu
from handlers.types import Incoming, Reply, Step


async def _count(msg: Incoming, ctx) -> Step:
    seen = list(ctx.data.get("seen", []))
    await asyncio.sleep(0)  # let other turns interleave if the engine allowed it
    seen.append(msg.text)
    return Step([Reply(f"{len(seen)}")], data={"seen": seen})


async def _begin(msg: Incoming, ctx) -> Step:
    return Step([Reply("ok")], next="count:count", data={"seen": []})


COUNT = Flow(name="count", prefix="cn", actions={"begin": _begin}, steps={"count": _count})


async def _engine(url: str) -> tuple[Engine, object]:
    db = make_engine(url)
    await upgrade(db)
    engine = Engine([menu.FLOW, COUNT], Services(), uow_factory(make_sessionmaker(db)))
    return engine, db


async def test_state_survives_a_new_engine(db_url) -> None:
    engine, db = await _engine(db_url)
    await engine.handle(Incoming(channel="t", chat_id="a", payload="cn:begin:"))
    await engine.handle(Incoming(channel="t", chat_id="a", text="one"))
    await db.dispose()  # type: ignore[attr-defined]
    engine2, db2 = await _engine(db_url)  # a new process would start like this
    replies = await engine2.handle(Incoming(channel="t", chat_id="a", text="two"))
    assert replies[0].text == "2"
    await db2.dispose()  # type: ignore[attr-defined]


async def test_concurrent_messages_of_one_chat_are_processed_in_order(db_url) -> None:
    engine, db = await _engine(db_url)
    await engine.handle(Incoming(channel="t", chat_id="c", payload="cn:begin:"))
    texts = [f"m{i}" for i in range(20)]
    await asyncio.gather(
        *(engine.handle(Incoming(channel="t", chat_id="c", text=t)) for t in texts)
    )
    replies = await engine.handle(Incoming(channel="t", chat_id="c", text="last"))
    assert replies[0].text == "21"
    async with uow_factory(make_sessionmaker(db))() as uow:  # type: ignore[arg-type]
        state = await uow.conversations.load("t", "c")
    assert state is not None and state.data["seen"] == [*texts, "last"]
    await db.dispose()  # type: ignore[attr-defined]


async def test_two_workers_on_one_database_lose_no_update(db_url) -> None:
    """Two engines with their own connection pools stand for two worker processes."""
    (e1, db1), (e2, db2) = await _engine(db_url), await _engine(db_url)
    await e1.handle(Incoming(channel="t", chat_id="w", payload="cn:begin:"))
    texts = [f"x{i}" for i in range(16)]
    await asyncio.gather(
        *(
            (e1 if i % 2 else e2).handle(Incoming(channel="t", chat_id="w", text=t))
            for i, t in enumerate(texts)
        )
    )
    async with uow_factory(make_sessionmaker(db1))() as uow:  # type: ignore[arg-type]
        state = await uow.conversations.load("t", "w")
    assert state is not None and sorted(state.data["seen"]) == sorted(texts)
    assert state.version == 17
    await db1.dispose()  # type: ignore[attr-defined]
    await db2.dispose()  # type: ignore[attr-defined]


async def test_many_chats_at_once_do_not_fail(db_url) -> None:
    engine, db = await _engine(db_url)
    results = await asyncio.gather(
        *(engine.handle(Incoming(channel="t", chat_id=f"p{i}", text="menu")) for i in range(30))
    )
    assert all("Xin chào" in r[0].text for r in results)
    await db.dispose()  # type: ignore[attr-defined]


async def test_workers_starting_together_migrate_once(db_url) -> None:
    """Several processes start at once on a new database: no one fails on the schema."""
    engines = [make_engine(db_url) for _ in range(4)]
    await asyncio.gather(*(upgrade(e) for e in engines))
    engine = Engine([menu.FLOW], Services(), uow_factory(make_sessionmaker(engines[0])))
    replies = await engine.handle(Incoming(channel="t", chat_id="m", text="menu"))
    assert "Xin chào" in replies[0].text
    for e in engines:
        await e.dispose()
