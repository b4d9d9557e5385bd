"""Helpers of the staff console tests: accounts, a logged-in test client, the CSRF token."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_web_app
from bot.staff.accounts import add_account

PASSWORD = "mat-khau-dai-1"
_CSRF = re.compile(r'name="csrf" (?:content|value)="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def client_for(app: Any) -> TestClient:
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    return client


async def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Log in through the form; the response after the redirect."""
    page = await client.get("/staff/login")
    token = csrf_of(await page.text())
    form = {"csrf": token, "username": username, "password": password, "next": "/staff/inbox"}
    return await client.post("/staff/login", data=form)


async def staff_client(
    app: Any, username: str = "lan", role: str = "officer", ward: str | None = None
) -> TestClient:
    """A client logged in as a new account ``username`` (an officer of ``ward``, if given)."""
    await add_account(app, username, role, PASSWORD, "test", ward)
    client = await client_for(app)
    resp = await login(client, username)
    assert resp.status == 200 and str(resp.url).endswith("/staff/inbox"), await resp.text()
    return client


async def page_csrf(client: TestClient, path: str = "/staff/inbox") -> str:
    resp = await client.get(path)
    assert resp.status == 200
    return csrf_of(await resp.text())
