"""``tthc-bot kb import-portal DIR | validate | list [--json] [--curated]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.config import Settings


def kb(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot kb import-portal DIR | validate | list [--json]``."""
    if args.kb_command == "import-portal":
        from knowledge import portal
        from knowledge.catalogue import DEFAULT_PATH

        out = Path(args.out) if args.out else DEFAULT_PATH
        print(portal.import_portal_command(Path(args.dir), out))
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
