"""Localities as data: the province, its communes/wards, their former units and offices.

Since 1 July 2025 there is no district level: a province runs one deployment for all its
communes and wards (``xã``, ``phường``, ``đặc khu``). ``knowledge/data/localities/`` holds
``province.yaml`` (province-wide facts: the arrangement resolutions, HĐND fee resolutions,
the provincial service centre) and ``wards.csv`` (one row per ward with its official code,
the units merged into it and its one-stop office; format in that folder's README).

Addresses, phone numbers and hours are local facts only local staff can confirm: they stay
empty until filled in, and the bot says so (``WardOffice.missing``). Nothing here invents one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.locality_csv import read_wards
from knowledge.locality_names import Found, NameIndex
from knowledge.locality_types import (
    CODE_PATTERN,
    UNIT_PATTERN,
    FormerUnit,
    LegalRef,
    Province,
    Ward,
    WardOffice,
)
from knowledge.offices import read_yaml

__all__ = [
    "CODE_PATTERN", "UNIT_PATTERN", "FormerUnit", "LegalRef", "Localities", "Province", "Ward",
    "WardOffice", "clear_cache", "load_localities", "parse_province",
]  # fmt: skip

LOCALITIES_DIR = Path(__file__).resolve().parent / "data" / "localities"
PROVINCE_FILE = "province.yaml"


@dataclass
class Localities:
    """The province and its wards, with lookups by code, receipt unit and typed name."""

    province: Province
    wards: dict[str, Ward]
    problems: list[str] = field(default_factory=list)  # rows the loader skipped
    _by_unit: dict[str, tuple[Ward, WardOffice]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for ward in self.wards.values():
            for office in ward.offices:
                for unit in office.receipt_units:
                    self._by_unit.setdefault(unit, (ward, office))

    def get(self, code: str | None) -> Ward | None:
        """The ward with this official code (``None`` for an unknown or empty code)."""
        return self.wards.get((code or "").strip())

    def office_of_receipt(self, receipt_code: str) -> tuple[Ward, WardOffice] | None:
        """The ward and office whose unit prefix starts this receipt code, if data maps it
        (``000.00.14.H20-200703-0002`` -> the office listing ``000.00.14.H20``)."""
        unit = receipt_code.strip().upper().split("-", 1)[0]
        return self._by_unit.get(unit)

    def office(self, ward_code: str | None, office_id: str = "") -> WardOffice | None:
        """One office of a ward (its main one when ``office_id`` is empty or unknown)."""
        ward = self.get(ward_code)
        if ward is None:
            return None
        return next((o for o in ward.offices if o.id == office_id), ward.office)

    def find(self, text: str) -> Found:
        """What a typed answer to "Anh/chị ở xã/phường nào?" names (``locality_names``)."""
        return self.names.find(text)

    @functools.cached_property
    def names(self) -> NameIndex:
        """The name index (built on first use: the CLI and tools that only list skip it)."""
        return NameIndex(list(self.wards.values()))


def parse_province(raw: Any) -> Province:
    """Validate ``province.yaml``; raises ``TypeError`` or ``pydantic.ValidationError``."""
    if not isinstance(raw, dict):
        raise TypeError("province.yaml: expected a mapping (code, name, short_name, ...)")
    return Province(**raw)


def load_localities(data_dir: Path | None = None, *, strict: bool = False) -> Localities:
    """Read the province and its wards (cached per folder). A bad ward row is skipped and
    listed in ``problems`` (``strict``: raises ``ValueError``), so one typo cannot keep the
    bot from starting; ``tthc-bot localities validate`` and the tests report it."""
    return _load(Path(data_dir or LOCALITIES_DIR).resolve(), strict)


def clear_cache() -> None:
    """Forget loaded localities (after ``localities import`` in the same process, tests)."""
    _load.cache_clear()


@functools.lru_cache(maxsize=8)
def _load(folder: Path, strict: bool) -> Localities:
    province = parse_province(read_yaml(folder / PROVINCE_FILE))
    result = read_wards(folder / province.wards_file)
    problems = [f"{province.wards_file}: {p.text()}" for p in result.problems]
    if strict and problems:
        raise ValueError("; ".join(problems))
    return Localities(province, {w.code: w for w in result.wards}, problems)
