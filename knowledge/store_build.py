"""Building the compact store (``knowledge.store``) and finding the one that fits.

``open_store(data_dir, catalogue)`` computes the fingerprint of what the store is made of,
opens the matching file in the cache folder, or builds it first. A big catalogue is built
in a child process (``python -m knowledge.store_build``): parsing 20 MB of JSON into models
costs about 100 MB for a moment, and a long-running bot should not keep that peak (or the
freed but fragmented memory) for the rest of its life. If the child cannot run, or no
folder is writable, the build happens here (in memory as the last resort).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pydantic

from knowledge.catalogue import catalogue_head, has_periods, load_catalogue
from knowledge.overlays import LOCAL_PREFIX, merge_all
from knowledge.store import SCHEMA, STORE_VERSION, Store, cache_dir, head_columns, prune

log = logging.getLogger(__name__)

CHILD_BUILD_BYTES = 256 * 1024  # catalogues at least this big are built in a child process
CHILD_TIMEOUT_S = 300
# the code whose output the store holds: a change to any of these builds a new store
_CODE = (
    "schema.py",
    "catalogue.py",
    "overlays.py",
    "lazy.py",
    "store.py",
    "store_build.py",
    "portal_fees.py",
    "offices.py",
)


def fingerprint(data_dir: Path, catalogue_path: Path) -> str:
    """sha256 over the catalogue, every overlay (name and bytes) and the reading code."""
    h = hashlib.sha256(f"v{STORE_VERSION} pydantic {pydantic.VERSION}\n".encode())
    for path in [catalogue_path, *sorted((data_dir / "procedures").glob("*.yaml"))]:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def build(conn: sqlite3.Connection, data_dir: Path, catalogue_path: Path, key: str) -> None:
    """Merge the catalogue and overlays and write them into the empty database ``conn``."""
    exists = catalogue_path.exists()
    catalogue = load_catalogue(catalogue_path, as_published=True) if exists else []
    published = {p.code: p.methods for p in catalogue}
    merged = merge_all(catalogue, data_dir / "procedures")
    conn.executescript(SCHEMA)
    rows = []
    for pos, proc in enumerate(merged.procedures):
        # fee rates of the catalogue expire at every load; an overlay's own methods never did
        expires = has_periods(proc) and published.get(proc.code) == proc.methods
        record = zlib.compress(proc.model_dump_json(exclude_defaults=True).encode(), 6)
        rows.append((pos, proc.code, record, int(expires)))
    conn.executemany("INSERT INTO procs VALUES (?, ?, ?, ?)", rows)
    provenance = catalogue_head(catalogue_path) if exists else {}
    meta: dict[str, Any] = {
        "fingerprint": key,
        "version": STORE_VERSION,
        "heads": head_columns(merged.procedures),
        "problems": merged.problems,
        "counts": {
            "catalogue": merged.catalogue_count,
            "curated": len(merged.merged),
            "local_only": sum(1 for c in merged.merged if c.startswith(LOCAL_PREFIX)),
            "total": len(merged.procedures),
        },
        **{k: provenance.get(k) for k in ("source", "retrieved", "imported_on")},
    }
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [(k, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in meta.items()],
    )
    conn.commit()


def build_file(data_dir: Path, catalogue_path: Path, path: Path, key: str) -> None:
    """Build into ``path`` atomically (a temporary file renamed into place)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        build(conn, data_dir, catalogue_path, key)
    finally:
        conn.close()
    os.replace(tmp, path)


def _build_in_child(data_dir: Path, catalogue_path: Path, path: Path, key: str) -> bool:
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    argv = [sys.executable, "-m", "knowledge.store_build", str(data_dir), str(catalogue_path)]
    try:
        done = subprocess.run(
            [*argv, str(path), key], env=env, capture_output=True, timeout=CHILD_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("knowledge store: child build failed (%s); building here", exc)
        return False
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace")[-500:]
        log.warning("knowledge store: child build failed: %s; building here", tail)
        return False
    return True


def _open_matching(path: Path, key: str) -> Store | None:
    try:
        store = Store.open(path)
    except (sqlite3.Error, ValueError, OSError):
        return None
    if store.meta.get("fingerprint") == key and store.meta.get("version") == STORE_VERSION:
        return store
    store.close()
    return None


def open_store(data_dir: Path, catalogue_path: Path) -> Store:
    """The store made of exactly these files, built first when there is none yet."""
    key = fingerprint(data_dir, catalogue_path)
    folder = cache_dir()
    if folder is not None:
        path = folder / f"knowledge-{key[:24]}.sqlite"
        store = _open_matching(path, key) if path.exists() else None
        if store is None:
            size = catalogue_path.stat().st_size if catalogue_path.exists() else 0
            child = size >= CHILD_BUILD_BYTES
            if not (child and _build_in_child(data_dir, catalogue_path, path, key)):
                try:
                    build_file(data_dir, catalogue_path, path, key)
                except OSError as exc:
                    log.warning("knowledge store: cannot write %s (%s)", path, exc)
            store = _open_matching(path, key)
            prune(folder, path)
        if store is not None:
            try:
                os.utime(path)  # in use: not to be pruned
            except OSError:
                pass
            return store
    log.warning("knowledge store: no writable cache folder; keeping it in memory")
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    build(conn, data_dir, catalogue_path, key)
    return Store(conn, None)


if __name__ == "__main__":
    data, catalogue, out, fp = sys.argv[1:5]
    build_file(Path(data), Path(catalogue), Path(out), fp)
