"""Shared fixtures: databases (SQLite and a throwaway PostgreSQL), a built app, a guard
against real Telegram/Zalo hosts."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.support import pg

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# A cache folder of this run's own (the knowledge store, the search index): every run builds
# them as a fresh clone would, and no test leans on files a previous run left behind.
# Subprocesses (`tthc-bot run` in end-to-end tests) inherit it.
SESSION_CACHE = tempfile.mkdtemp(prefix="tthc-test-cache-")
os.environ["TTHC_CACHE_DIR"] = SESSION_CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)


FORBIDDEN_HOSTS = (
    "api.telegram.org",
    "bot-api.zaloplatforms.com",
    "openapi.zalo.me",
    "oauth.zaloapp.com",
)


@pytest.fixture(autouse=True)
def _no_real_messaging_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach a real Telegram or Zalo host from a test."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, (str, bytes)):
            name = host.decode() if isinstance(host, bytes) else host
            if any(name == h or name.endswith("." + h) for h in FORBIDDEN_HOSTS):
                raise AssertionError(f"test tried to reach a real messaging host: {name}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.PgServer]:
    """One PostgreSQL server for the whole run; skipped locally, an error in CI, if absent."""
    try:
        server = pg.start_server()
    except Exception as exc:  # noqa: BLE001 - turned into a skip or a failure below
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL server binaries not available ({exc}); install 'postgresql'")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/test.db"
    server: pg.PgServer = request.getfixturevalue("pg_server")
    name = "t_" + uuid.uuid4().hex[:12]
    import subprocess

    psql = pg.find_bin("psql") or "psql"
    subprocess.run(
        [
            psql,
            "-h",
            "127.0.0.1",
            "-p",
            str(server.port),
            "-U",
            "postgres",
            "-c",
            f"CREATE DATABASE {name}",
        ],
        check=True,
        capture_output=True,
    )
    return server.url.rsplit("/", 1)[0] + "/" + name


_BUILT: dict[str, Any] = {}  # kept by the process: ``make mutate`` forks each mutant's run


@pytest.fixture(scope="session")
def knowledge() -> tuple[Any, Any]:
    """The real knowledge base and search index, built once per process (never changed by a
    test; search code is called at query time, so a mutant of it is still what runs)."""
    return _built_knowledge()


def _built_knowledge() -> tuple[Any, Any]:
    from bot.app import load_search

    if "search" not in _BUILT:
        _BUILT["search"] = load_search()
    return _BUILT["search"]  # type: ignore[no-any-return]


def pytest_collection_finish(session: pytest.Session) -> None:
    """``make mutate``: mutmut's fork server collects the tests once, then forks a process per
    mutant. The knowledge built here is inherited by every one of them instead of being built
    again for each mutant whose tests use it (seconds each)."""
    import sys

    if session.config.option.collectonly and "mutmut" in sys.modules:
        _built_knowledge()


@pytest.fixture
def clock() -> Any:
    from handlers.context import VN_TZ, FixedClock

    return FixedClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ))


@pytest.fixture
async def app(tmp_path: Any, knowledge: tuple[Any, Any], clock: Any) -> AsyncIterator[Any]:
    """A fully built app on a fresh SQLite database with the real knowledge base."""
    from bot.app import build_app
    from bot.config import Settings

    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/app.db")
    kb, index = knowledge
    built = await build_app(settings, clock=clock, kb=kb, index=index)
    yield built
    await built.close()


_HEAVY = {"app", "db_url", "uow", "pg_server"}  # fixtures that build a database or an app


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make mutate``: a mutant's tests run with ``-x`` in the order mutmut gives (by their
    call time, which leaves out fixture setup), so a unit test that kills the mutant at once
    could wait behind flow tests each building an app. Tests without such fixtures go first."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" not in mutant:
        return
    items.sort(key=lambda item: bool(_HEAVY & set(getattr(item, "fixturenames", ()))))
