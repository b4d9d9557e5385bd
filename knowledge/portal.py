"""Importer for the national procedure catalogue (Cổng Dịch vụ công quốc gia).

Reads ``raw/<ministry>/<code>.json`` records (see the data README) and turns them into
``Procedure`` models: the flattened tables are parsed by ``knowledge.portal_tables`` and
``knowledge.portal_legal``; every text goes through ``knowledge.textclean``. ``raw_text`` (the
whole page) is not kept.

A catalogue record's ``local_notes`` are the portal's own words a citizen needs but no table
field holds: the applicant's deadlines from the steps (``knowledge.portal_steps``), then the
notes of the dossier table (``knowledge.portal_notes``). Channels the steps name are added to
the methods; records a later law superseded get their reviewed override
(``knowledge.portal_stale``). The legal basis is stored higher acts first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.portal_diff import catalogue_diff, diff_report, stale_overlays
from knowledge.portal_legal import parse_legal_basis, parse_result, ranked
from knowledge.portal_reform import ReformTable, apply_reform, load_table
from knowledge.portal_stale import StaleTable, apply_stale, load_stale
from knowledge.portal_steps import (
    DEADLINE_LEAD,
    filing_deadlines,
    filing_place,
    with_named_channels,
)
from knowledge.portal_tables import parse_dossier, parse_methods
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


def parse_record(
    raw: dict,
    ministry: str,
    warnings: list[str] | None = None,
    reform: ReformTable | None = None,
    stale: StaleTable | None = None,
) -> Procedure:
    """Turn one raw catalogue record into a ``Procedure``.

    Parsing problems do not raise: they are appended to ``warnings`` (when given) so a
    whole import can report them.
    """
    warn: list[str] = warnings if warnings is not None else []
    code = clean(raw.get("ma_thu_tuc"))
    if not code:
        raise ValueError("record without ma_thu_tuc")
    levels = [lv for lv in (clean(x) for x in (raw.get("cap_thuc_hien") or "").split(",")) if lv]
    steps = clean_or_none(raw.get("trinh_tu_thuc_hien"), keep_newlines=True)
    authority = (
        clean_or_none(raw.get("co_quan_thuc_hien"))
        or clean_or_none(raw.get("co_quan_co_tham_quyen"))
        or filing_place(steps)  # the card said "Cơ quan có thẩm quyền (Cấp xã)" otherwise
    )
    authority, reformed = apply_reform(authority, code, reform or load_table())
    if reformed:
        warn.append("authority: pre-reform body mapped or noted")
    results = parse_result(raw.get("ket_qua_xu_ly") or "")
    documents, notes = parse_dossier(raw.get("thanh_phan_ho_so") or "", warn)
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
        steps=steps,
        methods=parse_methods(
            raw.get("cach_thuc_thuc_hien") or "",
            warn,
            context=" ".join(
                str(raw.get(k) or "") for k in ("trinh_tu_thuc_hien", "yeu_cau_dieu_kien")
            ),
        ),
        documents=documents,
        legal_basis=ranked(parse_legal_basis(raw.get("can_cu_phap_ly") or "", warn)),
        result="; ".join(results) or None,
        requirements=clean_or_none(raw.get("yeu_cau_dieu_kien"), keep_newlines=True),
        # the applicant's own deadlines first, then the notes of the dossier table
        local_notes=[f"{DEADLINE_LEAD}{d}" for d in filing_deadlines(steps)] + notes,
    )
    proc.methods = with_named_channels(proc.methods, steps, warn)
    if not proc.methods:
        warn.append("no submission method")
    return apply_stale(proc, raw, stale or load_stale(), warn)


def import_dir(src: Path) -> ImportResult:
    """Import every ``<ministry>/<code>.json`` under ``src``; one bad file never stops it."""
    src = Path(src)
    out = ImportResult()
    by_code: dict[str, Procedure] = {}
    reform = load_table()
    stale = load_stale()
    for path in sorted(src.glob("*/*.json")):
        ministry = path.parent.name
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            warn: list[str] = []
            proc = parse_record(raw, ministry, warn, reform, stale)
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
    src: Path,
    out: Path,
    *,
    imported_on: str | None = None,
    retrieved: str = RETRIEVED,
    against: Path | None = None,
    overlay_dir: Path | None = None,
) -> str:
    """Import ``src`` into the catalogue file ``out`` and return a short report (Vietnamese).

    Backs ``tthc-bot kb import-portal DIR``. ``imported_on`` (ISO date) defaults to today;
    pass it to rebuild a byte-identical file. The report ends with the diff against the
    catalogue ``against`` (default: the shipped one, read before ``out`` is written) and the
    curated overlays in ``overlay_dir`` whose record changed after their ``verified_on``.
    """
    # local imports: catalogue and loader import this module's neighbours, not the reverse
    from knowledge.catalogue import DEFAULT_PATH, load_catalogue, save_catalogue
    from knowledge.loader import DATA_DIR, read_overlays

    result = import_dir(src)
    if not result.procedures:
        raise ValueError(f"không tìm thấy thủ tục nào trong {src}")
    reference = Path(against) if against else DEFAULT_PATH
    previous = load_catalogue(reference, as_published=True) if reference.exists() else []
    day = dt.date.fromisoformat(imported_on) if imported_on else dt.date.today()
    save_catalogue(result.procedures, out, source=SOURCE, retrieved=retrieved,
                   imported_on=day.isoformat())  # fmt: skip
    kinds = Counter(_warning_kind(msg) for _, msg in result.warnings)
    lines = [
        f"Đã nhập {len(result.procedures)} thủ tục vào {out}.",
        "Theo bộ, ngành: " + ", ".join(f"{m} {n}" for m, n in sorted(result.per_ministry.items())),
        f"Cảnh báo: {len(result.warnings)} (ở {len({c for c, _ in result.warnings})} thủ tục).",
    ]
    lines += [f"  - {kind}: {n}" for kind, n in kinds.most_common(8)]
    if result.failed:
        lines.append(f"Không đọc được {len(result.failed)} tệp:")
        lines += [f"  - {name}: {err}" for name, err in result.failed[:5]]
    diff = catalogue_diff(previous, result.procedures)
    overlays = {
        str(raw["code"]).strip(): _as_date(raw.get("verified_on"))
        for _, raw in read_overlays((overlay_dir or DATA_DIR / "procedures"), [])
    }
    lines += diff_report(diff, stale_overlays(diff, overlays, day))
    return "\n".join(lines)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _warning_kind(message: str) -> str:
    """Group warnings by their fixed part (before any quoted detail)."""
    return message.split("'")[0].split('"')[0].rstrip(": ")
