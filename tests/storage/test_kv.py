"""Key/value store on SQLite and PostgreSQL (holds the single-use Zalo OA refresh token)."""

from __future__ import annotations

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory


async def test_set_replaces_survives_a_new_session_and_delete(db_url) -> None:
    db = make_engine(db_url)
    await upgrade(db)
    uow = uow_factory(make_sessionmaker(db))
    try:
        async with uow() as u:
            assert await u.repos.kv.get("zalo_oa.refresh_token") is None
            await u.repos.kv.set("zalo_oa.refresh_token", "r-1")
            await u.repos.kv.set("zalo_oa.refresh_token", "r-2")  # same turn: replaced
            await u.commit()
        async with uow() as u:
            assert await u.repos.kv.get("zalo_oa.refresh_token", for_update=True) == "r-2"
            await u.repos.kv.set("zalo_oa.refresh_token", "r-3")
            await u.commit()
        async with uow() as u:  # uncommitted changes are dropped
            await u.repos.kv.set("zalo_oa.refresh_token", "lost")
        async with uow() as u:
            assert await u.repos.kv.get("zalo_oa.refresh_token") == "r-3"
            assert await u.repos.kv.delete("zalo_oa.refresh_token") is True
            assert await u.repos.kv.delete("zalo_oa.refresh_token") is False
            await u.commit()
        async with uow() as u:
            assert await u.repos.kv.get("zalo_oa.refresh_token") is None
    finally:
        await db.dispose()
