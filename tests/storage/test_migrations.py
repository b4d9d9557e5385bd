"""The Alembic migrations create exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.storage.db import make_engine, upgrade
from bot.storage.models import Base


async def test_models_match_migrations(db_url) -> None:
    engine = make_engine(db_url)
    await upgrade(engine)

    def diff(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return compare_metadata(context, Base.metadata)

    async with engine.connect() as conn:
        changes = await conn.run_sync(diff)
    await engine.dispose()
    assert changes == []


async def test_upgrade_twice_is_harmless(db_url) -> None:
    engine = make_engine(db_url)
    await upgrade(engine)
    await upgrade(engine)
    await engine.dispose()
