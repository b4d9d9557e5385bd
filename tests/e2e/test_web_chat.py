"""The web chat page in headless Chromium (Debian's ``chromium`` driven by Playwright) against
the real server: menu buttons, links, keyboard use, no HTML injection, session kept across a
reload, queued notifications; saves a phone-sized screenshot to tests/artifacts/."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from bot.app import build_app
from bot.channels.web_identity import COOKIE, chat_id_for, session_of
from bot.config import Settings
from bot.server import create_web_app
from handlers.i18n import t
from handlers.types import Reply
from tests.conftest import IN_CI

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
async def site(tmp_path, knowledge, clock) -> AsyncIterator[tuple[Any, str]]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/web.db")
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    server = TestServer(create_web_app(app), host="127.0.0.1", port=0)
    await server.start_server()
    yield app, str(server.make_url("/"))
    await server.close()
    await app.close()


@pytest.fixture
async def page() -> AsyncIterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} not found: install Debian's 'chromium' package"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = await browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="vi-VN",
        )
        pg = await context.new_page()
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
        pg.on(
            "console",
            lambda m: pg.errors.append(m.text) if m.type == "error" else None,
        )
        yield pg
        await browser.close()


async def _bot_texts(page: Any) -> list[str]:
    return await page.locator(".from-bot .bubble").all_inner_texts()


async def test_chat_in_the_browser(site, page) -> None:
    app, url = site
    from playwright.async_api import expect

    await page.goto(url)
    await expect(page.locator("h1")).to_have_text("Trợ lý thủ tục hành chính")
    await expect(page.locator(".office")).to_contain_text("Bộ phận Một cửa")
    log = page.locator("#log")
    await expect(log).to_have_attribute("aria-live", "polite")

    # Enter sends; the menu comes back as real buttons
    await page.locator("#input").fill("xin chào")
    await page.keyboard.press("Enter")
    menu = page.get_by_role("button", name=t("menu.btn_status"))
    await expect(menu).to_be_visible()
    assert await page.locator("#input").evaluate("el => el === document.activeElement")

    # a button reached from the keyboard and pressed with Enter
    await menu.focus()
    await page.keyboard.press("Enter")
    await expect(page.locator(".from-user .bubble").last).to_have_text(
        "Anh/chị: " + t("menu.btn_status")
    )
    await expect(page.locator(".from-bot .bubble").last).to_contain_text("mã hồ sơ")

    # clicking: contact information, the website is a real link
    await page.get_by_role("button", name=t("menu.btn_contact")).last.click()
    link = page.locator(".from-bot .bubble a[href='https://dichvucong.gov.vn/']").last
    await expect(link).to_be_visible()
    assert await link.get_attribute("rel") == "noopener noreferrer"

    # typed markup stays text
    answered = await page.locator(".from-bot .bubble").count()
    await page.locator("#input").fill("<img src=x onerror=window.pwned=1><b>đậm</b>")
    await page.keyboard.press("Enter")
    await expect(page.locator(".from-bot .bubble")).to_have_count(answered + 1)
    await expect(page.locator(".from-user .bubble").last).to_contain_text("<img src=x")
    assert await page.locator("#log img, #log b").count() == 0
    assert await page.evaluate("window.pwned") is None

    # reload: same session, history shown, and the server-side state continues
    session = await page.evaluate("localStorage.getItem('tthc.session')")
    before = await _bot_texts(page)
    await page.reload()
    assert await page.evaluate("localStorage.getItem('tthc.session')") == session
    # the conversation is shown again (the local welcome bubble is not part of it)
    await expect(page.locator(".from-bot .bubble")).to_have_count(len(before) - 1)
    assert (await _bot_texts(page))[-1] == before[-1]
    await page.locator("#input").fill("menu")
    await page.keyboard.press("Enter")
    await expect(page.locator(".from-bot .bubble").last).to_contain_text("Xin chào anh/chị")
    await page.locator("#input").fill("2")  # typed option number of the last menu
    await page.keyboard.press("Enter")
    await expect(page.locator(".from-bot .bubble").last).to_contain_text(
        t("menu.docs_prompt")[:40]
    )

    # the identity is the server's HttpOnly cookie: scripts on the page cannot read it
    assert "tthc_web" not in await page.evaluate("document.cookie")
    [cookie] = [c for c in await page.context.cookies() if c["name"] == COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    chat_id = chat_id_for(session_of(app.settings, cookie["value"]), session)

    # a reminder queued by a background job shows up on the next poll
    await app.extras["senders"]["web"](chat_id, Reply("Nhắc lịch hẹn: 8:00 ngày mai."))
    await page.evaluate("pollPending()")
    await expect(page.locator(".from-bot .bubble").last).to_contain_text("Nhắc lịch hẹn")

    await page.locator("#input").fill("menu")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("button", name=t("menu.btn_book")).last).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "web_chat.png"))
    assert page.errors == []


async def test_new_session_starts_with_a_welcome_and_network_errors_are_polite(site, page) -> None:
    _app, url = site
    from playwright.async_api import expect

    await page.goto(url)
    first = await page.evaluate("localStorage.getItem('tthc.session')")
    await page.get_by_role("button", name="Xem các mục hỗ trợ").click()
    await expect(page.get_by_role("button", name=t("menu.btn_ask"))).to_be_visible()
    await page.get_by_role("button", name="Trò chuyện mới").click()
    assert await page.evaluate("localStorage.getItem('tthc.session')") != first
    await expect(page.locator(".from-bot .bubble")).to_have_count(1)

    await page.route("**/api/chat", lambda route: route.abort())
    await page.locator("#input").fill("xin chào")
    await page.keyboard.press("Enter")
    await expect(page.locator(".msg.error")).to_contain_text("lỗi kết nối")

    # an overloaded server (503 + Retry-After) gets a "busy, send again" note, not an error
    await page.unroute("**/api/chat")
    await page.route(
        "**/api/chat",
        lambda route: route.fulfill(
            status=503, headers={"Retry-After": "2"}, body='{"error": "busy"}'
        ),
    )
    await page.locator("#input").fill("xin chào")
    await page.keyboard.press("Enter")
    await expect(page.locator(".msg.error").last).to_contain_text("đang bận")


async def test_staff_replies_reach_the_page_quickly_while_live(site, page) -> None:
    """Issue 15: during a conversation with staff the page fetches their replies every few
    seconds (not every 20 s), and the staff's markup stays text."""
    app, url = site
    from playwright.async_api import expect

    from bot.staff import handoffs as staff

    await page.goto(url)
    await page.locator("#input").fill("gặp cán bộ")
    await page.keyboard.press("Enter")
    end = page.get_by_role("button", name=t("handoff.btn_end"))
    await expect(end).to_be_visible()
    async with app.uow() as uow:
        [handoff] = await uow.repos.handoffs.recent(None, 1, 0)
    await staff.reply(app, handoff.code, "<b>Chào</b> anh/chị, em là Lan.", "Lan")
    bubble = page.locator(".from-bot .bubble").last
    await expect(bubble).to_contain_text("<b>Chào</b> anh/chị", timeout=8000)
    assert await page.locator("#log b").count() == 0
    assert page.errors == []
