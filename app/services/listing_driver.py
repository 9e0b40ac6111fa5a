"""The agreements list through the database's driver (``sqlite3``, ``psycopg``): no SQLAlchemy.

``partnerdesk list agreements`` must answer in a few tenths of a second; importing
SQLAlchemy and mapping our models alone takes about 0.4 s. On an SQLite file or a
PostgreSQL database whose schema is current this module reads the same rows as
``app.services.listing`` with the same SQL, written out once here for both engines (the
placeholders, ``LIKE``/``ILIKE``, the search's narrowing and the columns' types differ);
``tests/services/test_listing_driver.py`` holds the two to the same ids and the same
printed output for every filter, sort and search on each engine. Anything else (another
driver, a schema to upgrade, a file that is not ours) goes through the ORM, decided before
a line is printed: see :func:`open_for_listing`.

Columns are always named: tables gaining columns (new agreement terms) change nothing here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from app.db.pg_connect import Server, parse_server
from app.db.revisions import VERSION_TABLE, head_revision
from app.db.search_terms import (
    CANDIDATES_SQL,
    DENSE,
    VOCABULARY_SQL,
    fts_match,
    like_pattern,
    pg_candidates,
)
from app.db.sqlite_files import ENV_VAR, SQLITE_MAGIC, connect_for_reading, default_database_path
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.errors import DatabaseError
from app.services.listing_rows import AgreementFilter, AgreementRow

if TYPE_CHECKING:
    import psycopg

    Connection: TypeAlias = sqlite3.Connection | psycopg.Connection[Any]

# How the models store what this module reads (tests compare them with the models):
# Money is ScaledDecimal(18, 2), an integer count of cents on SQLite (NUMERIC(18, 2) on
# PostgreSQL); an FX rate is ScaledDecimal(20, 8); the base currency is the
# "base_currency" setting.
VALUE_SCALE = 2
RATE_SCALE = 8
BASE_CURRENCY_KEY = "base_currency"
DEFAULT_BASE_CURRENCY = "CNY"
BUSY_TIMEOUT = 10.0  # seconds, as app.db.open_database waits for another desk's write
STREAM_BATCH = 2000  # rows per fetch from a server, as listing.iter_agreements's batch

_UNIT = Decimal(1).scaleb(-VALUE_SCALE)
_NOTHING = "a.id IN (NULL) AND (1 != 1)"  # what an empty IN list is in SQL

_ROW = (
    "a.id, a.reference, a.title, a.type, a.partner_id, p.legal_name, p.local_name, a.owner, "
    "a.status, a.currency, a.value, a.signed_date, a.start_date, a.end_date, a.notice_days, "
    "a.decision_date, a.auto_renew, b.operating_model"
)
_FROM = (
    "FROM agreements AS a JOIN partners AS p ON p.id = a.partner_id "
    "LEFT OUTER JOIN brand_terms AS b ON b.id = a.id"
)
SORT_COLUMNS: dict[str, str | None] = {
    "reference": "a.reference",
    "title": "a.title",
    "type": "a.type",
    "partner": "p.legal_name",
    "owner": "a.owner",
    "status": "a.status",
    "currency": "a.currency",
    "value": "a.value",
    "start_date": "a.start_date",
    "end_date": "a.end_date",
    "decision_date": "a.decision_date",
    "operating_model": "b.operating_model",
    "base_value": None,  # built per query: the rate in force (see _order)
}


def _raw(target: str | None) -> str | None:
    return target if target is not None else os.environ.get(ENV_VAR) or None


# listing_filters.owner_names: the owner names in use that read the filter's name in any case,
# found a seek per name in the owner index, so that the index finds their rows.
_OWNER_NAMES = (
    "WITH RECURSIVE owners_used(v) AS (SELECT min(owner) FROM agreements UNION ALL "
    "SELECT (SELECT min(named.owner) FROM agreements AS named WHERE named.owner > owners_used.v) "
    "FROM owners_used WHERE owners_used.v IS NOT NULL) "
    "SELECT v FROM owners_used WHERE v IS NOT NULL AND lower(v) = {owner}"
)


def sqlite_path(target: str | None) -> Path | None:
    """The file ``--db`` (else ``PARTNERDESK_DB``, else the per-user file) names; None: a URL."""
    raw = _raw(target)
    if raw is not None and "://" in raw:
        return None
    return default_database_path() if raw is None else Path(raw).expanduser().resolve()


def where(target: str | None) -> str:
    """The database ``target`` names, as an error about it names it (never a password)."""
    raw = _raw(target)
    server = None if raw is None else parse_server(raw)
    return server.describe() if server is not None else str(sqlite_path(target) or raw)


def is_server(conn: Connection) -> bool:
    return not isinstance(conn, sqlite3.Connection)


def open_for_listing(target: str | None) -> Connection | None:
    """A read-only connection to the database ``--db`` names, or None: use the ORM.

    None for a URL of another driver, a missing, empty or foreign file, or a schema that
    is not this version's: the ORM path opens those and says, in its own words, what is
    wrong. A server that cannot be reached or refuses the login raises DatabaseError with
    the ORM path's sentence (trying again there would only wait as long again).
    """
    raw = _raw(target)
    if raw is not None and "://" in raw:
        server = parse_server(raw)
        return None if server is None else _open_server(server)
    path = sqlite_path(target)
    if path is None:
        return None
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as f:
            if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return None
        conn = connect_for_reading(path, BUSY_TIMEOUT)
    except (OSError, sqlite3.Error):
        return None
    try:
        # Every statement of the command in one snapshot, as the ORM's session reads.
        conn.isolation_level = None
        conn.execute("BEGIN")
        found = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        if found != [(head_revision(),)]:
            conn.close()
            return None
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            # Another program holds the file: the ORM would wait as long again to say so.
            from app.db.faults import explain

            raise DatabaseError(explain(str(path), exc)) from exc
        return None
    except (sqlite3.Error, RuntimeError):
        conn.close()
        return None
    return conn


def _open_server(server: Server) -> psycopg.Connection[Any] | None:
    import psycopg

    from app.db.pg_connect import connect

    try:
        conn = connect(server)
    except psycopg.Error:
        return None  # not a refused login nor an unreachable server: an odd URL option
    try:
        # The whole command in one transaction (read committed, as the ORM's session).
        found = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        if found == [(head_revision(),)]:
            return conn
    except (psycopg.Error, RuntimeError):
        pass  # no version table, no right to read it, several heads: the ORM says
    conn.close()
    return None


class Params(dict[str, Any]):
    """Bound values, each written as a placeholder in the driver's style."""

    def __init__(self, server: bool) -> None:
        super().__init__()
        self.server = server

    def __call__(self, value: Any) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f"%({name})s" if self.server else f":{name}"

    def day(self, value: date) -> Any:
        # SQLite's dates are ISO text (sqlite3's date adapters are deprecated).
        return value if self.server else value.isoformat()


def contains(column: str, text: str, bind: Params) -> str:
    # contains_text: SQLite's LIKE already ignores ASCII case; PostgreSQL's ILIKE.
    like = "ILIKE" if bind.server else "LIKE"
    return f"{column} {like} {bind(like_pattern(text))} ESCAPE '\\'"


def _partners_named(text: str, bind: Params) -> str:
    return (
        "SELECT partners.id FROM partners WHERE "
        f"{contains('partners.legal_name', text, bind)} OR "
        f"{contains('partners.local_name', text, bind)}"
    )


def _in(column: str, values: list[str], bind: Params) -> str:
    return f"{column} IN ({', '.join(bind(v) for v in values)})"


def _conditions(f: AgreementFilter, bind: Params) -> list[str]:
    """``listing_filters.filtered``, clause by clause."""
    where = []
    if f.ids is not None:
        chosen = sorted(f.ids)
        where.append(f"a.id IN ({', '.join(str(int(i)) for i in chosen)})" if chosen else _NOTHING)
    if f.types:
        where.append(_in("a.type", [t.value for t in sorted(f.types)], bind))
    if f.statuses:
        where.append(_in("a.status", [s.value for s in sorted(f.statuses)], bind))
    if f.owner:
        owner = f.owner.strip()
        named = _OWNER_NAMES.format(owner=bind(owner.lower()))
        where.append(f"(a.owner IN ({named}) OR a.owner_login = {bind(owner)})")
    if f.owner_login:
        where.append(f"a.owner_login = {bind(f.owner_login.strip())}")
    if f.partner_id is not None:
        where.append(f"a.partner_id = {bind(f.partner_id)}")
    if f.partner:
        where.append(f"a.partner_id IN ({_partners_named(f.partner.strip(), bind)})")
    if f.search:
        text = f.search.strip()
        own = [contains(c, text, bind) for c in ("a.reference", "a.title", "a.owner")]
        own.append(contains("a.description", text, bind))
        own.append(f"a.partner_id IN ({_partners_named(text, bind)})")
        where.append("(" + " OR ".join(own) + ")")
    if f.operating_model is not None:
        where.append(f"b.operating_model = {bind(f.operating_model.value)}")
    if f.expiring_within is not None:
        today = f.today or date.today()
        soon = today + timedelta(days=f.expiring_within)
        where.append(f"a.decision_date >= {bind(bind.day(today))}")
        where.append(f"a.decision_date <= {bind(bind.day(soon))}")
    for column, op, day in (
        ("a.decision_date", ">=", f.decision_from),
        ("a.decision_date", "<=", f.decision_to),
        ("a.start_date", ">=", f.start_from),
        ("a.end_date", "<=", f.end_to),
    ):
        if day is not None:
            where.append(f"{column} {op} {bind(bind.day(day))}")
    return where


def _narrowing(
    conn: Connection, f: AgreementFilter, bind: Params, *, first_screen: bool
) -> str | None:
    """``search.search_restriction``: the text index's candidates, or None."""
    needle = (f.search or "").strip()
    if not needle:
        return None
    if not isinstance(conn, sqlite3.Connection):
        return _pg_narrowing(conn, needle, bind, first_screen=first_screen)
    match = fts_match(needle, lambda p: [t for (t,) in conn.execute(VOCABULARY_SQL, p)])
    if match is None:
        return None
    if match == "":
        return _NOTHING
    if first_screen:
        probe = f"SELECT count(*) FROM (SELECT id FROM ({CANDIDATES_SQL}) LIMIT {DENSE + 1})"
        if conn.execute(probe, {"match": match}).fetchone()[0] > DENSE:
            return None
    bind["match"] = match
    return f"a.id IN (SELECT id FROM ({CANDIDATES_SQL}))"


def _pg_narrowing(
    conn: psycopg.Connection[Any], needle: str, bind: Params, *, first_screen: bool
) -> str | None:
    """PostgreSQL: the candidates' ids themselves, when at most DENSE (as the ORM does)."""
    candidates, values = pg_candidates(needle, pyformat=True)
    found = conn.execute(f"SELECT id FROM ({candidates}) AS c LIMIT {DENSE + 1}", values)
    ids = [i for (i,) in found]
    if len(ids) <= DENSE:
        return f"a.id = ANY({bind(ids)})"
    if first_screen:
        return None
    bind.update(values)
    return f"a.id IN (SELECT id FROM ({candidates}) AS c)"


def _base_currency(conn: Connection) -> str:
    mark = "%s" if is_server(conn) else "?"
    found = conn.execute(f"SELECT value FROM settings WHERE key = {mark}", (BASE_CURRENCY_KEY,))
    row = found.fetchone()
    return DEFAULT_BASE_CURRENCY if row is None else str(row[0])


def _order(conn: Connection, f: AgreementFilter, sort: str, descending: bool, bind: Params) -> str:
    """``listing.in_list_order``: the sort column, then the id; base values by the rate in force."""
    way = "DESC" if descending else "ASC"
    if sort == "base_value":
        base, on = bind(_base_currency(conn)), bind(bind.day(f.today or date.today()))
        newest = (
            "SELECT fx_rates.rate FROM fx_rates WHERE fx_rates.currency = a.currency AND "
            f"fx_rates.base = {base} AND fx_rates.effective_date <= {on} "
            "ORDER BY fx_rates.effective_date DESC LIMIT 1"
        )
        # One in the rate's own units: a scaled integer on SQLite.
        one = bind(Decimal(1) if bind.server else 10**RATE_SCALE)
        rate = f"CASE WHEN (a.currency = {base}) THEN {one} ELSE ({newest}) END"
        # Agreements that cannot be converted come last whichever way the list is sorted.
        return f"({rate}) IS NULL ASC, a.value * ({rate}) {way}, a.id {way}"
    column = SORT_COLUMNS.get(sort) or "a.reference"
    return f"{column} {way}, a.id {way}"


def _select(
    conn: Connection,
    f: AgreementFilter,
    sort: str,
    descending: bool,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[str, Params]:
    bind = Params(server=is_server(conn))
    where = _conditions(f, bind)
    narrowed = _narrowing(conn, f, bind, first_screen=limit is not None)
    if narrowed is not None:
        where.append(narrowed)
    sql = f"SELECT {_ROW} {_FROM}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + _order(conn, f, sort, descending, bind)
    if limit is not None:
        sql += f" LIMIT {bind(limit)}"
    elif offset and not bind.server:
        sql += " LIMIT -1"  # SQLite has no OFFSET without a LIMIT
    if limit is not None or offset:
        sql += f" OFFSET {bind(offset)}"
    return sql, bind


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _row(r: tuple[Any, ...]) -> AgreementRow:
    # As the models' column types convert on SQLite: enums by value, money from integer
    # cents, dates from ISO text, booleans from 0/1.
    return AgreementRow(
        r[0], r[1], r[2], AgreementType(r[3]), r[4], r[5], r[6], r[7], AgreementStatus(r[8]),
        r[9], (Decimal(int(r[10])) * _UNIT).quantize(_UNIT), _day(r[11]),
        date.fromisoformat(r[12]), date.fromisoformat(r[13]), r[14], date.fromisoformat(r[15]),
        bool(r[16]), None if r[17] is None else OperatingModel(r[17]),
    )  # fmt: skip


def _server_row(r: tuple[Any, ...]) -> AgreementRow:
    # On PostgreSQL: enums by value, money as NUMERIC (a Decimal of its scale).
    return AgreementRow(
        r[0], r[1], r[2], AgreementType(r[3]), r[4], r[5], r[6], r[7], AgreementStatus(r[8]),
        r[9], Decimal(r[10]).quantize(_UNIT), r[11], r[12], r[13], r[14], r[15], r[16],
        None if r[17] is None else OperatingModel(r[17]),
    )  # fmt: skip


def list_agreements(
    conn: Connection,
    f: AgreementFilter | None = None,
    *,
    sort: str = "reference",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[AgreementRow]:
    """``listing.list_agreements``, read through the driver."""
    sql, params = _select(
        conn, f or AgreementFilter(), sort, descending, offset=offset, limit=limit
    )
    if isinstance(conn, sqlite3.Connection):
        return [_row(r) for r in conn.execute(sql, params)]
    return [_server_row(r) for r in conn.execute(sql, params)]


def iter_agreements(
    conn: Connection, f: AgreementFilter | None = None, *, sort: str = "reference"
) -> Iterator[AgreementRow]:
    """``listing.iter_agreements``: every matching row, streamed from the cursor.

    The query runs before this returns: a read the database refuses fails here, before
    the caller has printed anything.
    """
    sql, params = _select(conn, f or AgreementFilter(), sort, False)
    if isinstance(conn, sqlite3.Connection):
        return map(_row, conn.execute(sql, params))
    # A server-side cursor, as the ORM's yield_per: 100,000 rows never sit in memory.
    cursor = conn.cursor(name="agreements_list")
    cursor.itersize = STREAM_BATCH
    try:
        cursor.execute(sql, params)
    except BaseException:
        cursor.close()
        raise
    return _streamed(cursor)


def _streamed(cursor: psycopg.ServerCursor[Any]) -> Iterator[AgreementRow]:
    try:
        yield from map(_server_row, cursor)
    finally:
        cursor.close()
