"""The aiohttp service of ``tthc-bot run``: web chat, chat API, webhooks, staff API, health.

Channel and staff modules add their routes and background tasks through ``setup(web_app,
app)``; this module owns start-up, metrics and a clean shutdown on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import signal
import time
from collections import Counter

from aiohttp import web

from bot.app import App, build_app
from bot.config import Settings
from bot.errors import bind_error
from bot.webapp import APP_KEY, METRICS_KEY, json_response
from handlers.types import Incoming

log = logging.getLogger(__name__)

# modules exposing ``setup(web_app, app)`` (routes, background tasks)
SETUP_MODULES: list[str] = [
    "bot.staff.bookings_api",
    "bot.channels.telegram",
    "bot.channels.zalo_bot",
    "bot.channels.zalo_oa",
    "bot.channels.web",
    "bot.staff.api",
    "bot.jobs",
]

MAX_BODY = 64 * 1024


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
    """Prometheus text format counters."""
    counts = request.app[METRICS_KEY]
    lines = ["# TYPE tthc_events_total counter"]
    for name, value in sorted(counts.items()):
        lines.append(f'tthc_events_total{{event="{name}"}} {value}')
    return web.Response(text="\n".join(lines) + "\n", content_type="text/plain")


def _bad_request(message: str) -> web.Response:
    return json_response({"error": message}, status=400)


async def api_chat(request: web.Request) -> web.Response:
    """``{"user", "text"}`` or ``{"user", "payload"}`` -> ``{"replies": [...]}`` (web chat)."""
    app = request.app[APP_KEY]
    request.app[METRICS_KEY]["api_chat"] += 1
    if request.content_length is not None and request.content_length > MAX_BODY:
        return _bad_request("body too large")
    try:
        raw = bytearray()
        async for chunk in request.content.iter_chunked(8192):  # the whole body, in pieces
            raw.extend(chunk)
            if len(raw) > MAX_BODY:
                return _bad_request("body too large")
        body = json.loads(bytes(raw).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return _bad_request("invalid JSON")
    if not isinstance(body, dict):
        return _bad_request("expected a JSON object")
    user = body.get("user")
    text = body.get("text")
    payload = body.get("payload")
    locale = "en" if body.get("locale") == "en" else "vi"
    if not isinstance(user, str) or not user.strip() or len(user) > 64:
        return _bad_request("'user' must be a non-empty string of at most 64 characters")
    if text is not None and not isinstance(text, str):
        return _bad_request("'text' must be a string")
    if payload is not None and (not isinstance(payload, str) or len(payload) > 64):
        return _bad_request("'payload' must be a short string")
    msg = Incoming(
        channel="web",
        chat_id=user.strip(),
        user_id=user.strip(),
        text=text,
        payload=payload,
        locale=locale,
    )
    replies = await app.engine.handle(msg)
    return json_response({"replies": [r.to_dict() for r in replies]})


def create_web_app(app: App) -> web.Application:
    """The aiohttp application with core routes and every channel's routes."""
    web_app = web.Application(client_max_size=1024 * 1024)
    web_app[APP_KEY] = app
    web_app[METRICS_KEY] = Counter()
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    web_app.router.add_post("/api/chat", api_chat)
    for name in SETUP_MODULES:
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
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await serve(settings, stop)
    return 0
