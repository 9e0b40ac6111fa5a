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

import ctypes
import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.db import Database, Session
from ui.worker import run_job

log = logging.getLogger(__name__)
T = TypeVar("T")

# Off: read at once on the calling thread (tests that assert right after a call). The
# application turns it on at start-up.
in_workers = False


def share_the_gil() -> None:
    """Let the GUI thread take the GIL sooner from a worker building ORM objects, and keep
    the objects of start-up out of the garbage collector's passes (called once, before the
    window is built).

    A worker that loads many ORM rows (the dashboard's approvals waiting, at a million
    agreements) holds the GIL for 5 ms at a time, and painting a table needs it for every
    cell: opening the window at a million agreements stalled 11.5-16.7 s with the default
    interval and 6.9-9.4 s with 0.5 ms (load ~6). The real cure is fewer objects per read.
    """
    sys.setswitchinterval(0.0005)
    # What is alive now (every module imported, its classes, functions and constants:
    # ~150,000 objects) lives as long as the process: out of the collector's full passes.
    # A full pass over them took 35-60 ms, in whichever thread it fell, and stopped every
    # thread meanwhile: a worker reading an agreement froze the window that long every few
    # actions (bench_ui with gc.callbacks, PostgreSQL 1M, load 2.4); frozen, 5-7 ms.
    gc.collect()
    gc.freeze()
    # The window, and the modules its build imports (~90,000 objects more), once built: at
    # the event loop's first turn. No collection first: it would stall that turn.
    QTimer.singleShot(0, gc.freeze)


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


# Writes run one after another, in the order asked: an undo clicked twice quickly must
# undo the newer step first, and a save must not overtake the undo before it.
_writes: list[Callable[[], None]] = []


def write(
    db: Database,
    work: Callable[[Session], T],
    done: Callable[[T], object],
    failed: Callable[[BaseException], object],
) -> None:
    """Run ``work(session)`` (one transaction) in a worker; ``done``/``failed`` on the GUI
    thread. Saving at a million agreements on PostgreSQL took 2 s under load: on the GUI
    thread the window froze meanwhile. Synchronous while ``in_workers`` is off (tests)."""
    if not in_workers:
        try:
            with db.session() as s:
                answer = work(s)
        except Exception as exc:
            failed(exc)
            return
        done(answer)
        return

    def job(_progress: object) -> T:
        with db.session() as s:
            return work(s)

    def next_write() -> None:
        _writes.pop(0)
        if _writes:
            _writes[0]()

    def arrived(answer: T) -> None:
        try:
            done(answer)
        finally:
            next_write()

    def refused(exc: BaseException) -> None:
        try:
            failed(exc)
        finally:
            next_write()

    def start() -> None:
        run_job(None, "", job, arrived, refused, show_dialog=False, quick=True)

    _writes.append(start)
    if len(_writes) == 1:
        start()


def writing() -> bool:
    """True while a write is running or waiting (the bench and tests wait for it)."""
    return bool(_writes)


def import_in_background(*modules: str) -> None:
    """Import ``modules`` in a thread of their own, so that the first use finds them loaded.

    The reports page's first showing stalled the GUI thread 1-3 s importing ReportLab and
    QtPdf. A plain thread, not a pool's: it must not queue behind (or hold up) the reads.
    """

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception as exc:  # the page says so itself when it is shown
                log.warning("could not load %s ahead of time: %s", name, exc)

    threading.Thread(target=load, name="import-ahead", daemon=True).start()


def give_back_memory() -> None:
    """Return the C heap's free pages to the system, after a read that built many objects.

    Python frees a big read's objects, but glibc keeps the pages of every worker thread's
    arena: at a million agreements the dashboard's approvals read left the window at
    553 MB, 393 MB once trimmed (1,000 agreements: 168 MB). Called in the worker (ctypes
    lets the GIL go meanwhile); nothing elsewhere than glibc.
    """
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl)
        return
    trim(0)
