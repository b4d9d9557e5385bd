"""SQLite's write lock between processes' transactions: stores of new updates get in between
back-to-back turns, and reads never wait for a writer (the order of one chat's messages
across two workers depends on both)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text

from bot.storage.db import make_engine, make_sessionmaker, upgrade


async def _engines(tmp_path: Path, n: int) -> list:
    url = f"sqlite+aiosqlite:///{tmp_path}/lock.db"
    engines = [make_engine(url) for _ in range(n)]
    await upgrade(engines[0])
    return engines


async def test_an_urgent_store_goes_between_back_to_back_writers(tmp_path: Path) -> None:
    """Two 'workers' hold the write lock turn after turn (30 ms each, 2 ms apart to send
    the replies); a store that starts waiting during the first turn commits within the
    first quarter of the 40 turns (polled every 0.5 ms it takes the next gap)."""
    turns_engine, other_engine, store_engine = await _engines(tmp_path, 3)
    order: list[str] = []
    started = asyncio.Event()

    async def turns(engine, name: str, count: int) -> None:
        maker = make_sessionmaker(engine)
        for n in range(count):
            async with maker() as session:
                await session.execute(
                    text("insert into kv (key, value, updated_at) values (:k, '1', '2026-01-01')"),
                    {"k": f"{name}{n}"},
                )
                started.set()
                await asyncio.sleep(0.03)  # the turn's work, holding the lock
                await session.commit()
            order.append(f"{name}{n}")
            await asyncio.sleep(0.002)  # sending the replies

    async def store() -> None:
        await started.wait()
        urgent = make_sessionmaker(store_engine.execution_options(sqlite_urgent=True))
        async with urgent() as session:
            await session.execute(
                text("insert into kv (key, value, updated_at) values ('store', '1', '2026-01-01')")
            )
            await session.commit()
        order.append("store")

    try:
        await asyncio.gather(turns(turns_engine, "a", 20), turns(other_engine, "b", 20), store())
    finally:
        for engine in (turns_engine, other_engine, store_engine):
            await engine.dispose()
    # SQLite's own busy wait (sleeps growing to 100 ms) often let it in only after all 40
    assert order.index("store") <= 10, order


async def test_a_read_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    writer_engine, reader_engine = await _engines(tmp_path, 2)
    order: list[str] = []
    holding = asyncio.Event()

    async def writer() -> None:
        async with make_sessionmaker(writer_engine)() as session:
            await session.execute(
                text("insert into kv (key, value, updated_at) values ('w', '1', '2026-01-01')")
            )
            holding.set()
            await asyncio.sleep(0.3)
            await session.commit()
        order.append("write committed")

    async def reader() -> None:
        await holding.wait()
        read = make_sessionmaker(reader_engine.execution_options(sqlite_read=True))
        async with read() as session:
            rows = (await session.execute(text("select key from kv"))).all()
        order.append(f"read {len(rows)} rows")

    try:
        await asyncio.gather(writer(), reader())
    finally:
        await writer_engine.dispose()
        await reader_engine.dispose()
    assert order == ["read 0 rows", "write committed"]
