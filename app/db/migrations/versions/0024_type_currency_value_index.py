"""PostgreSQL: an index of each type's agreements by currency and value, id within a
value: an operating model's (brand agreements') first screen by value or base value
merges a group per currency, each a walk that stops after a screen

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 22:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0024"
# The brief's chain: after 0023; the lead re-chains it when merging.
down_revision = "0023"
branch_labels = None
depends_on = None

# Brand agreements are the big ones: by value, a walk of the value index passed 48,000
# smaller agreements of other types before the hundredth platform one (145-250 ms at a
# million), and by base value each (type, status, currency) of ix_agreements_portfolio
# was a group of its own, 98 of them (140-200 ms). PostgreSQL merges one group per
# currency from this index (3 ms). SQLite keeps its plans (135 ms at a million, within
# the 300 ms the list's sorts have): its imports do not pay for it.
NAME = "ix_agreements_type_currency_value"
COLUMNS = "type, currency, value, id"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX {NAME} ON agreements ({COLUMNS})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {NAME}")
