"""A list's whole id order read in a worker without starving the GUI thread.

Measured at a million agreements (2 cores, load ~13): ``list(session.scalars(...))`` of the
ids took 6.6 s in a worker and kept the GUI thread from running Python for up to 1.2 s at
a time (SQLAlchemy builds a million rows with the GIL held); the same statement's rows
taken from the driver's cursor, ``fetchmany`` 20,000 at a time, took 2.2 s and let the GUI
thread in between batches. The statement is the service's own: the query runs once against
a session that records the statement it asks ``scalars`` for, then that statement is run
through the session's connection, so the SQL and its parameters are exactly the service's.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any, cast

from app.db import Session

BATCH = 20_000


class _Unread:
    """What the recorder answers: no rows when iterated (the statement to fetch), but the
    real rows for ``all()`` — the service's own small look-ups before its statement (the
    search's index terms for a one- or two-character query) must see the database."""

    def __init__(self, recorder: _Recorder, statement: Any, args: Any, kwargs: Any) -> None:
        self._recorder, self._statement = recorder, statement
        self._args, self._kwargs = args, kwargs

    def __iter__(self) -> Any:
        return iter(())

    def all(self) -> Any:
        self._recorder.statements.remove(self._statement)
        return self._recorder.real.scalars(self._statement, *self._args, **self._kwargs).all()


class _Recorder:
    """A session that records the statement given to ``scalars`` and answers no rows."""

    def __init__(self, session: Session) -> None:
        self.real = session
        self.statements: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        self.statements.append(statement)
        return _Unread(self, statement, args, kwargs)


def ids_through_driver(session: Session, query: Callable[[Session], Sequence[int]]) -> array[int]:
    """``query(session)``'s ids as an ``array('q')``, fetched in batches from the driver.

    A query that does not end in one ``session.scalars(statement)`` runs as it is.
    """
    recorder = _Recorder(session)
    query(cast(Session, recorder))
    if len(recorder.statements) != 1:
        return array("q", query(session))
    # Not stream_results: its buffered strategy would take the first rows off the cursor.
    result = session.connection().execute(recorder.statements[0])
    cursor = result.cursor  # the driver's rows, before SQLAlchemy makes a Row of each
    ids: array[int] = array("q")
    try:
        while rows := cursor.fetchmany(BATCH):
            ids.extend([row[0] for row in rows])
    finally:
        result.close()
    return ids
