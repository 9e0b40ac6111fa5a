"""indexes that give a filtered list its first screen in reference order (the default sort)
at a million agreements: a type's or a status's rows in reference order; a date range's
rows read from the date index alone

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# (type, reference), (status, reference): a filter of one type or status walks its rows in
# reference order and stops at the first screen (SQLite sorted all 200,000-550,000 of
# them, visiting each row: 0.9-1.5 s). The date indexes get the id (their sort's tie-break,
# so a sort by the date still reads them in order) and the reference (so a range's rows
# are sorted by reference from the index alone, not from a million wide rows: 1.4-2.1 s).
NEW = {
    "ix_agreements_type_reference": ["type", "reference"],
    "ix_agreements_status_reference": ["status", "reference"],
    "ix_agreements_decision_date_id_reference": ["decision_date", "id", "reference"],
    "ix_agreements_start_date_id_reference": ["start_date", "id", "reference"],
}
REPLACED = {
    "ix_agreements_decision_date": ["decision_date"],
    "ix_agreements_start_date": ["start_date"],
}


def upgrade() -> None:
    for name, columns in NEW.items():
        op.create_index(name, "agreements", columns)
    for name in REPLACED:
        op.drop_index(name, table_name="agreements")


def downgrade() -> None:
    for name, columns in REPLACED.items():
        op.create_index(name, "agreements", columns)
    for name in NEW:
        op.drop_index(name, table_name="agreements")
