"""fx_rates.source: who published each rate (existing rates were typed in: "manual")

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fx_rates", schema=None) as batch_op:
        # Every rate so far came from Settings or the demo loader, both typed in by hand.
        batch_op.add_column(
            sa.Column("source", sa.String(length=40), nullable=False, server_default="manual")
        )


def downgrade() -> None:
    with op.batch_alter_table("fx_rates", schema=None) as batch_op:
        batch_op.drop_column("source")
