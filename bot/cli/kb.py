"""``tthc-bot kb import-portal DIR | validate | list | cards | audit``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.errors import UserError


def register(sub: Any) -> None:
    """Add ``kb import-portal``, ``kb validate``, ``kb list``, ``kb cards`` and ``kb audit``."""
    kb_p = sub.add_parser("kb", help="cơ sở tri thức thủ tục (danh mục, tệp YAML)")
    ksub = kb_p.add_subparsers(dest="kb_command", required=True, metavar="WHAT")
    imp = ksub.add_parser(
        "import-portal",
        help="nhập danh mục quốc gia từ thư mục xuất của Cổng Dịch vụ công",
        description="Đọc thư mục xuất (mỗi bộ một thư mục con, mỗi thủ tục một tệp), ghi "
        "danh mục nén (mặc định knowledge/data/catalogue.json.gz) và in các thay đổi so với "
        "danh mục đang dùng cùng các tệp biên soạn cần kiểm tra lại.",
    )
    imp.add_argument("dir", help="thư mục xuất của Cổng Dịch vụ công quốc gia")
    imp.add_argument("--out", default=None, help="tệp danh mục ghi ra (.json.gz)")
    imp.add_argument(
        "--imported-on", default=None, help="ngày nhập (YYYY-MM-DD), mặc định hôm nay"
    )
    ksub.add_parser("validate", help="kiểm tra các tệp YAML tự biên soạn (lỗi thì mã thoát 1)")
    kl = ksub.add_parser("list", help="liệt kê các thủ tục")
    kl.add_argument("--json", action="store_true", help="in JSON")
    kl.add_argument("--curated", action="store_true", help="chỉ các thủ tục đã biên soạn")
    kc = ksub.add_parser("cards", help="thẻ trả lời của từng thủ tục, đúng như bot gửi")
    kc.add_argument("--codes", default=None, help="mã thủ tục, cách nhau bằng dấu phẩy")
    kc.add_argument("--commune", action="store_true", help="chỉ các thủ tục có cấp xã")
    kc.add_argument("--json", action="store_true", help="mỗi thủ tục một dòng JSON")
    ka = ksub.add_parser(
        "audit", help="kiểm tra dữ kiện trên mọi thẻ (lỗi ở thủ tục biên soạn thì mã thoát 1)"
    )
    ka.add_argument("--json", action="store_true", help="in JSON")
    ka.add_argument("--as-of", default=None, help="ngày đối chiếu mức phí (YYYY-MM-DD)")
    kb_p.set_defaults(handler="bot.cli.kb:kb")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{option} phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-01 (nhận: {value!r})",
            f"{option} must be a date YYYY-MM-DD, e.g. 2026-12-01 (got {value!r})",
        ) from None


def kb(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch the ``kb`` sub-command."""
    command = args.kb_command
    if command == "import-portal":
        return _import(args)
    if command == "validate":
        return _validate()
    if command == "cards":
        return _cards(args)
    if command == "audit":
        return _audit(args)
    return _list(args)


def _import(args: argparse.Namespace) -> int:
    from knowledge import portal
    from knowledge.catalogue import DEFAULT_PATH

    source = Path(args.dir)
    if not source.is_dir():
        raise UserError(
            f"không tìm thấy thư mục xuất của Cổng Dịch vụ công: {source}",
            f"portal export folder not found: {source}",
        )
    day = _date(args.imported_on, "--imported-on")
    out = Path(args.out) if args.out else DEFAULT_PATH
    print(f"đang nhập {source}... / importing...", file=sys.stderr, flush=True)
    print(portal.import_portal_command(source, out, imported_on=day.isoformat() if day else None))
    return 0


def _validate() -> int:
    from bot.cli.kb_cards import rendered_fields
    from knowledge.audit import audit
    from knowledge.loader import load_knowledge
    from knowledge.validate import validate_knowledge

    problems = validate_knowledge()
    # A note field that no template renders hides what a citizen needs (issue 13).
    base = load_knowledge()
    report = audit(base.curated(), rendered=rendered_fields(base))
    problems += [
        f"{f.code}.yaml: {f.detail}" for f in report.findings if f.check == "hidden_fields"
    ]
    for problem in problems:
        print(f"✗ {problem}")
    print("OK: knowledge validates" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _selected(base: Any, codes: str | None, commune: bool) -> list[Any]:
    procs = list(base.procedures)
    if codes:
        wanted = [c.strip() for c in codes.split(",") if c.strip()]
        unknown = [c for c in wanted if base.get(c) is None]
        if unknown:
            raise UserError(
                f"không có thủ tục mã {', '.join(unknown)}",
                f"no procedure with code {', '.join(unknown)}",
            )
        procs = [base.get(c) for c in wanted]
    if commune:
        procs = [p for p in procs if "Cấp xã" in p.levels]
    return procs


def _cards(args: argparse.Namespace) -> int:
    from bot.cli.kb_cards import card_row
    from knowledge.loader import load_knowledge

    base = load_knowledge()
    for proc in _selected(base, args.codes, args.commune):
        row = card_row(proc, base)
        print(json.dumps(row, ensure_ascii=False) if args.json else row["card"] + "\n")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from bot.cli.kb_cards import legal_view, rendered_fields
    from handlers.search.card import render_card
    from knowledge.audit import CHECKS, audit
    from knowledge.loader import load_knowledge

    base = load_knowledge()
    report = audit(
        base.procedures,
        today=_date(args.as_of, "--as-of"),
        rendered=rendered_fields(base),
        legal_view=legal_view(base),
        cards={p.code: render_card(p, base) for p in base.procedures},
    )
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 1 if report.curated_failed else 0
    print(
        f"Kiểm tra {report.total} thẻ ({len(report.curated)} đã biên soạn, "
        f"{len(report.commune)} có cấp xã)."
    )
    for check in CHECKS:
        curated, commune = report.codes(check, "curated"), report.codes(check, "commune")
        everywhere = report.codes(check)
        mark = "✗" if curated else ("!" if commune else "✓")
        print(
            f"{mark} {check}: {len(everywhere)} thẻ; biên soạn {len(curated)}; "
            f"cấp xã {len(commune)}"
        )
        if curated:
            print("    biên soạn: " + ", ".join(curated))
        if commune:
            print("    cấp xã: " + ", ".join(commune[:30]) + (" ..." if len(commune) > 30 else ""))
    if report.excepted:
        print(f"Ngoại lệ đã duyệt: {len(report.excepted)} (knowledge/data/audit_exceptions.yaml)")
    for exc in report.unused_exceptions:
        print(f"! ngoại lệ không còn dùng, nên xóa: {exc.check} {exc.field} {sorted(exc.codes)}")
    return 1 if report.curated_failed else 0


def _list(args: argparse.Namespace) -> int:
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
