"""Check the curated knowledge before it reaches citizens (``tthc-bot kb validate``).

``validate_knowledge`` returns a list of human-readable problems, each naming the file it
comes from; an empty list means the data is fit to ship. It checks what the loader tolerates
(it skips a bad overlay so the bot still starts) and what a reviewer would miss by eye:
duplicate codes and aliases, dangling office ids and checklist conditions, curated entries
without legal basis or source, and the required procedures list.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge import fee_exemptions
from knowledge.catalogue import load_catalogue
from knowledge.loader import (
    DATA_DIR,
    LOCAL_PREFIX,
    OverlayError,
    default_catalogue_path,
    merge_overlay,
    read_overlays,
)
from knowledge.offices import parse_offices, read_yaml
from knowledge.schema import Procedure

REQUIRED_TSV = "required_procedures.tsv"


def fold(text: str) -> str:
    """Lowercase, drop Vietnamese accents (đ -> d) and squeeze spaces, for comparing terms."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def read_required(path: Path) -> list[dict[str, str]]:
    """Rows of ``required_procedures.tsv`` (columns name, national_code, field, ...)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


def validate_knowledge(
    data_dir: Path | None = None, catalogue_path: Path | None = None
) -> list[str]:
    """Every problem found in the overlays, offices and required list; empty means OK."""
    ddir = Path(data_dir).resolve() if data_dir else DATA_DIR
    cpath = Path(catalogue_path) if catalogue_path else default_catalogue_path(ddir)
    problems: list[str] = []

    catalogue: dict[str, Procedure] = {}
    if cpath.exists():
        catalogue = {p.code: p for p in load_catalogue(cpath)}
    else:
        problems.append(f"{cpath.name}: không tìm thấy danh mục thủ tục quốc gia")

    office_ids = _check_offices(ddir / "offices.yaml", problems)
    curated = _merge_all(ddir / "procedures", catalogue, problems)
    for fname, proc in curated:
        _check_entry(fname, proc, office_ids, problems)
    _check_aliases(curated, problems)
    known = set(catalogue) | {proc.code for _f, proc in curated}
    problems += fee_exemptions.check(ddir / "fee_exemptions.yaml", known)
    tsv = ddir / REQUIRED_TSV
    if tsv.exists():
        _check_required(read_required(tsv), curated, problems)
    else:
        problems.append(f"{REQUIRED_TSV}: không tìm thấy danh sách thủ tục bắt buộc")
    return problems


def _schema_errors(fname: str, exc: ValidationError) -> list[str]:
    return [
        f"{fname}: {'.'.join(str(p) for p in err['loc']) or '(tệp)'}: {err['msg']}"
        for err in exc.errors()
    ]


def _check_offices(path: Path, problems: list[str]) -> set[str]:
    if not path.exists():
        problems.append("offices.yaml: không tìm thấy tệp danh sách cơ quan")
        return set()
    try:
        offices, _ = parse_offices(read_yaml(path))
    except ValidationError as exc:
        problems.extend(_schema_errors("offices.yaml", exc))
        return set()
    except (yaml.YAMLError, OSError, TypeError, ValueError) as exc:  # syntax or shape
        problems.append(f"offices.yaml: {exc}")
        return set()
    return set(offices)


def _merge_all(
    proc_dir: Path, catalogue: dict[str, Procedure], problems: list[str]
) -> list[tuple[str, Procedure]]:
    """Merge every overlay like the loader does, but record each failure instead."""
    seen: dict[str, str] = {}
    out: list[tuple[str, Procedure]] = []
    for path, raw in read_overlays(proc_dir, problems):
        code = raw["code"].strip()
        if code in seen:
            problems.append(f"{path.name}: mã {code} trùng với tệp {seen[code]}")
            continue
        seen[code] = path.name
        if path.stem != code:
            problems.append(f"{path.name}: tên tệp phải là {code}.yaml")
        base = catalogue.get(code)
        if base is None and not code.startswith(LOCAL_PREFIX):
            problems.append(
                f"{path.name}: mã {code} không có trong danh mục quốc gia và không bắt đầu "
                f"bằng '{LOCAL_PREFIX}'"
            )
            continue
        try:
            out.append((path.name, merge_overlay(base, raw, path.name)))
        except OverlayError as exc:
            cause = exc.__cause__
            if isinstance(cause, ValidationError):
                problems.extend(_schema_errors(path.name, cause))
            else:
                problems.append(str(exc))
    return out


def _check_entry(fname: str, proc: Procedure, office_ids: set[str], problems: list[str]) -> None:
    if not proc.legal_basis:
        problems.append(f"{fname}: thiếu legal_basis (căn cứ pháp lý)")
    if not proc.source:
        problems.append(f"{fname}: thiếu source (nguồn thông tin)")
    else:
        # The card shows the source up to its first ";": a ";" inside parentheses cut it
        # mid-sentence ("Nguồn: Thông tư ... (Điều lệ trường tiểu học, THCS, THPT").
        for part in proc.source.split(";"):
            if part.count("(") != part.count(")"):
                problems.append(
                    f"{fname}: source có dấu ';' nằm trong ngoặc: {part.strip()[:60]!r}"
                )
                break
    if proc.verified_on is None:
        problems.append(f"{fname}: thiếu verified_on (ngày kiểm tra)")
    if proc.code.startswith(LOCAL_PREFIX):
        for key, value in (
            ("documents", proc.documents),
            ("fees", proc.fees),
            ("where", proc.where),
        ):
            if not value:
                problems.append(f"{fname}: thủ tục {LOCAL_PREFIX}* phải có {key}")
    for oid in proc.offices:
        if oid not in office_ids:
            problems.append(f"{fname}: cơ quan '{oid}' không có trong offices.yaml")
    _check_conditions(fname, proc, problems)


def _check_conditions(fname: str, proc: Procedure, problems: list[str]) -> None:
    """Every ``when`` must name a checklist question of the same procedure and its options."""
    options = {q.id: {o.value for o in q.options} for q in proc.checklist_questions}
    targets: list[tuple[str, dict[str, Any]]] = [
        (f"checklist_questions[{q.id}]", q.when) for q in proc.checklist_questions
    ]
    targets += [(f"documents[{d.id or d.name}]", d.when) for d in proc.documents]
    for where, cond in targets:
        for qid, wanted in cond.items():
            if qid not in options:
                problems.append(f"{fname}: {where}.when hỏi câu '{qid}' không có")
                continue
            values = wanted if isinstance(wanted, list) else [wanted]
            for value in values:
                if value not in options[qid]:
                    problems.append(
                        f"{fname}: {where}.when: câu '{qid}' không có lựa chọn '{value}'"
                    )


def _check_aliases(curated: list[tuple[str, Procedure]], problems: list[str]) -> None:
    """An alias (or short name) pointing at two procedures makes the search ambiguous."""
    owners: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for fname, proc in curated:
        terms = list(proc.aliases) + ([proc.short_name] if proc.short_name else [])
        for term in terms:
            key = fold(term)
            if key:
                owners[key].add(fname)
                shown.setdefault(key, term)
    for key, files in sorted(owners.items()):
        if len(files) > 1:
            problems.append(
                f"{', '.join(sorted(files))}: tên gọi '{shown[key]}' trùng giữa nhiều thủ tục"
            )


def _check_required(
    rows: list[dict[str, str]], curated: list[tuple[str, Procedure]], problems: list[str]
) -> None:
    by_name: dict[str, list[tuple[str, Procedure]]] = defaultdict(list)
    for fname, proc in curated:
        if proc.short_name:
            by_name[proc.short_name.strip()].append((fname, proc))
    for row in rows:
        name, code = row.get("name", ""), row.get("national_code", "")
        found = by_name.get(name, [])
        if not found:
            problems.append(f"{REQUIRED_TSV}: chưa có tệp nào có short_name '{name}'")
        elif len(found) > 1:
            files = ", ".join(f for f, _ in found)
            problems.append(f"{files}: short_name '{name}' xuất hiện nhiều lần")
        elif code and found[0][1].code != code:
            problems.append(
                f"{found[0][0]}: short_name '{name}' phải thuộc mã {code} (đang là "
                f"{found[0][1].code})"
            )


def main(argv: list[str] | None = None) -> int:
    """Print problems, one per line; exit status 1 when there are any."""
    args = sys.argv[1:] if argv is None else argv
    problems = validate_knowledge(Path(args[0]) if args else None)
    for line in problems:
        print(line)
    print(f"{len(problems)} vấn đề" if problems else "OK: dữ liệu hợp lệ")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
