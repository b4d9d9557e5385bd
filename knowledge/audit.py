"""Fact audit of every card (``tthc-bot kb audit``): what a citizen would read, checked.

Each check looks at the facts a card or the walkthrough shows and names the procedures where
one of them is garbled, outdated or hidden:

- ``legal_garbled``: a legal basis number that is not a document number ("53/2025/TT-BC",
  "136/2025/NĐ-CPQUY") or a title that is a cut piece ("Angày 01/7...", "ĐỊNH VIỆC...",
  "Thông tư số");
- ``fragment_documents``: a document name that is debris of the table ("...: 0", ".", a row
  listed twice);
- ``file_name_forms``: a form shown as a file name ("1.MuCT01banhnhkm...doc");
- ``unitless_times``: a processing time that is a bare number, or working days the record
  never states;
- ``pre_reform_bodies``: a district-level body (gone since 1 July 2025) as where to file,
  neither mapped nor noted (``knowledge/data/reform_bodies.yaml``);
- ``expired_rates``: a fee whose own text says its period has ended;
- ``hidden_fields``: curated text a citizen needs (``local_notes``, ``documents[].note``...)
  that no template renders; which fields are rendered is measured by the caller (``bot``
  renders a probe procedure) and passed in, since ``knowledge`` cannot import the handlers.

The second-round checks (notes asked as papers, file names in paper names, mis-paired legal
titles, amount format, channels the steps name, repealed acts, a cut legal list) are in
``knowledge.audit_record``.

``knowledge/data/audit_exceptions.yaml`` lists reviewed exceptions (check, codes, one-line
reason); an excepted finding is reported apart and does not fail the audit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.audit_checks import Finding, audit_procedure
from knowledge.audit_record import card_findings, record_findings
from knowledge.offices import read_yaml
from knowledge.portal_reform import load_table
from knowledge.portal_stale import load_stale
from knowledge.schema import Procedure

CHECKS = (
    "legal_garbled",
    "fragment_documents",
    "file_name_forms",
    "unitless_times",
    "pre_reform_bodies",
    "expired_rates",
    "hidden_fields",
    # second round (knowledge.audit_record)
    "note_documents",
    "file_name_documents",
    "legal_mispaired",
    "amount_format",
    "fee_contradiction",
    "missing_channels",
    "superseded_law",
    "legal_cut",
    "card_open_parenthesis",
)
EXCEPTIONS_PATH = Path(__file__).resolve().parent / "data" / "audit_exceptions.yaml"
# Curated text a citizen needs; provenance (source, fees[].basis, verified_on) is for
# reviewers and may stay off the card.
NOTE_FIELDS = (
    "summary",
    "local_notes",
    "online.note",  # shown when online filing is available
    "online.note.unavailable",  # the same note when it is not ("phải đến trực tiếp...")
    "documents.note",
    "documents.how_to_get",
)


@dataclass
class Exception_:
    """A reviewed exception: findings of ``check`` on ``codes`` ("*" = any), for ``field``."""

    check: str
    codes: frozenset[str]
    reason: str
    field: str = ""  # hidden_fields only: which note field; "" = any
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        return (
            self.check == finding.check
            and (finding.code in self.codes or "*" in self.codes)
            and (not self.field or self.field == finding.field)
        )


@dataclass
class AuditReport:
    """Findings per check, split into curated entries, commune-level cards and the rest."""

    findings: list[Finding] = field(default_factory=list)
    excepted: list[tuple[Finding, str]] = field(default_factory=list)
    unused_exceptions: list[Exception_] = field(default_factory=list)
    curated: set[str] = field(default_factory=set)
    commune: set[str] = field(default_factory=set)
    total: int = 0

    def codes(self, check: str, scope: str = "all") -> list[str]:
        """Offending codes of ``check`` in ``scope`` ("all", "curated", "commune")."""
        pick = {"all": None, "curated": self.curated, "commune": self.commune}[scope]
        found = {f.code for f in self.findings if f.check == check}
        return sorted(found if pick is None else found & pick)

    def counts(self, scope: str = "all") -> dict[str, int]:
        return {check: len(self.codes(check, scope)) for check in CHECKS}

    @property
    def curated_failed(self) -> bool:
        return any(self.codes(check, "curated") for check in CHECKS)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``kb audit --json``."""
        return {
            "cards": self.total,
            "curated": len(self.curated),
            "commune": len(self.commune),
            "checks": {
                check: {
                    "all": len(self.codes(check)),
                    "curated": self.codes(check, "curated"),
                    "commune": self.codes(check, "commune"),
                    "codes": self.codes(check),
                }
                for check in CHECKS
            },
            "excepted": [
                {"check": f.check, "code": f.code, "detail": f.detail, "reason": reason}
                for f, reason in self.excepted
            ],
            "unused_exceptions": [
                {"check": e.check, "codes": sorted(e.codes), "field": e.field, "reason": e.reason}
                for e in self.unused_exceptions
            ],
            "failed": self.curated_failed,
        }


# ------------------------------------------------------------------ whole audit
def load_exceptions(path: Path = EXCEPTIONS_PATH) -> list[Exception_]:
    """The reviewed exception list (empty when the file is missing)."""
    if not Path(path).exists():
        return []
    rows = (read_yaml(Path(path)) or {}).get("exceptions") or []
    return [
        Exception_(
            str(r["check"]),
            frozenset(str(c) for c in r.get("codes") or ()),
            str(r["reason"]),
            str(r.get("field") or ""),
        )
        for r in rows
    ]


def _excepted(finding: Finding, exceptions: list[Exception_]) -> str | None:
    for exc in exceptions:
        if exc.covers(finding):
            exc.used += 1
            return exc.reason
    return None


def audit(
    procs: Iterable[Procedure],
    *,
    today: dt.date | None = None,
    rendered: set[str] | None = None,
    exceptions: list[Exception_] | None = None,
    legal_view: tuple[int, bool] | None = None,
    cards: dict[str, str] | None = None,
) -> AuditReport:
    """Audit every card; ``exceptions`` default to the shipped reviewed list.

    ``legal_view`` is what the legal-basis reply shows (at most that many documents, and
    whether it says how many more there are), measured by the caller on the templates;
    ``cards`` the first reply of each card as the bot sends it (code → text), when rendered.
    """
    day = today or dt.date.today()
    excs = load_exceptions() if exceptions is None else exceptions
    reform = load_table()
    stale = load_stale()
    report = AuditReport()
    for proc in procs:
        report.total += 1
        if proc.curated:
            report.curated.add(proc.code)
        if "Cấp xã" in proc.levels:
            report.commune.add(proc.code)
        found = audit_procedure(proc, today=day, rendered=rendered, reform=reform)
        found += record_findings(proc, stale, legal_view)
        if cards and proc.code in cards:
            found += card_findings(proc.code, cards[proc.code])
        for finding in found:
            reason = _excepted(finding, excs)
            if reason:
                report.excepted.append((finding, reason))
            else:
                report.findings.append(finding)
    # An exception nothing needs any more (the field is now rendered, the record fixed) should
    # be deleted: reported so the list stays honest.
    report.unused_exceptions = [e for e in excs if not e.used]
    return report
