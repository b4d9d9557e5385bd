"""Load and save the imported national catalogue shipped with the bot.

The file is gzip-compressed JSON::

    {"source": ..., "retrieved": ..., "imported_on": ..., "count": N, "procedures": [...]}

Writing is deterministic (field order of the models, fixed gzip header, default values
left out), so importing the same raw data with the same ``imported_on`` gives the same bytes
and a re-import shows up in git only when something really changed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from knowledge.portal_fees import PERIOD_END, expire_rates
from knowledge.schema import Procedure

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "catalogue.json.gz"


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    source: str | None = None
    retrieved: str | None = None
    imported_on: str | None = None
    count: int | None = None
    procedures: list[Procedure]


def save_catalogue(
    procs: list[Procedure],
    path: Path,
    source: str,
    retrieved: str,
    imported_on: str | None = None,
) -> Path:
    """Write ``procs`` to ``path`` (gzip JSON) with provenance; returns the path.

    ``imported_on`` is an ISO date, today when omitted; pass the previous value to get a
    byte-identical file from unchanged input.
    """
    path = Path(path)
    doc = {
        "source": source,
        "retrieved": retrieved,
        "imported_on": imported_on or dt.date.today().isoformat(),
        "count": len(procs),
        "procedures": [p.model_dump(mode="json", exclude_defaults=True) for p in procs],
    }
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # mtime=0 and no file name in the header: the bytes depend on the content only.
    with (
        open(tmp, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(data)
    tmp.replace(path)
    return path


def load_catalogue(
    path: Path | None = None, *, as_of: dt.date | None = None, as_published: bool = False
) -> list[Procedure]:
    """Read the catalogue at ``path`` (default: the shipped one) as ``Procedure`` models.

    Temporary fee rates whose own end date is before ``as_of`` (default today) are dropped
    (``knowledge.portal_fees``): the file keeps the portal's text, a card never shows an
    ended rate. ``as_published`` returns the file exactly as stored (for the import diff).
    Validation runs in pydantic-core straight from the JSON bytes, which keeps loading the
    full catalogue well under a second.
    """
    with gzip.open(Path(path) if path else DEFAULT_PATH, "rb") as fh:
        data = fh.read()
    procs = _CatalogueFile.model_validate_json(data).procedures
    if as_published:
        return procs
    today = as_of or dt.date.today()
    for proc in procs:
        if has_periods(proc):
            expire(proc, today)
    return procs


def has_periods(proc: Procedure) -> bool:
    """Whether a fee text of ``proc`` states a temporary period (``knowledge.portal_fees``)."""
    return any(
        PERIOD_END.search(f"{m.fee_text} {m.fee_note} {m.description}") for m in proc.methods
    )


def expire(proc: Procedure, today: dt.date) -> Procedure:
    """Drop the fee rates of ``proc`` whose own period ended before ``today`` (in place)."""
    proc.methods = expire_rates(proc.methods, today)
    return proc


def catalogue_head(path: Path) -> dict[str, Any]:
    """``source``, ``retrieved`` and ``imported_on`` of a catalogue file, as recorded when it
    was built (``None`` each when unreadable; they are informative only).

    ``save_catalogue`` writes these keys before the (large) procedure list, so reading the
    first few kilobytes is enough; any other layout falls back to the full read.
    """
    try:
        with gzip.open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="ignore")
        cut = head.find('"procedures"')
        if cut > 0:
            doc = json.loads(head[:cut].rstrip().rstrip(",") + "}")
        else:
            doc = catalogue_meta(path)
        return {k: doc.get(k) for k in ("source", "retrieved", "imported_on")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {"source": None, "retrieved": None, "imported_on": None}


def catalogue_meta(path: Path | None = None) -> dict[str, Any]:
    """Provenance of a catalogue file: source, retrieved, imported_on, count."""
    with gzip.open(Path(path) if path else DEFAULT_PATH, "rb") as fh:
        doc = json.loads(fh.read())
    return {k: doc.get(k) for k in ("source", "retrieved", "imported_on", "count")}
