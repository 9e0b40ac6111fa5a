"""On PostgreSQL the bulk path writes through COPY; it must store what an ORM insert stores.

COPY's text format has its own escapes (tab, newline, backslash, ``\\N`` for NULL), and
psycopg, not SQLAlchemy, turns each Python value into its text there: a date, an amount, an
instant in another zone, an enum, a blank string beside a NULL or bytes could each come out
differently from the INSERT the editor's save sends. So the same rows go in both ways and
every column is compared as the server's own text of what it holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db import Database
from app.db.bulk import insert_columns
from app.domain.enums import DocumentKind
from app.domain.models import Agreement, Attachment, BrandAgreement, Partner
from tests.db.test_bulk import DATASET, NOON, PATTERNS, Given, columns_of

pytestmark = pytest.mark.postgres

# Texts COPY must carry through its escapes, and the one it must not take for NULL.
AWKWARD = [
    "tab\there", "two\nlines", "back\\slash", "\\N", "quote ' and \" both", "crlf\r\nend",
    "合作伙伴有限公司 — 说明", "", "   padded   ", "trailing backslash\\",
]  # fmt: skip
CONTENT = b"%PDF-1.4\n\x00\t\\N\r\n\xff binary \\x00"


def awkward(rows: list[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    """``rows`` with the text ``fields`` replaced by the awkward texts in turn (NULL where
    the column takes one and the row is the eleventh)."""
    for i, row in enumerate(rows):
        for field in fields:
            if field in row:
                row[field] = AWKWARD[(i + len(field)) % len(AWKWARD)]
    return rows


TEXTS = ("local_name", "notes", "title", "owner", "governing_law",
         "description", "metric", "actor", "field", "old_value", "new_value")  # fmt: skip


def attachments() -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1, "agreement_id": i + 1, "filename": f"合同 {i}\t.pdf",
            "mime_type": "application/pdf", "size": len(CONTENT) + i,
            "sha256": hashlib.sha256(CONTENT).hexdigest(),
            "kind": DocumentKind.PAYMENT_LICENCE if i % 2 else DocumentKind.OTHER,
            "expires_on": None if i % 3 else date(2027, 2, 28),
            "uploaded_at": NOON, "uploaded_by": "importer", "content": CONTENT + bytes([i]),
        }
        for i in range(4)
    ]  # fmt: skip


def as_text(session: Session, model: type[Any]) -> list[tuple[Any, ...]]:
    """Every row as the server holds it: each column's own text, NULL as None."""
    table = model.__table__
    assert isinstance(table, Table)
    columns = ", ".join(f'"{c.name}"::text' for c in table.columns)
    order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    result = session.connection().exec_driver_sql(
        f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'
    )
    return [tuple(row) for row in result]


@contextmanager
def rolled_back(db: Database) -> Iterator[Session]:
    session = db.sessionmaker()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


MODELS = [model for model, _make in DATASET] + [Attachment]


@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=PATTERNS.keys())
def test_copy_stores_what_the_orm_stores(pg_db: Database, pattern: str) -> None:
    v = Given(pattern)
    data = {model: awkward(make(v), *TEXTS) for model, make in DATASET}
    data[Attachment] = attachments()
    # Each way in a transaction of its own, rolled back: the same ids both times.
    with rolled_back(pg_db) as s:
        s.add_all(Partner(**row) for row in data[Partner])
        s.flush()
        for a, b in zip(data[Agreement], data[BrandAgreement], strict=True):
            s.add(BrandAgreement(**{k: x for k, x in a.items() if k != "type"},
                                 **{k: x for k, x in b.items() if k != "id"}))  # fmt: skip
        s.flush()
        for model in MODELS[3:]:
            s.add_all(model(**row) for row in data[model])
        s.flush()
        by_orm = {model: as_text(s, model) for model in MODELS}
    with rolled_back(pg_db) as s:
        for model in MODELS:
            insert_columns(s, model, columns_of(data[model]))
        by_copy = {model: as_text(s, model) for model in MODELS}
    for model in MODELS:
        assert len(by_orm[model]) == len(data[model]) > 0
        assert by_copy[model] == by_orm[model], model.__name__
    # The rows do hold what the test is about.
    held = {value for rows in by_copy.values() for row in rows for value in row}
    assert {"tab\there", "\\N", "back\\slash", "合作伙伴有限公司 — 说明", ""} <= held
    assert None in held
    assert "2024-02-29" in held or pattern in ("repeated", "text")
