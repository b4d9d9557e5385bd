"""Every user mistake on the command line is one clear line and exit status 2, never a
traceback: each case runs the real ``tthc-bot`` process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _run(
    args: list[str], tmp_path: Path, timeout: int = 60, **env: str
) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.pop("LOG_LEVEL", None)
    full_env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path}/cli.db"
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _one_clear_line(proc: subprocess.CompletedProcess, *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.startswith("tthc-bot:")]
    assert len(lines) == 1, proc.stderr
    vi, _, en = lines[0].partition(" | ")
    assert vi and en, "Vietnamese first, then English"
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_port_that_is_not_a_number(tmp_path: Path) -> None:
    line = _one_clear_line(_run(["run"], tmp_path, PORT="abc"), "PORT", "abc")
    assert "số nguyên" in line and "whole number" in line


def test_busy_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _run(["run"], tmp_path, PORT=str(port), DEMO_DATA="false")
    line = _one_clear_line(proc, str(port))
    assert "đang được chương trình khác dùng" in line and "already in use" in line


@pytest.mark.parametrize(
    "args",
    [["ask", "--batch", "missing.txt"], ["eval", "missing.tsv"]],
    ids=["ask-batch", "eval"],
)
def test_missing_question_file(tmp_path: Path, args: list[str]) -> None:
    _one_clear_line(_run(args, tmp_path), "missing.", "không tìm thấy", "not found")


def test_question_file_that_is_a_folder(tmp_path: Path) -> None:
    _one_clear_line(_run(["eval", str(tmp_path)], tmp_path), "thư mục", "folder")


def test_missing_portal_export_folder(tmp_path: Path) -> None:
    _one_clear_line(_run(["kb", "import-portal", str(tmp_path / "nope")], tmp_path), "nope")


def test_database_url_that_cannot_be_parsed(tmp_path: Path) -> None:
    line = _one_clear_line(_run(["chat"], tmp_path, DATABASE_URL="foo://"), "DATABASE_URL")
    assert "không hợp lệ" in line and "not valid" in line


def test_unreachable_postgresql_hides_the_password(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+asyncpg://tthc:s3cret-pw@127.0.0.1:{port}/tthc"
    line = _one_clear_line(_run(["chat"], tmp_path, DATABASE_URL=url), "kết nối", "connect")
    assert "s3cret-pw" not in line and f"127.0.0.1:{port}" in line


def test_database_driver_not_installed(tmp_path: Path) -> None:
    proc = _run(["bookings", "list"], tmp_path, DATABASE_URL="mysql://u:p@localhost/db")
    _one_clear_line(proc, "trình điều khiển", "driver")


def test_ask_without_a_question(tmp_path: Path) -> None:
    _one_clear_line(_run(["ask"], tmp_path), "--batch")


def test_json_output_keeps_vietnamese_readable(tmp_path: Path) -> None:
    proc = _run(["ask", "--json", "đăng ký khai sinh"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "\\u" not in proc.stdout
    assert json.loads(proc.stdout)["matches"][0]["name"] == "Đăng ký khai sinh"


def test_help_documents_options(tmp_path: Path) -> None:
    statuses = _run(["dossiers", "set-status", "--help"], tmp_path).stdout
    assert "Chờ bổ sung hồ sơ" in statuses and "Đã trả kết quả" in statuses
    assert "DD/MM/YYYY" in _run(["bookings", "list", "--help"], tmp_path).stdout
    run_help = _run(["run", "--help"], tmp_path).stdout
    assert "HOST" in run_help and "PORT" in run_help
