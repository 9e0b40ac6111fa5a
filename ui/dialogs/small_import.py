"""What the window says after a small all-or-nothing import (KPI actuals, sellers,
violations): a refusal lists each problem by row and field, and says nothing was written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ValidationError

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
LISTED = 15  # problems shown; the count of the rest follows


def tell_refusal(parent: QWidget, title: str, path: Path, exc: ValidationError) -> None:
    lines = [str(e) for e in exc.errors[:LISTED]]
    if len(exc.errors) > LISTED:
        lines.append(
            translate("SmallImport", "… and %1 more").replace("%1", str(len(exc.errors) - LISTED))
        )
    text = translate("SmallImport", "Nothing was imported from %1:").replace("%1", path.name)
    QMessageBox.warning(parent, title, text + "\n\n" + "\n".join(lines))
