"""wards: chat profiles (the chat's ward), ward of bookings and dossiers

Revision ID: 0003
Revises: 0002 (0001 until the 0002 migration of another branch is merged)
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0003"
# The chain is 0001 -> 0002 -> 0003, with 0002 written on another branch at the same time.
# Until it is merged this one follows 0001; once a 0002 file sits beside it, it follows it.
# When both are merged, replace this line with: down_revision = "0002"
down_revision = "0002" if any(Path(__file__).parent.glob("0002_*.py")) else "0001"
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
