"""``tthc-bot dossiers import FILE.csv``: validate, upsert in batches, report rejected rows.

Columns (DESIGN section 7, header row, extra columns ignored):
``code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,office``,
plus an optional ``ward`` (the official code or the unambiguous name of the ward whose
one-stop shop handles the dossier). Without it the ward comes from the receipt code's unit
prefix when the ward data maps it (``knowledge/data/localities``), else stays unknown.
A bad row (bad code, unknown status, bad date, bad phone) is reported with its line number and
skipped; it never stops the good rows. Re-importing the same file changes nothing; a row whose
status differs records the change in the history and notifies the dossier's subscribers.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from handlers.status.dossier import DossierError, DossierInput, build_input
from handlers.status.views import notify_changes

COLUMNS = (
    "code",
    "procedure_code",
    "procedure_name",
    "applicant_name",
    "phone",
    "received_at",
    "due_at",
    "status",
    "office",
)
REQUIRED = ("code", "status", "phone")
CHUNK = 5000  # rows per transaction: bounded memory, and progress that moves
REASONS_VI = {
    "bad_code": "mã hồ sơ không đúng dạng <mã đơn vị>-<YYMMDD>-<NNNN>",
    "unknown_status": "tình trạng không thuộc danh sách",
    "bad_date": "ngày không đúng dạng YYYY-MM-DD hoặc DD/MM/YYYY",
    "bad_phone": "số điện thoại không hợp lệ",
    "unknown_ward": "không có xã/phường này trong dữ liệu của tỉnh (cột ward: mã 5 số hoặc tên)",
    "other_ward": "hồ sơ của xã/phường khác: tài khoản này chỉ nhập hồ sơ của xã/phường mình",
}


@dataclass
class Rejected:
    """A skipped row: its line in the file, the raw code and why."""

    line: int
    code: str
    reason: str
    detail: str = ""


@dataclass
class ImportReport:
    """What an import did."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    status_changed: int = 0
    unchanged: int = 0
    notifications: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.rows} dòng: {self.created} hồ sơ mới, {self.updated} cập nhật "
            f"({self.status_changed} đổi tình trạng), {self.unchanged} không đổi, "
            f"{len(self.rejected)} bị từ chối, {self.notifications} thông báo; "
            f"{self.seconds:.1f} giây"
        )


class Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal or forced)."""

    def __init__(self, total: int, stream: TextIO | None = None, force: bool = False) -> None:
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = force or (self.stream.isatty() and total >= CHUNK)
        self.started = time.perf_counter()

    def update(self, done: int) -> None:
        """Redraw the bar at ``done`` rows."""
        if not self.enabled:
            return
        frac = min(done / self.total, 1.0)
        bar = "#" * int(frac * 30)
        rate = done / max(time.perf_counter() - self.started, 1e-6)
        self.stream.write(f"\r[{bar:<30}] {done}/{self.total} dòng ({rate:,.0f} dòng/giây)")
        self.stream.flush()

    def close(self) -> None:
        """Finish the line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _open(path: Path) -> TextIO:
    """UTF-8 with or without BOM (Excel writes one)."""
    return io.TextIOWrapper(path.open("rb"), encoding="utf-8-sig", newline="")


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1, 0)


def ward_of(places: Any, value: str, code: str) -> str | None:
    """The ward code of a dossier: the ``ward`` column (a code or an unambiguous name; an
    unknown one raises ``DossierError``), else the ward whose office issues the receipt
    code's unit prefix, else None."""
    if places is None:
        return None
    if value.strip():
        found = places.find(value)
        if found.ward is None:
            raise DossierError("unknown_ward", value[:40])
        return str(found.ward.code)
    mapped = places.office_of_receipt(code)
    return str(mapped[0].code) if mapped else None


def parse_rows(
    reader: csv.DictReader,
    key: str,
    report: ImportReport,
    places: Any = None,
    only: str | None = None,
) -> Iterator[tuple[int, DossierInput]]:
    """(line, validated input) of the CSV rows, with their ward; rejected rows go to ``report``.
    ``only``: an officer's ward (a row of no ward is filed there, another ward's rejected)."""
    for row in reader:
        report.rows += 1
        line = reader.line_num
        try:
            inp = build_input({k: (v or "") for k, v in row.items() if k}, key)
            inp.ward_code = ward_of(places, row.get("ward") or "", inp.code) or only
            if only is not None and inp.ward_code != only:
                raise DossierError("other_ward", inp.ward_code or "")
            yield line, inp
        except DossierError as exc:
            report.rejected.append(
                Rejected(line, (row.get("code") or "")[:40], exc.reason, str(exc))
            )


async def import_csv(
    app: Any, path: Path, progress: Progress | None = None, ward: str | None = None
) -> ImportReport:
    """Import one CSV file into the app's database; see the module docstring. ``ward``: an
    officer's import, which files and changes that ward's dossiers only."""
    started = time.perf_counter()
    report = ImportReport()
    key = app.settings.phone_hash_key
    progress = progress or Progress(_count_lines(path))
    with _open(path) as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ValueError(f"thiếu cột: {', '.join(missing)} (cần: {', '.join(COLUMNS)})")
        reader.fieldnames = header
        batch: list[tuple[int, DossierInput]] = []
        for line, inp in parse_rows(reader, key, report, app.services.localities, ward):
            batch.append((line, inp))
            if len(batch) >= CHUNK:
                await _flush(app, batch, report, ward)
                progress.update(report.rows)
                batch = []
        if batch:
            await _flush(app, batch, report, ward)
    progress.update(report.rows)
    progress.close()
    report.seconds = time.perf_counter() - started
    return report


async def _flush(
    app: Any, rows: list[tuple[int, DossierInput]], report: ImportReport, ward: str | None = None
) -> None:
    now = app.services.clock.now()
    async with app.uow() as uow:
        batch = [inp for _line, inp in rows]
        if ward is not None:  # an officer never changes another ward's (or no ward's) dossier
            known = await uow.repos.dossiers.wards_of(batch_codes := [i.code for i in batch])
            theirs = {c for c in batch_codes if c in known and known[c] != ward}
            for line, inp in rows:
                if inp.code in theirs:
                    report.rejected.append(Rejected(line, inp.code, "other_ward", ""))
            batch = [inp for inp in batch if inp.code not in theirs]
        changes = await uow.repos.dossiers.upsert_many(batch, now)
        report.notifications += await notify_changes(uow.repos, changes, now)
        await uow.commit()
    for change in changes:
        if change.created:
            report.created += 1
        elif change.changed:
            report.updated += 1
            report.status_changed += int(change.status_changed)
        else:
            report.unchanged += 1


def print_report(report: ImportReport, out: TextIO, limit: int = 200) -> None:
    """The per-row list of rejected rows, then the summary line."""
    for rej in report.rejected[:limit]:
        reason = REASONS_VI.get(rej.reason, rej.reason)
        out.write(f"dòng {rej.line}: bỏ qua {rej.code or '(trống)'}: {reason} [{rej.detail}]\n")
    if len(report.rejected) > limit:
        out.write(f"... và {len(report.rejected) - limit} dòng bị từ chối khác\n")
    out.write(report.summary() + "\n")
