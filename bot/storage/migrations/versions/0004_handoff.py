"""handoff: conversations with staff, tickets, feedback, ratings, question log, analytics

Revision ID: 0004
Revises: 0002 (on this branch; 0003 "localities" is on another one: at the merge this
becomes ``down_revision = "0003"`` so that the chain stays one line)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("citizen", sa.String(length=128), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("answer_by", TS, nullable=True),
        sa.Column("first_reply_at", TS, nullable=True),
        sa.Column("first_staff", sa.String(length=64), nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("staff_ref", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index("ix_handoffs_status", ["status", "created_at"], unique=False)
        batch_op.create_index("ix_handoffs_chat", ["channel", "chat_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_handoffs_staff_ref"), ["staff_ref"], unique=False)

    op.create_table(
        "handoff_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=8), nullable=False),
        sa.Column("staff", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("delivered_at", TS, nullable=True),
        sa.Column("dedupe_key", sa.String(length=128), nullable=True),
        sa.Column("staff_ref", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.create_index("ix_handoff_messages_thread", ["handoff_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_handoff_messages_staff_ref"), ["staff_ref"], unique=False
        )

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("procedure_code", sa.String(length=32), nullable=False),
        sa.Column("vote", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(
            "ux_feedback_vote", ["chat_hash", "kind", "procedure_code"], unique=True
        )
        batch_op.create_index("ix_feedback_at", ["at"], unique=False)

    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_hash", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index("ux_ratings_subject", ["chat_hash", "subject", "ref"], unique=True)
        batch_op.create_index("ix_ratings_at", ["at"], unique=False)

    op.create_table(
        "question_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(length=32), nullable=False),
        sa.Column("band", sa.String(length=16), nullable=False),
        sa.Column("top_code", sa.String(length=32), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("understood", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("question_log", schema=None) as batch_op:
        batch_op.create_index("ix_question_log_at", ["at"], unique=False)
        batch_op.create_index("ix_question_log_chat", ["chat_hash", "at"], unique=False)

    op.create_table(
        "chat_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_hash", sa.String(length=64), nullable=False),
        sa.Column("turns", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "channel", "chat_hash"),
    )
    op.create_table(
        "daily_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "name"),
    )


def downgrade() -> None:
    op.drop_table("daily_counts")
    op.drop_table("chat_days")
    with op.batch_alter_table("question_log", schema=None) as batch_op:
        batch_op.drop_index("ix_question_log_chat")
        batch_op.drop_index("ix_question_log_at")
    op.drop_table("question_log")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_ratings_at")
        batch_op.drop_index("ux_ratings_subject")
    op.drop_table("ratings")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_at")
        batch_op.drop_index("ux_feedback_vote")
    op.drop_table("feedback")
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_messages_staff_ref"))
        batch_op.drop_index("ix_handoff_messages_thread")
    op.drop_table("handoff_messages")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoffs_staff_ref"))
        batch_op.drop_index("ix_handoffs_chat")
        batch_op.drop_index("ix_handoffs_status")
    op.drop_table("handoffs")
