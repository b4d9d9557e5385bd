"""Bodies that no longer exist since the 1 July 2025 reform (no district level).

The national portal still names "Công an huyện" or "Bảo hiểm xã hội cấp huyện" as the place
to file for some procedures. ``knowledge/data/reform_bodies.yaml`` is a small reviewed table:
where a law text says which body handles it now, the old name is replaced by that body;
otherwise the old name stays and a visible note says the portal text predates the reform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.offices import read_yaml

TABLE_PATH = Path(__file__).resolve().parent / "data" / "reform_bodies.yaml"
# A district-level body in an authority text ("cấp huyện", "Công an huyện", "quận"...).
DISTRICT_BODY = re.compile(r"(?<!\w)(?:cấp huyện|huyện|quận|thị xã)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    """One row of the table."""

    match: str
    codes: tuple[str, ...] = ()
    today: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class ReformTable:
    """The reviewed table: rows, the note for unmapped names, the note for mapped ones."""

    bodies: tuple[Body, ...] = ()
    note: str = ""
    mapped_note: str = "{old}"
    notes: frozenset[str] = field(default_factory=frozenset)


def load_table(path: Path = TABLE_PATH) -> ReformTable:
    """Read the reform table (an empty table when the file is missing)."""
    if not Path(path).exists():
        return ReformTable()
    raw = read_yaml(Path(path)) or {}
    bodies = tuple(
        Body(
            match=str(row["match"]),
            codes=tuple(str(c) for c in row.get("codes") or ()),
            today=row.get("today"),
            basis=row.get("basis"),
        )
        for row in raw.get("bodies") or ()
    )
    note = str(raw.get("note") or "")
    return ReformTable(bodies, note, str(raw.get("mapped_note") or "{old}"), frozenset({note}))


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def apply_reform(text: str | None, code: str, table: ReformTable) -> tuple[str | None, bool]:
    """``text`` with pre-reform bodies mapped or noted; the flag says whether it changed."""
    if not text or not DISTRICT_BODY.search(text):
        return text, False
    out = text
    noted = False
    done: set[str] = set()
    for body in table.bodies:
        if (body.codes and code not in body.codes) or body.match.lower() in done:
            continue
        pattern = _pattern(body.match)
        found = pattern.search(out)
        if not found:
            continue
        done.add(body.match.lower())
        if body.today:
            old = found.group(0)
            label = f"{body.today} ({table.mapped_note.format(old=old)})"
            out = out[: found.start()] + label + out[found.end() :]
        else:
            noted = True
    if noted and table.note and table.note not in out:
        out = f"{out} ({table.note})"
    return out, out != text


def has_unhandled_body(text: str | None, table: ReformTable) -> bool:
    """True when ``text`` names a district-level body with neither a mapping nor the note."""
    if not text or not DISTRICT_BODY.search(text):
        return False
    if table.note and table.note in text:
        return False
    mapped = [b.today for b in table.bodies if b.today]
    rest = text
    for today in mapped:
        rest = rest.replace(today or "", "")
    rest = re.sub(r"\([^()]*\)", "", rest)  # the "(Cổng Dịch vụ công còn ghi ...)" remark
    return bool(DISTRICT_BODY.search(rest))
