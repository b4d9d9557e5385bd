"""Processed-update records on SQLite and PostgreSQL: a redelivery is recognised once."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.models import ProcessedUpdate
from bot.storage.repos import uow_factory


async def test_first_time_is_true_once_per_channel_and_id(db_url) -> None:
    db = make_engine(db_url)
    await upgrade(db)
    uow = uow_factory(make_sessionmaker(db))
    async with uow() as w:
        assert await w.repos.updates.first_time("telegram", 41) is True
        assert await w.repos.updates.first_time("telegram", "41") is False
        # the session is still usable after the duplicate (savepoint rolled back only it)
        assert await w.repos.updates.first_time("zalo-bot", 41) is True
        await w.commit()
    async with uow() as w:
        assert await w.repos.updates.first_time("telegram", 41) is False
        assert await w.repos.updates.first_time("telegram", 42) is True
        await w.commit()
    await db.dispose()


async def test_two_concurrent_claims_of_one_update_yield_one_winner(db_url) -> None:
    db = make_engine(db_url)
    await upgrade(db)
    uow = uow_factory(make_sessionmaker(db))

    async def claim() -> bool:
        async with uow() as w:
            try:
                won = await w.repos.updates.first_time("telegram", 7)
                await w.commit()
            except Exception:  # the loser may fail at commit on some backends
                return False
            return won

    results = await asyncio.gather(*(claim() for _ in range(4)))
    assert results.count(True) == 1
    await db.dispose()


async def test_forget_and_prune(db_url) -> None:
    db = make_engine(db_url)
    await upgrade(db)
    uow = uow_factory(make_sessionmaker(db))
    async with uow() as w:
        await w.repos.updates.first_time("telegram", 1)
        await w.repos.updates.first_time("telegram", 2)
        await w.repos.updates.forget("telegram", 1)
        assert await w.repos.updates.first_time("telegram", 1) is True
        assert await w.repos.updates.first_time("telegram", 2) is False  # only 1 forgotten
        await w.repos.updates.forget("telegram", 2)
        past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        assert await w.repos.updates.prune(past) == 0  # nothing that old
        received = (await w.session.execute(select(ProcessedUpdate.received_at))).scalar_one()
        assert await w.repos.updates.prune(received) == 0  # "before": not at the instant
        future = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        assert await w.repos.updates.prune(future) == 1
        assert await w.repos.updates.first_time("telegram", 1) is True
        await w.commit()
    await db.dispose()


async def test_received_times_are_utc_on_a_server_set_to_vietnam_time(db_url, monkeypatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        db = make_engine(db_url)
        await upgrade(db)
        uow = uow_factory(make_sessionmaker(db))
        async with uow() as w:
            await w.repos.updates.first_time("telegram", 1)
            soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
            assert await w.repos.updates.prune(soon) == 1  # not 7 hours in the future
            await w.commit()
        await db.dispose()
    finally:
        monkeypatch.undo()
        time.tzset()
