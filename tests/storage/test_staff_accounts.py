"""Staff accounts on SQLite and PostgreSQL: the lockout counted once per attempt even when
attempts race, sessions that end on disabling, the audit log in order."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.staff.accounts import AccountError, add_account, login, session_for, set_disabled
from handlers.context import VN_TZ, FixedClock

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)
PASSWORD = "mat-khau-dai-1"


@pytest.fixture
async def app(db_url: str) -> AsyncIterator[Any]:
    built = await build_app(
        Settings(database_url=db_url, demo_data=False), clock=FixedClock(NOW),
        with_knowledge=False,
    )  # fmt: skip
    yield built
    await built.close()


async def test_racing_wrong_passwords_lock_after_exactly_five(app) -> None:
    await add_account(app, "lan", "officer", PASSWORD, "test")

    async def attempt() -> str:
        try:
            await login(app, "lan", "sai")
        except AccountError as exc:
            return exc.key
        return "ok"

    results = await asyncio.gather(*(attempt() for _ in range(4)))
    assert results == ["console.login_failed"] * 4
    assert await attempt() == "console.login_locked"
    with pytest.raises(AccountError) as exc:
        await login(app, "lan", PASSWORD)
    assert exc.value.key == "console.login_locked" and exc.value.params["minutes"] == 15
    app.services.clock.advance(minutes=15, seconds=1)
    token, session = await login(app, "lan", PASSWORD)
    assert session.account.username == "lan" and session.account.failed_logins == 0
    async with app.uow() as uow:
        account = await uow.repos.staff.get("lan")
        log = [e.action for e in await uow.repos.staff.audit_log()]
    assert account.failed_logins == 0 and account.locked_until is None
    assert log[:2] == ["login", "login_locked"] and log.count("login_failed") == 4


async def test_sessions_end_when_the_account_is_disabled(app) -> None:
    await add_account(app, "minh", "admin", PASSWORD, "test")
    token, _ = await login(app, "minh", PASSWORD)
    found, _expired = await session_for(app, token)
    assert found is not None and found.account.is_admin
    async with app.uow() as uow:  # the database holds the token's hash, never the token
        assert await uow.repos.staff.session_of(token) is None
    await set_disabled(app, "minh", True, "test")
    assert await session_for(app, token) == (None, False)
    with pytest.raises(AccountError) as exc:
        await login(app, "minh", PASSWORD)
    assert exc.value.key == "console.login_disabled"
    with pytest.raises(AccountError):
        await add_account(app, "minh", "officer", PASSWORD, "test")  # name taken
    await set_disabled(app, "minh", False, "test")
    await login(app, "minh", PASSWORD)
