"""the date indexes and the status/decision-date index also hold the other dates and the
status, so that a date or status filter's rows are sorted by any date or status from an
index alone at a million agreements

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 16:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0020"
# The brief's chain: 0020 (filter16) follows 0017; the lead re-chains it when merging.
down_revision = "0019"
branch_labels = None
depends_on = None

# Dates cluster with each other and with the status (the active agreements end late; a
# range of decision dates holds a band of end dates), so the first rows of one date's
# order hold none of another date's range: walking it visited 0.3-1 million rows (1-14 s
# at a million). With the other dates and the status in each, a filter's rows are sorted
# from its own index alone: a tenth of a microsecond an entry, 40 ms for all 550,000
# active agreements. Wider entries, not more indexes: each index costs every import.
# The end date's index replaces its plain one and gets the reference as the others have.
WIDENED = {
    "ix_agreements_status_decision_date": (
        ["status", "decision_date"],
        ["status", "decision_date", "id", "start_date", "end_date"],
    ),
    "ix_agreements_decision_date_id_reference": (
        ["decision_date", "id", "reference"],
        ["decision_date", "id", "reference", "start_date", "end_date", "status"],
    ),
    "ix_agreements_start_date_id_reference": (
        ["start_date", "id", "reference"],
        ["start_date", "id", "reference", "end_date", "decision_date", "status"],
    ),
}
END_BEFORE = ("ix_agreements_end_date", ["end_date"])
END_AFTER = (
    "ix_agreements_end_date_id_reference",
    ["end_date", "id", "reference", "start_date", "decision_date", "status"],
)


def upgrade() -> None:
    for name, (_, columns) in WIDENED.items():
        op.drop_index(name, table_name="agreements")
        op.create_index(name, "agreements", columns)
    op.create_index(END_AFTER[0], "agreements", END_AFTER[1])
    op.drop_index(END_BEFORE[0], table_name="agreements")


def downgrade() -> None:
    op.create_index(END_BEFORE[0], "agreements", END_BEFORE[1])
    op.drop_index(END_AFTER[0], table_name="agreements")
    for name, (columns, _) in WIDENED.items():
        op.drop_index(name, table_name="agreements")
        op.create_index(name, "agreements", columns)
