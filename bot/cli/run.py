"""``tthc-bot run``: the server (web chat, webhooks, staff API, Telegram/Zalo, jobs)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the ``run`` command."""
    sub.add_parser(
        "run",
        help="chạy máy chủ: web chat, webhooks, API cán bộ, Telegram/Zalo, việc nền",
        description="Chạy máy chủ trên HOST:PORT (mặc định 127.0.0.1:8080): web chat tại /, "
        "POST /api/chat, webhooks, API cán bộ, /healthz, /metrics. Dừng bằng Ctrl+C hoặc "
        "SIGTERM. / Serves on HOST:PORT (default 127.0.0.1:8080); set HOST=0.0.0.0 to "
        "listen on every interface, PORT to change the port.",
    ).set_defaults(handler="bot.cli.run:run")


async def run(args: argparse.Namespace, settings: Any) -> int:
    """Serve until SIGTERM/SIGINT."""
    from bot.server import main

    return await main(args, settings)
