"""The staff web console at ``/staff`` (issue 16): server-rendered Vietnamese pages behind a
login, a little vanilla JavaScript (``static/console.js``), nothing from a CDN.

Pages: ``inbox`` (Hộp thư), ``dossiers`` (Hồ sơ), ``bookings`` (Lịch hẹn), ``stats``
(Thống kê), ``unanswered`` (Câu hỏi chưa trả lời), ``knowledge`` (Tri thức), ``accounts``
(admins); ``guard`` is who may see what, ``login`` the door.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from aiohttp import web

STATIC = Path(__file__).parent / "static"
PAGES = ("inbox", "dossiers", "bookings", "stats", "unanswered", "knowledge", "accounts")


def setup(web_app: web.Application, app: Any) -> None:
    """Add the console's routes (``bot.server.SETUP_MODULES``)."""
    from bot.staff.console import login

    web_app.router.add_get("/staff", login.home)
    web_app.router.add_get("/staff/", login.home)
    web_app.router.add_get("/staff/login", login.login_form)
    web_app.router.add_post("/staff/login", login.login_post)
    web_app.router.add_post("/staff/logout", login.logout_post)
    web_app.router.add_static("/staff/static", STATIC, append_version=False)
    for name in PAGES:
        importlib.import_module(f"bot.staff.console.{name}").routes(web_app)
