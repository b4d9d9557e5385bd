"""The Alembic migrations create exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.storage import models_handoff, models_staff  # noqa: F401 - tables of 0004, 0005
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


async def test_upgrade_twice_keeps_the_data_and_stays_at_head(db_url) -> None:
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from bot.storage.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = make_engine(db_url)
    await upgrade(engine)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO kv (key, value, updated_at) VALUES ('probe', 'kept', CURRENT_TIMESTAMP)"
            )
        )
    await upgrade(engine)  # a restart runs the migrations again
    async with engine.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        kept = (await conn.execute(text("SELECT value FROM kv WHERE key = 'probe'"))).scalar()
    await engine.dispose()
    assert version == head and kept == "kept"
