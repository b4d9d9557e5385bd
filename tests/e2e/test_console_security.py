"""The staff console's doors (issue 16): nothing without a session (HTML -> login, JSON ->
401), no state change without the session's CSRF token, a lockout after 5 wrong passwords
with a clear message, the idle timeout, a citizen's markup shown as text in the inbox, an
officer who cannot manage accounts, and the cookie's attributes."""

from __future__ import annotations

from bot.staff.accounts import add_account
from tests.support.console import (
    PASSWORD,
    client_for,
    csrf_of,
    login,
    page_csrf,
    staff_client,
)

PAGES = ["/staff", "/staff/inbox", "/staff/dossiers", "/staff/bookings", "/staff/stats",
         "/staff/unanswered", "/staff/knowledge", "/staff/accounts", "/staff/stats.csv"]  # fmt: skip


async def test_no_session_means_the_login_page_or_401(app) -> None:
    client = await client_for(app)
    try:
        for path in PAGES:
            resp = await client.get(path, allow_redirects=False)
            assert resp.status == 303, path
            assert resp.headers["Location"].startswith("/staff/login?next="), path
        resp = await client.get("/staff/inbox")  # followed: the login form
        assert "Đăng nhập" in await resp.text()
        resp = await client.get("/staff/api/inbox/1")
        assert resp.status == 401 and "đăng nhập" in (await resp.json())["error"]
        resp = await client.post("/staff/dossiers/status", data={"code": "x"},
                                 allow_redirects=False)  # fmt: skip
        assert resp.status == 303  # to the login, nothing changed
        # a forged session cookie is no session
        client.session.cookie_jar.update_cookies({"tthc_staff": "made-up"})
        resp = await client.get("/staff/inbox", allow_redirects=False)
        assert resp.status == 303
    finally:
        await client.close()


async def test_session_cookie_is_httponly_strict_and_the_pages_are_locked_down(app) -> None:
    await add_account(app, "lan", "officer", PASSWORD, "test")
    client = await client_for(app)
    try:
        resp = await login(client, "lan")
        cookie = resp.history[0].cookies["tthc_staff"]
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        assert not cookie["secure"]  # plain HTTP here; behind HTTPS it is Secure
        assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
        assert resp.headers["Cache-Control"] == "no-store"
        page = await client.get("/staff/login", headers={"X-Forwarded-Proto": "https"})
        token = csrf_of(await page.text())
        # the browser sends the Secure login cookie back over HTTPS (the proxy's side)
        headers = {"X-Forwarded-Proto": "https", "Cookie": f"tthc_staff_login={token}"}
        resp = await client.post(
            "/staff/login", allow_redirects=False, headers=headers,
            data={"csrf": token, "username": "lan", "password": PASSWORD},
        )  # fmt: skip
        assert resp.cookies["tthc_staff"]["secure"]
    finally:
        await client.close()


async def test_missing_or_wrong_csrf_is_403_and_changes_nothing(app) -> None:
    client = await staff_client(app)
    try:
        code = "000.00.14.H20-200703-0002"
        body = {"code": code, "status": "Đã có kết quả", "note": "xong"}
        for bad in ({}, {"csrf": "not-the-token"}):
            resp = await client.post("/staff/dossiers/status", data={**body, **bad})
            assert resp.status == 403, bad
            assert "tải lại trang" in await resp.text()
        resp = await client.post("/staff/inbox/1/close", json={})
        assert resp.status == 403
        async with app.uow() as uow:
            assert (await uow.repos.dossiers.get(code)).status == "Đang xử lý"
        token = await page_csrf(client)
        resp = await client.post("/staff/dossiers/status", data={**body, "csrf": token})
        assert resp.status == 200 and "Đã cập nhật tình trạng" in await resp.text()
        async with app.uow() as uow:
            assert (await uow.repos.dossiers.get(code)).status == "Đã có kết quả"
        page = await client.get("/staff/login")  # the login form needs its own token too
        resp = await client.post("/staff/login", data={"username": "lan", "password": PASSWORD})
        assert resp.status == 403 and page.status == 200
    finally:
        await client.close()


async def test_five_wrong_passwords_lock_the_account_with_a_clear_message(app, clock) -> None:
    await add_account(app, "minh", "officer", PASSWORD, "test")
    client = await client_for(app)
    try:
        for _ in range(4):
            resp = await login(client, "minh", "sai-mat-khau")
            assert resp.status == 401
            assert "không đúng" in await resp.text()
        resp = await login(client, "minh", "sai-mat-khau")
        text = await resp.text()
        assert resp.status == 401 and "tạm khóa" in text and "15 phút" in text
        resp = await login(client, "minh")  # even the right password, while locked
        assert resp.status == 401 and "tạm khóa" in await resp.text()
        resp = await login(client, "nobody", "sai-mat-khau")  # unknown: the same answer
        assert "không đúng" in await resp.text()
        clock.advance(minutes=16)
        resp = await login(client, "minh")
        assert resp.status == 200 and str(resp.url).endswith("/staff/inbox")
        async with app.uow() as uow:
            actions = [e.action for e in await uow.repos.staff.audit_log()]
        assert actions.count("login_failed") == 4 and "login_locked" in actions
    finally:
        await client.close()


async def test_an_idle_session_ends(app, clock) -> None:
    client = await staff_client(app)
    try:
        clock.advance(minutes=29)
        assert (await client.get("/staff/inbox", allow_redirects=False)).status == 200
        clock.advance(minutes=20)  # a background poll is no activity of the staff member
        assert (await client.get("/staff/api/inbox")).status == 200
        clock.advance(minutes=11)
        resp = await client.get("/staff/inbox")
        assert "hết hạn" in await resp.text()
        assert (await client.get("/staff/api/inbox/1")).status == 401
    finally:
        await client.close()


async def test_citizen_markup_is_text_in_the_inbox(app) -> None:
    client = await staff_client(app)
    try:
        for text in ("gặp cán bộ", "<img src=x onerror=alert(1)>"):
            resp = await client.post("/api/chat", json={"user": "citizen", "text": text})
            assert resp.status == 200
        async with app.uow() as uow:
            [handoff] = await uow.repos.handoffs.recent()
        html = await (await client.get(f"/staff/inbox/{handoff.id}")).text()
        assert "<img src=x" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        data = await (await client.get(f"/staff/api/inbox/{handoff.id}")).json()
        assert data["messages"][-1]["text"] == "<img src=x onerror=alert(1)>"  # JS sets text
    finally:
        await client.close()


async def test_an_officer_cannot_manage_accounts(app) -> None:
    client = await staff_client(app, "lan", "officer")
    try:
        assert "Tài khoản" not in await (await client.get("/staff/inbox")).text()
        resp = await client.get("/staff/accounts")
        assert resp.status == 403 and "quản trị viên" in await resp.text()
        token = await page_csrf(client)
        form = {"csrf": token, "username": "moi", "role": "admin", "password": PASSWORD}
        assert (await client.post("/staff/accounts", data=form)).status == 403
        assert (await client.post("/staff/accounts/lan/disable", data=form)).status == 403
        async with app.uow() as uow:
            assert await uow.repos.staff.get("moi") is None
    finally:
        await client.close()


async def test_an_admin_adds_and_disables_an_account_and_the_audit_log_shows_it(app) -> None:
    admin = await staff_client(app, "chi", "admin")
    other = await staff_client(app, "lan", "officer")
    try:
        token = await page_csrf(admin, "/staff/accounts")
        form = {"csrf": token, "username": "ba.tran", "role": "officer", "password": "ngan"}
        resp = await admin.post("/staff/accounts", data=form)
        assert resp.status == 400 and "ít nhất 8 ký tự" in await resp.text()
        resp = await admin.post("/staff/accounts", data={**form, "password": PASSWORD})
        assert "Đã thêm tài khoản" in await resp.text()
        resp = await admin.post("/staff/accounts/lan/disable", data={"csrf": token})
        html = await resp.text()
        assert "Đã khóa tài khoản" in html and "account_disable" in html
        # the disabled officer's open session ends at once, and a new login is refused
        assert "Đăng nhập" in await (await other.get("/staff/inbox")).text()
        resp = await login(other, "lan")
        assert resp.status == 401 and "đã bị khóa" in await resp.text()
    finally:
        await admin.close()
        await other.close()


async def test_bad_input_on_every_form_is_answered_politely(app) -> None:
    """Empty, huge, emoji and wrong values on each form: a clear answer, never a 5xx."""
    client = await staff_client(app, "chi", "admin")
    try:
        token = await page_csrf(client)
        junk = [{}, {"code": "😀" * 500, "status": "x" * 10_000, "note": "\x00"},
                {"text": "", "nonce": "n" * 300, "mark": "attended", "back": "https://evil"},
                {"alias": "   ", "code": "", "username": "<b>", "role": "root", "password": ""}]  # fmt: skip
        routes = ["/staff/dossiers/status", "/staff/inbox/1/reply", "/staff/inbox/HT-ZZZZ/close",
                  "/staff/bookings/LH-ZZZZ/mark", "/staff/unanswered/suggest", "/staff/accounts",
                  "/staff/accounts/nobody/disable", "/staff/accounts/chi/disable"]  # fmt: skip
        for route in routes:
            for body in junk:
                resp = await client.post(route, data={"csrf": token, **body})
                assert resp.status < 500, (route, body, resp.status)
                assert not str(resp.url).startswith("https://evil")
        for query in ({"q": "😀" * 300}, {"date": "31/02/2026"}, {"from": "x", "to": "y"}):
            for path in (
                "/staff/dossiers",
                "/staff/bookings",
                "/staff/stats",
                "/staff/unanswered",
            ):
                assert (await client.get(path, params=query)).status == 200, (path, query)
        assert (await client.get("/staff/inbox/999999")).status == 404
        assert (await client.get("/staff/api/inbox/abc", params={"after": "x"})).status == 404
        async with app.uow() as uow:  # the admin did not disable themself
            assert not (await uow.repos.staff.get("chi")).disabled
    finally:
        await client.close()
