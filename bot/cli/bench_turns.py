"""``tthc-bot bench turns``: whole turns per second, latency and memory (DESIGN section 11).

In-process (default): the citizens of ``bot.cli.bench_script`` talk to the engine of a
freshly built app on a throw-away SQLite database; one process, so one core. ``--http URL``
sends the same mix to a running server's ``POST /api/chat`` (one cookie jar per citizen)
and then replays the very same requests against a trivial aiohttp endpoint, the machine's
baseline (``bot.cli.bench_http``). ``--serve`` starts ``tthc-bot run`` itself, so it can
also report how fast it is ready and how much memory it holds, and times ``tthc-bot ask``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.bench_script import WARMUP_CITIZENS, memory_mb, run_citizens, summary, verdicts
from bot.errors import UserError

if TYPE_CHECKING:
    from bot.config import Settings


def register(bsub: Any) -> None:
    """Add ``bench turns`` to the ``bench`` group."""
    bt = bsub.add_parser(
        "turns",
        help="tốc độ cả lượt trò chuyện (lượt/giây, p50/p99, bộ nhớ)",
        description="Nhiều người dân giả lập chào, hỏi thủ tục, xem giấy tờ từng bước, tra "
        "cứu hồ sơ mẫu và đặt lịch (rồi hủy). Mặc định chạy engine ngay trong tiến trình trên "
        "SQLite tạm; --http URL gửi cùng các lượt tới máy chủ đang chạy và so với một điểm "
        "cuối aiohttp tối giản (tỉ lệ in ra). / Simulated citizens through the engine "
        "in-process on a temporary SQLite database, or over HTTP with --http/--serve.",
    )
    bt.add_argument("--turns", type=int, default=1000, help="số lượt đo (mặc định 1000)")
    bt.add_argument(
        "--concurrency", type=int, default=None, help="số người cùng lúc (mặc định 1; HTTP: 8)"
    )
    where = bt.add_mutually_exclusive_group()
    where.add_argument(
        "--http",
        default=None,
        metavar="URL",
        help="máy chủ đang chạy, ví dụ http://127.0.0.1:8080",
    )
    where.add_argument(
        "--serve",
        action="store_true",
        help="tự chạy `tthc-bot run` (SQLite tạm) rồi đo qua HTTP; đo cả thời gian sẵn sàng, "
        "bộ nhớ của máy chủ và của `tthc-bot ask`",
    )
    bt.add_argument("--json", action="store_true", help="in một dòng JSON")
    bt.set_defaults(handler="bot.cli.bench_turns:turns")


def _check(args: argparse.Namespace) -> tuple[int, int]:
    concurrency = args.concurrency or (8 if (args.http or args.serve) else 1)
    if args.turns < 1 or args.turns > 1_000_000:
        raise UserError("--turns phải từ 1 đến 1000000", "--turns must be 1..1000000")
    if concurrency < 1 or concurrency > 1000:
        raise UserError("--concurrency phải từ 1 đến 1000", "--concurrency must be 1..1000")
    if args.http and not args.http.startswith(("http://", "https://")):
        raise UserError(
            f"--http cần một địa chỉ http://...: {args.http}",
            f"--http needs an http:// address: {args.http}",
        )
    return args.turns, concurrency


class EngineDriver:
    """One citizen's chat with the engine (what a channel would hand it)."""

    def __init__(self, engine: Any, chat_id: str) -> None:
        self.engine = engine
        self.chat_id = chat_id

    async def send(self, text: str | None, payload: str | None) -> list[dict[str, Any]]:
        from handlers.types import Incoming

        msg = Incoming("web", self.chat_id, text=text, payload=payload, user_id=self.chat_id)
        return [r.to_dict() for r in await self.engine.handle(msg)]


async def in_process(settings: Settings, turns: int, concurrency: int) -> dict[str, Any]:
    """The mix through the engine of an app on a temporary SQLite file."""
    from bot.app import build_app

    with tempfile.TemporaryDirectory(prefix="tthc-bench-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        app = await build_app(settings.model_copy(update={"database_url": url}))
        try:

            async def driver(n: int) -> EngineDriver:
                return EngineDriver(app.engine, f"bench-{n}")

            await run_citizens(driver, 1, WARMUP_CITIZENS, first=10**6)  # not counted
            tally = await run_citizens(driver, turns, concurrency)
        finally:
            await app.close()
    report = {"mode": "in-process", "concurrency": concurrency, **summary(tally)}
    report.update(memory_mb())
    report["targets"] = verdicts(
        {"turn_p99_ms": report["p99_ms"], "turns_per_s": report["turns_per_s"]}
    )
    return report


def _print(report: dict[str, Any]) -> None:
    print(
        f"{report['mode']}: {report['turns']} turns, {report['concurrency']} at a time: "
        f"{report['turns_per_s']} turns/s, p50 {report['p50_ms']} ms, "
        f"p99 {report['p99_ms']} ms, max {report['max_ms']} ms"
    )
    for kind, row in report["by_kind"].items():
        print(f"  {kind:<12} {row['turns']:>6} turns  p50 {row['p50_ms']} ms  p99 {row['p99_ms']}")
    print(f"  citizens {report['citizens']}, booked {report['booked']}, misses {report['misses']}")
    if report.get("baseline"):
        base = report["baseline"]
        print(
            f"  baseline (trivial aiohttp endpoint, same requests): {base['turns_per_s']} "
            f"req/s, p50 {base['p50_ms']} ms; ratio {report.get('ratio')}"
        )
    print(
        f"  CPU per turn {report['cpu_ms_per_turn']} ms (this process"
        + (
            f"; server {report['server_cpu_ms_per_turn']} ms"
            if "server_cpu_ms_per_turn" in report
            else ""
        )
        + f"), load average {report.get('load_avg')}"
    )
    for key in (
        "rss_mb",
        "vmhwm_mb",
        "vmhwm_start_mb",
        "ready_s",
        "ready_cpu_s",
        "ready_cold_s",
        "ask_vmhwm_mb",
    ):
        if report.get(key) is not None:
            print(f"  {key}: {report[key]}")
    for name, row in report["targets"].items():
        word = ">=" if row["sense"] == "min" else "<="
        status = "met" if row["met"] else "NOT met"
        print(f"  target {name} {word} {row['target']}: {row['measured']} ({status})")


async def turns(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot bench turns [--http URL | --serve] [--concurrency N] [--turns T] --json``."""
    count, concurrency = _check(args)
    if args.http or args.serve:
        from bot.cli.bench_http import over_http

        report = await over_http(args.http, count, concurrency, progress=_progress)
    else:
        _progress("đang dựng ứng dụng và đo... / building the app and timing...")
        report = await in_process(settings, count, concurrency)
    report["load_avg"] = round(os.getloadavg()[0], 2)  # the wall clock is only as good as this
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(report)
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
