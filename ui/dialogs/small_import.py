"""A small all-or-nothing import from the window (KPI actuals, sellers, violations): one
transaction through the service the command line runs, in a worker behind a progress
dialog, and a refusal that lists each problem by row and field and says nothing was
written.

In a worker since at a million agreements the database's triggers make even a small file
long: 400 KPI actuals took 0.4 s (SQLite) and 1.2-1.3 s (PostgreSQL), 50 of them 46-199 ms,
all of it a frozen window on the GUI thread (bench/bench_dialogs.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database, Session
from app.errors import PartnerDeskError, ValidationError
from ui import background
from ui.worker import Job, Progress, run_job

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
LISTED = 15  # problems shown; the count of the rest follows
Result = TypeVar("Result")

# The import running now: one at a time, whichever menu or page started it.
_running: list[Job[object]] = []


def importing() -> bool:
    """True while a small import runs (its menu items are off, a second start refused)."""
    return bool(_running)


def run_import(
    parent: QWidget,
    db: Database,
    title: str,
    path: Path,
    service: Callable[[Session, Path], Result],
    done: Callable[[Result], object],
    *,
    busy: Sequence[QAction | QWidget] = (),
) -> bool:
    """``service(session, path)`` in one transaction, in a worker; ``done(result)`` on the
    GUI thread once it is written. A refusal (each problem by row and field) or a failure
    is said in a message box, and nothing is written. ``busy`` are off meanwhile (the
    progress dialog shows after 300 ms: a quick second click would start another).

    False when it did not start: another import runs (said in a box).
    """
    if _running:
        QMessageBox.information(parent, title, translate(
            "SmallImport", "Another import is still running: wait for it to finish."))  # fmt: skip
        return False

    def refused(exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            tell_refusal(parent, title, path, exc)
        else:  # (anything but a PartnerDeskError is logged with its traceback too)
            QMessageBox.warning(parent, title, str(exc))

    if not background.in_workers:  # (tests that assert right after the call)
        try:
            with db.session() as s:
                result = service(s, path)
        except PartnerDeskError as exc:
            refused(exc)
            return True
        done(result)
        return True

    def work(progress: Progress) -> Result:
        with db.session() as s:
            result = service(s, path)
            # Cancel pressed before the commit: rolled back, nothing imported.
            if not progress(1, 1):
                raise InterruptedError("import cancelled; nothing was imported")
            return result

    was = [(thing, thing.isEnabled()) for thing in busy]
    for thing, _on in was:
        thing.setEnabled(False)

    def finished() -> None:
        _running.clear()
        for thing, on in was:
            if shiboken6.isValid(thing):  # (a language switch rebuilds menus and pages)
                thing.setEnabled(on)

    def arrived(result: Result) -> None:
        finished()
        done(result)

    def failed(exc: BaseException) -> None:
        finished()
        refused(exc)

    label = translate("SmallImport", "Importing %1…").replace("%1", path.name)
    job = run_job(parent, title, work, arrived, failed, finished, label=label)
    _running.append(job)  # type: ignore[arg-type]
    if parent is not None:
        # The page that started it may be rebuilt meanwhile (a language switch): its
        # callbacks are then dropped, the next import must not be refused for ever.
        parent.destroyed.connect(lambda _o=None, j=job: _forget(j))
    return True


def _forget(job: Job[object]) -> None:
    if job in _running:
        _running.remove(job)


def tell_refusal(parent: QWidget, title: str, path: Path, exc: ValidationError) -> None:
    lines = [str(e) for e in exc.errors[:LISTED]]
    if len(exc.errors) > LISTED:
        lines.append(
            translate("SmallImport", "… and %1 more").replace("%1", str(len(exc.errors) - LISTED))
        )
    text = translate("SmallImport", "Nothing was imported from %1:").replace("%1", path.name)
    QMessageBox.warning(parent, title, text + "\n\n" + "\n".join(lines))
