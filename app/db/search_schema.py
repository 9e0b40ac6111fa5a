"""The search index's place in the schema: objects no model describes (migration 0014)."""

from __future__ import annotations

# An FTS5 table with its vocabulary and shadow tables, and the view it indexes, on SQLite;
# trigram GIN indexes on PostgreSQL. The database keeps them; Alembic must not compare them.
SEARCH_OBJECTS = ("agreement_search", "ix_agreements_search", "ix_partners_search")


def modelled(name: str | None, _type: str, _parent_names: object) -> bool:
    """Alembic's ``include_name``: whether the models describe this schema object."""
    return not (name or "").startswith(SEARCH_OBJECTS)
