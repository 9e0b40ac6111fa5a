"""File ▸ Import KPI actuals…: a period's actuals for many agreements from one file,
through the service ``partnerdesk import --what kpi-actuals`` runs. All or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database
from ui import settings
from ui.dialogs.small_import import run_import
from ui.widgets.files import open_path

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def choose_and_import(parent: QWidget, db: Database) -> bool:
    path = open_path(
        parent, translate("KpiActualsImport", "Import KPI actuals"), settings.FOLDER_IMPORTS,
        translate("KpiActualsImport", "Spreadsheets (*.csv *.xlsx);;All files (*)"),
    )  # fmt: skip
    return path is not None and import_actuals(parent, db, path)


def import_actuals(parent: QWidget, db: Database, path: Path) -> bool:
    """Import ``path``; says what was done or, refused, each problem by row and field."""
    from app.services.kpi_actuals_import import import_kpi_actuals  # loads the reader

    title = translate("KpiActualsImport", "Import KPI actuals")
    result = run_import(parent, db, title, path, import_kpi_actuals)
    if result is None:
        return False
    QMessageBox.information(
        parent, title,
        translate("KpiActualsImport", "%1 KPI actuals read: %2 added, %3 changed, "
                  "%4 already there.")
        .replace("%1", str(result.rows)).replace("%2", str(result.added))
        .replace("%3", str(result.changed)).replace("%4", str(result.unchanged)),
    )  # fmt: skip
    return result.added + result.changed > 0
