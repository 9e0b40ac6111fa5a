"""Export from the window: File ▸ Export… and the lists' context menus, CSV and XLSX."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

import ui.dialogs.export_dialog as export_dialog
from app.db import Database
from app.domain.enums import AgreementType
from app.services.exporting import export_file
from app.services.listing import AgreementFilter, count_agreements, list_agreements
from app.services.partners import count_partners
from ui import settings
from ui.main_window import MainWindow

TODAY = date(2026, 11, 26)
TIMEOUT = 20_000
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    offered: list[str] = []

    def answer(_parent: object, _title: str, proposed: str, _filters: str) -> tuple[str, str]:
        offered.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def _csv_references(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row["reference"] for row in csv.DictReader(f)]


def _wait_for_status(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: text in window.statusBar().currentMessage(), timeout=TIMEOUT)


def test_file_export_writes_the_filtered_list_as_xlsx(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    window.show_page("agreements")
    page = window.agreements
    page.type_box.setCurrentIndex(page.type_box.findData("logistics"))
    with ui_db.session() as s:
        wanted = count_agreements(s, AgreementFilter(types=frozenset({AgreementType.LOGISTICS})))
    target = tmp_path / "out.xlsx"
    offered = _save_as(monkeypatch, target)

    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.choose("agreements", "filter", "xlsx")
    dialog.accept()

    _wait_for_status(qtbot, window, f"Exported {wanted} agreements to {target}")
    assert Path(offered[0]).name == f"agreements-filtered-{TODAY.isoformat()}.xlsx"
    # The dialog started in Documents (no folder used yet), never the working folder.
    assert Path(offered[0]).parent != Path.cwd()
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert sheet.max_row == wanted + 1  # the header row and one row per agreement
    assert settings.FOLDER_EXPORTS.get() == str(tmp_path)


def test_context_menu_exports_the_selection_as_csv(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    window.show_page("agreements")
    page = window.agreements
    qtbot.waitUntil(page.model.is_current, timeout=TIMEOUT)
    page.view.selectRow(2)
    page.view.selectionModel().select(
        page.model.index(5, 0),
        page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows,
    )
    chosen = sorted(r.reference for r in page.selected_records())
    assert len(chosen) == 2
    target = tmp_path / "picked.csv"
    offered = _save_as(monkeypatch, target)

    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    page.add_export_actions(menu, 2)
    export_menu = menu.actions()[0].menu()
    assert isinstance(export_menu, QMenu)
    texts = [a.text() for a in export_menu.actions()]
    assert texts == [
        "2 selected agreements as CSV…",
        "2 selected agreements as XLSX…",
        "This list as CSV…",
        "This list as XLSX…",
    ]
    export_menu.actions()[0].trigger()

    _wait_for_status(qtbot, window, f"Exported 2 agreements to {target}")
    assert Path(offered[0]).name == f"agreements-selected-{TODAY.isoformat()}.csv"
    assert sorted(_csv_references(target)) == chosen


def test_partners_list_exports_its_filter(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    window.show_page("partners")
    target = tmp_path / "partners.csv"
    _save_as(monkeypatch, target)
    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    # From the partners page the dialog starts on partners, where single picks are not offered.
    assert dialog.request().what == "partners"
    assert not dialog.scope_group.buttons()[2].isEnabled()
    dialog.choose("partners", "all", "csv")
    dialog.accept()
    with ui_db.session() as s:
        partners = count_partners(s)
    _wait_for_status(qtbot, window, f"Exported {partners} partners to {target}")


def test_cancelled_export_leaves_no_file(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, go_on = threading.Event(), threading.Event()

    def slow_export(*args: Any, progress: Callable[[int, int], bool], **kw: Any) -> Any:
        def held(done: int, total: int) -> bool:
            started.set()
            go_on.wait(TIMEOUT / 1000)  # until the user has pressed Cancel
            return progress(done, total)

        return export_file(*args, progress=held, **kw)

    monkeypatch.setattr(export_dialog, "export_file", slow_export)
    window = _window(qtbot, ui_db)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "never.csv"
    _save_as(monkeypatch, target)
    window.export_list("agreements", "filter", "csv")
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    progress = window.findChild(QProgressDialog)
    assert progress is not None and progress.labelText() == "Writing never.csv…"
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()
    go_on.set()
    _wait_for_status(qtbot, window, "Export cancelled; no file was written.")
    assert list(out.iterdir()) == []  # neither the file nor a partial one


def test_failed_export_says_why(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    window = _window(qtbot, ui_db)
    _save_as(monkeypatch, tmp_path / "gone" / "out.csv")  # the folder does not exist
    window.export_list("agreements", "filter", "csv")
    _wait_for_status(qtbot, window, "Export failed")
    assert told and "no file was written" in told[0] and "does not exist" in told[0]
    with ui_db.session() as s:
        assert list_agreements(s, limit=1)  # nothing else happened to the data


def _pick_rows(qtbot: QtBot, view: Any, rows: list[int]) -> None:
    """Click the first row, Ctrl+click the others: as a user picks several."""
    for n, row in enumerate(rows):
        rect = view.visualRect(view.model().index(row, 0))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        click = qtbot.mouseClick
        click(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())  # type: ignore[no-untyped-call]


def _partner_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sorted(row["legal_name"] for row in csv.DictReader(f))


def test_partners_picked_in_the_list_export_from_the_context_menu(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    window.show_page("partners")
    page = window.partners
    qtbot.waitUntil(page.model.is_current, timeout=TIMEOUT)
    _pick_rows(qtbot, page.view, [1, 3, 4])
    chosen = sorted(str(page.model.index(r, 0).data()) for r in (1, 3, 4))
    assert len(page.selected_ids()) == 3
    # The 360° view follows the row last clicked.
    assert page.overview.partner is not None
    assert page.overview.partner.legal_name == page.model.index(4, 0).data()
    target = tmp_path / "picked.csv"
    offered = _save_as(monkeypatch, target)

    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    page.add_export_actions(menu, len(page.selected_ids()))
    export_menu = menu.actions()[0].menu()
    assert isinstance(export_menu, QMenu)
    assert [a.text() for a in export_menu.actions()] == [
        "3 selected partners as CSV…",
        "3 selected partners as XLSX…",
        "This list as CSV…",
        "This list as XLSX…",
    ]
    export_menu.actions()[0].trigger()

    _wait_for_status(qtbot, window, f"Exported 3 partners to {target}")
    assert Path(offered[0]).name == f"partners-selected-{TODAY.isoformat()}.csv"
    assert _partner_names(target) == chosen


def test_file_export_offers_the_partners_picked_in_the_list(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    window.show_page("partners")
    page = window.partners
    qtbot.waitUntil(page.model.is_current, timeout=TIMEOUT)
    _pick_rows(qtbot, page.view, [0, 2])
    chosen = sorted(str(page.model.index(r, 0).data()) for r in (0, 2))
    target = tmp_path / "picked.xlsx"
    _save_as(monkeypatch, target)
    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    selection = dialog.scope_group.buttons()[2]
    assert selection.isEnabled() and selection.text() == "The 2 &selected partners"
    dialog.choose("partners", "selection", "xlsx")
    dialog.accept()
    _wait_for_status(qtbot, window, f"Exported 2 partners to {target}")
    book = openpyxl.load_workbook(target, read_only=True)
    try:
        sheet = book.active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    column = list(rows[0]).index("legal_name")
    assert sorted(str(r[column]) for r in rows[1:]) == chosen
