"""The real ``tthc-bot`` process: terminal chat across runs, the HTTP service and its shutdown."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path}/cli.db"
    env.update(extra)
    return env


def _chat(tmp_path: Path, lines: list[str], user: str = "citizen-1") -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json", "--user", user],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_greeting_prints_menu_as_json_buttons(tmp_path: Path) -> None:
    replies = _chat(tmp_path, ["xin chào"])
    assert "Xin chào anh/chị" in replies[0]["text"]
    payloads = [b["payload"] for row in replies[0]["buttons"] for b in row]
    assert "mn:status" in payloads and "mn:book" in payloads


def test_state_persists_across_two_runs(tmp_path: Path) -> None:
    first = _chat(tmp_path, ['{"payload": "mn:docs"}'])
    assert "chuẩn bị giấy tờ" in first[0]["text"]
    # second process: the chat is still waiting for the procedure name; "hủy" confirms it
    second = _chat(tmp_path, ["hủy"])
    assert "đã dừng" in second[0]["text"]


def test_english_locale_in_the_terminal(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json", "--user", "en", "--locale", "en"],
        check=False,
        input="hello\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    first = json.loads(proc.stdout.splitlines()[0])
    assert first["text"].startswith("Hello")


def test_plain_text_mode_numbers_the_buttons(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", "plain"],
        input="menu\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert "  1. Hỏi thủ tục" in proc.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read() if proc.stderr else "server died")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_run_serves_health_and_chat_then_stops_cleanly(tmp_path: Path, sig) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=_env(tmp_path, PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_up(port, proc)
        health = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz"))
        assert health == {"status": "ok", "db": True}
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/chat",
            data=json.dumps({"user": "w1", "text": "xin chào"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        body = json.load(urllib.request.urlopen(req))
        assert "Xin chào" in body["replies"][0]["text"]
        bad = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/chat",
            data=b"{not json",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(bad)
        assert err.value.code == 400
        proc.send_signal(sig)
        proc.wait(timeout=5)  # stops within 5 s (raises otherwise)
        assert proc.returncode == 0
        stderr = proc.stderr.read() if proc.stderr else ""
        assert "Traceback" not in stderr
        assert "stopped cleanly" in stderr
    finally:
        if proc.poll() is None:
            proc.kill()
