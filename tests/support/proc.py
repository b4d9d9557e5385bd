"""Running real ``tthc-bot run`` processes in end-to-end tests (and the bench scripts)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


def child_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a child Python process, without mutmut's test-mapping mode
    (``MUTANT_UNDER_TEST=stats``): a child's calls cannot be credited to the test anyway, and
    with ``max_stack_depth`` mutmut fails on the frame of a ``python -c`` script. A mutant
    under test (any other value) is kept, so the child runs it."""
    if env.get("MUTANT_UNDER_TEST") == "stats":
        env = {k: v for k, v in env.items() if k != "MUTANT_UNDER_TEST"}
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Bot:
    """One ``tthc-bot run`` subprocess on its own port."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.env = {**os.environ, **env, "PORT": str(self.port), "HOST": "127.0.0.1"}
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, timeout: float = 90) -> Bot:
        """Start and wait until ``/healthz`` answers."""
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=self.env, stdout=out, stderr=out, cwd=ROOT
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with aiohttp.ClientSession() as http:
            while loop.time() < deadline:
                if self.proc.poll() is not None:
                    raise AssertionError(f"bot died: {self.log.read_text()[-3000:]}")
                try:
                    async with http.get(self.url + "/healthz") as resp:
                        if resp.status == 200:
                            return self
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        raise AssertionError("bot did not start")

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, as in a power cut or the OOM killer."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    async def metrics(self) -> dict[str, float]:
        """``/metrics`` as {"name{labels}": value}."""
        async with aiohttp.ClientSession() as http, http.get(self.url + "/metrics") as resp:
            text = await resp.text()
        out: dict[str, float] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                out[name] = float(value)
        return out


def metric_sum(metrics: dict[str, Any], prefix: str, **labels: str) -> float:
    """Sum of the series named ``prefix`` whose labels include ``labels``."""
    total = 0.0
    for name, value in metrics.items():
        if name.split("{")[0] != prefix:
            continue
        if all(f'{k}="{v}"' in name for k, v in labels.items()):
            total += value
    return total
