"""Locality data for tests: the shipped folder copied, with some wards' cells changed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

from knowledge.loader import DATA_DIR
from knowledge.localities import LOCALITIES_DIR, Localities, load_localities


def places_folder(tmp: Path, edits: dict[str, dict[str, str]] | None = None) -> Path:
    """A copy of ``knowledge/data/localities`` where ``edits[code][column] = value``, beside
    copies of the data it refers to (offices, programmes, procedures): ``tmp`` works as a
    knowledge data folder (``--data-dir``)."""
    folder = tmp / "localities"
    shutil.copytree(LOCALITIES_DIR, folder)
    for name in ("offices.yaml", "programmes.yaml"):
        shutil.copy(DATA_DIR / name, tmp / name)
    shutil.copytree(DATA_DIR / "procedures", tmp / "procedures")
    if edits:
        path = folder / "wards.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields: Any = reader.fieldnames
            rows = list(reader)
        for row in rows:
            if row["code"] in edits and row["name"]:
                row.update(edits[row["code"]])
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def places_with(tmp: Path, edits: dict[str, dict[str, str]]) -> Localities:
    """The shipped province with some wards' cells changed (e.g. an office filled in)."""
    return load_localities(places_folder(tmp, edits), strict=True)
