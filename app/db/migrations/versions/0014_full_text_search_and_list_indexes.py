"""full-text search over agreements kept by the database (SQLite FTS5 trigram, PostgreSQL
pg_trgm), and the indexes that give every list sort its first screen at once

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-03 13:20:00
"""

from __future__ import annotations

import logging

from alembic import op

from app.db.search_schema import (
    SQLITE_INDEX,
    SQLITE_SOURCE,
    SQLITE_TRIGGER_NAMES,
    SQLITE_TRIGGERS,
    SQLITE_VOCABULARY,
)

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

# PostgreSQL: trigram GIN indexes on the searched columns themselves, so PostgreSQL keeps
# them in step on every write with no trigger. pg_trgm is a trusted extension (PostgreSQL
# 13+): the database's owner may create it. Someone else's database without it still
# searches, by scanning, and says so in the log.
PG_TRIGRAM = """
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE WARNING 'pg_trgm could not be created (%): searches scan the agreements instead; '
        'a database owner can run CREATE EXTENSION pg_trgm and then the upgrade again', SQLERRM;
END
$$
"""
PG_INDEXES = {
    "ix_agreements_search": "agreements USING gin "
    "(reference gin_trgm_ops, title gin_trgm_ops, owner gin_trgm_ops, description gin_trgm_ops)",
    "ix_partners_search": "partners USING gin (legal_name gin_trgm_ops, local_name gin_trgm_ops)",
}


def _has_trigram() -> bool:
    found = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
    ).first()
    return found is not None


def upgrade() -> None:
    # The first screen by value in the base currency reads each currency's rows in value
    # order (app/services/listing/merges.py); the currency alone is this index's prefix.
    op.create_index("ix_agreements_currency_value", "agreements", ["currency", "value"])
    op.drop_index("ix_agreements_currency", table_name="agreements")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_SOURCE)
        op.execute(SQLITE_INDEX)
        op.execute(SQLITE_VOCABULARY)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        # Existing agreements: 6 s at 100,000 on this machine.
        op.execute("INSERT INTO agreement_search(agreement_search) VALUES ('rebuild')")
    else:
        op.execute(PG_TRIGRAM)
        if _has_trigram():
            for name, target in PG_INDEXES.items():
                op.execute(f"CREATE INDEX {name} ON {target}")
        else:
            log.warning("pg_trgm is missing: agreements are searched without an index")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS agreement_search_terms")
        op.execute("DROP TABLE IF EXISTS agreement_search")
        op.execute("DROP VIEW IF EXISTS agreement_search_source")
    else:
        for name in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.create_index("ix_agreements_currency", "agreements", ["currency"])
    op.drop_index("ix_agreements_currency_value", table_name="agreements")
