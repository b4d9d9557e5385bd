"""Handoff codes and the plain records flows, the staff API and the console get.

No ORM object leaves storage. ``to_dict`` is the JSON shape of the staff API (contract,
``bot.staff.handoffs_api``): it never holds the chat id, only the channel and the masked
name.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from bot.storage.models_handoff import Handoff, HandoffMessage

# no 0/O, 1/I/L: codes are read aloud over the phone and typed from a screen
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "HT-"
WAITING, OPEN, CLOSED = "waiting", "open", "closed"
STATUSES = (WAITING, OPEN, CLOSED)
LIVE, TICKET = "live", "ticket"


def new_code() -> str:
    """A short random handoff code such as ``HT-4K7Q``."""
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class ThreadMessage:
    """One message of a handoff thread."""

    id: int
    handoff_id: int
    sender: str  # citizen | staff | system
    staff: str | None
    text: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    staff_ref: str | None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "sender", "staff", "text", "at", "delivered_at"}`` (staff API)."""
        return {
            "id": self.id,
            "sender": self.sender,
            "staff": self.staff,
            "text": self.text,
            "at": _iso(self.created_at),
            "delivered_at": _iso(self.delivered_at),
        }


@dataclass(frozen=True)
class HandoffRecord:
    """A handoff as flows and staff tools see it."""

    id: int
    code: str
    channel: str
    chat_id: str
    status: str
    mode: str
    locale: str
    office_id: str
    citizen: str
    context: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime
    answer_by: dt.datetime | None
    first_reply_at: dt.datetime | None
    first_staff: str | None
    closed_at: dt.datetime | None
    closed_by: str | None
    staff_ref: str | None
    messages: list[ThreadMessage] = field(default_factory=list)
    ward_code: str | None = None  # the chat's ward when it asked; None: the admin's

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    def to_dict(self, with_thread: bool = False) -> dict[str, Any]:
        """The staff API's handoff object (see ``bot.staff.handoffs_api``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "status": self.status,
            "mode": self.mode,
            "channel": self.channel,
            "citizen": self.citizen,
            "locale": self.locale,
            "office": self.office_id,
            "ward": self.ward_code,
            "context": self.context,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "answer_by": _iso(self.answer_by),
            "first_reply_at": _iso(self.first_reply_at),
            "first_staff": self.first_staff,
            "closed_at": _iso(self.closed_at),
            "closed_by": self.closed_by,
        }
        if with_thread:
            out["messages"] = [m.to_dict() for m in self.messages]
        return out


def handoff_of(row: Handoff, messages: list[ThreadMessage] | None = None) -> HandoffRecord:
    return HandoffRecord(
        id=row.id,
        code=row.code,
        channel=row.channel,
        chat_id=row.chat_id,
        status=row.status,
        mode=row.mode,
        locale=row.locale,
        office_id=row.office_id,
        citizen=row.citizen,
        context=dict(row.context or {}),
        created_at=row.created_at,
        updated_at=row.updated_at,
        answer_by=row.answer_by,
        first_reply_at=row.first_reply_at,
        first_staff=row.first_staff,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        staff_ref=row.staff_ref,
        messages=messages or [],
        ward_code=row.ward_code,
    )


def message_of(row: HandoffMessage) -> ThreadMessage:
    return ThreadMessage(
        id=row.id,
        handoff_id=row.handoff_id,
        sender=row.sender,
        staff=row.staff,
        text=row.text,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        staff_ref=row.staff_ref,
    )
