"""The citizens of ``tthc-bot bench turns``: a realistic mix of turns, and its figures.

Each simulated citizen greets, asks a question, opens the fee details, walks through the
documents of the procedure, looks up a demo dossier (receipt code, then the phone's last
four digits) and asks about another procedure; one in three then books an assistance slot
and cancels it again (so slots never run out). The
script follows the buttons the bot really offers, so it measures real turns; a button it
expected and did not get counts as a ``miss`` (a non-zero count means the bench drifted
from the product and its figures are suspect).

A driver sends one message: ``await driver.send(text, payload) -> [reply dicts]`` (the
``Reply.to_dict`` shape). ``bot.cli.bench_turns`` drives the engine in-process,
``bot.cli.bench_http`` a running server's ``POST /api/chat``.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

QUESTIONS = [
    "lam giay khai sinh cho con can gi",
    "đăng ký kết hôn cần giấy tờ gì",
    "xin giay xac nhan tinh trang hon nhan",
    "chứng thực bản sao ở đâu",
    "đăng ký thường trú cho con",
    "cấp đổi bằng lái xe mất bao lâu",
]
# the demo dossiers of ``bot.demo`` (receipt code, last four digits of the phone)
RECEIPTS = [
    ("000.00.14.H20-200703-0002", "1234"),
    ("000.00.14.H20-200703-0003", "5678"),
    ("000.00.14.H20-200703-0004", "2468"),
    ("000.00.14.H20-200703-0005", "1357"),
]
WARD = "phường Cao Lãnh"  # of the shipped locality data, with assistance programmes
WARMUP_CITIZENS = 2  # first imports, first queries, caches: not what a turn costs
BOOKING_EVERY = 3  # one citizen in three books (and cancels) a slot
KINDS = ("greeting", "question", "walkthrough", "status", "booking")
# DESIGN section 11 / issue 17 (printed beside the figures, never asserted)
TARGETS = {
    "turn_p99_ms": 5.0,
    "turns_per_s": 400.0,
    "run_vmhwm_mb": 110.0,
    "ask_vmhwm_mb": 80.0,
    "ready_s": 1.5,
}
# how each target compares: "max" = at most, "min" = at least
TARGET_SENSE = {"turns_per_s": "min"}


class Driver(Protocol):
    async def send(self, text: str | None, payload: str | None) -> list[dict[str, Any]]: ...


@dataclass
class Tally:
    """Latencies per kind of turn, misses, and the requests sent (for a replay)."""

    seconds: float = 0.0  # wall time of the run
    cpu_s: float = 0.0  # CPU time of this process (every thread) during the run
    ms: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    misses: int = 0
    booked: int = 0
    sent: list[list[tuple[str | None, str | None]]] = field(default_factory=list)

    def all_ms(self) -> list[float]:
        return [v for values in self.ms.values() for v in values]


class Citizen:
    """One simulated citizen following the script above."""

    def __init__(self, n: int, driver: Driver, tally: Tally) -> None:
        self.n = n
        self.driver = driver
        self.tally = tally
        self.last: list[dict[str, Any]] = []
        self.log: list[tuple[str | None, str | None]] = []

    async def turn(self, kind: str, text: str | None = None, payload: str | None = None) -> None:
        started = time.perf_counter()
        self.last = await self.driver.send(text, payload)
        self.tally.ms[kind].append((time.perf_counter() - started) * 1000.0)
        self.log.append((text, payload))

    def offered(self, prefix: str) -> list[str]:
        """Payloads of the last replies' buttons that start with ``prefix``."""
        return [
            b.get("payload", "")
            for r in self.last
            for row in r.get("buttons") or []
            for b in row
            if str(b.get("payload", "")).startswith(prefix)
        ]

    async def press(self, kind: str, prefix: str, nth: int = 0) -> bool:
        found = self.offered(prefix)
        if not found:
            self.tally.misses += 1
            return False
        await self.turn(kind, payload=found[nth % len(found)])
        return True

    async def run(self) -> None:
        n = self.n
        await self.turn("greeting", "xin chào")
        await self.turn("question", QUESTIONS[n % len(QUESTIONS)])
        if self.offered("sr:fees:"):
            await self.press("question", "sr:fees:")
        if await self.press("walkthrough", "ck:start:"):
            await self._walk()
        code, digits = RECEIPTS[n % len(RECEIPTS)]
        await self.turn("status", f"tra cứu {code}")
        await self.turn("status", digits)
        await self.turn("question", QUESTIONS[(n + 3) % len(QUESTIONS)])
        if n % BOOKING_EVERY == 0:
            await self._book()
        self.tally.sent.append(self.log)

    async def _walk(self) -> None:
        for _ in range(15):  # questions, then one "have / missing" per document
            step = self.offered("ck:a:") or self.offered("ck:d:have:")
            if not step:
                return
            await self.turn("walkthrough", payload=step[0])

    async def _book(self) -> None:
        await self.turn("booking", "đặt lịch hỗ trợ")
        if not self.offered("bk:prog:"):  # the chat's ward is asked first (once)
            await self.turn("booking", WARD)
        ok = await self.press("booking", "bk:prog:") and await self.press("booking", "bk:day:")
        ok = ok and await self.press("booking", "bk:slot:", self.n)
        if not ok:
            return
        await self.turn("booking", "Nguyễn Văn An")
        await self.turn("booking", f"09{self.n % 10**8:08d}")
        if self.offered("bk:need:"):
            await self.press("booking", "bk:need:")
        if not await self.press("booking", "bk:confirm:"):
            return
        if not await self.press("booking", "bk:mine:"):
            return
        self.tally.booked += 1
        if await self.press("booking", "bk:cancel:"):
            await self.press("booking", "bk:cancelok:")


async def run_citizens(
    make_driver: Callable[[int], Awaitable[Driver]],
    turns: int,
    concurrency: int,
    first: int = 0,
) -> Tally:
    """Run citizens ``concurrency`` at a time until ``turns`` turns are done."""
    tally = Tally()
    counter = iter(range(first, first + 10**9))

    async def worker() -> None:
        while len(tally.all_ms()) < turns:
            n = next(counter)
            await Citizen(n, await make_driver(n), tally).run()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    tally.seconds = time.perf_counter() - started
    tally.cpu_s = time.process_time() - cpu
    return tally


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(tally: Tally) -> dict[str, Any]:
    """``turns``, ``turns_per_s``, ``p50_ms``, ``p99_ms``, ``max_ms`` and the same per kind.

    ``cpu_ms_per_turn`` is this process's CPU time per turn (all threads): on a busy shared
    machine it moves far less than the wall-clock figures.
    """
    every = tally.all_ms()
    seconds = tally.seconds
    return {
        "turns": len(every),
        "turns_per_s": round(len(every) / seconds, 1) if seconds > 0 else 0.0,
        "cpu_ms_per_turn": round(tally.cpu_s * 1000.0 / len(every), 3) if every else 0.0,
        "turns_per_cpu_s": round(len(every) / tally.cpu_s, 1) if tally.cpu_s > 0 else 0.0,
        "p50_ms": round(percentile(every, 0.50), 2),
        "p99_ms": round(percentile(every, 0.99), 2),
        "max_ms": round(max(every, default=0.0), 2),
        "by_kind": {
            kind: {
                "turns": len(values),
                "p50_ms": round(percentile(values, 0.50), 2),
                "p99_ms": round(percentile(values, 0.99), 2),
            }
            for kind, values in tally.ms.items()
        },
        "citizens": len(tally.sent),
        "booked": tally.booked,
        "misses": tally.misses,
    }


def verdicts(measured: dict[str, float | None]) -> dict[str, dict[str, Any]]:
    """Each target beside the figure of this run (``None`` when this mode cannot see it)."""
    out: dict[str, dict[str, Any]] = {}
    for name, target in TARGETS.items():
        value = measured.get(name)
        if value is None:
            continue
        sense = TARGET_SENSE.get(name, "max")
        met = value >= target if sense == "min" else value <= target
        out[name] = {"target": target, "measured": value, "met": met, "sense": sense}
    return out


def memory_mb(pid: int | str = "self") -> dict[str, float | None]:
    """``VmRSS`` and ``VmHWM`` (peak resident) of a process in MB, from ``/proc``."""
    out: dict[str, float | None] = {"rss_mb": None, "vmhwm_mb": None}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            name = "rss_mb" if key == "VmRSS" else "vmhwm_mb"
            out[name] = round(int(value.split()[0]) / 1024.0, 1)
    return out


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of another process so far (``/proc/PID/stat``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
