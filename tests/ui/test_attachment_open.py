"""Opening a document that no application on the computer opens says so and offers a copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

import ui.widgets.system_open as system_open
from app.db import Database
from app.services.attachments import add_attachment
from ui.editors.agreement.editor import AgreementEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _no_handler(tmp_path: Path) -> str:
    """An xdg-open like the real one on a desktop with no viewer for the file: exit 3."""
    script = tmp_path / "xdg-open"
    script.write_text("#!/bin/sh\necho \"xdg-open: no method available for '$1'\" >&2\nexit 3\n")
    script.chmod(0o755)
    return str(script)


def test_a_document_nothing_opens_offers_save_a_copy(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ui_db.session() as s:
        add_attachment(s, 13, "customs-licence.p7m", b"signed licence")
    monkeypatch.setattr(system_open, "xdg_open", lambda: _no_handler(tmp_path))
    copy = tmp_path / "copy.p7m"
    offered: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, _filters: str) -> tuple[str, str]:
        offered.append(proposed)
        return str(copy), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    editor = AgreementEditor(ui_db, 13)
    qtbot.addWidget(editor)
    editor.show()
    tab = editor.attachments_tab
    items = [tab.table.item(r, 0) for r in range(tab.table.rowCount())]
    names = [item.text() if item is not None else "" for item in items]
    tab.table.selectRow(names.index("customs-licence.p7m"))
    tab.activate()

    qtbot.waitUntil(lambda: getattr(tab, "no_handler_box", None) is not None, timeout=10_000)
    box: QMessageBox = tab.no_handler_box
    assert box.isVisible()
    assert "No application on this computer opens customs-licence.p7m" in box.text()
    save = next(b for b in box.buttons() if b.text() == "Save a copy…")
    save.click()
    assert copy.read_bytes() == b"signed licence"
    assert Path(offered[0]).name == "customs-licence.p7m"
    assert Path(offered[0]).parent != Path.cwd()  # Documents, not where the app was started
