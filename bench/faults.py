"""Fault figure: SIGKILL a worker again and again while messages flow; count messages
never answered and answers sent twice (not a test).

    .venv/bin/python bench/faults.py [--kills 10] [--rate 30] [--sqlite] [--json]

Two workers on a throwaway PostgreSQL (or one on SQLite) get Zalo Bot webhooks at a steady
rate; every few seconds one worker is killed with SIGKILL and started again. The fake Zalo
counts a message as delivered the moment it receives it, the worst case for duplicates: an
answer whose send reached Zalo but whose record did not reach the database is sent again
after the restart. Printed: acknowledged, answered, lost, answered twice (chats that got a
second copy), and the workers' own ``resent`` count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from tests.e2e.fake_zalo import FakeZalo  # noqa: E402
from tests.support import pg  # noqa: E402
from tests.support.proc import Bot, metric_sum  # noqa: E402

SECRET = "fault-secret"


class CountingZalo(FakeZalo):
    """Counts answers per chat at receipt (before answering), with a little latency."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: Counter[str] = Counter()

    async def _bot(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "sendMessage":
            body = await request.json()
            self.answers[str(body.get("chat_id"))] += 1
            await asyncio.sleep(0.02)
            return web.json_response({"ok": True, "result": {"message_id": "m", "date": 0}})
        return await super()._bot(request)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--rate", type=int, default=30)
    parser.add_argument("--every", type=float, default=3.0, help="seconds between kills")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tthc-faults-"))
    server = None if args.sqlite else pg.start_server()
    url = f"sqlite+aiosqlite:///{tmp}/faults.db" if server is None else server.url
    zalo = CountingZalo()
    await zalo.start()
    env = {
        "DATABASE_URL": url,
        "LOG_LEVEL": "ERROR",
        "ZALO_BOT_TOKEN": zalo.bot_token,
        "ZALO_BOT_BASE_URL": zalo.url,
        "ZALO_BOT_WEBHOOK_URL": "https://bot.example/webhooks/zalo-bot",
        "ZALO_BOT_WEBHOOK_SECRET": SECRET,
        "INBOX_LEASE_S": "2",
    }
    bots = [await Bot(env, tmp / "w0.log").start()]
    if server is not None:
        bots.append(await Bot(env, tmp / "w1.log").start())
    acked: list[str] = []
    stop = asyncio.Event()
    resent = 0.0

    async def feed() -> None:
        n = 0
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                chat = f"f-{n}"
                body = {
                    "event_name": "message.text.received",
                    "message": {
                        "message_id": chat,
                        "date": int(time.time() * 1000),
                        "text": "xin chào",
                        "from": {"id": chat},
                        "chat": {"id": chat},
                    },
                }
                bot = bots[n % len(bots)]
                try:
                    async with http.post(
                        bot.url + "/webhooks/zalo-bot",
                        json=body,
                        headers={"X-Bot-Api-Secret-Token": SECRET},
                        timeout=aiohttp.ClientTimeout(total=5),
                    ) as resp:
                        if resp.status == 200:
                            acked.append(chat)
                except (aiohttp.ClientError, TimeoutError):
                    pass  # the worker is down: the platform would retry; not acknowledged
                n += 1
                await asyncio.sleep(1 / args.rate)

    feeder = asyncio.create_task(feed())
    try:
        for k in range(args.kills):
            await asyncio.sleep(args.every)
            victim = bots[k % len(bots)]
            victim.kill()  # its counters die with it: the fake's count is the real figure
            await victim.start()
        stop.set()
        await feeder
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(zalo.answers[c] == 0 for c in acked):
            await asyncio.sleep(0.2)
        for bot in bots:
            resent += metric_sum(await bot.metrics(), "tthc_sends_total", result="resent")
    finally:
        for bot in bots:
            bot.stop()
        await zalo.stop()
        if server is not None:
            server.stop()
    lost = [c for c in acked if zalo.answers[c] == 0]
    twice = [c for c in acked if zalo.answers[c] > 1]
    result = {
        "backend": "sqlite" if server is None else "postgresql",
        "workers": len(bots),
        "kills": args.kills,
        "acknowledged": len(acked),
        "answered": len(acked) - len(lost),
        "lost": len(lost),
        "answered_twice": len(twice),
        "resent_counted_by_survivors": resent,
    }
    print(json.dumps(result) if args.json else result)
    return 0 if not lost else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
