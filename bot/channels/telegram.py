"""Telegram channel (python-telegram-bot 22): polling or webhook, wired by ``setup``."""

from __future__ import annotations

from typing import Any


def setup(web_app: Any, app: Any) -> None:
    """Add the Telegram webhook route and start/stop hooks when a bot token is configured."""
    if not app.settings.telegram_bot_token:
        return
