"""``tthc-bot chat``: the terminal channel on a freshly built app."""

from __future__ import annotations

import argparse
import getpass

from bot.app import build_app
from bot.channels.console import run_console
from bot.config import Settings


async def main(args: argparse.Namespace, settings: Settings) -> int:
    """Run the terminal chat until EOF."""
    app = await build_app(settings)
    try:
        await run_console(
            app.engine, user=args.user or default_user(), as_json=args.json, locale=args.locale
        )
    finally:
        await app.close()
    return 0


def default_user() -> str:
    """The terminal user's name: state persists per user across runs."""
    try:
        return getpass.getuser()
    except Exception:
        return "console"
