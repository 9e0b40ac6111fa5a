"""File dialogs start in the folder last used for the same purpose, else in Documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import settings
from ui.widgets import files


def _offered(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[str]:
    offered: list[str] = []

    def dialog(_parent: object, _title: str, proposed: str, _filters: str) -> tuple[str, str]:
        offered.append(proposed)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return offered


def test_first_in_documents_then_where_the_user_saved_last(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    chosen = tmp_path / "reports" / "portfolio.pdf"
    chosen.parent.mkdir()
    offered = _offered(monkeypatch, chosen)
    path, _ = files.save_path(None, "t", settings.FOLDER_REPORTS, "portfolio.pdf", "")
    assert path == chosen and offered == [str(documents / "portfolio.pdf")]
    files.save_path(None, "t", settings.FOLDER_REPORTS, "renewals.pdf", "")
    assert offered[1] == str(chosen.parent / "renewals.pdf")
    # Another purpose keeps its own folder.
    files.save_path(None, "t", settings.FOLDER_EXPORTS, "agreements.csv", "")
    assert offered[2] == str(documents / "agreements.csv")


def test_a_missing_documents_folder_falls_back_to_home_not_the_working_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _w: str(tmp_path / "none"))
    offered = _offered(monkeypatch, None)
    assert files.save_path(None, "t", settings.FOLDER_BACKUPS, "x.db", "") == (None, "")
    assert offered == [str(Path.home() / "x.db")]


def test_a_backup_starts_in_documents_and_is_announced_in_the_status_bar(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    target = documents / "copy.db"
    offered = _offered(monkeypatch, target)
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    window.backup_action.trigger()
    assert Path(offered[0]).parent == documents
    assert Path(offered[0]).name.startswith("partnerdesk-")
    assert target.exists()
    assert window.statusBar().currentMessage() == f"Backed up to {target}"
    assert settings.FOLDER_BACKUPS.get() == str(documents)
