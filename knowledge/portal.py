"""Importer for the national procedure catalogue (Cổng Dịch vụ công quốc gia).

Reads ``raw/<ministry>/<code>.json`` records (see the data README) and turns them into
``Procedure`` models: the flattened tables are parsed by ``knowledge.portal_tables`` and
``knowledge.portal_legal``; every text goes through ``knowledge.textclean``. ``raw_text`` (the
whole page) is not kept.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.portal_legal import parse_legal_basis, parse_result
from knowledge.portal_tables import parse_documents, parse_methods
from knowledge.schema import Procedure
from knowledge.textclean import clean, clean_or_none

SOURCE = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), trang thủ tục công khai"
RETRIEVED = "2026-06"


@dataclass
class ImportResult:
    """What ``import_dir`` produced: procedures sorted by code, warnings and counts."""

    procedures: list[Procedure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    per_ministry: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, error)


def parse_record(raw: dict, ministry: str, warnings: list[str] | None = None) -> Procedure:
    """Turn one raw catalogue record into a ``Procedure``.

    Parsing problems do not raise: they are appended to ``warnings`` (when given) so a
    whole import can report them.
    """
    warn: list[str] = warnings if warnings is not None else []
    code = clean(raw.get("ma_thu_tuc"))
    if not code:
        raise ValueError("record without ma_thu_tuc")
    levels = [lv for lv in (clean(x) for x in (raw.get("cap_thuc_hien") or "").split(",")) if lv]
    authority = clean_or_none(raw.get("co_quan_thuc_hien")) or clean_or_none(
        raw.get("co_quan_co_tham_quyen")
    )
    results = parse_result(raw.get("ket_qua_xu_ly") or "")
    proc = Procedure(
        code=code,
        name=clean(raw.get("ten_thu_tuc")) or code,
        ministry=ministry,
        field=clean_or_none(raw.get("linh_vuc")),
        levels=levels,
        decision=clean_or_none(raw.get("so_quyet_dinh")),
        url=clean_or_none(raw.get("detail_url")),
        subjects=clean_or_none(raw.get("doi_tuong_thuc_hien")),
        authority=authority,
        steps=clean_or_none(raw.get("trinh_tu_thuc_hien"), keep_newlines=True),
        methods=parse_methods(raw.get("cach_thuc_thuc_hien") or "", warn),
        documents=parse_documents(raw.get("thanh_phan_ho_so") or "", warn),
        legal_basis=parse_legal_basis(raw.get("can_cu_phap_ly") or "", warn),
        result="; ".join(results) or None,
        requirements=clean_or_none(raw.get("yeu_cau_dieu_kien"), keep_newlines=True),
    )
    if not proc.methods:
        warn.append("no submission method")
    return proc


def import_dir(src: Path) -> ImportResult:
    """Import every ``<ministry>/<code>.json`` under ``src``; one bad file never stops it."""
    src = Path(src)
    out = ImportResult()
    by_code: dict[str, Procedure] = {}
    for path in sorted(src.glob("*/*.json")):
        ministry = path.parent.name
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            warn: list[str] = []
            proc = parse_record(raw, ministry, warn)
        except (OSError, ValueError) as exc:  # ValueError covers JSON and pydantic errors
            out.failed.append((str(path.relative_to(src)), str(exc)[:200]))
            continue
        if proc.code in by_code:
            out.warnings.append((proc.code, f"duplicate code, kept {by_code[proc.code].ministry}"))
            continue
        by_code[proc.code] = proc
        out.per_ministry[ministry] += 1
        out.warnings.extend((proc.code, w) for w in warn)
    out.procedures = [by_code[c] for c in sorted(by_code, key=_code_key)]
    return out


def _code_key(code: str) -> tuple:
    """Sort "1.001193" numerically by its parts, so 1.9 < 1.10 and the order is stable."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in code.split("."))


def import_portal_command(
    src: Path, out: Path, *, imported_on: str | None = None, retrieved: str = RETRIEVED
) -> str:
    """Import ``src`` into the catalogue file ``out`` and return a short report (Vietnamese).

    Backs ``tthc-bot kb import-portal DIR``. ``imported_on`` (ISO date) defaults to today;
    pass it to rebuild a byte-identical file.
    """
    from knowledge.catalogue import save_catalogue  # local: catalogue imports nothing of ours

    result = import_dir(src)
    if not result.procedures:
        raise ValueError(f"không tìm thấy thủ tục nào trong {src}")
    save_catalogue(result.procedures, out, source=SOURCE, retrieved=retrieved,
                   imported_on=imported_on)  # fmt: skip
    kinds = Counter(_warning_kind(msg) for _, msg in result.warnings)
    lines = [
        f"Đã nhập {len(result.procedures)} thủ tục vào {out}.",
        "Theo bộ, ngành: " + ", ".join(f"{m} {n}" for m, n in sorted(result.per_ministry.items())),
        f"Cảnh báo: {len(result.warnings)} (ở {len({c for c, _ in result.warnings})} thủ tục).",
    ]
    lines += [f"  - {kind}: {n}" for kind, n in kinds.most_common(5)]
    if result.failed:
        lines.append(f"Không đọc được {len(result.failed)} tệp:")
        lines += [f"  - {name}: {err}" for name, err in result.failed[:5]]
    return "\n".join(lines)


def _warning_kind(message: str) -> str:
    """Group warnings by their fixed part (before any quoted detail)."""
    return message.split("'")[0].split('"')[0].rstrip(": ")
