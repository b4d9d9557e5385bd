"""The staff console's pages against the real service (no browser): a dossier's status changed
with a note reaches its subscriber's web chat; a CSV with bad rows gives the per-row report;
a booking marked attended; every statistics chart with its table and the CSV export;
unanswered questions suggested as an alias into the review file (never the YAML); the
knowledge page; ``tthc-bot staff add|list|disable``."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData

from tests.support.console import page_csrf, staff_client

CODE = "000.00.14.H20-200703-0002"


async def _say(client: Any, **body: str) -> list[dict[str, Any]]:
    resp = await client.post("/api/chat", json={"user": "citizen", **body})
    assert resp.status == 200, await resp.text()
    return list((await resp.json())["replies"])


async def _pending(client: Any, timeout: float = 15) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = await client.get("/api/chat/pending", params={"user": "citizen"})
        got = (await resp.json())["replies"]
        if got:
            return list(got)
        await asyncio.sleep(0.1)
    return []


async def test_status_change_with_a_note_reaches_the_subscriber(app) -> None:
    client = await staff_client(app)
    try:
        await _say(client, text=f"tra cứu {CODE}")
        replies = await _say(client, text="1234")
        [sub] = [b for r in replies for row in r["buttons"] for b in row
                 if b["label"].endswith("Nhận thông báo")]  # fmt: skip
        await _say(client, payload=sub["payload"])
        html = await (await client.get("/staff/dossiers")).text()  # the recent ones, linked
        assert f'<a href="/staff/dossiers?q={CODE}">' in html
        # a sloppy code, as staff type it from paper
        html = await (
            await client.get("/staff/dossiers", params={"q": "000.00.14.h20 - 200703 - 0002"})
        ).text()
        assert "Đăng ký khai sinh" in html and "Đang xử lý" in html
        token = await page_csrf(client, "/staff/dossiers")
        form = {"csrf": token, "code": CODE, "status": "Chờ bổ sung hồ sơ",
                "note": "Bổ sung bản sao giấy chứng sinh"}  # fmt: skip
        resp = await client.post("/staff/dossiers/status", data=form)
        html = await resp.text()
        assert "Đã cập nhật tình trạng" in html and "Đã gửi 1 thông báo" in html
        assert "Bổ sung bản sao giấy chứng sinh" in html  # in the history
        [notice] = await _pending(client)
        assert f"Hồ sơ {CODE} vừa được cập nhật: Chờ bổ sung hồ sơ" in notice["text"]
        assert "Bổ sung bản sao giấy chứng sinh" in notice["text"]
        async with app.uow() as uow:
            [entry, *_] = await uow.repos.staff.audit_log()
        assert (entry.username, entry.action, entry.target) == ("lan", "dossier_status", CODE)
        html = await (
            await client.get("/staff/dossiers", params={"q": "000.00.14.H20-200703-0099"})
        ).text()
        assert "Không tìm thấy hồ sơ" in html
    finally:
        await client.close()


async def test_csv_import_reports_each_bad_row(app) -> None:
    client = await staff_client(app)
    try:
        rows = [
            "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,office",
            "000.00.14.H20-261201-0101,1.001193,Đăng ký khai sinh,Trần Thị Bình,0912000111,2026-12-01,2026-12-03,Mới tiếp nhận,UBND",
            "sai-ma,1.001193,Đăng ký khai sinh,Lê Văn C,0912000112,2026-12-01,2026-12-03,Mới tiếp nhận,UBND",
            "000.00.14.H20-261201-0103,1.001193,Đăng ký khai sinh,Lê Văn D,0912000113,2026-12-01,2026-12-03,Đang bay,UBND",
            "000.00.14.H20-261201-0104,1.001193,Đăng ký khai sinh,Lê Văn E,0912000114,32/13/2026,2026-12-03,Mới tiếp nhận,UBND",
        ]  # fmt: skip
        token = await page_csrf(client, "/staff/dossiers")
        form = FormData()
        form.add_field("csrf", token)
        form.add_field("file", "\n".join(rows).encode(), filename="ho-so.csv",
                       content_type="text/csv")  # fmt: skip
        resp = await client.post("/staff/dossiers/import", data=form)
        html = await resp.text()
        assert resp.status == 200, html
        assert "4 dòng: 1 hồ sơ mới" in html and "3 bị từ chối" in html
        assert "<td>3</td><td>sai-ma</td>" in html  # line numbers as in the file
        assert "tình trạng không thuộc danh sách" in html and "ngày không đúng dạng" in html
        async with app.uow() as uow:
            assert await uow.repos.dossiers.get("000.00.14.H20-261201-0101") is not None
        form = FormData()  # without the token nothing is read
        form.add_field("file", b"code\n", filename="x.csv", content_type="text/csv")
        assert (await client.post("/staff/dossiers/import", data=form)).status == 403
    finally:
        await client.close()


async def test_mark_a_booking_attended_and_print_the_day(app) -> None:
    day = dt.date(2026, 12, 8)
    async with app.uow() as uow:
        record = await uow.repos.bookings.book(
            programme_id="phuong3_ngay_khong_viet", slot_date=day, slot_start="08:00",
            capacity=2, channel="web", chat_id="c", full_name="Nguyễn Văn An",
            phone="0912345678", address=None, need="Đăng ký khai sinh", now=app.services.clock.now(),
        )  # fmt: skip
        await uow.commit()
    assert record is not None
    code = record.code
    client = await staff_client(app)
    try:
        html = await (await client.get("/staff/bookings", params={"date": "2026-12-08"})).text()
        assert "Nguyễn Văn An" in html and "đã hẹn" in html
        token = await page_csrf(client, "/staff/bookings?date=2026-12-08")
        resp = await client.post(
            f"/staff/bookings/{code}/mark",
            data={"csrf": token, "mark": "attended", "back": "/staff/bookings?date=2026-12-08"},
        )
        html = await resp.text()
        assert "Đã ghi nhận" in html and "đã đến" in html
        html = await (
            await client.get(
                "/staff/bookings", params={"date": "2026-12-08", "programme": "some_other"}
            )
        ).text()
        assert "Không có lịch hẹn" in html
        html = await (
            await client.get("/staff/bookings/print", params={"date": "2026-12-08"})
        ).text()
        assert "Danh sách lịch hẹn ngày 08/12/2026" in html and "<nav" not in html
        async with app.uow() as uow:
            assert (await uow.repos.bookings.get(code)).status == "attended"
    finally:
        await client.close()


async def _log_questions(app: Any) -> None:
    now = app.services.clock.now()
    async with app.uow() as uow:
        for i, (text, band) in enumerate([
            ("cap lai so ho ngheo", "none"), ("cấp lại sổ hộ nghèo", "none"),
            ("xin so ho ngheo", "none"), ("lam giay khai sinh", "answer"),
        ]):  # fmt: skip
            await uow.repos.questions.add(
                at=now - dt.timedelta(days=i), channel="web", chat_hash=f"h{i}", text=text,
                intent="procedure", band=band, top_code="1.001193" if band == "answer" else None,
                score=50.0, latency_ms=3, understood=band != "none",
            )  # fmt: skip
        await uow.commit()


async def test_statistics_draw_every_chart_with_its_table_and_export_csv(app) -> None:
    await _log_questions(app)
    client = await staff_client(app)
    try:
        html = await (
            await client.get("/staff/stats", params={"from": "2026-11-25", "to": "2026-12-01"})
        ).text()
        for chart in ("questions", "top", "votes", "satisfaction", "handoffs", "bookings"):
            assert f'<svg class="chart" id="{chart}" role="img"' in html, chart
        assert html.count("<table") >= 4  # the charts with figures have their data tables
        assert "Chưa trả lời được" in html and "Đăng ký khai sinh" in html
        resp = await client.get(
            "/staff/stats.csv", params={"from": "2026-11-25", "to": "2026-12-01"}
        )
        body = (await resp.read()).decode("utf-8")
        assert body.startswith("\ufeffchart,label,series,value")
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        per_day = [r for r in rows if r[0] == "Câu hỏi mỗi ngày theo mức trả lời"]
        assert sum(int(r[3]) for r in per_day) == 4 and len(per_day) == 7 * 3
        html = await (await client.get("/staff/stats", params={"from": "2026-13-01"})).text()
        assert "Khoảng ngày không hợp lệ" in html
    finally:
        await client.close()


async def test_unanswered_questions_suggested_as_an_alias_go_to_the_review_file(
    app, tmp_path: Path
) -> None:
    target = tmp_path / "goi-y.csv"
    app.settings = app.settings.model_copy(update={"alias_suggestions_path": str(target)})
    await _log_questions(app)
    client = await staff_client(app)
    try:
        html = await (await client.get("/staff/unanswered")).text()
        assert "cap lai so ho ngheo" in html and "<td>3</td>" in html  # one group of three
        token = await page_csrf(client, "/staff/unanswered")
        form = {"csrf": token, "alias": "sổ hộ nghèo", "code": "9.999999", "count": "3",
                "back": "/staff/unanswered?from=2026-11-02&to=2026-12-01"}  # fmt: skip
        resp = await client.post("/staff/unanswered/suggest", data=form)
        assert resp.status == 400 and "Không có thủ tục mã 9.999999" in await resp.text()
        assert not target.exists()
        for _ in range(2):  # the second time adds nothing
            resp = await client.post(
                "/staff/unanswered/suggest", data={**form, "code": "1.001193"}
            )
            assert "Đã ghi đề xuất" in await resp.text()
        with target.open(encoding="utf-8-sig") as fh:
            [row] = list(csv.DictReader(fh))
        assert row["procedure_code"] == "1.001193" and row["alias"] == "sổ hộ nghèo"
        assert row["staff"] == "lan" and row["count"] == "3"
    finally:
        await client.close()


@pytest.mark.slow
async def test_knowledge_page_lists_overlays_and_the_audit(app) -> None:
    client = await staff_client(app)
    try:
        html = await (await client.get("/staff/knowledge")).text()
        assert "Danh mục thủ tục đang dùng" in html and "Kết quả rà soát" in html
        assert "legal_garbled" in html and "1.001193" in html
    finally:
        await client.close()
