"""Reviewed overrides for catalogue records a later law superseded (``stale_records.yaml``).

Some portal records still follow a repealed law: 1.004327 (tố cáo, Công an cấp xã) gives
"60 ngày" and cites Luật Tố cáo 2011, while Luật Tố cáo 2018 Điều 30 allows at most 30 days
from acceptance. Importing such a record as it is gives citizens a superseded time limit.
The table lists the repealed acts (with the article that repealed them) and, per record, the
reviewed replacement of its time, legal basis, documents and conditions with the law cited.

An override is applied only while the record's replaced fields are still the ones reviewed
(``record``: a fingerprint of their raw text); once the portal changes them the override is
left out, the import warns and ``kb audit`` (``superseded_law``) flags the card again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.offices import read_yaml
from knowledge.schema import Document, LegalBasis, Procedure

TABLE_PATH = Path(__file__).resolve().parent / "data" / "stale_records.yaml"
RAW_FIELDS = ("cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly", "yeu_cau_dieu_kien")


@dataclass(frozen=True)
class StaleTable:
    """Repealed acts (number -> why) and the reviewed overrides by procedure code."""

    superseded: dict[str, str] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_stale(path: Path = TABLE_PATH) -> StaleTable:
    """Read the table (empty when the file is missing)."""
    if not Path(path).exists():
        return StaleTable()
    raw = read_yaml(Path(path)) or {}
    superseded = {str(r["number"]): str(r["basis"]) for r in raw.get("superseded") or ()}
    records = {str(code): dict(row) for code, row in (raw.get("records") or {}).items()}
    return StaleTable(superseded, records)


def fingerprint(raw: dict[str, Any]) -> str:
    """The fingerprint of a raw record's overridable fields (first 16 hex digits)."""
    text = "\x1f".join(str(raw.get(k) or "") for k in RAW_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def apply_stale(
    proc: Procedure, raw: dict[str, Any], table: StaleTable, warn: list[str]
) -> Procedure:
    """``proc`` with its reviewed override, when the record is still the one reviewed."""
    row = table.records.get(proc.code)
    if row is None:
        return proc
    if str(row.get("record")) != fingerprint(raw):
        warn.append("stale: record changed since its override was reviewed; not applied")
        return proc
    methods = [
        m.model_copy(
            update={
                "time_text": " ".join(str(row["time"]).split()),
                "time_days": None,
                "description": None,
            }
        )  # fmt: skip
        for m in proc.methods
    ]
    update: dict[str, Any] = {"methods": methods}
    if row.get("legal_basis"):
        update["legal_basis"] = [LegalBasis.model_validate(lb) for lb in row["legal_basis"]]
    if row.get("documents"):
        update["documents"] = [Document.model_validate(d) for d in row["documents"]]
    if row.get("requirements"):
        update["requirements"] = " ".join(str(row["requirements"]).split())
    reason = " ".join(str(row.get("reason") or "").split())
    update["local_notes"] = ([reason] if reason else []) + list(proc.local_notes)
    return proc.model_copy(update=update)


def superseded_cited(proc: Procedure, table: StaleTable) -> list[str]:
    """The repealed acts a card still cites, each with why it is repealed."""
    return [
        f"{lb.number}: {table.superseded[lb.number]}"
        for lb in proc.legal_basis
        if lb.number in table.superseded
    ]
