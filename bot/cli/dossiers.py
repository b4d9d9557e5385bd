"""Staff commands: ``tthc-bot dossiers import FILE.csv`` and ``dossiers set-status``.

Each command builds the app without the knowledge index (not needed, and slow), works in its
own units of work, and returns the process exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Settings


def register(sub: Any) -> None:
    """Add ``dossiers import`` and ``dossiers set-status``."""
    from handlers.status.dossier import STATUSES

    ds = sub.add_parser("dossiers", help="hồ sơ đã nộp (cán bộ)")
    dsub = ds.add_subparsers(dest="dossiers_command", required=True, metavar="WHAT")
    di = dsub.add_parser(
        "import",
        help="nhập hồ sơ từ tệp CSV",
        description="CSV UTF-8 có dòng tiêu đề: code,procedure_code,procedure_name,"
        "applicant_name,phone,received_at,due_at,status,office (ngày YYYY-MM-DD hoặc "
        "DD/MM/YYYY). Dòng lỗi được báo cáo, không làm dừng việc nhập.",
    )
    di.add_argument("file", help="tệp CSV")
    names = "; ".join(STATUSES.values())
    dset = dsub.add_parser(
        "set-status",
        help="đổi tình trạng một hồ sơ (người theo dõi được báo)",
        description=f"Tình trạng / statuses: {names}. Có dấu hay không dấu đều được.",
    )
    dset.add_argument("code", help="mã biên nhận, ví dụ 000.00.14.H20-200703-0002")
    dset.add_argument("status", help=f"một trong: {names}")
    dset.add_argument("--note", default=None, help="ghi chú gửi kèm thông báo")
    dsub.add_parser(
        "locks",
        help="mã hồ sơ bị khóa tra cứu do nhập sai nhiều lần",
        description="Mã bị khóa khi có LOOKUP_CODE_MAX_FAILURES lần nhập sai (từ mọi cuộc "
        "trò chuyện) trong LOOKUP_CODE_LOCK_HOURS giờ.",
    ).add_argument("--json", action="store_true", help="một dòng JSON mỗi mã")
    dunlock = dsub.add_parser("unlock", help="mở khóa tra cứu một mã hồ sơ")
    dunlock.add_argument("code", help="mã biên nhận")
    ds.set_defaults(handler="bot.cli.dossiers:dossiers")


async def dossiers(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot dossiers import FILE.csv`` / ``set-status CODE STATUS [--note]``."""
    from bot.app import build_app

    if args.dossiers_command == "import" and settings.uses_dev_phone_key():
        print(
            "Cảnh báo: PHONE_HASH_KEY đang là khóa phát triển mặc định; hồ sơ nhập bây giờ sẽ "
            "không xác minh được trên máy chủ dùng khóa thật. | Warning: PHONE_HASH_KEY is the "
            "development default; dossiers imported now will not verify on a server with the "
            "real key.",
            file=sys.stderr,
        )
    app = await build_app(settings, with_knowledge=False)
    try:
        if args.dossiers_command == "import":
            return await _dossiers_import(app, Path(args.file))
        if args.dossiers_command == "set-status":
            return await _dossiers_set_status(app, args.code, args.status, args.note)
        if args.dossiers_command in ("locks", "unlock"):
            return await _locks(app, args)
        print(f"lệnh không hỗ trợ: {args.dossiers_command}", file=sys.stderr)
        return 2
    finally:
        await app.close()


async def _dossiers_import(app: Any, path: Path) -> int:
    from bot.staff.dossier_import import import_csv, print_report

    if not path.is_file():
        print(f"không tìm thấy tệp: {path}", file=sys.stderr)
        return 2
    try:
        report = await import_csv(app, path)
    except ValueError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    print_report(report, sys.stdout)
    # rejected rows are reported, not fatal; a file with nothing usable is an error
    return 1 if report.rows and len(report.rejected) == report.rows else 0


async def _dossiers_set_status(app: Any, raw_code: str, raw_status: str, note: str | None) -> int:
    from handlers.status.dossier import STATUSES, canonical_status
    from handlers.status.views import notify_changes
    from knowledge.intents import find_receipt_code

    code = find_receipt_code(raw_code)
    status = canonical_status(raw_status)
    if code is None:
        print(f"mã hồ sơ không hợp lệ: {raw_code}", file=sys.stderr)
        return 2
    if status is None:
        names = "; ".join(STATUSES.values())
        print(f"tình trạng không hợp lệ: {raw_status} (dùng một trong: {names})", file=sys.stderr)
        return 2
    now = app.services.clock.now()
    async with app.uow() as uow:
        change = await uow.repos.dossiers.set_status(code, status, note, now)
        if change is None:
            print(f"không có hồ sơ {code}", file=sys.stderr)
            return 1
        sent = await notify_changes(uow.repos, [change], now)
        await uow.commit()
    if not change.changed:
        print(f"{code}: đã ở tình trạng {status}, không thay đổi")
    else:
        print(f"{code}: {status}; {sent} thông báo sẽ được gửi")
    return 0


async def _locks(app: Any, args: argparse.Namespace) -> int:
    import json

    from bot.staff.lockouts_api import lift, locked_codes
    from knowledge.intents import find_receipt_code

    if args.dossiers_command == "unlock":
        code = find_receipt_code(args.code)
        if code is None:
            print(f"mã hồ sơ không hợp lệ: {args.code}", file=sys.stderr)
            return 2
        removed = await lift(app, code)
        print(f"{code}: đã mở khóa ({removed} lần nhập sai được xóa)")
        return 0
    rows = await locked_codes(app)
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{row['code']}: {row['failures']} lần sai, khóa đến {row['locked_until']}")
    if not rows and not args.json:
        print("không có mã nào bị khóa")
    return 0
