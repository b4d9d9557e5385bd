"""Dossier domain without storage: status names, name masking, phone hashing, plain views.

Shared by the status flow, the CSV import, the staff API and the repository, so that every
door into the dossiers table validates and masks the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field

from handlers.privacy import mask_name as mask_name  # the applicant, masked like any name
from handlers.sanitize import fold

# Status names used by one-stop software (DESIGN section 6), keyed by a short slug
STATUSES: dict[str, str] = {
    "new": "Mới tiếp nhận",
    "processing": "Đang xử lý",
    "supplement": "Chờ bổ sung hồ sơ",
    "financial": "Chờ thực hiện nghĩa vụ tài chính",
    "stopped": "Dừng xử lý",
    "ready": "Đã có kết quả",
    "returned": "Đã trả kết quả",
    "cancelled": "Đã hủy",
}
# statuses after which the appointment date no longer matters
CLOSED = {"Đã có kết quả", "Đã trả kết quả", "Đã hủy", "Dừng xử lý"}
_CANONICAL = re.compile(
    r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-\d{4}"
)
_OFFICIAL = frozenset(STATUSES.values())
_BY_FOLD = {fold(name): name for name in STATUSES.values()}
_BY_FOLD.update({slug: name for slug, name in STATUSES.items()})
# old/new tone placement and common shortcuts staff type in spreadsheets
_BY_FOLD.update({"da huy": "Đã hủy", "moi": "Mới tiếp nhận", "cho bo sung": "Chờ bổ sung hồ sơ"})


def canonical_status(value: str | None) -> str | None:
    """The official status name for ``value`` (any case, with or without accents), or None."""
    if not value:
        return None
    if value in _OFFICIAL:  # the common case in exports: no folding needed
        return value
    key = " ".join(fold(value).replace("_", " ").split())
    return _BY_FOLD.get(key)


def status_slug(name: str) -> str:
    """Short slug of an official status name (used for text keys)."""
    for slug, official in STATUSES.items():
        if official == name:
            return slug
    return "processing"


def phone_digits(value: str | None) -> str:
    """A Vietnamese phone number as bare national digits ("+84 912..." -> "0912..."), or ""."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if len(digits) == 9 and not digits.startswith("0"):  # spreadsheets drop the leading 0
        digits = "0" + digits
    return digits if 10 <= len(digits) <= 11 and digits.startswith("0") else ""


def phone_hash(digits: str, key: str) -> str:
    """Keyed HMAC-SHA256 of normalised phone digits (hex); the number itself is never stored."""
    return hmac.new(key.encode("utf-8"), digits.encode("ascii"), hashlib.sha256).hexdigest()


def parse_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also ``D/M/YYYY``); raises ValueError if malformed."""
    text = (value or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    raise ValueError(f"bad date {text!r}")


@dataclass(frozen=True)
class DossierEventView:
    """One entry of a dossier's history."""

    id: int
    status: str
    note: str | None
    changed_at: dt.datetime


@dataclass(frozen=True)
class DossierView:
    """What the bot may show about a dossier (already masked), plus the verification data."""

    code: str
    procedure_code: str | None
    procedure_name: str
    applicant_masked: str
    phone_hash: str
    phone_last4: str
    received_at: dt.date | None
    due_at: dt.date | None
    status: str
    office: str
    note: str | None
    updated_at: dt.datetime | None = None
    history: tuple[DossierEventView, ...] = field(default_factory=tuple)

    def public(self) -> dict[str, object]:
        """JSON for the staff API: never the phone hash or digits."""
        return {
            "code": self.code,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "applicant": self.applicant_masked,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "status": self.status,
            "office": self.office,
            "note": self.note,
            "history": [
                {
                    "id": e.id,
                    "status": e.status,
                    "note": e.note,
                    "changed_at": e.changed_at.isoformat(),
                }
                for e in self.history
            ],
        }


@dataclass
class DossierInput:
    """A validated dossier record ready to upsert (from CSV, the staff API or the demo)."""

    code: str
    status: str
    procedure_code: str | None = None
    procedure_name: str = ""
    applicant_masked: str = ""
    phone_hash: str = ""
    phone_last4: str = ""
    received_at: dt.date | None = None
    due_at: dt.date | None = None
    office: str = ""
    note: str | None = None


class DossierError(ValueError):
    """A record that cannot be accepted; ``reason`` is a short machine-readable word."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def build_input(
    row: dict[str, str | None], key: str, *, require_phone: bool = True
) -> DossierInput:
    """Validate one raw record (CSV columns of DESIGN section 7) into a ``DossierInput``.

    Raises ``DossierError`` with reason ``bad_code``, ``unknown_status``, ``bad_date`` or
    ``bad_phone``. The full name and phone are reduced to a mask, a hash and 4 digits here.
    """
    from knowledge.receipts import find_receipt_code

    raw_code = (row.get("code") or "").strip()
    # exports from one-stop software are already canonical: skip the lenient parser then
    code = raw_code if _CANONICAL.fullmatch(raw_code) else None
    if code is None and raw_code:
        code = find_receipt_code(raw_code)
    if not code or len(code) > 64:
        raise DossierError("bad_code", raw_code[:40])
    status = canonical_status(row.get("status"))
    if status is None:
        raise DossierError("unknown_status", (row.get("status") or "")[:40])
    try:
        received = parse_date(row.get("received_at"))
        due = parse_date(row.get("due_at"))
    except ValueError as exc:
        raise DossierError("bad_date", str(exc)) from exc
    if received and due and due < received:
        raise DossierError("bad_date", "due_at before received_at")
    digits = phone_digits(row.get("phone"))
    if require_phone and not digits:
        raise DossierError("bad_phone")
    return DossierInput(
        code=code,
        status=status,
        procedure_code=(row.get("procedure_code") or "").strip() or None,
        procedure_name=(row.get("procedure_name") or "").strip(),
        applicant_masked=mask_name(row.get("applicant_name")),
        phone_hash=phone_hash(digits, key) if digits else "",
        phone_last4=digits[-4:] if digits else "",
        received_at=received,
        due_at=due,
        office=(row.get("office") or "").strip(),
    )
