"""Long work off the GUI thread, with a progress dialog that can be cancelled.

The worker never touches a widget: progress and results come back through signals, which
Qt delivers on the GUI thread (queued connections across threads).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
T = TypeVar("T")

# (done, total) -> keep going?  The same shape as app.services progress callbacks.
Progress = Callable[[int, int], bool]


class Cancelled(Exception):  # noqa: N818 (a user's decision, not an error)
    """Raised inside a job when the user pressed Cancel."""


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[Progress], T]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _emit(self, name: str, *args: object) -> None:
        try:
            getattr(self.signals, name).emit(*args)
        except RuntimeError:
            # The application quit while the job ran and Qt already deleted the signal
            # object: there is nobody left to tell, and no traceback to print.
            self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self._emit("progress", done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except (Cancelled, InterruptedError):
            self._emit("cancelled")
        except Exception as exc:  # reported to the GUI thread, never lost in the pool
            log.exception("background job failed")
            self._emit("failed", exc)
        else:
            # The work returned: whatever it did (a commit, a file written) is done, so
            # report it even if Cancel was pressed a moment too late to stop it.
            self._emit("finished", result)


_RUNNING: set[Job[Any]] = set()  # keep jobs alive until they report


def run_job(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    *,
    label: str = "",
    show_dialog: bool = True,
    quick: bool = False,
) -> Job[T]:
    """Run ``fn(progress)`` in the thread pool; call back on the GUI thread.

    ``quick``: a read the user is looking at an empty space for (a page of rows, a first
    screen), run in its own pool so that it never queues behind long reads (the dashboard's
    figures at a million agreements take tens of seconds on a busy machine).
    """
    job: Job[T] = Job(fn)
    dialog: QProgressDialog | None = None
    if show_dialog:
        cancel_text = QCoreApplication.translate("Worker", "Cancel")
        dialog = QProgressDialog(label or title, cancel_text, 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick jobs finish without a flash of dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)

        def show_progress(done: int, total: int) -> None:
            assert dialog is not None
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)

        job.signals.progress.connect(show_progress)

    def finish() -> None:
        _RUNNING.discard(job)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def owner_gone() -> bool:
        # The page that asked may have been closed (a language switch rebuilds pages)
        # while the job ran: its callbacks would touch deleted widgets.
        return parent is not None and not shiboken6.isValid(parent)

    def done(result: object) -> None:
        finish()
        if not owner_gone():
            on_done(result)  # type: ignore[arg-type]

    def failed(exc: object) -> None:
        finish()
        if on_error is not None and not owner_gone():
            assert isinstance(exc, BaseException)
            on_error(exc)

    def cancelled() -> None:
        finish()
        if on_cancel is not None and not owner_gone():
            on_cancel()

    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    _RUNNING.add(job)
    pool = quick_pool() if quick else QThreadPool.globalInstance()
    if _held is None:
        pool.start(job)
    else:
        _held.append((pool, job))
    return job


# Jobs asked for while the window is built and first painted, started after that paint.
# The build asks for every page's first reads; on two cores their Python work took the GIL
# from the first paint, which needs it for each cell and label: the window's first frame
# stalled 35-77 ms at 1,000 agreements (bench_ui, Qt's own work in the event loop
# meanwhile), 16-23 ms of it the paint itself.
_held: list[tuple[QThreadPool, QRunnable]] | None = None


def hold_jobs() -> None:
    """Keep the jobs asked for from now in a queue until ``start_held_jobs``."""
    global _held
    if _held is None:
        _held = []


def start_held_jobs() -> None:
    """Start the jobs ``hold_jobs`` kept, in the order asked (again and again: once)."""
    global _held
    held, _held = _held or [], None
    for pool, job in held:
        pool.start(job)


_QUICK: list[QThreadPool] = []


def quick_pool() -> QThreadPool:
    """The pool of short reads (two threads: they mostly wait for the database)."""
    if not _QUICK:
        pool = QThreadPool()
        pool.setMaxThreadCount(2)
        _QUICK.append(pool)
    return _QUICK[0]


def jobs_running() -> int:
    """Jobs started and not yet reported back (the bench waits for none)."""
    return len(_RUNNING)
