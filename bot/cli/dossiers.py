"""Staff commands: ``tthc-bot dossiers import FILE.csv`` and ``dossiers set-status``.

Each command builds the app without the knowledge index (not needed, and slow), works in its
own units of work, and returns the process exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings


async def dossiers(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot dossiers import FILE.csv`` / ``set-status CODE STATUS [--note]``."""
    from bot.app import build_app

    app = await build_app(settings, with_knowledge=False)
    try:
        if args.dossiers_command == "import":
            return await _dossiers_import(app, Path(args.file))
        if args.dossiers_command == "set-status":
            return await _dossiers_set_status(app, args.code, args.status, args.note)
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
