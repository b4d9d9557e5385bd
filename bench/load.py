"""Load figure: Zalo Bot webhooks at fixed rates into two ``tthc-bot run`` workers on a
throwaway PostgreSQL; prints p50/p99 latency and throughput per rate (not a test).

    .venv/bin/python bench/load.py [--rates 50,100,200] [--seconds 20] [--workers 2] [--json]

Each message is a new citizen asking a procedure question (a search and a card), posted to
the workers in turn. Measured: the webhook's acknowledgement time, and end to end from the
post to the answer reaching the (fake) Zalo API; throughput is answers per second over the
run. Needs Debian's ``postgresql`` server binaries (as the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from tests.e2e.fake_zalo import FakeZalo  # noqa: E402
from tests.support import pg  # noqa: E402
from tests.support.proc import Bot, metric_sum  # noqa: E402

SECRET = "bench-secret"
QUESTIONS = [
    "làm giấy khai sinh cần gì",
    "đăng ký kết hôn",
    "thủ tục đăng ký thường trú",
    "đăng ký tạm trú cần giấy tờ gì",
    "chứng thực bản sao",
    "xin giấy xác nhận độc thân",
    "đăng ký khai tử",
    "làm căn cước",
    "xin chào",
    "tra cứu hồ sơ",
]


class TimedZalo(FakeZalo):
    """The fake Zalo, also noting when each chat's first answer arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.first_reply: dict[str, float] = {}
        self.replies = 0

    async def _bot(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "sendMessage":
            body = await request.json()
            chat = str(body.get("chat_id"))
            self.first_reply.setdefault(chat, time.perf_counter())
            self.replies += 1
            return web.json_response({"ok": True, "result": {"message_id": "m", "date": 0}})
        return await super()._bot(request)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run_rate(
    workers: list[Bot], zalo: TimedZalo, rate: int, seconds: float, tag: str
) -> dict[str, Any]:
    sent_at: dict[str, float] = {}
    acks: list[float] = []
    statuses: dict[int, int] = {}
    total = int(rate * seconds)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def post(n: int) -> None:
            chat = f"{tag}-{n}"
            body = {
                "event_name": "message.text.received",
                "message": {
                    "message_id": chat,
                    "date": int(time.time() * 1000),
                    "text": QUESTIONS[n % len(QUESTIONS)],
                    "from": {"id": chat, "display_name": "Dân"},
                    "chat": {"id": chat, "chat_type": "PRIVATE"},
                },
            }
            url = workers[n % len(workers)].url + "/webhooks/zalo-bot"
            started = time.perf_counter()
            sent_at[chat] = started
            try:
                async with http.post(
                    url, json=body, headers={"X-Bot-Api-Secret-Token": SECRET}
                ) as resp:
                    await resp.read()
                    statuses[resp.status] = statuses.get(resp.status, 0) + 1
            except aiohttp.ClientError:
                statuses[0] = statuses.get(0, 0) + 1
            acks.append(time.perf_counter() - started)

        begin = time.perf_counter()
        tasks = []
        for n in range(total):  # open loop: the rate is kept whatever the answers take
            delay = begin + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(post(n)))
        await asyncio.gather(*tasks)
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if sum(1 for c in sent_at if c in zalo.first_reply) >= total:
            break
        await asyncio.sleep(0.1)
    latencies = [zalo.first_reply[c] - t for c, t in sent_at.items() if c in zalo.first_reply]
    answered = len(latencies)
    last = max((zalo.first_reply[c] for c in sent_at if c in zalo.first_reply), default=begin)
    return {
        "rate": rate,
        "messages": total,
        "answered": answered,
        "http_statuses": statuses,
        "throughput_per_s": round(answered / max(last - begin, 1e-9), 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "ack_p50_ms": round(percentile(acks, 0.50) * 1000, 1),
        "ack_p99_ms": round(percentile(acks, 0.99) * 1000, 1),
    }


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="50,100,200")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    server = pg.start_server()
    zalo = TimedZalo()
    await zalo.start()
    tmp = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    bots: list[Bot] = []
    try:
        env = {
            "DATABASE_URL": server.url,
            "LOG_LEVEL": "WARNING",
            "ZALO_BOT_TOKEN": zalo.bot_token,
            "ZALO_BOT_BASE_URL": zalo.url,
            "ZALO_BOT_WEBHOOK_URL": "https://bot.example/webhooks/zalo-bot",
            "ZALO_BOT_WEBHOOK_SECRET": SECRET,
        }
        for n in range(args.workers):
            bots.append(await Bot(env, tmp / f"worker{n}.log").start())
        await run_rate(bots, zalo, 10, 1.0, "warmup")
        results = []
        for rate in (int(r) for r in args.rates.split(",")):
            result = await run_rate(bots, zalo, rate, args.seconds, f"r{rate}")
            metrics = [await b.metrics() for b in bots]
            result["resent"] = sum(
                metric_sum(m, "tthc_sends_total", result="resent") for m in metrics
            )
            results.append(result)
            if args.json:
                print(json.dumps(result, ensure_ascii=False), flush=True)
            else:
                print(
                    f"{rate:>4} msg/s offered: {result['answered']}/{result['messages']} answered, "
                    f"throughput {result['throughput_per_s']}/s, end-to-end p50 "
                    f"{result['p50_ms']} ms p99 {result['p99_ms']} ms; webhook ack p50 "
                    f"{result['ack_p50_ms']} ms p99 {result['ack_p99_ms']} ms; "
                    f"HTTP {result['http_statuses']}",
                    flush=True,
                )
            await asyncio.sleep(2)
    finally:
        for bot in bots:
            bot.stop()
        await zalo.stop()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
