"""The staff console in headless Chromium (Debian's ``chromium`` driven by Playwright) against
the real service, next to a citizen's web chat page: log in; reply to a handoff and see it
arrive in the citizen's page, and the citizen's next message appear in the console without a
reload; a citizen's ``<img onerror>`` shown as text; change a dossier's status and see the
subscriber's notification; upload a CSV with bad rows; mark a booking attended; the
statistics page with every chart, reached and used with the keyboard only (a screenshot
under tests/artifacts/)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from bot.server import create_web_app
from bot.staff.accounts import add_account
from tests.conftest import IN_CI
from tests.support.console import PASSWORD

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
CODE = "000.00.14.H20-200703-0002"


@pytest.fixture
async def site(app) -> AsyncIterator[tuple[Any, str]]:
    await add_account(app, "lan", "officer", PASSWORD, "test")
    server = TestServer(create_web_app(app), host="127.0.0.1", port=0)
    await server.start_server()
    yield app, str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} not found: install Debian's 'chromium' package"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


async def _page(browser: Any, phone: bool = False) -> Any:
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = await browser.new_context(viewport=size, locale="vi-VN", is_mobile=phone)
    page = await context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: page.errors.append("dialog: " + d.message))  # alert(1)
    return page


async def _login(page: Any, base: str, path: str = "/staff/inbox") -> None:
    """Log in with the keyboard: the name field has the focus, Tab to the password, Enter."""
    from playwright.async_api import expect

    await page.goto(base + path)
    await expect(page.locator("h1")).to_have_text("Đăng nhập")
    await page.keyboard.type("lan")
    await page.keyboard.press("Tab")
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    await expect(page.locator("nav")).to_be_visible()


async def _citizen_says(page: Any, text: str) -> None:
    from playwright.async_api import expect

    count = await page.locator(".from-bot .bubble").count()
    await page.locator("#input").fill(text)
    await page.keyboard.press("Enter")
    await expect(page.locator(".from-bot .bubble")).not_to_have_count(count)


async def test_reply_to_a_handoff_reaches_the_citizens_page(site, browser) -> None:
    from playwright.async_api import expect

    _app, base = site
    citizen, staff = await _page(browser, phone=True), await _page(browser)
    await _login(staff, base)
    await expect(staff.locator("h1")).to_have_text("Hộp thư")
    await expect(staff.locator("#inbox-empty")).to_be_visible()
    await citizen.goto(base + "/")
    await _citizen_says(citizen, "gặp cán bộ")
    await expect(citizen.locator(".from-bot .bubble").last).to_contain_text("cán bộ")
    await citizen.locator("#input").fill("<img src=x onerror=alert(1)>")
    await citizen.keyboard.press("Enter")
    await expect(citizen.locator(".from-user .bubble").last).to_contain_text("<img src=x")

    # the new conversation appears in the open inbox without a reload
    link = staff.locator("#inbox-list tbody a")
    await expect(link).to_have_count(1, timeout=15000)
    await expect(staff.locator("#inbox-empty")).to_be_hidden()
    await link.click()
    thread = staff.locator("#thread")
    await expect(thread.locator(".text").last).to_have_text("<img src=x onerror=alert(1)>")
    assert await thread.locator("img").count() == 0

    await staff.get_by_label("Trả lời người dân").fill("Dạ, em là Lan, em hỗ trợ anh/chị ạ.")
    await staff.get_by_role("button", name="Gửi").click()
    await expect(staff.locator(".notice")).to_contain_text("Đã gửi trả lời")
    await expect(citizen.locator(".from-bot .bubble").last).to_contain_text(
        "Dạ, em là Lan, em hỗ trợ anh/chị ạ.", timeout=15000
    )
    # the citizen answers; the console shows it without a reload (polling)
    await citizen.locator("#input").fill("Cảm ơn cán bộ")
    await citizen.keyboard.press("Enter")
    await expect(thread.locator(".text").last).to_have_text("Cảm ơn cán bộ", timeout=15000)
    await staff.get_by_role("button", name="Kết thúc cuộc trò chuyện").click()
    await expect(staff.locator(".notice")).to_contain_text("Đã kết thúc")
    assert staff.errors == [] and citizen.errors == []


async def test_dossier_csv_and_booking_in_the_browser(site, browser, tmp_path) -> None:
    from playwright.async_api import expect

    app, base = site
    async with app.uow() as uow:  # today's "Ngày không viết" (a Tuesday)
        booked = await uow.repos.bookings.book(
            programme_id="phuong3_ngay_khong_viet", slot_date=dt.date(2026, 12, 1),
            slot_start="10:00", capacity=2, channel="web", chat_id="c",
            full_name="Trần Thị Bình", phone="0912345678", address=None, need="Khai sinh",
            now=app.services.clock.now(),
        )  # fmt: skip
        await uow.commit()
    assert booked is not None
    citizen, staff = await _page(browser, phone=True), await _page(browser)
    await citizen.goto(base + "/")
    await _citizen_says(citizen, f"tra cứu {CODE}")
    await _citizen_says(citizen, "1234")
    await citizen.get_by_role("button", name="🔔 Nhận thông báo").last.click()
    await expect(citizen.locator(".from-bot .bubble").last).to_contain_text("sẽ nhắn tin")

    await _login(staff, base, "/staff/dossiers")
    await staff.get_by_label("Mã hồ sơ").fill("000.00.14.h20 200703 0002")
    await staff.keyboard.press("Enter")
    await expect(staff.locator("dl.context")).to_contain_text("Đăng ký khai sinh")
    await staff.get_by_label("Tình trạng mới").select_option("Đã có kết quả")
    await staff.get_by_label("Ghi chú", exact=True).fill("Mời anh/chị đến nhận kết quả")
    await staff.get_by_role("button", name="Lưu").click()
    await expect(staff.locator(".notice").first).to_contain_text("Đã cập nhật tình trạng")
    await expect(staff.locator(".notice").last).to_contain_text("Đã gửi 1 thông báo")
    # the notification is a job sent by the background loop; the page asks for it (the
    # page's own poll runs every 20 s: asked sooner here)
    last = citizen.locator(".from-bot .bubble").last
    for _ in range(60):
        await citizen.evaluate("pollPending()")
        if "vừa được cập nhật: Đã có kết quả" in (await last.inner_text()):
            break
        await citizen.wait_for_timeout(250)
    await expect(last).to_contain_text("vừa được cập nhật: Đã có kết quả")
    await expect(last).to_contain_text("Mời anh/chị đến nhận kết quả")

    csv_file = tmp_path / "ho-so.csv"
    csv_file.write_text(
        "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,office\n"
        "000.00.14.H20-261201-0201,1.001193,Khai sinh,Lê Văn An,0912000111,2026-12-01,"
        "2026-12-03,Mới tiếp nhận,UBND\nsai-ma,1.001193,Khai sinh,Lê B,0912000112,2026-12-01,"
        "2026-12-03,Mới tiếp nhận,UBND\n",
        encoding="utf-8",
    )  # fmt: skip
    await staff.get_by_label("Tệp CSV").set_input_files(str(csv_file))
    await staff.get_by_role("button", name="Nhập", exact=True).click()
    await expect(staff.locator("h1")).to_have_text("Nhập hồ sơ từ tệp CSV")  # the report
    await expect(staff.locator(".notice")).to_contain_text("1 hồ sơ mới")
    await expect(staff.locator("table")).to_contain_text("sai-ma")
    await expect(staff.locator("table")).to_contain_text("mã hồ sơ không đúng dạng")

    await staff.get_by_role("link", name="Lịch hẹn").click()
    row = staff.locator("tr", has_text=booked.code)
    await expect(row).to_contain_text("Trần Thị Bình")
    await row.get_by_role("button", name="Đã đến").click()
    await expect(staff.locator(".notice")).to_contain_text("Đã ghi nhận")
    await expect(staff.locator("tr", has_text=booked.code)).to_contain_text("đã đến")
    assert staff.errors == [] and citizen.errors == []


async def test_statistics_with_the_keyboard_only(site, browser) -> None:
    from playwright.async_api import expect

    app, base = site
    now = app.services.clock.now()
    async with app.uow() as uow:
        for i, (text, band, code) in enumerate([
            ("lam giay khai sinh", "answer", "1.001193"), ("khai sinh cho con", "answer",
            "1.001193"), ("so do", "suggest", None), ("thoi tiet", "none", None),
        ]):  # fmt: skip
            await uow.repos.questions.add(
                at=now - dt.timedelta(days=i), channel="web", chat_hash=f"h{i}", text=text,
                intent="procedure", band=band, top_code=code, score=60.0, latency_ms=3,
                understood=band != "none",
            )  # fmt: skip
        await uow.repos.feedback.vote("web", "h0", "card", "1.001193", 1, now)
        await uow.repos.feedback.vote("web", "h1", "card", "1.001193", -1, now)
        await uow.repos.feedback.rate("web", "h0", "handoff", "1", 5, now)
        await uow.repos.feedback.rate("web", "h1", "dossier", CODE, 4, now)
        handoff = await uow.repos.handoffs.open("web", "c9", now, mode="live", citizen="L***")
        await uow.repos.handoffs.staff_replied(handoff.id, "lan", now + dt.timedelta(minutes=3))
        await uow.repos.bookings.book(
            programme_id="phuong3_ngay_khong_viet", slot_date=dt.date(2026, 12, 8),
            slot_start="08:00", capacity=2, channel="web", chat_id="c", full_name="Lê Văn An",
            phone="0912345678", address=None, need=None, now=now,
        )  # fmt: skip
        await uow.commit()
    staff = await _page(browser)
    await _login(staff, base)
    for _ in range(30):  # Tab through the page to the "Thống kê" link
        await staff.keyboard.press("Tab")
        focused = await staff.evaluate("document.activeElement.textContent")
        if focused == "Thống kê":
            break
    else:
        pytest.fail("the statistics link cannot be reached with Tab")
    await staff.keyboard.press("Enter")
    await expect(staff.locator("h1")).to_have_text("Thống kê")
    charts = staff.locator("svg.chart[role=img]")
    await expect(charts).to_have_count(6)
    for i in range(6):
        await expect(charts.nth(i)).to_be_visible()
        assert await charts.nth(i).locator("title").text_content()
    await expect(staff.locator("figure", has_text="10 thủ tục").locator("table")).to_contain_text(
        "Đăng ký khai sinh"
    )
    for title, figure in (
        ("Mức hài lòng", "Rất hài lòng"),
        ("Thời gian chờ", "≤ 5 phút"),
        ("Lịch hẹn theo", "Ngày không viết"),
        ("Góp ý", "Đăng ký khai sinh"),
    ):
        await expect(staff.locator("figure", has_text=title).locator("table")).to_contain_text(
            figure
        )  # fmt: skip
    # the period form by keyboard: focus the button, Enter reloads with the same range
    await staff.get_by_role("button", name="Xem").focus()
    await staff.keyboard.press("Enter")
    await expect(staff.locator("h1")).to_have_text("Thống kê")
    await expect(charts).to_have_count(6)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await staff.screenshot(path=str(ARTIFACTS / "console_stats.png"), full_page=True)
    assert staff.errors == []
