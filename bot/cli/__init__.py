"""``tthc-bot`` command line (contract: DESIGN section 7). ``python -m bot`` runs it too.

Each command group is a module of this package with a ``register(sub)`` function that adds
its parser(s) and names its handler (``handler="bot.cli.kb:kb"``); handlers are imported
only when their command runs, so ``tthc-bot ask`` never loads the server. A command that
reads no setting says ``settings=False`` and gets ``None`` (the knowledge commands: they
then load neither pydantic-settings nor the environment's settings; ``LOG_LEVEL`` still
counts). A user mistake (``UserError``: a missing file, a busy port, a bad setting) is one
line and exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from bot.errors import UserError

GROUPS = [
    "run",
    "chat",
    "search",
    "kb",
    "dossiers",
    "bookings",
    "localities",
    "analytics",
    "staff",
]
EPILOG = """Biến môi trường (tất cả đều tùy chọn) / environment (all optional):
  DATABASE_URL   sqlite+aiosqlite:///./var/tthc.db (mặc định) hoặc postgresql+asyncpg://...
  HOST, PORT     địa chỉ nghe của `run` (mặc định 127.0.0.1 và 8080)
  LOG_LEVEL      DEBUG, INFO, WARNING...; xem README cho các biến còn lại."""


def parser() -> argparse.ArgumentParser:
    """The whole command line, every option with its help text."""
    p = argparse.ArgumentParser(
        prog="tthc-bot",
        description="Trợ lý thủ tục hành chính cho Bộ phận Một cửa / "
        "administrative-procedure assistant for one-stop shops",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        importlib.import_module(f"bot.cli.{group}").register(sub)
    return p


def _handler(target: str) -> Callable[..., Any]:
    module_name, _, fn = target.partition(":")
    return getattr(importlib.import_module(module_name), fn)  # type: ignore[no-any-return]


def _settings() -> Any:
    from pydantic import ValidationError

    from bot.config import Settings
    from bot.errors import settings_error

    try:
        return Settings()
    except ValidationError as exc:
        raise settings_error(exc) from exc


def _configure_logging(command: str, level_name: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level_name.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations are not news
    if command != "run" and "LOG_LEVEL" not in os.environ:
        # one-shot commands print results on stdout; only warnings belong on stderr
        logging.getLogger().setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``tthc-bot`` console script."""
    args = parser().parse_args(argv)
    try:
        settings = _settings() if getattr(args, "settings", True) else None
        level = settings.log_level if settings else os.environ.get("LOG_LEVEL", "INFO")
        _configure_logging(args.command, level)
        result = _handler(args.handler)(args, settings)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
    except UserError as exc:
        print(exc.line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C in `chat` or `run`: leave quietly
        return 130
    except BrokenPipeError:  # `tthc-bot eval ... | head`: the reader left, not an error
        sys.stderr.close()
        return 0
    return int(result or 0)
