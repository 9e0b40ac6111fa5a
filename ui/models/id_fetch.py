"""A list's whole id order read in a worker without starving the GUI thread.

Measured at a million agreements (2 cores, load ~13): ``list(session.scalars(...))`` of the
ids took 6.6 s in a worker and kept the GUI thread from running Python for up to 1.2 s at
a time (SQLAlchemy builds a million rows with the GIL held); the same statement's rows
taken from the driver's cursor, ``fetchmany`` 20,000 at a time, took 2.2 s and let the GUI
thread in between batches.

The service's query runs as written, against a session that sends each ``scalars`` of
ids (one column named ``id``) through the driver's cursor and everything else to the
session itself. Recording the statement and replaying only it was tried first and broke
as soon as a list took more than one read (a search narrowing through its text index, a
first screen merging per-currency groups): the query's own logic must run.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any, cast

from app.db import Session

# psycopg builds a batch's Python ints in C without letting the GIL go: 20,000 ids took
# 1-35 ms of GIL at a time under load (100,000 agreements), 2,000 a tenth of that. (SQLite
# lets the GIL go at every row's step whatever the batch.)
BATCH = 2_000


class _Ids(list[int]):
    """Ids as ``session.scalars`` would answer them, for the methods the services use."""

    def all(self) -> list[int]:
        return self

    def first(self) -> int | None:
        return self[0] if self else None


class _DriverSession:
    """Forwards everything to the session, but reads lists of ids from the driver."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not _selects_ids(statement):
            return self._session.scalars(statement, *args, **kwargs)
        # Not stream_results: its buffered strategy would take the first rows off the cursor.
        result = self._session.connection().execute(statement)
        cursor = result.cursor  # the driver's rows, before SQLAlchemy makes a Row of each
        ids = _Ids()
        try:
            while rows := cursor.fetchmany(BATCH):
                ids.extend([row[0] for row in rows])
        finally:
            result.close()
        return ids


def _selects_ids(statement: Any) -> bool:
    """True when the statement answers one column named ``id``: integers the driver gives
    as they are, with no type of SQLAlchemy's to convert them."""
    columns = list(getattr(statement, "selected_columns", ()))
    return len(columns) == 1 and getattr(columns[0], "key", None) == "id"


def ids_through_driver(session: Session, query: Callable[[Session], Sequence[int]]) -> array[int]:
    """``query(session)``'s ids as an ``array('q')``, the big reads fetched in batches."""
    return array("q", query(cast(Session, _DriverSession(session))))
