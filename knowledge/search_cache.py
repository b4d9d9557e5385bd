"""The built search index, kept beside the compact store so a restart need not rebuild it.

Building ``knowledge.index.SearchIndex`` over the whole catalogue takes most of a second and
a transient ~15 MB; loading the built arrays and tables back takes a tenth of that. The file
(``search-<key>.pickle`` in ``knowledge.store.cache_dir``) is keyed by the store's
fingerprint, every source file and data file of ``knowledge/`` and the library versions, so
any change to the search code or its data builds afresh. Procedures are not in the file:
they are written as references by code and resolved against the knowledge base on load.

A fresh build is written only after a round trip through the file gives the very same
answers on ``CHECK_QUESTIONS``; anything unreadable or mismatched is ignored and rebuilt.
The file is ours (the cache folder is private to the user), never downloaded.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from knowledge.schema import Procedure
from knowledge.store import cache_dir, prune

log = logging.getLogger(__name__)

FORMAT = 1
CHECK_QUESTIONS = (
    "lam giay khai sinh cho con can gi",
    "đăng ký kết hôn ở đâu",
    "xin giay xac nhan tinh trang hon nhan",
    "làm sổ đỏ với đăng ký thường trú",
    "cấp đổi bằng lái xe mất bao lâu",
    "tra cứu 000.00.14.H20-200703-0002",
    "xin chào",
    "hôm nay trời đẹp quá",
    "nhap ho khau cho con moi sinh",
    "chứng thực bản sao giấy tờ",
)
_KNOWLEDGE = Path(__file__).resolve().parent


def cache_key(store_fingerprint: str) -> str:
    """What the built index depends on: the procedures, the code and data, the libraries."""
    h = hashlib.sha256(f"search v{FORMAT} {sys.version} {store_fingerprint}\n".encode())
    for module in ("numpy", "rapidfuzz", "pydantic"):
        found = sys.modules.get(module)
        h.update(f"{module} {getattr(found, '__version__', '?')}\n".encode())
    data = [p for p in sorted((_KNOWLEDGE / "data").glob("*.*")) if p.suffix != ".gz"]
    for path in sorted(_KNOWLEDGE.glob("*.py")) + data:  # (the catalogue: in the fingerprint)
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class _Writer(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        return ("procedure", obj.code) if isinstance(obj, Procedure) else None


class _Reader(pickle.Unpickler):
    def __init__(self, source: IO[bytes], by_code: dict[str, Procedure]) -> None:
        super().__init__(source)
        self.by_code = by_code

    def persistent_load(self, pid: Any) -> Any:
        kind, code = pid
        if kind != "procedure" or code not in self.by_code:
            raise pickle.UnpicklingError(f"unknown procedure {code!r}")
        return self.by_code[code]


def dumps(index: Any) -> bytes:
    out = io.BytesIO()
    _Writer(out, protocol=pickle.HIGHEST_PROTOCOL).dump(index)
    return out.getvalue()


def loads(data: bytes, by_code: dict[str, Procedure]) -> Any:
    return _Reader(io.BytesIO(data), by_code).load()


def load(path: Path, by_code: dict[str, Procedure]) -> Any:
    """Read straight from the file (no second copy of its bytes in memory)."""
    with path.open("rb") as fh:
        return _Reader(fh, by_code).load()


def answers(index: Any, questions: Sequence[str] = CHECK_QUESTIONS) -> list[Any]:
    """What ``classify`` says about each question (intent, band, codes and scores)."""
    out = []
    for q in questions:
        r = index.classify(q, k=5)
        out.append((r.intent, r.band, [(m.code, m.score) for m in [*r.matches, *r.others]]))
    return out


def cached_index(kb: Any, build: Callable[[list[Procedure]], Any]) -> Any:
    """The index of ``kb.procedures``: from the cache file when it fits, else ``build``."""
    folder = cache_dir()
    fingerprint = (kb.store.meta.get("fingerprint") if kb.store is not None else None) or ""
    if folder is None or not fingerprint:
        return build(kb.procedures)
    path = folder / f"search-{cache_key(fingerprint)[:24]}.pickle"
    codes = [p.code for p in kb.procedures]
    if path.exists():
        try:
            index = load(path, kb.by_code)
            if list(index.codes) == codes:
                os.utime(path)
                return index
            log.warning("search cache %s does not fit the knowledge base; rebuilding", path)
        except Exception as exc:  # any unreadable file: build afresh (and overwrite it)
            log.warning("search cache unreadable (%s); rebuilding", exc)
    index = build(kb.procedures)
    _save(index, path, kb.by_code)
    prune(folder, path, prefix="search-")
    return index


def _save(index: Any, path: Path, by_code: dict[str, Procedure]) -> None:
    try:
        data = dumps(index)
        if answers(loads(data, by_code)) != answers(index):
            log.warning("search index does not survive pickling; not cached")
            return
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except Exception as exc:  # caching is an optimisation: never fail a start for it
        log.warning("search index not cached: %s", exc)
