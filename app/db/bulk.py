"""Bulk inserts of many new rows, for the demo loader and the importer.

SQLAlchemy's per-row parameter handling costs more than SQLite's own work for large
``executemany`` batches, so on SQLite the rows go straight to the driver, each column run
through its own bind processor in one ``map()`` (the per-value loop runs in C). Other
databases get a plain Core ``insert()`` executemany.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

BATCH = 5000


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _column(values: list[Any], processor: Any) -> list[Any]:
    if processor is None or not values:
        return values
    first = values[0]
    # A value shared by every row (a timestamp, a version, a type) is processed once:
    # bind processors of timestamps are several Python calls each.
    if values.count(first) == len(values) and len(set(map(type, values))) == 1:
        return [processor(first)] * len(values)
    return list(map(processor, values))


def insert_rows(
    session: Session, model: type[Any], rows: list[dict[str, Any]], batch: int = BATCH
) -> None:
    """INSERT ``rows`` (dicts with the same keys, in the same order) into ``model``'s table
    in the session's transaction, with no ORM identity bookkeeping."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        for chunk in _batches(rows, batch):
            session.execute(insert(table), chunk)
        return
    names = list(rows[0])
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for chunk in _batches(rows, batch):
            columns = [
                _column(list(map(itemgetter(name), chunk)), processor)
                for name, processor in zip(names, processors, strict=True)
            ]
            cursor.executemany(sql, zip(*columns, strict=True))
    finally:
        cursor.close()
