"""The compact knowledge store: merged procedures in one SQLite file, details on demand.

``catalogue.json.gz`` (the importer's file, ``knowledge.catalogue``) plus the curated
overlays are merged once into ``knowledge-<fingerprint>.sqlite`` in the user's cache folder
(``$TTHC_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/tthc-bot``, else ``~/.cache/tthc-bot``,
else the temp folder; in memory when none is writable). The fingerprint covers the catalogue's and overlays' bytes and the
code that reads them, so an edited overlay or a new catalogue builds a new store at the next
start and the old one is left to be pruned.

Layout: ``meta`` (key -> JSON: fingerprint, counts, overlay problems, catalogue provenance,
the head fields of every procedure as one array) and ``procs`` (position, code, the full
merged record as zlib-compressed JSON, whether its fee rates carry end dates). A process
keeps the heads in memory (``knowledge.lazy``) and reads a record's details when first
needed; only the ``capacity`` most recently used ones stay filled in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

from knowledge.catalogue import expire
from knowledge.lazy import DETAIL_FIELDS, HEAD_FIELDS, LazyProcedure
from knowledge.schema import Procedure

STORE_VERSION = 2
CAPACITY = 128  # procedures kept filled in (a few MB); the rest are re-read in ~0.2 ms
PRUNE_AFTER_S = 14 * 24 * 3600  # stores unused this long are deleted
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE procs (
    pos INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, record BLOB NOT NULL,
    expire INTEGER NOT NULL DEFAULT 0
);
"""
_INTERNED = ("ministry", "field", "levels")


def _intern(value: Any) -> Any:
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [sys.intern(v) if isinstance(v, str) else v for v in value]
    return value


def head_columns(procs: list[Procedure]) -> dict[str, list[Any]]:
    """The head fields of ``procs`` column by column, JSON-ready (every field present)."""
    rows = [p.model_dump(mode="json", include=set(HEAD_FIELDS)) for p in procs]
    return {name: [row[name] for row in rows] for name in sorted(HEAD_FIELDS)}


def cache_dir() -> Path | None:
    """A writable folder of our own for derived files (``TTHC_CACHE_DIR`` when set), or
    None."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    own = os.environ.get("TTHC_CACHE_DIR", "").strip()
    candidates = [Path(own)] if own else []
    candidates.append(Path(base) / "tthc-bot")
    candidates.append(Path(tempfile.gettempdir()) / f"tthc-bot-{os.getuid()}")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = folder / f".probe-{os.getpid()}"
            probe.touch()
            probe.unlink()
            return folder
        except OSError:
            continue
    return None


def prune(folder: Path, keep: Path, prefix: str = "knowledge-") -> None:
    """Delete stores (and stray temporary files) nobody opened for ``PRUNE_AFTER_S``."""
    cutoff = time.time() - PRUNE_AFTER_S
    for path in folder.glob(prefix + "*"):
        try:
            if path != keep and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


class Store:
    """An open store: the heads, the details of any procedure, a small cache of those."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, as_of: dt.date | None = None
    ) -> None:
        self.conn = conn
        conn.execute("PRAGMA cache_size = -256")  # KiB: records are read once, then cached
        self.path = path
        self.as_of = as_of or dt.date.today()  # ended fee rates are dropped as of this day
        self.capacity = CAPACITY
        rows = conn.execute("SELECT key, value FROM meta WHERE key != 'heads'")
        self.meta: dict[str, Any] = {key: json.loads(value) for key, value in rows}
        self.filled: OrderedDict[str, LazyProcedure] = OrderedDict()  # oldest first
        self.pinned: set[str] = set()
        self.reads = 0  # records read from disk (for tests and the bench)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open a built store read-only (raises ``sqlite3.Error`` when it is not one)."""
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            store = cls(conn, path)
        except (sqlite3.Error, ValueError):
            conn.close()
            raise
        return store

    def heads(self) -> list[LazyProcedure]:
        """Every procedure, in store order, with only its head fields in memory.

        The heads are stored column by column (``{"code": [...], "name": [...], ...}``) and
        were validated when the store was built; repeated short texts (ministry, field,
        levels) are interned, so the 2,600 heads take about 2 MB.
        """
        columns: dict[str, list[Any]] = json.loads(self.meta_raw("heads"))
        for name in _INTERNED:
            columns[name] = [_intern(v) for v in columns[name]]
        names = list(columns)
        private = {"_details": self}
        return [
            LazyProcedure.head(dict(zip(names, row, strict=True)), private)
            for row in zip(*columns.values(), strict=True)
        ]

    def meta_raw(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ValueError(f"knowledge store without {key!r}")
        return str(row[0])

    def record(self, code: str) -> Procedure | None:
        """The full merged record of ``code`` read from disk (ended fee rates dropped)."""
        with self._lock:
            row = self.conn.execute(
                "SELECT record, expire FROM procs WHERE code = ?", (code,)
            ).fetchone()
            self.reads += 1
        if row is None:
            return None
        proc = Procedure.model_validate_json(zlib.decompress(row[0]))
        return expire(proc, self.as_of) if row[1] else proc

    # --- the ``knowledge.lazy.Details`` protocol
    def hydrate(self, proc: LazyProcedure) -> None:
        """Fill in the details of ``proc``; forget those of the least recently used."""
        with self._lock:
            if proc.filled:
                return
            full = self.record(proc.code)
            if full is None:
                raise AttributeError(f"{proc.code}: not in the knowledge store")
            for name in DETAIL_FIELDS:
                proc.__dict__.setdefault(name, full.__dict__[name])
            proc.__pydantic_fields_set__.update(full.model_fields_set)
            if proc.code not in self.pinned:
                self.filled[proc.code] = proc
                self.filled.move_to_end(proc.code)
                while len(self.filled) > self.capacity:
                    _code, oldest = self.filled.popitem(last=False)
                    oldest.drop_details()

    def pin(self, proc: LazyProcedure) -> None:
        """Keep the details of ``proc`` for good (they were changed in this process)."""
        with self._lock:
            self.pinned.add(proc.code)
            self.filled.pop(proc.code, None)

    def touch(self, proc: LazyProcedure) -> None:
        """``proc`` is in use: the last one to be forgotten."""
        with self._lock:
            if proc.code in self.filled:
                self.filled.move_to_end(proc.code)

    def close(self) -> None:
        self.conn.close()
