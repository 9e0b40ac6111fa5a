"""Reading the database off the GUI thread: the one way a page asks for what it shows.

A desktop window must never wait for SQL: at a million agreements a count takes a quarter
of a second and a page's list more, and the event loop would stand still meanwhile. Every
page reads through a `Reader`: the query runs in a worker with its own session, the answer
comes back on the GUI thread, and an answer overtaken by a newer request of the same
reader is dropped, so a quick second click never shows the first click's result.

Tests that check what a page shows right after a call keep the reads synchronous
(``in_workers`` off, the default); the application, the bench and
``tests/ui/test_gui_thread_reads.py`` turn it on, as ``LazyIdModel.assume_slow``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.db import Database, Session
from ui.worker import run_job

log = logging.getLogger(__name__)
T = TypeVar("T")

# Off: read at once on the calling thread (tests that assert right after a call). The
# application turns it on at start-up.
in_workers = False


def share_the_gil() -> None:
    """Let the GUI thread take the GIL sooner from a worker building ORM objects.

    A worker that loads many ORM rows (the dashboard's approvals waiting, at a million
    agreements) holds the GIL for 5 ms at a time, and painting a table needs it for every
    cell: opening the window at a million agreements stalled 11.5-16.7 s with the default
    interval and 6.9-9.4 s with 0.5 ms (load ~6). The real cure is fewer objects per read.
    """
    sys.setswitchinterval(0.0005)


class Reader(QObject):
    """One stream of reads for one widget: only the newest request's answer is shown."""

    busy = Signal(bool)

    def __init__(self, db: Database, parent: QObject, *, quick: bool = False) -> None:
        """``quick``: reads by key the user waits for (see ``ui.worker.run_job``)."""
        super().__init__(parent)
        self.db = db
        self.quick = quick
        self._asked = 0
        self._answered = 0

    def read(
        self,
        query: Callable[[Session], T],
        show: Callable[[T], object],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``query(session)`` in a worker; ``show(answer)`` on the GUI thread.

        ``failed`` gets what the query raised (default: logged); neither is called when a
        newer ``read`` was asked meanwhile or the owner was deleted.
        """
        self._asked += 1
        asked = self._asked
        if not in_workers:
            self._answered = asked
            try:
                with self.db.session() as s:
                    answer = query(s)
            except Exception as exc:
                self._fail(exc, failed)
                return
            show(answer)
            return

        def work(_progress: object) -> T:
            with self.db.session() as s:
                return query(s)

        def arrived(answer: T) -> None:
            if self._current(asked):
                show(answer)

        def refused(exc: BaseException) -> None:
            if self._current(asked):
                self._fail(exc, failed)

        self.busy.emit(True)
        run_job(None, "", work, arrived, refused, show_dialog=False, quick=self.quick)

    def drop(self) -> None:
        """Forget the answers on their way: the widget shows something else now."""
        self._asked += 1
        self._answered = self._asked
        self.busy.emit(False)

    def _current(self, asked: int) -> bool:
        if not shiboken6.isValid(self) or asked != self._asked:
            return False  # overtaken, or the page is gone (a language switch rebuilt it)
        self._answered = asked
        self.busy.emit(False)
        return True

    def _fail(self, exc: BaseException, failed: Callable[[BaseException], None] | None) -> None:
        if failed is None:
            log.error("a background read failed: %s", exc)
        else:
            failed(exc)

    def is_idle(self) -> bool:
        """True when the answer to the newest request has been shown."""
        return self._answered == self._asked
