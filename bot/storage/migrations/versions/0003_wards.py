"""wards: chat profiles (the chat's ward), ward of bookings and dossiers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_profiles",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("ward_code", sa.String(length=16), nullable=True),
        sa.Column("ward_source", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "chat_id"),
    )
    with op.batch_alter_table("chat_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_profiles_ward_code"), ["ward_code"])
    for table in ("bookings", "dossiers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("ward_code", sa.String(length=16), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_ward_code"), ["ward_code"])


def downgrade() -> None:
    for table in ("dossiers", "bookings"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_ward_code"))
            batch_op.drop_column("ward_code")
    with op.batch_alter_table("chat_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_profiles_ward_code"))
    op.drop_table("chat_profiles")
