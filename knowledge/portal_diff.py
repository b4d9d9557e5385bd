"""What a re-import changes, and which curated overlays must be checked again.

``tthc-bot kb import-portal DIR`` prints this before writing the new catalogue: records that
are new, removed or changed (with the fields that changed), and every curated overlay whose
catalogue record changed after the overlay was last verified (``verified_on``). Those are
stale: the portal may have posted a new fee, time or document the overlay does not show, and
staff must re-check them (procedures must be posted on time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from knowledge.schema import Procedure


@dataclass
class CatalogueDiff:
    """Codes new, removed and changed (code -> changed field names)."""

    new: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class StaleOverlay:
    code: str
    verified_on: dt.date | None
    fields: tuple[str, ...]


def _dump(proc: Procedure) -> dict[str, Any]:
    data = proc.model_dump(mode="json", exclude_defaults=True)
    if "legal_basis" in data:
        # The order the legal basis is shown in is the importer's choice (higher acts
        # first), not a change of the record.
        data["legal_basis"] = sorted(data["legal_basis"], key=lambda lb: lb["number"])
    return data


def catalogue_diff(old: list[Procedure], new: list[Procedure]) -> CatalogueDiff:
    """Compare two catalogues record by record (as stored, field by field)."""
    before = {p.code: _dump(p) for p in old}
    after = {p.code: _dump(p) for p in new}
    diff = CatalogueDiff(
        new=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after))
    )
    for code in sorted(set(before) & set(after)):
        a, b = before[code], after[code]
        fields = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        if fields:
            diff.changed[code] = fields
    return diff


def stale_overlays(
    diff: CatalogueDiff, overlays: dict[str, dt.date | None], imported_on: dt.date
) -> list[StaleOverlay]:
    """Overlays (code -> verified_on) whose record changed or vanished after verification.

    A record changed in this import changed after the overlay was checked unless the
    overlay was verified on the import day or later.
    """
    out = []
    for code, verified in sorted(overlays.items()):
        fields = diff.changed.get(code) or (["(removed)"] if code in diff.removed else [])
        if fields and (verified is None or verified < imported_on):
            out.append(StaleOverlay(code, verified, tuple(fields)))
    return out


def diff_report(diff: CatalogueDiff, stale: list[StaleOverlay], limit: int = 20) -> list[str]:
    """The diff as report lines (Vietnamese, like the rest of the import report)."""
    lines = [
        f"So với danh mục đang dùng: {len(diff.new)} thủ tục mới, {len(diff.removed)} bị bỏ, "
        f"{len(diff.changed)} thay đổi."
    ]
    if diff.new:
        lines.append(
            "  Mới: " + ", ".join(diff.new[:limit]) + (" ..." if len(diff.new) > limit else "")
        )
    if diff.removed:
        lines.append(
            "  Bị bỏ: " + ", ".join(diff.removed[:limit])
            + (" ..." if len(diff.removed) > limit else "")
        )  # fmt: skip
    for code, fields in list(diff.changed.items())[:limit]:
        lines.append(f"  Thay đổi {code}: {', '.join(fields)}")
    if len(diff.changed) > limit:
        lines.append(f"  ... và {len(diff.changed) - limit} thủ tục khác")
    if stale:
        lines.append(
            f"Cần kiểm tra lại {len(stale)} tệp biên soạn (bản ghi đổi sau ngày kiểm tra):"
        )
        for item in stale:
            when = item.verified_on.isoformat() if item.verified_on else "chưa kiểm tra"
            lines.append(f"  - {item.code} (kiểm tra {when}): {', '.join(item.fields)}")
    else:
        lines.append("Không có tệp biên soạn nào cần kiểm tra lại.")
    return lines
