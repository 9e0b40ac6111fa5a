"""Bulk inserts of many new rows, for the demo loader and the importer.

SQLAlchemy's per-row parameter handling costs more than the database's own work for large
batches, so the rows go straight to the driver, each column run through its own bind
processor in one ``map()`` (the per-value loop runs in C): on SQLite as ``executemany``
batches, on PostgreSQL through ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy()``), which
the server parses in one stream instead of one statement per row (an insert's round trip
and plan cost more than the row). Other databases get a plain Core ``insert()`` executemany.

``bulk_load`` is for filling (nearly) empty tables: their secondary indexes go and are
built again in one sort each at the end, and ``BULK_LOAD_HOOKS`` lets what the database
derives from rows (a full-text index kept by triggers, summary tables) do the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import date
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Date, Table, insert, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from app.db import derived

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
    size = lengths.pop()
    if dialect.name == "postgresql":
        # PostgreSQL refuses COPY FROM into a table whose row-level security applies to
        # the connected login (an editor of a team database, #12): those rows go as
        # INSERTs, which the policies check row by row.
        secured = connection.execute(
            text("SELECT row_security_active(CAST(:name AS regclass))"), {"name": f'"{table.name}"'}
        ).scalar()
        if secured:
            _insert(session, table, columns)
        else:
            _copy(connection, table, columns, size)
        serial = table.autoincrement_column
        if serial is not None and serial.name in columns:
            # Explicit ids leave the id sequence behind: the editor's next insert would
            # take an id these rows hold.
            session.execute(
                text(f"SELECT setval(pg_get_serial_sequence(:name, :column), "
                     f'(SELECT max("{serial.name}") FROM "{table.name}"))'),
                {"name": table.name, "column": serial.name},
            )  # fmt: skip
        return
    if dialect.name != "sqlite":
        _insert(session, table, columns)
        return
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, size, BATCH):
            stored = _stored(table, columns, dialect, start, start + BATCH)
            cursor.executemany(sql, zip(*stored, strict=True))
    finally:
        cursor.close()


def _insert(session: Session, table: Table, columns: Mapping[str, list[Any]]) -> None:
    """The rows as Core ``insert()`` executemany batches: any database, any login."""
    names = list(columns)
    rows = [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    for chunk in _batches(rows, BATCH):
        session.execute(insert(table), chunk)


def _stored(
    table: Table, columns: Mapping[str, list[Any]], dialect: Dialect, start: int, stop: int
) -> list[list[Any]]:
    """Rows ``start:stop`` of ``columns`` as the driver is given them, a list per column."""
    stored = []
    for name, values in columns.items():
        column_type = table.c[name].type
        stored.append(_column(values[start:stop], _processor(column_type, dialect), column_type))
    return stored


def _copy(
    connection: Connection, table: Table, columns: Mapping[str, list[Any]], size: int
) -> None:
    """The rows through ``COPY … FROM STDIN`` (text format) on the session's connection, so
    in its transaction. Each value is what the bind processor gives an INSERT, adapted by
    psycopg's own dumpers (the same ones that send an INSERT's parameters), so the server
    parses the same text for the same type: tests/db/test_bulk_postgres.py compares."""
    quoted = ", ".join(f'"{name}"' for name in columns)
    sql = f'COPY "{table.name}" ({quoted}) FROM STDIN'
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
        write_row = copy.write_row
        for start in range(0, size, BATCH):
            for row in zip(
                *_stored(table, columns, connection.dialect, start, start + BATCH), strict=True
            ):
                write_row(row)


def insert_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys, in the same order) into ``model``'s table
    in the session's transaction, with no ORM identity bookkeeping."""
    if not rows:
        return
    insert_columns(session, model, {name: list(map(itemgetter(name), rows)) for name in rows[0]})


# What the database derives from rows, beyond its indexes (a full-text index kept up to date
# by triggers, summary tables): each hook is entered by ``bulk_load`` before the rows go in
# and left after, so that it can stop the work a row at a time (drop its triggers) and do
# it once at the end over the loaded tables (rebuild the index, recount the summaries). A
# hook is given the session and the names of the tables being loaded. They leave after the
# indexes are built again, so their rebuilds read through them.
BulkLoadHook = Callable[[Session, frozenset[str]], AbstractContextManager[None]]
BULK_LOAD_HOOKS: list[BulkLoadHook] = [derived.search_index, derived.figures]

# SQLite's page cache while loading, in KiB (negative: PRAGMA cache_size counts KiB). The
# default 2 MB holds little of a million rows' B-trees: every insert reread pages.
_LOAD_CACHE_KIB = 256 * 1024


@contextmanager
def bulk_load(session: Session, tables: Iterable[str]) -> Iterator[None]:
    """Fill ``tables`` (empty or nearly) in the session's transaction: their secondary
    indexes are dropped now and created again on leaving, each in one sort instead of a
    million random B-tree inserts, and the hooks of ``BULK_LOAD_HOOKS`` run around it.

    Unique indexes and primary keys stay (they check the rows). The indexes are read from
    the database, not the models, so those a migration added are rebuilt too, as they were.
    DDL is transactional on both engines: an error rolls the drop back with the rows. On
    PostgreSQL the drop locks the tables until commit, so this is for a new database (the
    demo), not for an import into a shared one.
    """
    names = frozenset(tables)
    connection = session.connection()
    dialect = connection.dialect.name
    indexes = secondary_indexes(connection, names)
    for name, _create in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    references = foreign_keys(connection, names)
    for table, name, _definition in references:
        connection.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    cache = None
    if dialect == "sqlite":
        cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{_LOAD_CACHE_KIB}")
    elif dialect == "postgresql":
        # Room to sort each index in memory when it is built again, and for the hash joins
        # that check the foreign keys and rebuild what the hooks keep (this transaction
        # only; 4 MB of work_mem sent those joins to disk).
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        connection.exec_driver_sql("SET LOCAL work_mem = '128MB'")
    try:
        with ExitStack() as hooks:
            for hook in BULK_LOAD_HOOKS:
                hooks.enter_context(hook(session, names))
            yield
            session.flush()
            for _name, create in indexes:
                connection.exec_driver_sql(create)
            for table, name, definition in references:
                connection.exec_driver_sql(
                    f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                )
    finally:
        if cache is not None:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def foreign_keys(connection: Connection, tables: frozenset[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the foreign keys of ``tables`` this login may drop, on
    PostgreSQL. Checked row by row they were a look-up through the referenced key per row
    loaded (millions at a million agreements: kpi actuals, milestones, KPIs, terms); added
    again after the load, each is checked in one join over the whole table."""
    if connection.dialect.name != "postgresql" or not tables:
        return []
    rows = connection.execute(
        text(
            "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND k.contype = 'f' "
            "AND pg_has_role(c.relowner, 'USAGE') ORDER BY c.relname, k.conname"
        )
    ).all()
    return [(table, name, definition) for table, name, definition in rows if table in tables]


def secondary_indexes(connection: Connection, tables: frozenset[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of each non-unique index of ``tables``, as the database
    holds it."""
    if not tables:
        return []
    if connection.dialect.name == "sqlite":
        # An index SQLite made for a UNIQUE or PRIMARY KEY has no SQL of its own.
        rows = connection.exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql IS NOT NULL ORDER BY name"
        ).all()
        return [
            (name, sql)
            for name, table, sql in rows
            if table in tables and not sql.lstrip().upper().startswith("CREATE UNIQUE")
        ]
    if connection.dialect.name == "postgresql":
        rows = connection.execute(
            text(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid), t.relname FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                "JOIN pg_namespace n ON n.oid = t.relnamespace "
                # Only an owner may drop an index: another login's load keeps them.
                "WHERE n.nspname = current_schema() AND NOT i.indisunique "
                "AND pg_has_role(t.relowner, 'USAGE') "
                "AND NOT i.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                "ORDER BY c.relname"
            )
        ).all()
        return [(name, create) for name, create, table in rows if table in tables]
    return []
