"""``tthc-bot bookings list [--date D] [--json] [--csv FILE]``: the appointments staff serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.staff.bookings import list_bookings, parse_day, write_csv

if TYPE_CHECKING:
    from bot.config import Settings


def register(sub: Any) -> None:
    """Add ``bookings list``."""
    bk = sub.add_parser("bookings", help="lịch hẹn hỗ trợ trực tiếp (cán bộ)")
    bsub = bk.add_subparsers(dest="bookings_command", required=True, metavar="WHAT")
    bl = bsub.add_parser("list", help="liệt kê lịch hẹn (họ tên, số điện thoại đầy đủ)")
    bl.add_argument(
        "--date", default=None, help="ngày YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: từ hôm nay)"
    )
    bl.add_argument(
        "--ward", default=None, metavar="CODE", help="chỉ lịch hẹn của một xã/phường (mã 5 số)"
    )
    bl.add_argument("--json", action="store_true", help="in JSON")
    bl.add_argument("--csv", default=None, metavar="FILE", help="xuất ra tệp CSV (mở bằng Excel)")
    bk.set_defaults(handler="bot.cli.bookings:bookings")


def print_table(rows: list[dict[str, Any]], out: Any) -> None:
    if not rows:
        print("Không có lịch hẹn.", file=out)
        return
    for r in rows:
        line = (
            f"{r['date']} {r['start']}-{r['end']}  {r['code']}  {r['status']:<9}  "
            f"{r['full_name']}  {r['phone']}  {r['programme']}"
        )
        extra = "; ".join(x for x in (r["ward_name"], r["address"], r["need"]) if x)
        print(line + (f"  ({extra})" if extra else ""), file=out)
    print(f"Tổng: {len(rows)} lịch hẹn", file=out)


def ward_arg(value: str | None) -> str | None:
    """The official code of ``--ward`` (a code or an unambiguous name), or a ``UserError``."""
    if value is None:
        return None
    from bot.app import load_places
    from bot.errors import UserError

    places = load_places()
    found = places.find(value) if places is not None else None
    if found is None or found.ward is None:
        raise UserError(
            f"không có xã/phường {value!r} (dùng mã 5 số, xem `tthc-bot localities list`)",
            f"no commune/ward {value!r} (use its 5-digit code, see `tthc-bot localities list`)",
        )
    return str(found.ward.code)


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
    ward = ward_arg(getattr(args, "ward", None))
    app = await build_app(settings, with_knowledge=False)
    try:
        rows = await list_bookings(app, day, ward)
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
