"""an index of each type's agreements in title order: a type filter's first screen by
title is a walk that stops after a screen

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 18:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# A type's titles cluster (logistics titles start "Bonded", "Customs", "International",
# "Last-mile"): by title descending, a walk of the title index passed 440,000 agreements of
# other types before a logistics one (0.4-0.9 s at a million on PostgreSQL), and the other
# plan reads and sorts all 200,000 of the type (150 ms with two parallel workers; 0.2-0.3
# s on SQLite). With the id, the walk's order is the list's, ties included.
NAME, COLUMNS = "ix_agreements_type_title", ["type", "title", "id"]


def upgrade() -> None:
    op.create_index(NAME, "agreements", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="agreements")
