"""The search index's place in the schema: objects no model describes (migration 0014)."""

from __future__ import annotations

from sqlalchemy import Connection

# An FTS5 table with its vocabulary and shadow tables, and the view it indexes, on SQLite;
# trigram GIN indexes on PostgreSQL. The database keeps them; Alembic must not compare them.
SEARCH_OBJECTS = ("agreement_search", "ix_agreements_search", "ix_partners_search")


def modelled(name: str | None, _type: str, _parent_names: object) -> bool:
    """Alembic's ``include_name``: whether the models describe this schema object."""
    return not (name or "").startswith(SEARCH_OBJECTS)


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
_LEARN = (
    "INSERT INTO agreement_search(rowid, body) "
    "SELECT id, body FROM agreement_search_source WHERE {where}"
)

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


def restore_sqlite_search(connection: Connection) -> None:
    """Put back what a later migration that rebuilt agreements or partners took away.

    Alembic's batch mode on SQLite copies a table into a new one and drops the old: its
    triggers go with it, and the search index would fall out of step. Run after every
    upgrade (``app.db.migrate.upgrade``); the index is rebuilt when anything was missing.
    """
    present = {
        name
        for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'agreement_search%'"
        )
    }
    if "agreement_search" not in present:  # before migration 0014
        return
    missing = [sql for name, sql in zip(SQLITE_TRIGGER_NAMES, SQLITE_TRIGGERS, strict=True)
               if name not in present]  # fmt: skip
    if "agreement_search_source" not in present:
        connection.exec_driver_sql(SQLITE_SOURCE)
        missing.append("view")
    for sql in missing:
        if sql != "view":
            connection.exec_driver_sql(sql)
    if missing:
        connection.exec_driver_sql(
            "INSERT INTO agreement_search(agreement_search) VALUES ('rebuild')"
        )
