"""The Sellers page's Import…: a file of sellers or of violations, through the services
``partnerdesk import --what sellers|violations`` runs. All or nothing, in a worker
(``small_import.run_import``): a refused file names each problem by row and field, and
nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database
from ui import settings
from ui.dialogs.small_import import run_import
from ui.widgets.files import open_path

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def choose_and_import(
    parent: QWidget, db: Database, what: str, wrote: Callable[[], object],
    busy: Sequence[QAction | QWidget] = (),
) -> None:  # fmt: skip
    """Ask for a file of ``what`` ("sellers" or "violations") and import it; ``wrote()``
    once something changed."""
    title = _title(what)
    path = open_path(
        parent, title, settings.FOLDER_IMPORTS,
        translate("SellerImport", "Spreadsheets (*.csv *.xlsx);;All files (*)"),
    )  # fmt: skip
    if path is not None:
        import_file(parent, db, path, what, wrote, busy)


def _title(what: str) -> str:
    if what == "sellers":
        return translate("SellerImport", "Import sellers")
    return translate("SellerImport", "Import violations")


def import_file(
    parent: QWidget, db: Database, path: Path, what: str,
    wrote: Callable[[], object] = lambda: None, busy: Sequence[QAction | QWidget] = (),
) -> bool:  # fmt: skip
    """Import ``path`` in a worker; says what was done or why not. False when it did not
    start (another import runs)."""
    from app.services.sellers.transfer import import_sellers, import_violations
    from app.services.tabular.fields import Counts

    title = _title(what)
    service = import_sellers if what == "sellers" else import_violations

    def done(result: Counts) -> None:
        QMessageBox.information(
            parent, title,
            translate("SellerImport", "Rows read: %1; added: %2, changed: %3, already there: %4.")
            .replace("%1", str(result.rows)).replace("%2", str(result.added))
            .replace("%3", str(result.changed)).replace("%4", str(result.unchanged)),
        )  # fmt: skip
        if result.added + result.changed > 0:
            wrote()

    return run_import(parent, db, title, path, service, done, busy=busy)
