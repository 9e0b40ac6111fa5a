"""partners' address and registration number, contacts' title

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("registration_number", sa.String(length=64), nullable=True))
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        # Existing contacts get an empty title, as a new contact without one.
        batch_op.add_column(
            sa.Column("title", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("title")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("registration_number")
        batch_op.drop_column("address")
