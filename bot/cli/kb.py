"""``tthc-bot kb import-portal DIR | validate | list [--json] [--curated]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.errors import UserError


def register(sub: Any) -> None:
    """Add ``kb import-portal``, ``kb validate`` and ``kb list``."""
    kb_p = sub.add_parser("kb", help="cơ sở tri thức thủ tục (danh mục, tệp YAML)")
    ksub = kb_p.add_subparsers(dest="kb_command", required=True, metavar="WHAT")
    imp = ksub.add_parser(
        "import-portal",
        help="nhập danh mục quốc gia từ thư mục xuất của Cổng Dịch vụ công",
        description="Đọc thư mục xuất (mỗi bộ một thư mục con, mỗi thủ tục một tệp) và ghi "
        "danh mục nén (mặc định knowledge/data/catalogue.json.gz).",
    )
    imp.add_argument("dir", help="thư mục xuất của Cổng Dịch vụ công quốc gia")
    imp.add_argument("--out", default=None, help="tệp danh mục ghi ra (.json.gz)")
    ksub.add_parser("validate", help="kiểm tra các tệp YAML tự biên soạn (lỗi thì mã thoát 1)")
    kl = ksub.add_parser("list", help="liệt kê các thủ tục")
    kl.add_argument("--json", action="store_true", help="in JSON")
    kl.add_argument("--curated", action="store_true", help="chỉ các thủ tục đã biên soạn")
    kb_p.set_defaults(handler="bot.cli.kb:kb")


def kb(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot kb import-portal DIR | validate | list [--json]``."""
    if args.kb_command == "import-portal":
        from knowledge import portal
        from knowledge.catalogue import DEFAULT_PATH

        source = Path(args.dir)
        if not source.is_dir():
            raise UserError(
                f"không tìm thấy thư mục xuất của Cổng Dịch vụ công: {source}",
                f"portal export folder not found: {source}",
            )
        out = Path(args.out) if args.out else DEFAULT_PATH
        print(f"đang nhập {source}... / importing...", file=sys.stderr, flush=True)
        print(portal.import_portal_command(source, out))
        return 0
    if args.kb_command == "validate":
        from knowledge.validate import validate_knowledge

        problems = validate_knowledge()
        for problem in problems:
            print(f"✗ {problem}")
        print("OK: knowledge validates" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    from knowledge.loader import load_knowledge

    base = load_knowledge()
    procs = [p for p in base.procedures if p.curated] if args.curated else base.procedures
    if args.json:
        rows = [
            {
                "code": p.code,
                "name": p.display_name,
                "official_name": p.name,
                "field": p.field,
                "levels": p.levels,
                "curated": p.curated,
            }
            for p in procs
        ]
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for p in procs:
            flag = "*" if p.curated else " "
            print(f"{flag} {p.code:<14} {p.display_name}")
    return 0
