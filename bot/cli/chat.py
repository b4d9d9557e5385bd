"""``tthc-bot chat``: the terminal channel on a freshly built app."""

from __future__ import annotations

import argparse
import getpass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Settings


def register(sub: Any) -> None:
    """Add the ``chat`` command."""
    chat = sub.add_parser(
        "chat",
        help="trò chuyện trên terminal",
        description="Trò chuyện với bot trên terminal. Khi stdin không phải terminal, mỗi dòng "
        'là một tin nhắn; với --json một dòng có thể là {"payload": "..."} để bấm nút.',
    )
    chat.add_argument(
        "--user", default=None, help="mã người dùng; trạng thái được giữ giữa các lần chạy"
    )
    chat.add_argument(
        "--json", action="store_true", help='mỗi trả lời một dòng JSON {"text", "buttons"}'
    )
    chat.add_argument(
        "--locale", choices=["vi", "en"], default="vi", help="ngôn ngữ trả lời (mặc định vi)"
    )
    chat.set_defaults(handler="bot.cli.chat:main")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    """Run the terminal chat until EOF."""
    from bot.app import build_app
    from bot.channels.console import run_console

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
