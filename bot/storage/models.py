"""SQLAlchemy 2 models. The schema itself is created by Alembic migrations (``migrations/``);
these classes must stay in step with them (a test compares the two).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored in UTC and always read back time-zone aware.

    SQLite has no time zone type: SQLAlchemy would store a +07:00 time as its local wall
    clock and hand it back naive, shifting every comparison by seven hours.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """State of one chat: flow, step, small JSON data, optimistic ``version``."""

    __tablename__ = "conversations"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32), default="menu")
    step: Mapped[str] = mapped_column(String(48), default="idle")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_buttons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ProcessedUpdate(Base):
    """Webhook/polling updates already handled: redeliveries are dropped."""

    __tablename__ = "processed_updates"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    update_id: Mapped[str] = mapped_column(String(96), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Dossier(Base):
    """A filed dossier as the one-stop software knows it; no full name or phone stored."""

    __tablename__ = "dossiers"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    procedure_code: Mapped[str | None] = mapped_column(String(32))
    procedure_name: Mapped[str] = mapped_column(Text, default="")
    applicant_masked: Mapped[str] = mapped_column(String(128), default="")
    phone_hash: Mapped[str] = mapped_column(String(64), default="")
    phone_last4: Mapped[str] = mapped_column(String(4), default="")
    received_at: Mapped[dt.date | None] = mapped_column(Date)
    due_at: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(64))
    office: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # the ward (official code) whose one-stop shop handles it: staff see their ward's dossiers
    ward_code: Mapped[str | None] = mapped_column(String(16), index=True)


class DossierEvent(Base):
    """Status history of a dossier."""

    __tablename__ = "dossier_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_code: Mapped[str] = mapped_column(
        String(64), ForeignKey("dossiers.code", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Subscription(Base):
    """A chat that wants a message when a dossier's status changes."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("dossier_code", "channel", "chat_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Zalo OA only: the phone for ZNS notices, encrypted, given with consent (0002)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class LookupAttempt(Base):
    """Failed dossier verifications, per chat and per receipt code, for the lockouts."""

    __tablename__ = "lookup_attempts"
    __table_args__ = (
        Index("ix_lookup_attempts_chat", "channel", "chat_id", "at"),
        Index("ix_lookup_attempts_code", "dossier_code", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    dossier_code: Mapped[str | None] = mapped_column(String(64))


class SlotCounter(Base):
    """Seats taken in one slot of one programme; capacity enforced by a guarded UPDATE."""

    __tablename__ = "slot_counters"
    programme_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    slot_start: Mapped[str] = mapped_column(String(5), primary_key=True)  # "08:00"
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Booking(Base):
    """An appointment for in-person assistance."""

    __tablename__ = "bookings"
    __table_args__ = (Index("ix_bookings_slot", "programme_id", "slot_date", "slot_start"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    programme_id: Mapped[str] = mapped_column(String(64))
    slot_date: Mapped[dt.date] = mapped_column(Date)
    slot_start: Mapped[str] = mapped_column(String(5))
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(128))
    phone: Mapped[str] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(Text)
    need: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="booked")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ward_code: Mapped[str | None] = mapped_column(String(16), index=True)  # the programme's


class ChatProfile(Base):
    """What a chat told the bot that outlives one flow (conversation data does not): its
    ward. Keyed like ``conversations``; ``ward_source`` says how it was learnt."""

    __tablename__ = "chat_profiles"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ward_code: Mapped[str | None] = mapped_column(String(16), index=True)
    ward_source: Mapped[str] = mapped_column(String(16), default="")  # typed, button, link, skip
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Job(Base):
    """Background work (reminders, notifications): claimed once, even with several workers."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "status", "run_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    run_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class KeyValue(Base):
    """Small persistent settings, e.g. the Zalo OA refresh token (single-use, must survive)."""

    __tablename__ = "kv"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


# -- delivery (0002): durable inbox, per-chat claims, outbox, Zalo OA window -------------------


class InboxChat(Base):
    """One chat's queue head: sequence numbers handed out and done, and who holds it.

    ``last_seq`` is raised under this row's lock when an update is stored, so one chat's
    updates are numbered in commit order; a worker owning the chat (``owner`` until
    ``lease_until``) processes ``done_seq + 1`` next. ``pending_since`` is set while there is
    work: the claim query looks only at those rows.
    """

    __tablename__ = "inbox_chats"
    __table_args__ = (Index("ix_inbox_chats_pending", "pending_since"),)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    done_seq: Mapped[int] = mapped_column(Integer, default=0)
    pending_since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class InboxItem(Base):
    """An incoming update, stored before it is acknowledged (unique ``dedupe_key``)."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("channel", "chat_id", "seq"),
        Index("ix_inbox_status", "status", "received_at"),
        Index("ix_inbox_chat_next", "channel", "chat_id", "status", "sort_key"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    # the platform's order (Telegram update_id, Zalo's send time in ms), else arrival in ms
    sort_key: Mapped[int] = mapped_column(BigInteger)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class OutboxItem(Base):
    """A message to send, committed with the turn that produced it; sent after the commit."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_chat", "channel", "chat_id", "status", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inbox_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class ChatWindow(Base):
    """Zalo OA: when the citizen last wrote, and consultation messages sent since."""

    __tablename__ = "chat_windows"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_inbound_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_in_window: Mapped[int] = mapped_column(Integer, default=0)


class HeldNotice(Base):
    """A notification that could not be sent (outside the OA window, no ZNS): shown at the
    citizen's next message."""

    __tablename__ = "held_notices"
    __table_args__ = (Index("ix_held_notices_chat", "channel", "chat_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
