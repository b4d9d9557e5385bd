"""``tthc-bot bookings list [--date D] [--json] [--csv FILE]``: the appointments staff serve.

Staff need the full name and phone to serve the citizen, so this list (and the CSV) shows
them in clear: it is for the one-stop shop's own computer, never for a chat.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings

CSV_COLUMNS = [
    "code", "date", "start", "end", "programme_id", "programme", "full_name", "phone",
    "address", "need", "status", "channel", "created_at",
]  # fmt: skip


def parse_day(text: str) -> dt.date:
    """``2026-12-08`` or ``08/12/2026``; raises ``ValueError``."""
    text = text.strip()
    if "/" in text:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    return dt.date.fromisoformat(text)


def booking_rows(records: list[Any]) -> list[dict[str, Any]]:
    """Bookings as dicts with the programme's name and the slot's end time."""
    from knowledge.programmes import load_programmes

    book = load_programmes()
    rows = []
    for r in records:
        programme = book.get(r.programme_id)
        row = r.to_dict()
        row["programme"] = programme.name if programme else r.programme_id
        row["end"] = programme.slot_end(r.slot_start) if programme else ""
        rows.append(row)
    return rows


async def list_bookings(app: Any, day: dt.date | None) -> list[dict[str, Any]]:
    """Bookings of ``day``, or from today on when ``day`` is None."""
    from handlers.workdays import local_date

    async with app.uow() as uow:
        if day is not None:
            records = await uow.repos.bookings.list(day=day)
        else:
            records = await uow.repos.bookings.list(since=local_date(app.services.clock.now()))
    return booking_rows(records)


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """UTF-8 with a BOM so that Excel shows Vietnamese correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def print_table(rows: list[dict[str, Any]], out: Any) -> None:
    if not rows:
        print("Không có lịch hẹn.", file=out)
        return
    for r in rows:
        line = (
            f"{r['date']} {r['start']}-{r['end']}  {r['code']}  {r['status']:<9}  "
            f"{r['full_name']}  {r['phone']}  {r['programme']}"
        )
        extra = "; ".join(x for x in (r["address"], r["need"]) if x)
        print(line + (f"  ({extra})" if extra else ""), file=out)
    print(f"Tổng: {len(rows)} lịch hẹn", file=out)


async def bookings(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of ``tthc-bot bookings ...``."""
    from bot.app import build_app

    if args.bookings_command != "list":
        print(f"lệnh không hỗ trợ: {args.bookings_command}", file=sys.stderr)
        return 2
    try:
        day = parse_day(args.date) if args.date else None
    except ValueError:
        print(f"ngày không hợp lệ: {args.date} (dạng 2026-12-08 hoặc 08/12/2026)", file=sys.stderr)
        return 2
    app = await build_app(settings, with_knowledge=False)
    try:
        rows = await list_bookings(app, day)
    finally:
        await app.close()
    if getattr(args, "csv", None):
        write_csv(rows, Path(args.csv))
        print(f"Đã ghi {len(rows)} lịch hẹn vào {args.csv}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not getattr(args, "csv", None):
        print_table(rows, sys.stdout)
    return 0
