"""Bulk inserts of many new rows, for the demo loader and the importer.

SQLAlchemy's per-row parameter handling costs more than SQLite's own work for large
``executemany`` batches, so on SQLite the rows go straight to the driver, each column run
through its own bind processor in one ``map()`` (the per-value loop runs in C). Other
databases get a plain Core ``insert()`` executemany.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Date, Table, insert, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

BATCH = 5000


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _processor(column_type: TypeEngine[Any], dialect: Dialect) -> Any:
    # The dialect's own type: a generic Date has no bind processor, SQLite's DATE has one
    # (without it, dates went to the sqlite3 module's default adapter, deprecated in 3.12).
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _column(values: list[Any], processor: Any, column_type: TypeEngine[Any]) -> list[Any]:
    if processor is None or not values:
        return values
    if isinstance(column_type, Date) and all(type(v) is date for v in values if v is not None):
        # SQLite's DATE stores "%04d-%02d-%02d": date.isoformat() exactly, without the
        # processor's call per value (tests/db/test_bulk.py compares with the ORM's rows).
        return [None if v is None else v.isoformat() for v in values]
    # Each distinct value is processed once, when there are few (a type, a status, a
    # timestamp shared by every row, a KPI's target): bind processors are Python calls, and
    # SQLite's whole work for a row costs about as much as five of them. One type of value
    # (and None) only: 1 == True, and a Decimal equals an int.
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if len(kinds) <= 1:  # none at all: a term nobody gave, None in every row
        try:
            distinct = set(values)
        except TypeError:  # unhashable values
            distinct = None
        if distinct is not None and len(distinct) * 4 <= len(values):
            stored = {value: processor(value) for value in distinct}
            return list(map(stored.__getitem__, values))
    return list(map(processor, values))


def insert_columns(session: Session, model: type[Any], columns: Mapping[str, list[Any]]) -> None:
    """INSERT one row for each position of the equally long lists in ``columns`` into
    ``model``'s table, in the session's transaction, with no ORM identity bookkeeping."""
    table = cast(Table, model.__table__)
    lengths = {len(values) for values in columns.values()}
    if not columns or lengths == {0}:
        return
    if len(lengths) != 1:
        raise ValueError(f"columns of different lengths for {table.name}: {sorted(lengths)}")
    connection = session.connection()
    dialect = connection.dialect
    names = list(columns)
    if dialect.name != "sqlite":
        rows = [
            dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)
        ]
        for chunk in _batches(rows, BATCH):
            session.execute(insert(table), chunk)
        serial = table.autoincrement_column
        if serial is not None and serial.name in columns and dialect.name == "postgresql":
            # Explicit ids leave the id sequence behind: the editor's next insert would
            # take an id these rows hold.
            session.execute(
                text(f"SELECT setval(pg_get_serial_sequence(:name, :column), "
                     f'(SELECT max("{serial.name}") FROM "{table.name}"))'),
                {"name": table.name, "column": serial.name},
            )  # fmt: skip
        return
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        size = lengths.pop()
        for start in range(0, size, BATCH):
            stored = []
            for name in names:
                column_type = table.c[name].type
                values = columns[name][start : start + BATCH]
                stored.append(_column(values, _processor(column_type, dialect), column_type))
            cursor.executemany(sql, zip(*stored, strict=True))
    finally:
        cursor.close()


def insert_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys, in the same order) into ``model``'s table
    in the session's transaction, with no ORM identity bookkeeping."""
    if not rows:
        return
    insert_columns(session, model, {name: list(map(itemgetter(name), rows)) for name in rows[0]})
