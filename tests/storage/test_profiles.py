"""The chat profile (its ward) on SQLite and PostgreSQL: stored, changed, skipped, and kept
apart per channel and chat."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


async def test_a_ward_is_stored_changed_and_skipped(db_url: str) -> None:
    engine = make_engine(db_url)
    await upgrade(engine)
    uow = uow_factory(make_sessionmaker(engine))
    try:
        async with uow() as u:
            assert await u.repos.profiles.get("telegram", "1") is None
            await u.repos.profiles.set_ward("telegram", "1", "29869", "typed", NOW)
            await u.repos.profiles.set_ward("zalo_oa", "1", "29884", "link", NOW)
            await u.commit()
        async with uow() as u:
            first = await u.repos.profiles.get("telegram", "1")
            assert first is not None and (first.ward_code, first.ward_source) == ("29869", "typed")
            other = await u.repos.profiles.get("zalo_oa", "1")
            assert other is not None and other.ward_code == "29884"  # same id, other channel
            await u.repos.profiles.set_ward("telegram", "1", None, "skip", NOW)
            await u.commit()
        async with uow() as u:
            skipped = await u.repos.profiles.get("telegram", "1")
            assert skipped is not None and skipped.ward_code is None
            assert skipped.ward_source == "skip"
            with pytest.raises(ValueError):
                await u.repos.profiles.set_ward("telegram", "1", "29869", "guess", NOW)
    finally:
        await engine.dispose()
