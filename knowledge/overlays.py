"""Curated overlays merged onto the national catalogue (``knowledge/data/procedures``).

Each ``<code>.yaml`` overlay replaces the keys it gives on the catalogue record with the same
``code`` and marks it ``curated``. Overlays whose code starts with ``dp.`` describe procedures
missing from the catalogue and are added whole. ``knowledge.loader`` and the compact store
(``knowledge.store_build``) both merge through ``merge_all``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.offices import read_yaml
from knowledge.schema import Procedure

log = logging.getLogger(__name__)

LOCAL_PREFIX = "dp."


class OverlayError(ValueError):
    """An overlay file cannot be read or does not fit the schema (message names the file)."""


def read_overlays(
    proc_dir: Path, problems: list[str] | None = None
) -> list[tuple[Path, dict[str, Any]]]:
    """Parse every ``*.yaml`` overlay in ``proc_dir`` (sorted by file name).

    A file that is not valid YAML or not a mapping with a ``code`` raises ``OverlayError``
    naming the file, or, when a ``problems`` list is given, is reported there and skipped.
    """
    out: list[tuple[Path, dict[str, Any]]] = []
    if not proc_dir.is_dir():
        return out
    for path in sorted(proc_dir.glob("*.yaml")):
        try:
            raw = read_yaml(path)
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
            error = f"{path.name}: không đọc được YAML: {exc}"
        else:
            if not isinstance(raw, dict):
                error = f"{path.name}: tệp phải là một mapping (khóa: giá trị)"
            elif not isinstance(raw.get("code"), str) or not raw["code"].strip():
                error = f"{path.name}: thiếu khóa 'code' (chuỗi, ví dụ \"1.001193\")"
            else:
                out.append((path, raw))
                continue
        if problems is None:
            raise OverlayError(error)
        problems.append(error)
    return out


def merge_overlay(base: Procedure | None, overlay: dict[str, Any], label: str) -> Procedure:
    """Apply ``overlay`` onto ``base`` (keys given replace) and validate the result."""
    data: dict[str, Any] = base.model_dump() if base is not None else {}
    data.update(overlay)
    data["curated"] = True
    try:
        return Procedure.model_validate(data)
    except ValidationError as exc:
        raise OverlayError(f"{label}: {exc}") from exc


@dataclass
class Merged:
    """The catalogue with its overlays: every procedure in catalogue order, then ``dp.*``."""

    procedures: list[Procedure]
    merged: set[str] = field(default_factory=set)  # codes that carry an overlay
    problems: list[str] = field(default_factory=list)  # overlays skipped, and why
    catalogue_count: int = 0


def merge_all(catalogue: list[Procedure], proc_dir: Path, *, strict: bool = False) -> Merged:
    """Merge every overlay of ``proc_dir`` onto ``catalogue``.

    With ``strict`` an unreadable or invalid overlay raises ``OverlayError``; otherwise it is
    skipped, logged and listed in ``problems`` (the first problem is the error strict mode
    raises), so one bad hand-edited file cannot keep the bot from starting.
    """
    by_code: dict[str, Procedure] = {p.code: p for p in catalogue}
    order = list(by_code)
    out = Merged([], catalogue_count=len(catalogue))
    overlays = read_overlays(proc_dir, None if strict else out.problems)
    for message in out.problems:
        log.warning("overlay skipped: %s", message)
    for path, raw in overlays:
        code = raw["code"].strip()
        base = by_code.get(code)
        if base is None and not code.startswith(LOCAL_PREFIX):
            _fail(f"{path.name}: mã {code} không có trong danh mục quốc gia", strict, out)
            continue
        if code in out.merged:
            _fail(f"{path.name}: mã {code} đã có ở một tệp khác", strict, out)
            continue
        try:
            proc = merge_overlay(base, raw, path.name)
        except OverlayError as exc:
            _fail(str(exc), strict, out)
            continue
        if base is None:
            order.append(code)
        by_code[code] = proc
        out.merged.add(code)
    out.procedures = [by_code[c] for c in order]
    return out


def _fail(message: str, strict: bool, out: Merged) -> None:
    if strict:
        raise OverlayError(message)
    log.warning("overlay skipped: %s", message)
    out.problems.append(message)
