"""Staff accounts, their sessions and the audit log (tables of ``models_staff``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models_staff import StaffAccount, StaffAudit, StaffSession


@dataclass(frozen=True)
class Account:
    """An account as the console sees it (never the password hash outside ``check``)."""

    id: int
    username: str
    role: str
    disabled: bool
    failed_logins: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    ward_code: str | None = None  # an officer's ward (0006); None: every ward

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    username: str
    action: str
    target: str
    detail: str


def _account(row: StaffAccount) -> Account:
    return Account(
        row.id, row.username, row.role, bool(row.disabled), row.failed_logins,
        row.locked_until, row.created_at, row.last_login_at, row.ward_code,
    )  # fmt: skip


class StaffRepo:
    """Accounts, sessions and audit rows; the rules (lockout, idle time) are the caller's."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _row(self, username: str, lock: bool = False) -> StaffAccount | None:
        stmt = select(StaffAccount).where(StaffAccount.username == username)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(
        self,
        username: str,
        role: str,
        password_hash: str,
        now: dt.datetime,
        ward_code: str | None = None,
    ) -> bool:
        """A new account (an officer of ``ward_code``); False when the name is taken."""
        if await self._row(username) is not None:
            return False
        self.session.add(
            StaffAccount(
                username=username,
                role=role,
                password_hash=password_hash,
                disabled=0,
                failed_logins=0,
                created_at=utc(now),
                ward_code=ward_code,
            )  # fmt: skip
        )
        await self.session.flush()
        return True

    async def get(self, username: str) -> Account | None:
        row = await self._row(username)
        return _account(row) if row else None

    async def by_id(self, account_id: int) -> Account | None:
        row = await self.session.get(StaffAccount, account_id)
        return _account(row) if row else None

    async def accounts(self) -> list[Account]:
        stmt = select(StaffAccount).order_by(StaffAccount.username)
        return [_account(r) for r in (await self.session.execute(stmt)).scalars()]

    async def password_hash(self, username: str) -> str | None:
        """The stored hash, locking the row (a login attempt is counted once)."""
        row = await self._row(username, lock=True)
        return row.password_hash if row else None

    async def set_disabled(self, username: str, disabled: bool) -> bool:
        row = await self._row(username, lock=True)
        if row is None:
            return False
        row.disabled = int(disabled)
        if disabled:
            await self.session.execute(
                delete(StaffSession).where(StaffSession.account_id == row.id)
            )
        await self.session.flush()
        return True

    async def set_ward(self, username: str, ward_code: str | None) -> bool:
        """Give an account its ward (None: every ward); False when the name is unknown."""
        row = await self._row(username, lock=True)
        if row is None:
            return False
        row.ward_code = ward_code
        await self.session.flush()
        return True

    async def failed_login(self, username: str, limit: int, lock_until: dt.datetime) -> int:
        """Count a wrong password; the ``limit``-th in a row locks the account until
        ``lock_until``. Returns the count in a row."""
        row = await self._row(username, lock=True)
        if row is None:
            return 0
        row.failed_logins += 1
        if row.failed_logins >= limit:
            row.locked_until = utc(lock_until)
            row.failed_logins = 0
        await self.session.flush()
        return row.failed_logins or limit

    async def logged_in(self, username: str, now: dt.datetime) -> None:
        row = await self._row(username, lock=True)
        if row is not None:
            row.failed_logins, row.locked_until, row.last_login_at = 0, None, utc(now)
            await self.session.flush()

    # -- sessions -----------------------------------------------------------------------
    async def open_session(
        self, token_hash: str, account_id: int, csrf: str, now: dt.datetime
    ) -> None:
        now = utc(now)
        self.session.add(
            StaffSession(
                token_hash=token_hash,
                account_id=account_id,
                csrf=csrf,
                created_at=now,
                last_seen=now,
            )  # fmt: skip
        )
        await self.session.flush()

    async def session_of(self, token_hash: str) -> tuple[Account, str, dt.datetime] | None:
        """(account, csrf token, last seen) of a session, None when unknown."""
        row = await self.session.get(StaffSession, token_hash)
        if row is None:
            return None
        account = await self.by_id(row.account_id)
        return (account, row.csrf, row.last_seen) if account else None

    async def touch_session(self, token_hash: str, now: dt.datetime) -> None:
        row = await self.session.get(StaffSession, token_hash)
        if row is not None:
            row.last_seen = utc(now)
            await self.session.flush()

    async def close_session(self, token_hash: str) -> None:
        await self.session.execute(
            delete(StaffSession).where(StaffSession.token_hash == token_hash)
        )

    # -- audit --------------------------------------------------------------------------
    async def audit(
        self, username: str, action: str, target: str, detail: str, now: dt.datetime
    ) -> None:
        """One line of the audit log."""
        self.session.add(
            StaffAudit(
                at=utc(now),
                username=username[:64],
                action=action[:32],
                target=target[:128],
                detail=detail[:2000],
            )  # fmt: skip
        )
        await self.session.flush()

    async def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        stmt = select(StaffAudit).order_by(StaffAudit.id.desc()).limit(limit)
        rows = (await self.session.execute(stmt)).scalars()
        return [AuditEntry(r.at, r.username, r.action, r.target, r.detail) for r in rows]
