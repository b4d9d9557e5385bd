"""``bench turns --http URL`` / ``--serve``: the turn mix over ``POST /api/chat``.

Every simulated citizen has its own cookie jar: the server identifies a web chat by the
signed session cookie it issues on the first answer (``bot.channels.web_identity``). The
requests sent are then replayed, in the same order and concurrency, against the trivial
endpoint of ``bot.cli.bench_baseline`` started beside it: the ratio of the two is what the
bot costs on top of HTTP on this machine (absolute times on a shared machine are noisy).

With ``--serve`` the bench starts ``tthc-bot run`` itself on a temporary SQLite database
(rate limits lifted, no Telegram/Zalo), once cold and again warm (a restart), records how
long each takes to answer ``/healthz``, the warm server's peak resident memory after start
and after the turns (``VmHWM``), and the peak memory of a ``tthc-bot ask`` process.
"""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from bot.cli.bench_script import (
    WARMUP_CITIZENS,
    Tally,
    cpu_seconds,
    memory_mb,
    run_citizens,
    summary,
    verdicts,
)
from bot.errors import UserError

# what `--serve` must not inherit: a real bot token would talk to the real platform
CHANNEL_ENV = ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "ZALO_OA_ACCESS_TOKEN", "ZALO_OA_APP_ID")


class HttpDriver:
    """One citizen: its own session (cookie jar) and page label."""

    def __init__(self, url: str, label: str, errors: Counter[str]) -> None:
        # unsafe: keep cookies of a bare IP address such as 127.0.0.1
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.url = url.rstrip("/") + "/api/chat"
        self.label = label
        self.errors = errors

    async def send(self, text: str | None, payload: str | None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"user": self.label}
        body.update({"text": text} if payload is None else {"payload": payload})
        try:
            async with self.http.post(self.url, json=body) as resp:
                if resp.status != 200:
                    self.errors[str(resp.status)] += 1
                    return []
                return list((await resp.json()).get("replies") or [])
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            self.errors[type(exc).__name__] += 1
            return []

    async def close(self) -> None:
        await self.http.close()


async def drive(
    url: str, turns: int, concurrency: int, first: int = 0
) -> tuple[Tally, Counter[str]]:
    """The citizens against ``url``; (tally, errors by status)."""
    errors: Counter[str] = Counter()
    drivers: list[HttpDriver] = []

    async def make(n: int) -> HttpDriver:
        drivers.append(HttpDriver(url, f"bench-{n}", errors))
        return drivers[-1]

    try:
        tally = await run_citizens(make, turns, concurrency, first)
    finally:
        await asyncio.gather(*(d.close() for d in drivers))
    return tally, errors


async def replay(
    url: str, sent: list[list[tuple[str | None, str | None]]], concurrency: int
) -> dict[str, Any]:
    """The recorded requests again, citizen by citizen, ``concurrency`` at a time."""
    errors: Counter[str] = Counter()
    ms: list[float] = []
    queue = iter(enumerate(sent))

    async def worker() -> None:
        for n, requests in queue:
            driver = HttpDriver(url, f"bench-{n}", errors)
            try:
                for text, payload in requests:
                    started = time.perf_counter()
                    await driver.send(text, payload)
                    ms.append((time.perf_counter() - started) * 1000.0)
            finally:
                await driver.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    out = summary(Tally(seconds=time.perf_counter() - started, ms={"all": ms}))
    out.pop("by_kind")
    return {**out, "errors": dict(errors)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> float:
    """Seconds from now until ``url/healthz`` answers 200 (the process was just started)."""
    started = time.perf_counter()
    async with aiohttp.ClientSession() as http:
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                raise UserError(
                    f"máy chủ dừng ngay khi khởi động (mã {proc.returncode})",
                    f"the server exited at start (status {proc.returncode})",
                )
            try:
                async with http.get(url + "/healthz") as resp:
                    if resp.status == 200:
                        return time.perf_counter() - started
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.01)
    raise UserError("máy chủ không sẵn sàng sau 60 giây", "the server was not ready in 60 s")


def _start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=out)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ask_footprint(env: dict[str, str]) -> dict[str, float]:
    """Peak resident memory (MB) and wall time of one ``tthc-bot ask`` process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "lam so do can gi", "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return {
        "ask_vmhwm_mb": round(usage.ru_maxrss / 1024.0, 1),
        "ask_s": round(time.perf_counter() - started, 2),
    }


async def _serve_warm(
    env: dict[str, str],
    tmp: Path,
    procs: list[subprocess.Popen[bytes]],
    extra: dict[str, Any],
    progress: Callable[[str], None],
) -> str:
    """Start ``tthc-bot run`` twice on the same database: the first start builds what a
    first start builds (knowledge store, search cache, schema, demo data); the second is
    the warm start a restart gets, whose readiness and memory are reported."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "bot", "run"]
    progress(f"chạy tthc-bot run tại {url} (lần đầu)... / first start of tthc-bot run...")
    cold = _start(argv, {**env, "PORT": str(port)}, tmp / "run.log")
    try:
        extra["ready_cold_s"] = round(await _wait_ready(url, cold), 3)
    finally:
        _stop(cold)
    progress("chạy lại (khởi động ấm)... / warm restart...")
    procs.append(_start(argv, {**env, "PORT": str(port)}, tmp / "run.log"))
    extra["ready_s"] = round(await _wait_ready(url, procs[0]), 3)
    # CPU the server used to get ready: on a busy machine the wall clock mostly waits
    extra["ready_cpu_s"] = round(cpu_seconds(procs[0].pid), 3)
    extra["vmhwm_start_mb"] = memory_mb(procs[0].pid)["vmhwm_mb"]
    return url


async def over_http(
    url: str | None, turns: int, concurrency: int, progress: Callable[[str], None]
) -> dict[str, Any]:
    """The report of ``bench turns --http URL`` (``url``) or ``--serve`` (``None``)."""
    with tempfile.TemporaryDirectory(prefix="tthc-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in CHANNEL_ENV}
        env.update(
            DATABASE_URL=f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}",
            HOST="127.0.0.1",
            API_CHAT_PER_MINUTE="1000000",
            API_CHAT_BURST="1000000",
            LOG_LEVEL="WARNING",
            # a warm machine has its bytecode compiled (pip compiles an installed package,
            # a service writes __pycache__ at its first start); this environment may say
            # not to write it, so the bench keeps the servers' own in its folder
            PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        procs: list[subprocess.Popen[bytes]] = []
        extra: dict[str, Any] = {}
        try:
            if url is None:
                url = await _serve_warm(env, Path(tmp), procs, extra, progress)
            progress(f"đo {turns} lượt qua HTTP... / timing {turns} turns over HTTP...")
            await drive(url, 1, WARMUP_CITIZENS, first=10**6)
            cpu = cpu_seconds(procs[0].pid) if procs else 0.0
            tally, errors = await drive(url, turns, concurrency)
            report: dict[str, Any] = {"mode": "http", "url": url, "concurrency": concurrency}
            report.update(summary(tally), errors=dict(errors))
            report["rss_mb"] = None  # another process: its memory is not ours to read
            if procs:
                report.update(memory_mb(procs[0].pid))
                server_cpu = cpu_seconds(procs[0].pid) - cpu
                report["server_cpu_ms_per_turn"] = round(server_cpu * 1000 / report["turns"], 3)
                report.update(extra)
            base_port = _free_port()
            procs.append(
                _start(
                    [sys.executable, "-m", "bot.cli.bench_baseline", str(base_port)],
                    env,
                    Path(tmp) / "baseline.log",
                )
            )
            base_url = f"http://127.0.0.1:{base_port}"
            await _wait_ready(base_url, procs[-1])
            progress("cùng các yêu cầu với điểm cuối tối giản... / the baseline endpoint...")
            report["baseline"] = await replay(base_url, tally.sent, concurrency)
            base_rate = report["baseline"]["turns_per_s"]
            report["ratio"] = round(report["turns_per_s"] / base_rate, 3) if base_rate else None
            if extra:
                report.update(ask_footprint(env))
        finally:
            for proc in procs:
                _stop(proc)
    report["client_vmhwm_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1
    )
    report["targets"] = verdicts(
        {
            "turn_p99_ms": None,  # over HTTP a turn includes the network stack: see in-process
            "run_vmhwm_mb": report.get("vmhwm_mb"),
            "ask_vmhwm_mb": report.get("ask_vmhwm_mb"),
            "ready_s": report.get("ready_s"),
        }
    )
    return report
