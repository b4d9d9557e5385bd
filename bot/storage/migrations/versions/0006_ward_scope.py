"""ward scope of staff data: the ward of handoffs, of the analytics' rows, of staff accounts

Revision ID: 0006
Revises: 0005. Rows written before it have no ward: only the provincial admin sees them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PLAIN = ("question_log", "feedback", "ratings", "chat_days", "staff_accounts")


def upgrade() -> None:
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ward_code", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_handoffs_ward_code"), ["ward_code"])
    for table in PLAIN:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("ward_code", sa.String(length=16), nullable=True))


def downgrade() -> None:
    for table in reversed(PLAIN):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("ward_code")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoffs_ward_code"))
        batch_op.drop_column("ward_code")
