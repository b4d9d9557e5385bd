"""Load the knowledge base: national catalogue + curated YAML overlays + offices.

The catalogue (``knowledge/data/catalogue.json.gz``, written by ``knowledge.catalogue``) holds
every procedure as published; each ``knowledge/data/procedures/<code>.yaml`` overlay replaces
the keys it gives on the record with the same ``code`` and marks it ``curated``. Overlays whose
code starts with ``dp.`` describe procedures missing from the catalogue and are added whole.

Loading runs at bot start and on every ``tthc-bot ask``, so the result is cached per path and
only the overlaid records are re-validated (the catalogue's were validated when built).
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.catalogue import load_catalogue
from knowledge.offices import Contact, Office, load_offices, read_yaml
from knowledge.schema import Procedure

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOGUE_FILE = "catalogue.json.gz"
LOCAL_PREFIX = "dp."


class OverlayError(ValueError):
    """An overlay file cannot be read or does not fit the schema (message names the file)."""


@dataclass
class KnowledgeBase:
    """Every procedure the bot knows, indexed by code, plus offices and contact."""

    procedures: list[Procedure]
    by_code: dict[str, Procedure]
    offices: dict[str, Office]
    contact: Contact
    meta: dict[str, Any] = field(default_factory=dict)

    def get(self, code: str) -> Procedure | None:
        """The procedure with this national code (or ``dp.*`` id), if known."""
        return self.by_code.get(code)

    def curated(self) -> list[Procedure]:
        """Procedures that carry a hand-curated overlay, in catalogue order."""
        return [p for p in self.procedures if p.curated]


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


def default_catalogue_path(data_dir: Path) -> Path:
    """The catalogue beside the data dir, falling back to the shipped one."""
    candidate = data_dir / CATALOGUE_FILE
    return candidate if candidate.exists() else DATA_DIR / CATALOGUE_FILE


def load_knowledge(
    data_dir: Path | None = None, catalogue_path: Path | None = None, *, strict: bool = False
) -> KnowledgeBase:
    """Load (once per path pair) the catalogue, merge the overlays and read the offices.

    With ``strict`` an unreadable overlay raises ``OverlayError``; otherwise it is skipped and
    logged, so one bad hand-edited file cannot keep the bot from starting (``kb validate`` and
    the test suite report it).
    """
    ddir = Path(data_dir).resolve() if data_dir else DATA_DIR
    cpath = Path(catalogue_path).resolve() if catalogue_path else default_catalogue_path(ddir)
    return _load_cached(ddir, cpath, strict)


def clear_cache() -> None:
    """Forget loaded knowledge bases (after editing overlays in a running process or tests)."""
    _load_cached.cache_clear()


@lru_cache(maxsize=8)
def _load_cached(data_dir: Path, catalogue_path: Path, strict: bool) -> KnowledgeBase:
    started = time.perf_counter()
    catalogue = load_catalogue(catalogue_path) if catalogue_path.exists() else []
    by_code: dict[str, Procedure] = {p.code: p for p in catalogue}
    order = list(by_code)
    problems: list[str] = []

    overlays = read_overlays(data_dir / "procedures", None if strict else problems)
    for message in problems:
        log.warning("overlay skipped: %s", message)

    merged: set[str] = set()
    for path, raw in overlays:
        code = raw["code"].strip()
        base = by_code.get(code)
        if base is None and not code.startswith(LOCAL_PREFIX):
            _fail(f"{path.name}: mã {code} không có trong danh mục quốc gia", strict, problems)
            continue
        if code in merged:
            _fail(f"{path.name}: mã {code} đã có ở một tệp khác", strict, problems)
            continue
        try:
            proc = merge_overlay(base, raw, path.name)
        except OverlayError as exc:
            _fail(str(exc), strict, problems)
            continue
        if base is None:
            order.append(code)
        by_code[code] = proc
        merged.add(code)

    offices, contact = load_offices(data_dir / "offices.yaml")
    procedures = [by_code[c] for c in order]
    meta = _catalogue_meta(catalogue_path)
    meta.update(
        catalogue_path=str(catalogue_path),
        data_dir=str(data_dir),
        counts={
            "catalogue": len(catalogue),
            "curated": len(merged),
            "local_only": sum(1 for c in merged if c.startswith(LOCAL_PREFIX)),
            "total": len(procedures),
            "offices": len(offices),
        },
        problems=problems,
        load_s=round(time.perf_counter() - started, 4),
    )
    log.info("knowledge loaded: %s in %.3fs", meta["counts"], meta["load_s"])
    return KnowledgeBase(procedures, by_code, offices, contact, meta)


def _fail(message: str, strict: bool, problems: list[str]) -> None:
    if strict:
        raise OverlayError(message)
    log.warning("overlay skipped: %s", message)
    problems.append(message)


def _catalogue_meta(path: Path) -> dict[str, Any]:
    """``source`` and ``retrieved`` of the catalogue file, as recorded when it was built.

    ``save_catalogue`` writes these keys before the (large) procedure list, so reading the
    first few kilobytes is enough; parsing the whole file a second time would add about a
    quarter of a second to every start. Any other layout falls back to the full read.
    """
    try:
        with gzip.open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="ignore")
        cut = head.find('"procedures"')
        if cut > 0:
            doc = json.loads(head[:cut].rstrip().rstrip(",") + "}")
        else:
            from knowledge.catalogue import catalogue_meta

            doc = catalogue_meta(path)
        return {k: doc.get(k) for k in ("source", "retrieved", "imported_on")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.debug("catalogue meta unavailable: %s", exc)  # informative only
        return {"source": None, "retrieved": None, "imported_on": None}
