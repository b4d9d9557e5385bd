"""``tthc-bot`` command line (contract: DESIGN section 7). ``python -m bot`` runs it too."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from bot.config import Settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tthc-bot", description="Trợ lý thủ tục hành chính")
    sub = p.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="chạy máy chủ (web chat, webhooks, API, Telegram polling)")

    chat = sub.add_parser("chat", help="trò chuyện trên terminal")
    chat.add_argument("--user", default=None, help="mã người dùng (giữ trạng thái giữa các lần)")
    chat.add_argument("--json", action="store_true", help="mỗi trả lời một dòng JSON")
    chat.add_argument("--locale", choices=["vi", "en"], default="vi", help="ngôn ngữ trả lời")

    ask = sub.add_parser("ask", help="hỏi bộ tìm kiếm thủ tục")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--top", type=int, default=3)
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--batch", default=None, help="tệp, mỗi dòng một câu hỏi")

    ev = sub.add_parser("eval", help="đo độ chính xác trên tệp câu hỏi TSV")
    ev.add_argument("file")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--failures", type=int, default=20)

    bench = sub.add_parser("bench", help="đo tốc độ")
    bsub = bench.add_subparsers(dest="bench_command", required=True)
    bs = bsub.add_parser("search")
    bs.add_argument("--procedures", type=int, default=0, help="0 = danh mục thật")
    bs.add_argument("--queries", type=int, default=2000)
    bs.add_argument("--json", action="store_true")

    kb = sub.add_parser("kb", help="cơ sở tri thức thủ tục")
    ksub = kb.add_subparsers(dest="kb_command", required=True)
    imp = ksub.add_parser("import-portal")
    imp.add_argument("dir")
    imp.add_argument("--out", default=None)
    ksub.add_parser("validate")
    kl = ksub.add_parser("list")
    kl.add_argument("--json", action="store_true")
    kl.add_argument("--curated", action="store_true")

    ds = sub.add_parser("dossiers", help="hồ sơ (cán bộ)")
    dsub = ds.add_subparsers(dest="dossiers_command", required=True)
    di = dsub.add_parser("import")
    di.add_argument("file")
    dset = dsub.add_parser("set-status")
    dset.add_argument("code")
    dset.add_argument("status")
    dset.add_argument("--note", default=None)

    bk = sub.add_parser("bookings", help="lịch hẹn (cán bộ)")
    bsub2 = bk.add_subparsers(dest="bookings_command", required=True)
    bl = bsub2.add_parser("list")
    bl.add_argument("--date", default=None)
    bl.add_argument("--json", action="store_true")
    bl.add_argument("--csv", default=None, help="xuất ra tệp CSV")
    return p


def _lazy(target: str) -> Callable[..., Any]:
    module_name, _, fn = target.partition(":")
    import importlib

    return getattr(importlib.import_module(module_name), fn)


COMMANDS = {
    "run": "bot.server:main",
    "chat": "bot.cli.chat:main",
    "ask": "bot.cli.search:ask",
    "eval": "bot.cli.search:evaluate",
    "bench": "bot.cli.search:bench",
    "kb": "bot.cli.kb:kb",
    "dossiers": "bot.cli.dossiers:dossiers",
    "bookings": "bot.cli.bookings:bookings",
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``tthc-bot`` console script."""
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations are not news
    if args.command != "run" and "LOG_LEVEL" not in os.environ:
        # one-shot commands print results on stdout; only warnings belong on stderr
        logging.getLogger().setLevel(logging.WARNING)
    handler = _lazy(COMMANDS[args.command])
    try:
        result = handler(args, settings)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
    except BrokenPipeError:  # `tthc-bot eval ... | head`: the reader left, not an error
        sys.stderr.close()
        return 0
    return int(result or 0)
