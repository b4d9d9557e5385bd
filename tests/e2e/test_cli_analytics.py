"""``tthc-bot analytics`` as a real process: the JSON of the staff API over logged questions,
the summary for people, and a bad period as one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _run(args: list[str], tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("LOG_LEVEL", None)
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path}/cli.db"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input=stdin,
    )


async def _seed(tmp_path: Path) -> None:
    """Two questions of one chat today, as the engine logs them (the second after the chat
    said its ward, phường Cao Lãnh)."""
    from bot.app import build_app
    from bot.config import Settings

    app = await build_app(
        Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/cli.db", demo_data=False),
        with_knowledge=False,
    )
    now = app.services.clock.now()
    async with app.uow() as uow:
        for text, ok in (("thời tiết hôm nay", False), ("lam so do can gi", True)):
            await uow.repos.questions.add(
                at=now, channel="console", chat_hash="h", text=text,
                intent="procedure" if ok else "out_of_scope", band="answer" if ok else "none",
                top_code="1.013978" if ok else None, score=80.0, latency_ms=4, understood=ok,
                ward_code="29869" if ok else None,
            )  # fmt: skip
            await uow.repos.questions.count_turn(now.date(), "console", "h")
        await uow.commit()
    await app.close()


async def test_analytics_of_the_logged_questions(tmp_path: Path) -> None:
    await _seed(tmp_path)
    proc = _run(["analytics", "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "\\u" not in proc.stdout  # Vietnamese kept readable
    report = json.loads(proc.stdout)
    assert report["questions"]["total"] == 2 and report["questions"]["by_band"]["none"] == 1
    assert report["chats"] == 1 and report["turns"] == 2
    top = report["top_procedures"][0]
    assert top["code"] == "1.013978" and top["name"].startswith("Cấp Giấy chứng nhận")
    assert [g["text"] for g in report["unanswered"]] == ["thời tiết hôm nay"]
    assert set(report) >= {"top_procedures", "feedback", "satisfaction", "handoffs", "bookings"}
    summary = _run(["analytics"], tmp_path)
    assert summary.returncode == 0 and "Câu hỏi: 2" in summary.stdout
    assert "1 × thời tiết hôm nay" in summary.stdout
    assert "Theo xã/phường" in summary.stdout and "Phường Cao Lãnh: " in summary.stdout
    one = json.loads(_run(["analytics", "--ward", "phuong cao lanh", "--json"], tmp_path).stdout)
    assert one["ward"] == "29869" and "by_ward" not in one
    assert one["questions"]["total"] == 1 and one["unanswered"] == []


def test_a_bad_period_is_one_clear_line(tmp_path: Path) -> None:
    proc = _run(["analytics", "--from", "2026-12-09", "--to", "2026-12-01"], tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    [line] = [x for x in proc.stderr.splitlines() if x.startswith("tthc-bot:")]
    assert "khoảng ngày không hợp lệ" in line and "bad period" in line
