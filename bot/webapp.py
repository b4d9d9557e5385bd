"""What every HTTP module shares: the keys of the ``App`` and the event counters on the
aiohttp application, and JSON responses that keep Vietnamese readable (no escaped code points).

Kept apart from ``bot.server`` so that channel and staff modules, which the server loads,
never import the server back (no import circle).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from typing import Any

from aiohttp import web

from bot.app import App

APP_KEY: web.AppKey[App] = web.AppKey("tthc_app", App)
METRICS_KEY: web.AppKey[Counter[str]] = web.AppKey("tthc_metrics", Counter)


def app_of(request: web.Request) -> Any:
    """The ``App`` behind a request (for channel modules)."""
    return request.app[APP_KEY]


_dumps = functools.partial(json.dumps, ensure_ascii=False)


def json_response(data: Any, *, status: int = 200, **kwargs: Any) -> web.Response:
    """``web.json_response`` writing UTF-8 text instead of escaped code points."""
    return web.json_response(data, status=status, dumps=_dumps, **kwargs)
