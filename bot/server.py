"""The aiohttp service of ``tthc-bot run``: web chat, chat API, webhooks, staff API, health.

Channel and staff modules add their routes and background tasks through ``setup(web_app,
app)``; this module owns start-up, metrics and a clean shutdown on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib
import logging
import signal
import time
from typing import Any

from aiohttp import web

from bot.app import App, build_app
from bot.config import Settings
from bot.errors import bind_error
from bot.metrics import CONTENT_TYPE, metrics_of
from bot.webapp import APP_KEY, METRICS_KEY, json_response

log = logging.getLogger(__name__)

# modules exposing ``setup(web_app, app)`` (routes, background tasks)
SETUP_MODULES: list[str] = [
    "bot.staff.bookings_api",
    "bot.channels.telegram",
    "bot.channels.telegram_staff",  # after telegram: the staff group uses its bot
    "bot.channels.zalo_bot",
    "bot.channels.zalo_oa",
    "bot.channels.web",
    "bot.channels.web_api",
    "bot.staff.api",
    "bot.staff.lockouts_api",
    "bot.staff.handoffs_api",
    "bot.staff.analytics_api",
    "bot.staff.console",
    "bot.retention",
    "bot.channels.chat_events",
    "bot.jobs",
    "bot.turn_counts",
    "bot.channels.delivery",  # last: every channel has registered its hooks
]
# modules that do nothing without a setting are not even imported without it (the Telegram
# library alone holds about 16 MB)
NEEDS_SETTING: dict[str, str] = {
    "bot.channels.telegram": "telegram_bot_token",
    "bot.channels.telegram_staff": "telegram_bot_token",  # it posts through that bot
}


async def healthz(request: web.Request) -> web.Response:
    """Liveness plus a database round trip."""
    app = request.app[APP_KEY]
    from sqlalchemy import text

    try:
        async with app.db.connect() as conn:
            await conn.execute(text("SELECT 1"))
        db_ok = True
    except Exception:  # report, never crash the probe
        db_ok = False
    status = 200 if db_ok else 503
    return json_response({"status": "ok" if db_ok else "degraded", "db": db_ok}, status=status)


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text format (``bot.metrics``); backlog and job lag read at scrape time."""
    app = request.app[APP_KEY]
    m = metrics_of(app)
    now = dt.datetime.now(dt.UTC)
    try:
        async with app.uow() as uow:
            backlog, age = await uow.repos.inbox.backlog(now)
            lag = await uow.repos.jobs.lag(now)
        m.backlog.set(backlog)
        m.backlog_age.set(age)
        m.job_lag.set(lag)
    except Exception:  # the database away: the counters are still worth scraping
        log.warning("metrics: database figures unavailable")
    return web.Response(body=m.render(), headers={"Content-Type": CONTENT_TYPE})


@web.middleware
async def never_5xx(request: web.Request, handler: Any) -> web.StreamResponse:
    """A bug in a route answers a short JSON 500 instead of aiohttp's HTML page, and a
    malformed request (aiohttp's own 4xx) keeps its status with a JSON body."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400:
            return json_response({"error": exc.reason}, status=exc.status)
        raise
    except Exception:
        log.exception("unhandled error on %s", request.path)
        return json_response({"error": "internal error"}, status=500)


def create_web_app(app: App) -> web.Application:
    """The aiohttp application with core routes and every channel's routes."""
    web_app = web.Application(client_max_size=1024 * 1024, middlewares=[never_5xx])
    web_app[APP_KEY] = app
    web_app[METRICS_KEY] = metrics_of(app).tally
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    for name in SETUP_MODULES:
        needed = NEEDS_SETTING.get(name)
        if needed is not None and not getattr(app.settings, needed, None):
            continue
        importlib.import_module(name).setup(web_app, app)
    return web_app


async def serve(
    settings: Settings, stop: asyncio.Event, ready: asyncio.Event | None = None
) -> None:
    """Build everything, serve until ``stop`` is set, then shut down cleanly."""
    if settings.uses_dev_phone_key():
        log.warning("PHONE_HASH_KEY is the development default: set a secret before real use")
    app = await build_app(settings)
    web_app = create_web_app(app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        await app.close()
        raise bind_error(exc, settings.host, settings.port) from exc
    log.info("serving on http://%s:%s", settings.host, settings.port)
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        started = time.perf_counter()
        await asyncio.wait_for(runner.cleanup(), timeout=4)
        await app.close()
        log.info("stopped cleanly in %.2fs", time.perf_counter() - started)


async def main(args: argparse.Namespace | None, settings: Settings) -> int:
    """``tthc-bot run``: serve until SIGTERM/SIGINT."""
    from bot.malloc import cap_arenas

    cap_arenas()  # before the pool's threads start (``bot.malloc``)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await serve(settings, stop)
    return 0
