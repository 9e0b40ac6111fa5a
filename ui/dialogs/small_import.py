"""A small all-or-nothing import from the window (KPI actuals, sellers, violations): one
transaction through the service the command line runs, and a refusal that lists each
problem by row and field and says nothing was written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database, Session
from app.errors import PartnerDeskError, ValidationError

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
LISTED = 15  # problems shown; the count of the rest follows
Result = TypeVar("Result")


def run_import(
    parent: QWidget,
    db: Database,
    title: str,
    path: Path,
    service: Callable[[Session, Path], Result],
) -> Result | None:
    """``service(session, path)`` in one transaction; None, said in a message box, when
    it refused the file (each problem by row and field) or failed."""
    try:
        with db.session() as s:
            return service(s, path)
    except ValidationError as exc:
        tell_refusal(parent, title, path, exc)
    except PartnerDeskError as exc:
        QMessageBox.warning(parent, title, str(exc))
    return None


def tell_refusal(parent: QWidget, title: str, path: Path, exc: ValidationError) -> None:
    lines = [str(e) for e in exc.errors[:LISTED]]
    if len(exc.errors) > LISTED:
        lines.append(
            translate("SmallImport", "… and %1 more").replace("%1", str(len(exc.errors) - LISTED))
        )
    text = translate("SmallImport", "Nothing was imported from %1:").replace("%1", path.name)
    QMessageBox.warning(parent, title, text + "\n\n" + "\n".join(lines))
