"""Staff side of bookings: the CLI list (text, JSON, CSV) and the bearer-protected API."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.server import create_web_app
from handlers.context import VN_TZ

DAY = dt.date(2026, 12, 8)
TOKEN = "s3cret-token"


@pytest.fixture
async def staff(tmp_path: Any, clock: Any) -> Any:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/staff.db", staff_api_token=TOKEN
    )
    app = await build_app(settings, clock=clock, with_knowledge=False)
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)
    async with app.uow() as uow:
        for chat, start in (("a", "08:00"), ("b", "08:30")):
            await uow.repos.bookings.book(
                programme_id="phuong3_ngay_khong_viet", slot_date=DAY, slot_start=start,
                capacity=2, channel="t", chat_id=chat, full_name="Nguyễn Văn An",
                phone="0912345678", address=None, need="Đăng ký khai sinh", now=now,
            )  # fmt: skip
        await uow.commit()
    yield settings, app
    await app.close()


async def test_api_lists_and_marks_with_the_bearer_token(staff) -> None:
    _settings, app = staff
    async with TestClient(TestServer(create_web_app(app))) as client:
        resp = await client.get("/api/staff/bookings?date=2026-12-08")
        assert resp.status == 401
        bad = {"Authorization": "Bearer wrong"}
        assert (await client.get("/api/staff/bookings", headers=bad)).status == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        resp = await client.get("/api/staff/bookings?date=2026-12-08", headers=auth)
        body = await resp.json()
        assert resp.status == 200 and len(body["bookings"]) == 2
        first = body["bookings"][0]
        assert first["programme"] == "Ngày không viết - Phường 3 cũ (phường Cao Lãnh)"
        assert first["phone"] == "0912345678" and first["start"] == "08:00"
        code = first["code"]
        resp = await client.post(f"/api/staff/bookings/{code}/attended", headers=auth)
        assert resp.status == 200 and (await resp.json())["booking"]["status"] == "attended"
        second = body["bookings"][1]["code"]
        resp = await client.post(f"/api/staff/bookings/{second}/no-show", headers=auth)
        assert (await resp.json())["booking"]["status"] == "no_show"
        resp = await client.post("/api/staff/bookings/LH-ZZZZ/attended", headers=auth)
        assert resp.status == 404
        resp = await client.get("/api/staff/bookings?date=08-12", headers=auth)
        assert resp.status == 400


async def test_api_is_disabled_without_a_token(staff, clock) -> None:
    _settings, app = staff
    app.settings.staff_api_token = None
    async with TestClient(TestServer(create_web_app(app))) as client:
        assert (await client.get("/api/staff/bookings")).status == 503


async def test_cli_list_json_and_csv(staff, tmp_path, capsys) -> None:
    from bot.cli.bookings import bookings

    settings, _app = staff
    args = argparse.Namespace(bookings_command="list", date="08/12/2026", json=True, csv=None)
    assert await bookings(args, settings) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["start"] for r in rows] == ["08:00", "08:30"]
    out = tmp_path / "lich.csv"
    args = argparse.Namespace(bookings_command="list", date="2026-12-08", json=False, csv=str(out))
    assert await bookings(args, settings) == 0
    with out.open(encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 2 and table[0]["full_name"] == "Nguyễn Văn An"
    assert table[0]["need"] == "Đăng ký khai sinh"
    args = argparse.Namespace(bookings_command="list", date="2026-12-09", json=False, csv=None)
    assert await bookings(args, settings) == 0
    assert "Không có lịch hẹn" in capsys.readouterr().out
    args = argparse.Namespace(bookings_command="list", date="hôm qua", json=False, csv=None)
    assert await bookings(args, settings) == 2
