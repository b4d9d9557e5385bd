"""The ward CSV (``wards.csv`` and ``tthc-bot localities import FILE.csv``): read, check, write.

One row per ward, columns in ``knowledge/data/localities/README.md``. A row with a ward's
code and only ``office_*`` columns adds another office (a reception point) to the ward
above it. Every bad row is reported with its line and why, and skipped; the good rows stand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from knowledge.locality_types import UNIT_PATTERN, FormerUnit, Ward, WardOffice
from knowledge.normalize import fold

COLUMNS = (
    "code", "name", "type", "former_units", "office_name", "office_address", "office_phone",
    "office_hours", "office_map_url", "receipt_units", "verify", "source",
)  # fmt: skip
REQUIRED = ("code", "name", "type")
OFFICE_FIELDS = ("name", "address", "phone", "hours", "map_url")
TYPES = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu"}
FORMER_TYPES = ("xa ", "phuong ", "thi tran ", "dac khu ")
REASONS = {
    "bad_code": "mã xã/phường phải gồm 5 chữ số (danh mục QĐ 19/2025/QĐ-TTg)",
    "no_name": "thiếu tên xã/phường",
    "bad_type": "loại phải là xã, phường hoặc đặc khu",
    "duplicate_code": "mã đã có ở một dòng trên",
    "office_before_ward": "dòng văn phòng phụ phải đứng sau dòng của xã/phường đó",
    "bad_former": "đơn vị cũ phải có dạng 'Xã Mỹ Tân (TP Cao Lãnh)', cách nhau bằng dấu ;",
    "bad_phone": "số điện thoại phải có ít nhất 8 chữ số (chỉ số, dấu cách, chấm, gạch, +)",
    "bad_url": "đường dẫn bản đồ phải bắt đầu bằng https://",
    "bad_unit": "mã đơn vị trên mã biên nhận phải có dạng 000.00.14.H20",
    "duplicate_unit": "mã đơn vị trên mã biên nhận đã thuộc một xã/phường khác",
    "too_long": "ô quá dài (tối đa 300 ký tự, cột former_units 2000)",
    "invalid": "dữ liệu không hợp lệ",
}
LONGEST = {"former_units": 2000}  # characters in a cell; other columns: 300
_FORMER = re.compile(
    r"^(?P<name>[^()\[\]]+?)\s*(?:\((?P<where>[^()]*)\))?\s*(?P<notes>(\[[^\]]*\]\s*)*)$"
)
_NOTE = re.compile(r"\[([^\]]*)\]")
_UNTIL = re.compile(r"^đến (\d{1,2})/(\d{1,2})/(\d{4})$")
_PHONE = re.compile(r"^[0-9+().\- ]+$")
_UNIT = re.compile(UNIT_PATTERN)


class RowError(ValueError):
    """A row that cannot be accepted; ``reason`` is a key of ``REASONS``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Problem:
    """One rejected row: its line in the file, the code as written, why."""

    line: int
    code: str
    reason: str
    detail: str = ""

    def text(self) -> str:
        """One line of the report, in Vietnamese (staff read it)."""
        extra = f" [{self.detail}]" if self.detail else ""
        return f"dòng {self.line}: bỏ qua {self.code or '(trống)'}: {REASONS[self.reason]}{extra}"


@dataclass
class ReadResult:
    """The wards of a file, in file order, and the rows that were skipped."""

    wards: list[Ward] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


def parse_former(cell: str) -> tuple[FormerUnit, ...]:
    """ "Phường 3 (TP Cao Lãnh); Xã Long Hưng (huyện Châu Thành, Tiền Giang) [một phần]"."""
    out = []
    for item in (x.strip() for x in cell.split(";")):
        if not item:
            continue
        m = _FORMER.match(item)
        if m is None or not fold(m["name"]).startswith(FORMER_TYPES):
            raise RowError("bad_former", item[:60])
        where = [w.strip() for w in (m["where"] or "").split(",") if w.strip()]
        part, until = "", None
        for note in _NOTE.findall(m["notes"] or ""):
            note = note.strip()
            found = _UNTIL.match(note)
            if found:
                until = dt.date(int(found[3]), int(found[2]), int(found[1]))
            elif note in ("một phần", "phần còn lại"):
                part = note
            else:
                raise RowError("bad_former", item[:60])
        out.append(
            FormerUnit(
                name=m["name"].strip(),
                district=where[0] if where else "",
                province=", ".join(where[1:]),
                part=part,
                until=until,
            )
        )
    return tuple(out)


def former_cell(units: Iterable[FormerUnit]) -> str:
    """The ``former_units`` cell for these units (inverse of ``parse_former``)."""
    items = []
    for u in units:
        notes = f" [{u.part}]" if u.part else ""
        if u.until:
            notes += f" [đến {u.until.strftime('%d/%m/%Y')}]"
        items.append(u.label + notes)
    return "; ".join(items)


def _code(raw: str) -> str:
    digits = raw.strip()
    if not digits.isdigit() or len(digits) > 5:
        raise RowError("bad_code", raw[:20])
    return digits.zfill(5)  # spreadsheets drop the leading zeros of "00004"


def _office(row: dict[str, str], ward_code: str, n: int) -> WardOffice:
    phone = row.get("office_phone", "")
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 8):
        raise RowError("bad_phone", phone[:30])
    url = row.get("office_map_url", "")
    if url and not url.startswith("https://"):
        raise RowError("bad_url", url[:60])
    units = [u.upper() for u in re.split(r"[;,\s]+", row.get("receipt_units", "")) if u]
    bad = [u for u in units if not _UNIT.match(u)]
    if bad:
        raise RowError("bad_unit", bad[0][:30])
    values: dict[str, Any] = {k: row.get(f"office_{k}", "") for k in OFFICE_FIELDS}
    oid = ward_code if n == 1 else f"{ward_code}-{n}"
    return WardOffice(id=oid, receipt_units=tuple(dict.fromkeys(units)), **values)


def _ward(row: dict[str, str], code: str) -> Ward:
    name = row.get("name", "")
    if not name:
        raise RowError("no_name")
    kind = TYPES.get(fold(row.get("type", "")))
    if kind is None:
        raise RowError("bad_type", row.get("type", "")[:20])
    if not fold(name).startswith(fold(kind) + " "):
        name = f"{kind.capitalize()} {name}"  # "Cao Lãnh" typed without its type word
    try:
        return Ward(
            code=code,
            name=name,
            type=kind,  # type: ignore[arg-type]
            former=parse_former(row.get("former_units", "")),
            offices=(_office(row, code, 1),),
            verify=row.get("verify", ""),
            source=row.get("source", ""),
        )
    except ValidationError as exc:
        raise RowError("invalid", str(exc.errors()[0].get("msg", ""))[:80]) from exc


def _has_office(row: dict[str, str]) -> bool:
    return any(row.get(f"office_{k}") for k in OFFICE_FIELDS) or bool(row.get("receipt_units"))


def read_rows(reader: csv.DictReader) -> ReadResult:
    """Wards from parsed CSV rows; each bad row becomes a ``Problem`` (see module doc)."""
    result = ReadResult()
    by_code: dict[str, Ward] = {}
    units: dict[str, str] = {}
    for raw in reader:
        result.rows += 1
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        line = reader.line_num
        try:
            if long := [k for k, v in row.items() if len(v) > LONGEST.get(k, 300)]:
                raise RowError("too_long", long[0])
            code = _code(row.get("code", ""))
            extra = code in by_code and not row.get("name") and not row.get("type")
            if not extra and code in by_code:
                raise RowError("duplicate_code", code)
            if not row.get("name") and not row.get("type") and _has_office(row):
                if not extra:
                    raise RowError("office_before_ward", code)
                ward = by_code[code]
                office = _office(row, code, len(ward.offices) + 1)
                ward = ward.model_copy(update={"offices": (*ward.offices, office)})
            else:
                ward = _ward(row, code)
                office = ward.office
            taken = [u for u in office.receipt_units if units.get(u, code) != code]
            if taken:
                raise RowError("duplicate_unit", taken[0])
        except RowError as exc:
            result.problems.append(Problem(line, row.get("code", "")[:20], exc.reason, exc.detail))
            continue
        units.update(dict.fromkeys(office.receipt_units, code))
        by_code[code] = ward
    result.wards = list(by_code.values())
    return result


def open_csv(path: Path) -> io.TextIOWrapper:
    """UTF-8 with or without BOM (Excel writes one); raises ``OSError``/``UnicodeError``."""
    return io.TextIOWrapper(path.open("rb"), encoding="utf-8-sig", newline="")


def check_header(fieldnames: Sequence[str] | None) -> list[str]:
    """The required columns missing from a header (empty when it is usable)."""
    header = [h.strip() for h in (fieldnames or [])]
    return [c for c in REQUIRED if c not in header]


def read_wards(path: Path) -> ReadResult:
    """Read one ward CSV file; raises ``OSError``, ``UnicodeError`` or ``ValueError`` (a
    header without the required columns)."""
    with open_csv(path) as fh:
        reader = csv.DictReader(fh)
        missing = check_header(reader.fieldnames)
        if missing:
            raise ValueError(f"thiếu cột: {', '.join(missing)} (cần: {', '.join(COLUMNS)})")
        return read_rows(reader)


def ward_rows(ward: Ward) -> list[dict[str, Any]]:
    """The CSV rows of one ward: the ward with its main office, then one row per extra office."""
    rows = []
    for n, office in enumerate(ward.offices):
        row: dict[str, Any] = {f"office_{k}": getattr(office, k) for k in OFFICE_FIELDS}
        row["receipt_units"] = "; ".join(office.receipt_units)
        row["code"] = ward.code
        if n == 0:
            row.update(name=ward.name, type=ward.type, former_units=former_cell(ward.former))
            row.update(verify=ward.verify, source=ward.source)
        rows.append(row)
    return rows


def write_wards(path: Path, wards: Iterable[Ward]) -> None:
    """Write the wards in the shipped format (UTF-8, no BOM, ``\\n`` line ends)."""
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for ward in wards:
            writer.writerows(ward_rows(ward))
    tmp.replace(path)  # a crash mid-write never leaves half a file for the bot to read
