"""Keys of the shared objects on the aiohttp application (the ``App``, the event counters).

Kept apart from ``bot.server`` so that channel and staff modules, which the server loads,
never import the server back (no import circle).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from aiohttp import web

from bot.app import App

APP_KEY: web.AppKey[App] = web.AppKey("tthc_app", App)
METRICS_KEY: web.AppKey[Counter[str]] = web.AppKey("tthc_metrics", Counter)


def app_of(request: web.Request) -> Any:
    """The ``App`` behind a request (for channel modules)."""
    return request.app[APP_KEY]
