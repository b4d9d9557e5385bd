"""Database engine, Alembic upgrade on start, and the per-turn unit of work."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
CONNECT_TIMEOUT_S = 10
log = logging.getLogger(__name__)


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config() -> Config:
    """Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def make_engine(
    url: str, *, pool_size: int | None = None, pool_timeout: float | None = None
) -> AsyncEngine:
    """An async engine; for SQLite the parent folder is created and write transactions
    queue for the write lock instead of failing (``_serialise_sqlite_writes``). ``pool_timeout`` bounds the wait for a
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


WRITE_LOCK_POLL_S = 0.004  # how often a waiting write transaction tries for the lock
URGENT_LOCK_POLL_S = 0.0005  # storing a webhook's update: it must not wait behind turns
WRITE_LOCK_WAIT_S = 30.0


def _serialise_sqlite_writes(engine: AsyncEngine) -> None:
    """Every write transaction starts with BEGIN IMMEDIATE and waits for the write lock;
    read-only units of work (``sqlite_read``) start a plain deferred one and never wait.

    SQLite's default deferred transactions fail at once with "database is locked" when a
    reader tries to become a writer while another connection writes; taking the lock up
    front makes concurrent turns (and several processes) queue instead. WAL lets readers
    go on meanwhile. The wait is polled here, not in SQLite's busy handler, whose sleeps
    grow to 100 ms: a waiting connection then starves behind back-to-back turns (a
    webhook's update stored 300 ms late was answered after the message that followed it).
    Storing an update (``sqlite_urgent``) polls most often, so it goes ahead of turns. In
    one process only one waiter of each kind polls at a time; the others queue behind it in
    order (polling by all of them cost more CPU than the turns themselves).
    """
    pollers: weakref.WeakKeyDictionary[Any, dict[bool, Any]] = weakref.WeakKeyDictionary()

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=0")  # writers wait in _begin_immediate
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        options = conn.get_execution_options()
        if options.get("sqlite_read"):
            conn.exec_driver_sql("BEGIN")
            return
        urgent = bool(options.get("sqlite_urgent"))
        _begin_immediate(conn, urgent, pollers)


def _begin_immediate(conn: Any, urgent: bool, pollers: Any) -> None:
    """BEGIN IMMEDIATE; while the write lock is taken, wait for this process's turn to poll
    (``pollers``: per event loop, one lock per kind) and try every poll interval (without
    blocking the event loop) until the write lock is free."""
    import asyncio

    from sqlalchemy.util import await_only

    if _try_begin(conn):
        return
    deadline = time.monotonic() + WRITE_LOCK_WAIT_S
    loop = asyncio.get_running_loop()
    kinds = pollers.setdefault(loop, {})
    token = kinds.setdefault(urgent, asyncio.Lock())
    poll = URGENT_LOCK_POLL_S if urgent else WRITE_LOCK_POLL_S
    await_only(token.acquire())
    try:
        while not _try_begin(conn, time.monotonic() > deadline):
            await_only(asyncio.sleep(poll))
    finally:
        token.release()


def _try_begin(conn: Any, last: bool = False) -> bool:
    """One BEGIN IMMEDIATE; False when the lock is taken (raised when ``last``)."""
    from sqlalchemy.exc import OperationalError

    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return True
    except OperationalError as exc:
        if last or ("locked" not in str(exc) and "busy" not in str(exc)):
            raise
        return False


def head_revisions(folder: Path = MIGRATIONS / "versions") -> set[str]:
    """The head revision(s) of the packaged migrations, read from the files themselves
    (a revision no other one names as its ``down_revision``); empty when unreadable."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        source = path.read_text("utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


async def pending(engine: AsyncEngine) -> bool:
    """Whether the database is behind the packaged migrations (a missing or unreadable
    ``alembic_version`` counts as behind). One small query; Alembic is not imported."""
    heads = head_revisions()
    if not heads:
        return True
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            current = {str(v) for v in rows.scalars()}
    except SQLAlchemyError:
        return True
    return current != heads


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every pending migration (``alembic upgrade head``) on this engine.

    A database already at head (every start but the first after an update) is checked with
    one query, without loading Alembic (about 11 MB and a tenth of a second).
    """
    if not await pending(engine):
        return

    def _upgrade(connection) -> None:  # type: ignore[no-untyped-def]
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # several workers starting at once: one migrates, the others wait, then see head
            await conn.execute(text("SELECT pg_advisory_xact_lock(7262026)"))
        await conn.run_sync(_upgrade)


def dialect_insert(dialect: str) -> Any:
    """The ``insert`` (with ``on_conflict_do_*``) of the dialect named ``dialect``; only
    that dialect's module is imported (PostgreSQL's costs a SQLite server ~25 ms at start)."""
    import importlib

    name = "postgresql" if dialect == "postgresql" else "sqlite"
    return importlib.import_module(f"sqlalchemy.dialects.{name}").insert


def insert_for(session: Any) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_*``) for this session's database."""
    return dialect_insert(session.get_bind().dialect.name)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
