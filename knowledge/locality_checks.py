"""Checking the locality data (``tthc-bot localities validate``) and merging an import.

``validate_localities`` returns human-readable problems, each naming its file; an empty list
means the data is fit to ship. Beyond what the loader enforces row by row, it checks what
links the files together: programmes naming a ward that does not exist (or under another
name), provincial office ids missing from ``offices.yaml``, HĐND fee resolutions cited by
curated procedures but not listed at the province, wards without a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from knowledge.locality_csv import read_wards
from knowledge.locality_types import Ward, WardOffice
from knowledge.offices import parse_offices, read_yaml

HDND_NUMBER = re.compile(r"\d+/\d{4}/NQ-HĐND")


def _office_empty(office: WardOffice) -> bool:
    return not (office.name or office.address or office.phone or office.hours or office.map_url)


@dataclass
class MergeReport:
    """What an import changed, by ward code."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    wards: list[Ward] = field(default_factory=list)


def merge_wards(existing: Iterable[Ward], incoming: Iterable[Ward], replace: bool) -> MergeReport:
    """The wards after an import: a given cell replaces the stored one, an empty cell keeps
    it; a ward's offices are replaced as a whole when the file gives any office data.
    ``replace``: the file becomes the whole list."""
    report = MergeReport()
    merged = {} if replace else {w.code: w for w in existing}
    before = {w.code: w for w in existing}
    for new in incoming:
        old = before.get(new.code)
        if old is None or replace:
            result = new
        else:
            given = not (len(new.offices) == 1 and _office_empty(new.office))
            given = given or bool(new.office.receipt_units)
            result = old.model_copy(
                update={
                    "name": new.name,
                    "type": new.type,
                    "former": new.former or old.former,
                    "offices": new.offices if given else old.offices,
                    "verify": new.verify or old.verify,
                    "source": new.source or old.source,
                }
            )
        merged[new.code] = result
        if old is None:
            report.created.append(new.code)
        elif result != old:
            report.updated.append(new.code)
        else:
            report.unchanged.append(new.code)
    report.wards = list(merged.values())
    return report


def _offices(path: Path, problems: list[str]) -> set[str]:
    try:
        offices, _contact = parse_offices(read_yaml(path))
    except (OSError, TypeError, ValidationError, ValueError) as exc:
        problems.append(f"{path.name}: không đọc được: {exc}")
        return set()
    return set(offices)


def _cited_resolutions(proc_dir: Path) -> dict[str, str]:
    """HĐND resolution numbers cited by the curated procedures -> the first file citing it."""
    cited: dict[str, str] = {}
    for path in sorted(proc_dir.glob("*.yaml")):
        for number in HDND_NUMBER.findall(path.read_text(encoding="utf-8")):
            cited.setdefault(number, path.name)
    return cited


def validate_localities(folder: Path, data_dir: Path) -> list[str]:
    """Every problem in ``folder`` (province.yaml, wards.csv) and in how ``data_dir``'s
    programmes, offices and procedures refer to it; empty means OK."""
    from knowledge.localities import PROVINCE_FILE, parse_province
    from knowledge.programmes import load_programmes

    problems: list[str] = []
    try:
        province = parse_province(read_yaml(folder / PROVINCE_FILE))
    except (OSError, TypeError, ValidationError, ValueError) as exc:
        return [f"{PROVINCE_FILE}: không đọc được: {exc}"]
    try:
        result = read_wards(folder / province.wards_file)
    except (OSError, UnicodeError, ValueError) as exc:
        return [f"{province.wards_file}: không đọc được: {exc}"]
    problems += [f"{province.wards_file}: {p.text()}" for p in result.problems]
    wards = {w.code: w for w in result.wards}
    problems += [
        f"{province.wards_file}: {c}: thiếu nguồn (cột source)"
        for c in wards
        if not wards[c].source
    ]

    known = _offices(data_dir / "offices.yaml", problems)
    for oid in {province.service_centre, *province.offices} - {""} - known:
        problems.append(f"{PROVINCE_FILE}: cơ quan {oid!r} không có trong offices.yaml")

    listed = {r.number.removeprefix("Nghị quyết ").strip() for r in province.fee_resolutions}
    for number, fname in _cited_resolutions(data_dir / "procedures").items():
        if number not in listed:
            problems.append(
                f"{PROVINCE_FILE}: Nghị quyết {number} (dẫn ở {fname}) chưa có ở fee_resolutions"
            )

    try:
        book = load_programmes(data_dir / "programmes.yaml")
    except (OSError, TypeError, ValidationError, ValueError) as exc:
        return [*problems, f"programmes.yaml: không đọc được: {exc}"]
    for p in book.programmes:
        if not p.ward:
            continue
        ward = wards.get(p.ward)
        if ward is None:
            problems.append(f"programmes.yaml: {p.id}: không có xã/phường mã {p.ward}")
        elif p.unit and p.unit.lower() != ward.display.lower():
            problems.append(
                f"programmes.yaml: {p.id}: unit {p.unit!r} khác tên của {p.ward} ({ward.display})"
            )
    return problems
