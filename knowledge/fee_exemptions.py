"""Fee exemptions set by law that the portal's fee column does not show.

``knowledge/data/fee_exemptions.yaml`` lists, per procedure code, the cases in which the law
says no fee is paid (a first identity card, a renewal at 25, 40 or 60, the groups a circular
exempts), each with the article it comes from. The card's fee line says such cases exist and
"Chi tiết lệ phí" lists them, so a citizen who owes nothing is not told only the full rate.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "fee_exemptions.yaml"


@dataclass(frozen=True)
class Exemption:
    """One case in which no fee is paid, in the citizen's words, and its legal basis."""

    id: str
    codes: tuple[str, ...]
    vi: str
    en: str
    basis: str
    source: str
    verified_on: dt.date

    def text(self, locale: str) -> str:
        """The case in ``locale`` (Vietnamese when there is no English) with its basis."""
        words = self.en if locale == "en" and self.en else self.vi
        return f"{' '.join(words.split()).rstrip('.')} ({self.basis})."


def read(path: Path = DATA) -> list[Exemption]:
    """Every entry of the file, in file order (a missing key fails loudly: reviewed data)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for row in raw.get("exemptions") or []:
        out.append(
            Exemption(
                id=str(row["id"]),
                codes=tuple(str(c) for c in row["codes"]),
                vi=str(row["vi"]),
                en=str(row.get("en") or ""),
                basis=str(row["basis"]),
                source=str(row["source"]),
                verified_on=row["verified_on"],
            )
        )
    return out


def check(path: Path, known: set[str]) -> list[str]:
    """What ``kb validate`` reports about the file: unreadable, a missing key, an unknown
    procedure code, a basis without its article."""
    if not path.exists():
        return []
    try:
        entries = read(path)
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        return [f"{path.name}: không đọc được ({exc!r})"]
    out = []
    for entry in entries:
        out += [f"{path.name}: {entry.id}: mã {c} không có" for c in entry.codes if c not in known]
        if "Điều" not in entry.basis:
            out.append(f"{path.name}: {entry.id}: basis phải nêu điều luật")
    return out


@functools.cache
def _by_code() -> dict[str, tuple[Exemption, ...]]:
    table: dict[str, list[Exemption]] = {}
    for entry in read():
        for code in entry.codes:
            table.setdefault(code, []).append(entry)
    return {code: tuple(rows) for code, rows in table.items()}


def for_code(code: str) -> tuple[Exemption, ...]:
    """The exemptions that apply to the procedure ``code`` (empty when none is known)."""
    return _by_code().get(code, ())
