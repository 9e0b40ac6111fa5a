"""open milestones in due order: ix_milestones_status_due_date replaces
ix_milestones_status, so the dashboard's overdue list and tile read only the overdue range

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0017"
# The brief's chain is 0016 (sort15b) -> 0017; on this branch 0016 is not merged yet, so
# it follows 0015 here and the lead re-chains it to "0016" when merging.
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The wider index serves every query the status index did (status is its prefix):
    # one index for one, so imports pay no more than before.
    op.create_index("ix_milestones_status_due_date", "milestones", ["status", "due_date"])
    op.drop_index("ix_milestones_status", table_name="milestones")


def downgrade() -> None:
    op.create_index("ix_milestones_status", "milestones", ["status"])
    op.drop_index("ix_milestones_status_due_date", table_name="milestones")
