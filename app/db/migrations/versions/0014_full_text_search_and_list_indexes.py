"""full-text search over agreements kept by the database (SQLite FTS5 trigram, PostgreSQL
pg_trgm), and the indexes that give every list sort its first screen at once

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-03 13:20:00
"""

from __future__ import annotations

import logging

from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

# SQLite. What is searched, one text per agreement: the fields joined by a control
# character no one types (a match across two fields is a false candidate that the
# search's LIKE check drops). Two more at the end: every character, even the last, then
# starts a trigram, so a one- or two-character query finds its trigrams by prefix in the
# index's vocabulary (app/services/search.py).
SQLITE_SOURCE = """
CREATE VIEW agreement_search_source AS
SELECT a.id AS id,
       a.reference || char(31) || a.title || char(31) || p.legal_name || char(31)
       || coalesce(p.local_name, '') || char(31) || a.owner || char(31) || a.description
       || char(31) || char(31) AS body
FROM agreements AS a JOIN partners AS p ON p.id = a.partner_id
"""

# detail=none keeps only which rows hold each trigram: 1.3 MB at 100,000 agreements
# against 31 MB with positions. Without positions a query is the AND of its trigrams, a
# superset that the LIKE check narrows. External content (the view): the text is not
# stored twice, and 'rebuild' fills the index from the view.
SQLITE_INDEX = """
CREATE VIRTUAL TABLE agreement_search USING fts5(
    body, content='agreement_search_source', content_rowid='id',
    tokenize='trigram', detail=none, columnsize=0
)
"""

SQLITE_VOCABULARY = (
    "CREATE VIRTUAL TABLE agreement_search_terms USING fts5vocab(agreement_search, 'row')"
)

# An external-content index forgets a row only when told the text it indexed: BEFORE
# triggers read it from the view while the old values are still there, AFTER triggers
# index the new text.
_FORGET = (
    "INSERT INTO agreement_search(agreement_search, rowid, body) "
    "SELECT 'delete', id, body FROM agreement_search_source WHERE {where}"
)
_LEARN = "INSERT INTO agreement_search(rowid, body) SELECT id, body FROM agreement_search_source WHERE {where}"

_SEARCHED = "reference, title, partner_id, owner, description"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER agreement_search_insert AFTER INSERT ON agreements BEGIN
        {_LEARN.format(where="id = new.id")}; END""",
    f"""CREATE TRIGGER agreement_search_delete BEFORE DELETE ON agreements BEGIN
        {_FORGET.format(where="id = old.id")}; END""",
    f"""CREATE TRIGGER agreement_search_before_update BEFORE UPDATE OF {_SEARCHED}
        ON agreements BEGIN {_FORGET.format(where="id = old.id")}; END""",
    f"""CREATE TRIGGER agreement_search_after_update AFTER UPDATE OF {_SEARCHED}
        ON agreements BEGIN {_LEARN.format(where="id = new.id")}; END""",
    # A partner's new name is found in all its agreements.
    f"""CREATE TRIGGER agreement_search_before_rename BEFORE UPDATE OF legal_name, local_name
        ON partners BEGIN
        {_FORGET.format(where="id IN (SELECT id FROM agreements WHERE partner_id = old.id)")};
        END""",
    f"""CREATE TRIGGER agreement_search_after_rename AFTER UPDATE OF legal_name, local_name
        ON partners BEGIN
        {_LEARN.format(where="id IN (SELECT id FROM agreements WHERE partner_id = new.id)")};
        END""",
]
SQLITE_TRIGGER_NAMES = [
    "agreement_search_insert", "agreement_search_delete", "agreement_search_before_update",
    "agreement_search_after_update", "agreement_search_before_rename",
    "agreement_search_after_rename",
]  # fmt: skip

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
    # order (app/services/first_screen.py); the currency alone is this index's prefix.
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
