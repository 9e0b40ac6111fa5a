"""File → Back up / Restore, and the rolling automatic backup when the window closes.

The main window calls ``back_up(parent, db)``, ``restore(parent, db)`` and, from its
``closeEvent``, ``auto_backup_on_close(db, folder, keep)``. The work is in
``app.services.backup``; here are only the file dialogs and the questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database
from app.errors import PartnerDeskError
from app.services import backup as service
from ui import settings
from ui.widgets.busy import busy_cursor
from ui.widgets.files import open_path, save_path

log = logging.getLogger(__name__)

# (parent, title, text) -> yes?  Replaceable in tests, where a modal box would wait forever.
Confirm = Callable[[QWidget | None, str, str], bool]
# Each text is a literal in its own translate() call, so that pyside6-lupdate collects it.
translate = QCoreApplication.translate


def _file_filter() -> str:
    return translate("Backup", "PartnerDesk backup (*.db *.sqlite *.bak);;All files (*)")


def _ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


def _tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    box = QMessageBox.warning if error else QMessageBox.information
    box(parent, title, text)


def back_up(
    parent: QWidget | None, db: Database, path: Path | None = None, *, quiet: bool = False
) -> Path | None:
    """Ask where (unless ``path``), copy the open database there; the path, or None."""
    title = translate("Backup", "Back up")
    if not db.is_sqlite:
        text = translate(
            "Backup",
            "This is a team database on a server: its administrator backs it up (pg_dump).",
        )
        _tell(parent, title, text, error=True)
        return None
    if path is None:
        suggested = f"partnerdesk-{date.today().isoformat()}.db"
        path, _ = save_path(parent, title, settings.FOLDER_BACKUPS, suggested, _file_filter())
        if path is None:
            return None
    try:
        with busy_cursor():
            info = service.back_up(db, path, overwrite=True)
    except (PartnerDeskError, OSError) as exc:
        text = translate("Backup", "The backup failed: {error}")
        _tell(parent, title, text.format(error=exc), error=True)
        return None
    if not quiet:
        text = translate(
            "Backup", "Backed up {agreements} agreements and {partners} partners to {path}."
        )
        count = {"agreements": f"{info.agreements:,}", "partners": f"{info.partners:,}"}
        _tell(parent, title, text.format(**count, path=info.path))
    return info.path


def restore(
    parent: QWidget | None,
    db: Database,
    path: Path | None = None,
    *,
    confirm: Confirm = _ask,
    quiet: bool = False,
) -> bool:
    """Ask for a backup (unless ``path``), check it, confirm, restore. True if restored:
    the caller then reloads every view, since the data under them changed."""
    title = translate("Backup", "Restore")
    if not db.is_sqlite:
        text = translate(
            "Backup",
            "This is a team database on a server: its administrator restores it (pg_restore).",
        )
        _tell(parent, title, text, error=True)
        return False
    if path is None:
        path = open_path(parent, title, settings.FOLDER_BACKUPS, _file_filter())
        if path is None:
            return False
    try:
        with busy_cursor():
            info = service.check_backup(path)
    except PartnerDeskError as exc:
        text = translate("Backup", "This backup cannot be restored: {error}")
        _tell(parent, title, text.format(error=exc), error=True)
        return False
    question = translate(
        "Backup",
        "Replace everything in {db} with the backup {backup} ({agreements} agreements, "
        "{partners} partners)?\n\nWhat the database holds now is first saved beside it.",
    ).format(db=db.description, backup=path.name, agreements=f"{info.agreements:,}",
             partners=f"{info.partners:,}")  # fmt: skip
    if not confirm(parent, title, question):
        return False
    try:
        with busy_cursor():
            result = service.restore(db, path, force=True)
    except (PartnerDeskError, OSError) as exc:
        text = translate("Backup", "The restore failed: {error}")
        _tell(parent, title, text.format(error=exc), error=True)
        return False
    if not quiet:
        saved = ""
        if result.safety_copy is not None:
            saved = translate("Backup", "\nThe previous contents are in {path}.")
            saved = saved.format(path=result.safety_copy)
        text = translate("Backup", "Restored {backup}.")
        _tell(parent, title, text.format(backup=path.name) + saved)
    return True


def auto_backup_on_close(db: Database, folder: str | Path, keep: int) -> Path | None:
    """The rolling backup when the window closes; never stops the window from closing."""
    if not str(folder).strip() or keep <= 0 or not db.is_sqlite:
        return None
    try:
        return service.auto_backup(db, Path(folder).expanduser(), keep)
    except (PartnerDeskError, OSError) as exc:
        log.warning("automatic backup to %s failed: %s", folder, exc)
        return None
