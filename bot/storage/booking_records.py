"""Booking codes and the plain record flows and staff tools get (no ORM object leaves storage)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from bot.storage.models import Booking

# no 0/O, 1/I/L: codes are read aloud over the phone and typed from paper
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "LH-"


def new_code() -> str:
    """A short random booking code such as ``LH-7K3Q``."""
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))


def normalize_code(text: str) -> str:
    """What a citizen typed ("lh 7k3q", "LH7K3Q") -> ``LH-7K3Q``; '' when not a code."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    if compact.startswith("LH"):
        compact = compact[2:]
    if len(compact) != 4 or any(ch not in CODE_ALPHABET for ch in compact):
        return ""
    return CODE_PREFIX + compact


@dataclass(frozen=True)
class BookingRecord:
    """A booking as flows and staff tools see it (no ORM object leaves this module)."""

    code: str
    programme_id: str
    slot_date: dt.date
    slot_start: str
    channel: str
    chat_id: str
    full_name: str
    phone: str
    address: str | None
    need: str | None
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    ward_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for the staff CLI and API."""
        return {
            "code": self.code,
            "programme_id": self.programme_id,
            "date": self.slot_date.isoformat(),
            "start": self.slot_start,
            "full_name": self.full_name,
            "phone": self.phone,
            "address": self.address or "",
            "need": self.need or "",
            "status": self.status,
            "channel": self.channel,
            "created_at": self.created_at.isoformat(),
            "ward": self.ward_code or "",
        }


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def record_of(row: Booking) -> BookingRecord:
    return BookingRecord(
        code=row.code,
        programme_id=row.programme_id,
        slot_date=row.slot_date,
        slot_start=row.slot_start,
        channel=row.channel,
        chat_id=row.chat_id,
        full_name=row.full_name,
        phone=row.phone,
        address=row.address,
        need=row.need,
        status=row.status,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        ward_code=row.ward_code,
    )
