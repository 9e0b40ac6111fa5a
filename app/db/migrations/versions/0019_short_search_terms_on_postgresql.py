"""one- and two-character searches on PostgreSQL through GIN indexes of each row's
characters and character pairs (pg_trgm has no trigram for them)

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-03 16:10:00
"""

from __future__ import annotations

from alembic import op

from app.db.search_terms import PG_GRAM_INDEXES, PG_GRAMS, PG_GRAMS_FUNCTION

revision = "0019"
# The brief's chain: after 0017; the lead re-chains it when merging.
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite answers short queries from its FTS5 index's vocabulary (0014): nothing to do.
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(PG_GRAMS_FUNCTION)
    # Room to sort the keys in memory (this transaction only): about 100 MB of index at a
    # million agreements.
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, target in PG_GRAM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
    # Statistics of the new expressions: the planner's guess of how many rows a gram keeps.
    op.execute("ANALYZE agreements")
    op.execute("ANALYZE partners")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in PG_GRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute(f"DROP FUNCTION IF EXISTS {PG_GRAMS}(text[])")
