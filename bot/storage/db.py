"""Database engine, Alembic upgrade on start, and the per-turn unit of work."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

MIGRATIONS = Path(__file__).parent / "migrations"
CONNECT_TIMEOUT_S = 10
log = logging.getLogger(__name__)


def alembic_config() -> Config:
    """Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def make_engine(
    url: str, *, pool_size: int | None = None, pool_timeout: float | None = None
) -> AsyncEngine:
    """An async engine; for SQLite the parent folder is created and a busy timeout set so
    that concurrent writers wait instead of failing. ``pool_timeout`` bounds the wait for a
    pooled connection (SQLAlchemy's default is 30 s, a stalled request's whole budget)."""
    parsed = make_url(url)
    kwargs: dict[str, object] = {}
    if pool_size is not None:
        kwargs.update(pool_size=pool_size, max_overflow=pool_size // 2)
    if pool_timeout is not None:
        kwargs["pool_timeout"] = pool_timeout
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
            _use_wal(db)
        kwargs["connect_args"] = {"timeout": 30}
        if db in (None, "", ":memory:"):
            for name in ("pool_size", "max_overflow", "pool_timeout"):
                kwargs.pop(name, None)
        engine = create_async_engine(url, **kwargs)
        _serialise_sqlite_writes(engine)
        return engine
    kwargs["pool_pre_ping"] = True
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "asyncpg":
        kwargs["connect_args"] = {"timeout": CONNECT_TIMEOUT_S}  # a dead host fails fast
    return create_async_engine(url, **kwargs)


def _use_wal(path: str) -> None:
    """Switch the database file to WAL once (a persistent property of the file).

    Done here with a plain connection rather than on every pool connection: switching the
    journal mode needs the file to itself, and several engines opening a brand-new file at
    once (workers starting together) would otherwise fail with "database is locked".
    """
    for attempt in range(50):
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.05)


def _serialise_sqlite_writes(engine: AsyncEngine) -> None:
    """Every transaction starts with BEGIN IMMEDIATE and waits for the write lock.

    SQLite's default deferred transactions fail at once with "database is locked" when a
    reader tries to become a writer while another connection writes; taking the lock up
    front makes concurrent turns (and several processes) queue instead. WAL lets readers
    go on meanwhile.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every pending migration (``alembic upgrade head``) on this engine."""

    def _upgrade(connection) -> None:  # type: ignore[no-untyped-def]
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # several workers starting at once: one migrates, the others wait, then see head
            await conn.execute(text("SELECT pg_advisory_xact_lock(7262026)"))
        await conn.run_sync(_upgrade)


def insert_for(session: Any) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_*``) for this session's database."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
