"""``tthc-bot analytics [--from D] [--to D] [--ward CODE] [--json]``: the staff analytics of
a period, of the whole province (with the wards compared) or of one ward.

``--json`` prints the JSON of ``GET /api/staff/analytics`` (``bot.staff.analytics``), one
object, Vietnamese kept readable; without it a short summary for people.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.config import Settings
from bot.errors import UserError


def register(sub: Any) -> None:
    """Add ``analytics``."""
    p = sub.add_parser("analytics", help="thống kê cho cán bộ (câu hỏi, góp ý, gặp cán bộ...)")
    p.add_argument(
        "--from", dest="first", default=None, help="từ ngày YYYY-MM-DD (mặc định: 7 ngày qua)"
    )
    p.add_argument(
        "--to", dest="last", default=None, help="đến ngày YYYY-MM-DD (mặc định: hôm nay)"
    )
    p.add_argument(
        "--ward", default=None, metavar="CODE", help="chỉ một xã/phường (mã 5 số hoặc tên)"
    )
    p.add_argument("--json", action="store_true", help="in JSON (như /api/staff/analytics)")
    p.set_defaults(handler="bot.cli.analytics:analytics")


WARDS_SHOWN = 15


def _summary(r: dict[str, Any], out: Any) -> None:
    q, h, s, f = r["questions"], r["handoffs"], r["satisfaction"], r["feedback"]
    place = f" · xã/phường {r['ward']}" if r.get("ward") else ""
    print(f"Thống kê {r['from']} đến {r['to']}{place}", file=out)
    print(f"Lượt trò chuyện: {r['turns']} · số người dùng: {r['chats']}", file=out)
    bands = q["by_band"]
    print(
        f"Câu hỏi: {q['total']} (trả lời ngay {bands['answer']}, gợi ý {bands['suggest']}, "
        f"chưa trả lời được {bands['none']})",
        file=out,
    )
    for p in r["top_procedures"][:5]:
        print(f"  • {p['name']} ({p['code']}): {p['questions']}", file=out)
    if r["unanswered"]:
        print("Câu hỏi chưa trả lời được (nhóm theo nội dung):", file=out)
        for g in r["unanswered"][:5]:
            print(f"  • {g['count']} × {g['text']}", file=out)
    print(f"Góp ý: 👍 {f['up']} · 👎 {f['down']}", file=out)
    mean = s["mean"] if s["mean"] is not None else "—"
    print(f"Mức hài lòng (1-5): {s['count']} ý kiến, trung bình {mean}", file=out)
    wait = h["median_first_reply_s"]
    wait_text = f"{wait / 60:.1f} phút" if wait is not None else "—"
    print(
        f"Gặp cán bộ: {h['count']} (trực tuyến {h['live']}, phiếu {h['tickets']}); "
        f"thời gian chờ trả lời (trung vị): {wait_text}",
        file=out,
    )
    booked = ", ".join(f"{b['name']}: {b['count']}" for b in r["bookings"]) or "—"
    print(f"Đặt lịch: {booked}", file=out)
    print(f"Tra cứu hồ sơ: {r['dossier_lookups']}", file=out)
    wards = r.get("by_ward") or []
    if wards:
        print("Theo xã/phường (nhiều lượt nhất trước):", file=out)
    for w in wards[:WARDS_SHOWN]:
        name = w["name"] or "chưa rõ xã/phường"
        print(
            f"  • {name}: {w['turns']} lượt, {w['questions']} câu hỏi "
            f"({w['unanswered']} chưa trả lời được), {w['handoffs']} gặp cán bộ, "
            f"{w['bookings']} lịch hẹn, {w['dossier_lookups']} tra cứu",
            file=out,
        )
    if len(wards) > WARDS_SHOWN:
        print(f"  ... và {len(wards) - WARDS_SHOWN} xã/phường khác (--json: tất cả)", file=out)


async def analytics(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of ``tthc-bot analytics``."""
    import datetime as dt

    from bot.app import build_app
    from bot.cli.bookings import ward_arg
    from bot.staff.analytics import parse_period, report
    from handlers.context import VN_TZ
    from knowledge.loader import load_knowledge

    try:
        first, last = parse_period(args.first, args.last, dt.datetime.now(VN_TZ).date())
    except ValueError as exc:
        raise UserError(
            f"khoảng ngày không hợp lệ ({exc}); dạng --from 2026-12-01 --to 2026-12-07",
            f"bad period ({exc}); e.g. --from 2026-12-01 --to 2026-12-07",
        ) from exc
    ward = ward_arg(getattr(args, "ward", None))
    app = await build_app(settings, with_knowledge=False)
    app.services.kb = load_knowledge()  # the procedures' names (no search index needed)
    try:
        result = await report(app, first, last, ward)
    finally:
        await app.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _summary(result, sys.stdout)
    return 0
