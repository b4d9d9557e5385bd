"""Tables of the handoff to staff, feedback, satisfaction and the staff analytics (0004;
each row's ``ward_code``, the chat's ward when it was written, since 0006).

Kept beside ``bot.storage.models`` (same ``Base``): a citizen's chat appears here only as a
keyed hash (``chat_hash``), except on a handoff, whose replies must reach the chat; closed
handoffs, the question log and the votes are deleted after ``RETENTION_DAYS``
(``bot.retention``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, UTCDateTime


class Handoff(Base):
    """A citizen's conversation with staff: live in office hours, else a ticket.

    ``status``: ``waiting`` (no staff reply yet), ``open`` (a staff member answered),
    ``closed``. ``mode``: ``live`` (the chat talks to staff, the bot is silent) or
    ``ticket`` (answered later; the citizen goes on using the bot).
    """

    __tablename__ = "handoffs"
    __table_args__ = (
        Index("ix_handoffs_status", "status", "created_at"),
        Index("ix_handoffs_chat", "channel", "chat_id", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    mode: Mapped[str] = mapped_column(String(8), default="live")
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    office_id: Mapped[str] = mapped_column(String(64), default="")
    citizen: Mapped[str] = mapped_column(String(128), default="")  # masked name
    # what the staff see first: reason, procedure or dossier, the last questions (masked)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    answer_by: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # promised
    first_reply_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    first_staff: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(64))
    staff_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # staff group post
    # the chat's ward when it asked (0006): that ward's officers answer it; None: the admin
    ward_code: Mapped[str | None] = mapped_column(String(16), index=True)


class HandoffMessage(Base):
    """One message of a handoff's thread: from the citizen, a staff member or the bot."""

    __tablename__ = "handoff_messages"
    __table_args__ = (Index("ix_handoff_messages_thread", "handoff_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(Integer, ForeignKey("handoffs.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(8))  # citizen | staff | system
    staff: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # to the citizen
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    staff_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # its group copy


class Feedback(Base):
    """A 👍/👎 on a card or a checklist summary (one per chat and procedure: the latest)."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ux_feedback_vote", "chat_hash", "kind", "procedure_code", unique=True),
        Index("ix_feedback_at", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(16))
    chat_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # card | checklist
    procedure_code: Mapped[str] = mapped_column(String(32))
    vote: Mapped[int] = mapped_column(Integer)  # +1 / -1
    comment: Mapped[str | None] = mapped_column(Text)  # "thiếu gì ạ?", masked
    ward_code: Mapped[str | None] = mapped_column(String(16))  # the chat's ward (0006)


class Rating(Base):
    """A 1-5 satisfaction answer (SIPAS scale) after a returned dossier or a handoff."""

    __tablename__ = "ratings"
    __table_args__ = (
        Index("ux_ratings_subject", "chat_hash", "subject", "ref", unique=True),
        Index("ix_ratings_at", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(16))
    chat_hash: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(16))  # dossier | handoff
    ref: Mapped[str] = mapped_column(String(64))  # receipt code | handoff id
    score: Mapped[int] = mapped_column(Integer)
    ward_code: Mapped[str | None] = mapped_column(String(16))  # the chat's ward (0006)


class QuestionLog(Base):
    """A free-text question and what the bot made of it (text masked, chat hashed)."""

    __tablename__ = "question_log"
    __table_args__ = (
        Index("ix_question_log_at", "at"),
        Index("ix_question_log_chat", "chat_hash", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(16))
    chat_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(32))
    band: Mapped[str] = mapped_column(String(16))
    top_code: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    understood: Mapped[int] = mapped_column(Integer, default=1)  # 0: nothing to answer
    ward_code: Mapped[str | None] = mapped_column(String(16))  # the chat's ward (0006)


class ChatDay(Base):
    """Turns of one chat on one day: turns and distinct chats per period."""

    __tablename__ = "chat_days"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    turns: Mapped[int] = mapped_column(Integer, default=0)
    ward_code: Mapped[str | None] = mapped_column(String(16))  # the chat's ward (0006)


class DailyCount(Base):
    """A plain counter per day (``dossier_lookup``...): no chat, kept past the retention."""

    __tablename__ = "daily_counts"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
