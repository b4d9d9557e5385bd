"""Staff accounts and console sessions: the rules behind ``tthc-bot staff`` and the login.

- a username is 3-64 letters, digits, ``.``, ``_`` or ``-``; the role ``officer`` or ``admin``;
- an officer of a ward (``--ward``) sees that ward's inbox, bookings, dossiers and figures
  only; an officer without a ward is the province's (its service centre, a one-ward
  deployment, or an account made before wards: ``tthc-bot staff ward`` gives it one) and,
  like an admin, sees every ward; only an admin manages accounts;
- ``STAFF_MAX_FAILED_LOGINS`` (5) wrong passwords in a row lock the account for
  ``STAFF_LOCKOUT_MIN`` minutes; a right password resets the count;
- a session unused for ``STAFF_IDLE_MIN`` minutes ends; disabling an account ends its
  sessions. The cookie holds a random token; the database only its SHA-256.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from typing import Any

from bot.staff.passwords import hash_password, verify_password
from bot.staff.scope import Scope
from bot.storage.staff import Account

ROLES = ("officer", "admin")
USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,64}$")


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so that a wrong name costs the time a
    wrong password does (no telling which names exist); made on first use, not at import."""
    return hash_password(secrets.token_hex(8))


class AccountError(ValueError):
    """A request about accounts that cannot be done; ``key`` is its ``console.*`` text."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Session:
    """A logged-in staff member: the account, the cookie's hash and the CSRF token."""

    account: Account
    token_hash: str
    csrf: str

    @property
    def scope(self) -> Scope:
        """Whose data this staff member sees: an officer's ward, or every ward."""
        return Scope(None if self.account.is_admin else self.account.ward_code)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_username(username: str) -> str:
    name = username.strip()
    if not USERNAME.match(name):
        raise AccountError("console.username_bad")
    return name


def ward_for(app: Any, role: str, ward: str | None) -> str | None:
    """The official code of an account's ward (``ward``: a code or an unambiguous name);
    ``AccountError`` for an unknown ward or a ward given to an admin (the province's)."""
    places = app.services.localities
    value = (ward or "").strip()
    if role == "admin":
        if value:
            raise AccountError("console.ward_for_admin")
        return None
    if not value:
        return None  # an officer of the province (its service centre): every ward
    found = places.find(value[:80]).ward if places is not None else None
    if found is None:
        raise AccountError("console.ward_unknown", ward=value[:40])
    return str(found.code)


async def add_account(
    app: Any, username: str, role: str, password: str, by: str, ward: str | None = None
) -> None:
    """Create an account (an officer of ``ward``); ``AccountError`` for a bad name, role,
    ward or password or a taken name."""
    from bot.staff.passwords import password_problem

    name = check_username(username)
    if role not in ROLES:
        raise AccountError("console.role_bad")
    ward_code = ward_for(app, role, ward)
    if (problem := password_problem(password)) is not None:
        raise AccountError(problem)
    hashed = await asyncio.to_thread(hash_password, password)
    now = app.services.clock.now()
    async with app.uow() as uow:
        if not await uow.repos.staff.add(name, role, hashed, now, ward_code):
            raise AccountError("console.username_taken", username=name)
        detail = role + (f" {ward_code}" if ward_code else "")
        await uow.repos.staff.audit(by, "account_add", name, detail, now)
        await uow.commit()


async def set_ward(app: Any, username: str, ward: str, by: str) -> str:
    """Give an officer account its ward (ending its sessions: the next login sees the new
    scope); the ward code. ``AccountError`` when unknown or an admin."""
    now = app.services.clock.now()
    async with app.uow() as uow:
        account = await uow.repos.staff.get(username.strip()[:64])
        if account is None:
            raise AccountError("console.username_unknown", username=username)
        code = ward_for(app, account.role, ward)
        if code is None:
            raise AccountError("console.ward_needed")
        await uow.repos.staff.set_ward(account.username, code)
        await uow.repos.staff.audit(by, "account_ward", account.username, code, now)
        await uow.commit()
    return code


async def set_disabled(app: Any, username: str, disabled: bool, by: str) -> None:
    """Disable (ending its sessions) or enable an account; ``AccountError`` when unknown."""
    now = app.services.clock.now()
    async with app.uow() as uow:
        if not await uow.repos.staff.set_disabled(username, disabled):
            raise AccountError("console.username_unknown", username=username)
        action = "account_disable" if disabled else "account_enable"
        await uow.repos.staff.audit(by, action, username, "", now)
        await uow.commit()


async def login(app: Any, username: str, password: str) -> tuple[str, Session]:
    """The new session's cookie token; ``AccountError`` (``console.login_failed``,
    ``console.login_locked`` with ``minutes``, ``console.login_disabled``) otherwise."""
    settings = app.settings
    now = app.services.clock.now()
    name = username.strip()[:64]
    async with app.uow() as uow:
        repo = uow.repos.staff
        account = await repo.get(name) if name else None
        stored = await repo.password_hash(name) if account else None
        if account is not None and account.locked_until and account.locked_until > now:
            raise AccountError("console.login_locked", minutes=_minutes(account, now))
        given = password[:1024]
        ok = await asyncio.to_thread(lambda: verify_password(given, stored or _dummy_hash()))
        if account is None or not ok:
            if account is not None:
                until = now + dt.timedelta(minutes=settings.staff_lockout_min)
                count = await repo.failed_login(name, settings.staff_max_failed_logins, until)
                locked = count >= settings.staff_max_failed_logins
                await repo.audit(name, "login_locked" if locked else "login_failed", "", "", now)
                await uow.commit()
                if locked:
                    raise AccountError("console.login_locked", minutes=settings.staff_lockout_min)
            raise AccountError("console.login_failed")
        if account.disabled:
            raise AccountError("console.login_disabled")
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        await repo.logged_in(name, now)
        await repo.open_session(token_hash(token), account.id, csrf, now)
        await repo.audit(name, "login", "", "", now)
        await uow.commit()
    return token, Session(account, token_hash(token), csrf)


def _minutes(account: Account, now: dt.datetime) -> int:
    assert account.locked_until is not None
    return max(1, math.ceil((account.locked_until - now).total_seconds() / 60))


async def session_for(
    app: Any, token: str | None, touch: bool = True
) -> tuple[Session | None, bool]:
    """(the live session of a cookie token or None, whether it had just expired).

    ``touch``: the request is the staff member's own action and restarts the idle time; a
    page's background poll is not (an open tab must not keep a session alive forever)."""
    if not token or len(token) > 128:
        return None, False
    hashed = token_hash(token)
    now = app.services.clock.now()
    idle = dt.timedelta(minutes=app.settings.staff_idle_min)
    async with app.uow() as uow:
        found = await uow.repos.staff.session_of(hashed)
        if found is None:
            return None, False
        account, csrf, last_seen = found
        if account.disabled or now - last_seen > idle:
            await uow.repos.staff.close_session(hashed)
            await uow.commit()
            return None, True
        if touch:
            await uow.repos.staff.touch_session(hashed, now)
            await uow.commit()
    return Session(account, hashed, csrf), False


async def logout(app: Any, session: Session) -> None:
    now = app.services.clock.now()
    async with app.uow() as uow:
        await uow.repos.staff.close_session(session.token_hash)
        await uow.repos.staff.audit(session.account.username, "logout", "", "", now)
        await uow.commit()


async def audit(app: Any, session: Session, action: str, target: str, detail: str = "") -> None:
    """Record a staff action in its own transaction (after the action committed)."""
    async with app.uow() as uow:
        await uow.repos.staff.audit(
            session.account.username, action, target, detail, app.services.clock.now()
        )
        await uow.commit()
