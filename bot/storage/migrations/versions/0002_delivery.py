"""delivery: durable inbox, per-chat claims, outbox, per-code lockout, Zalo OA window

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbox_chats",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("done_seq", sa.Integer(), nullable=False),
        sa.Column("pending_since", TS, nullable=True),
        sa.Column("owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", TS, nullable=True),
        sa.PrimaryKeyConstraint("channel", "chat_id"),
    )
    with op.batch_alter_table("inbox_chats", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_chats_pending", ["pending_since"], unique=False)

    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sort_key", sa.BigInteger(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=128), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("done_at", TS, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "chat_id", "seq"),
        sa.UniqueConstraint("dedupe_key"),
    )
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_status", ["status", "received_at"], unique=False)
        batch_op.create_index(
            "ix_inbox_chat_next", ["channel", "chat_id", "status", "sort_key"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inbox_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outbox_chat", ["channel", "chat_id", "status", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_inbox_id"), ["inbox_id"], unique=False)

    op.create_table(
        "chat_windows",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("last_inbound_at", TS, nullable=False),
        sa.Column("sent_in_window", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "chat_id"),
    )
    op.create_table(
        "held_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("held_notices", schema=None) as batch_op:
        batch_op.create_index("ix_held_notices_chat", ["channel", "chat_id", "id"], unique=False)

    with op.batch_alter_table("lookup_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dossier_code", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_lookup_attempts_code", ["dossier_code", "at"], unique=False)

    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_enc", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("consent_at", TS, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("consent_at")
        batch_op.drop_column("phone_enc")
    with op.batch_alter_table("lookup_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_lookup_attempts_code")
        batch_op.drop_column("dossier_code")
    with op.batch_alter_table("held_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_held_notices_chat")
    op.drop_table("held_notices")
    op.drop_table("chat_windows")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_inbox_id"))
        batch_op.drop_index("ix_outbox_chat")
    op.drop_table("outbox")
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_chat_next")
        batch_op.drop_index("ix_inbox_status")
    op.drop_table("inbox")
    with op.batch_alter_table("inbox_chats", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_chats_pending")
    op.drop_table("inbox_chats")
