"""Alembic environment: runs migrations on the connection handed in by ``bot.storage.db``."""

from __future__ import annotations

from alembic import context

from bot.storage import models_handoff, models_staff  # noqa: F401 - their tables join Base.metadata
from bot.storage.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # plain `alembic` CLI use: build a sync engine from the URL
        from sqlalchemy import create_engine

        url = context.config.get_main_option("sqlalchemy.url") or ""
        engine = create_engine(url)
        with engine.connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
