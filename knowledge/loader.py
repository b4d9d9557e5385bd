"""Load the knowledge base: national catalogue + curated YAML overlays + offices.

The catalogue (``knowledge/data/catalogue.json.gz``, written by ``knowledge.catalogue``) holds
every procedure as published; each ``knowledge/data/procedures/<code>.yaml`` overlay replaces
the keys it gives on the record with the same ``code`` and marks it ``curated``
(``knowledge.overlays``). Overlays whose code starts with ``dp.`` describe procedures missing
from the catalogue and are added whole.

Loading runs at bot start and on every ``tthc-bot ask``, so the merged result is kept in a
compact store built once per catalogue/overlay version (``knowledge.store``): a start reads
only the fields the search needs, and a procedure's documents, steps, legal basis and fees
are read when first used (``knowledge.lazy``). The result is also cached per path.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.offices import Contact, Office, load_offices
from knowledge.overlays import LOCAL_PREFIX, OverlayError, merge_overlay, read_overlays
from knowledge.schema import Procedure
from knowledge.store_build import open_store

__all__ = [
    "CATALOGUE_FILE",
    "DATA_DIR",
    "LOCAL_PREFIX",
    "KnowledgeBase",
    "OverlayError",
    "clear_cache",
    "default_catalogue_path",
    "load_knowledge",
    "merge_overlay",
    "read_overlays",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOGUE_FILE = "catalogue.json.gz"


@dataclass
class KnowledgeBase:
    """Every procedure the bot knows, indexed by code, plus offices and contact.

    The procedures are ``knowledge.lazy.LazyProcedure`` objects when loaded from the store:
    read them like any ``Procedure``; their details come from ``store`` when first read.
    """

    procedures: list[Procedure]
    by_code: dict[str, Procedure]
    offices: dict[str, Office]
    contact: Contact
    meta: dict[str, Any] = field(default_factory=dict)
    store: Any = None  # knowledge.store.Store, or None for a base built from plain models

    def get(self, code: str) -> Procedure | None:
        """The procedure with this national code (or ``dp.*`` id), if known."""
        proc = self.by_code.get(code)
        if proc is not None and self.store is not None:
            self.store.touch(proc)
        return proc

    def curated(self) -> list[Procedure]:
        """Procedures that carry a hand-curated overlay, in catalogue order."""
        return [p for p in self.procedures if p.curated]


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
    store = open_store(data_dir, catalogue_path)
    problems: list[str] = list(store.meta.get("problems") or [])
    if strict and problems:
        raise OverlayError(problems[0])  # the first one strict merging stops at
    for message in problems:
        log.warning("overlay skipped: %s", message)
    procedures: list[Procedure] = list(store.heads())
    offices, contact = load_offices(data_dir / "offices.yaml")
    meta = {k: store.meta.get(k) for k in ("source", "retrieved", "imported_on")}
    meta.update(
        catalogue_path=str(catalogue_path),
        data_dir=str(data_dir),
        counts={**store.meta["counts"], "offices": len(offices)},
        problems=problems,
        store=str(store.path) if store.path else ":memory:",
        load_s=round(time.perf_counter() - started, 4),
    )
    log.info("knowledge loaded: %s in %.3fs", meta["counts"], meta["load_s"])
    by_code = {p.code: p for p in procedures}
    return KnowledgeBase(procedures, by_code, offices, contact, meta, store)
