"""File ▸ Import KPI actuals…: a period's actuals for many agreements from one file,
through the service ``partnerdesk import --what kpi-actuals`` runs. All or nothing, in a
worker (``small_import.run_import``)."""

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
    parent: QWidget, db: Database, wrote: Callable[[], object],
    busy: Sequence[QAction | QWidget] = (),
) -> None:  # fmt: skip
    """Ask for a file and import it; ``wrote()`` once something changed."""
    path = open_path(
        parent, translate("KpiActualsImport", "Import KPI actuals"), settings.FOLDER_IMPORTS,
        translate("KpiActualsImport", "Spreadsheets (*.csv *.xlsx);;All files (*)"),
    )  # fmt: skip
    if path is not None:
        import_actuals(parent, db, path, wrote, busy)


def import_actuals(
    parent: QWidget, db: Database, path: Path, wrote: Callable[[], object] = lambda: None,
    busy: Sequence[QAction | QWidget] = (),
) -> bool:  # fmt: skip
    """Import ``path`` in a worker; says what was done or, refused, each problem by row and
    field. False when it did not start (another import runs)."""
    from app.services.kpi_actuals_import import KpiActualsResult, import_kpi_actuals

    title = translate("KpiActualsImport", "Import KPI actuals")

    def done(result: KpiActualsResult) -> None:
        QMessageBox.information(
            parent, title,
            translate("KpiActualsImport", "%1 KPI actuals read: %2 added, %3 changed, "
                      "%4 already there.")
            .replace("%1", str(result.rows)).replace("%2", str(result.added))
            .replace("%3", str(result.changed)).replace("%4", str(result.unchanged)),
        )  # fmt: skip
        if result.added + result.changed > 0:
            wrote()

    return run_import(parent, db, title, path, import_kpi_actuals, done, busy=busy)
