"""A list's context menu after Ctrl+A counts the selected agreements and reads none of them
on the GUI thread (issue #15.2): in a list of a million, reading every selected row's
record took minutes there. Sessions opened on the GUI thread are counted
(``tests/ui/gui_thread.py``); pages are made small so that the rows below the view are not in
memory, as in a long list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.db import Database
from ui.models.lazy import LazyIdModel

from .gui_thread import on_gui_thread, settle, settled_window

__all__ = ["on_gui_thread"]  # the fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_context_menu_after_select_all_counts_without_reading(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LazyIdModel, "PAGE_SIZE", 5)
    window = settled_window(qtbot, ui_db)
    window.resize(1366, 768)
    window.show()
    window.show_page("agreements")
    settle(qtbot, window)
    page = window.agreements
    total = page.model.rowCount()
    page.view.selectAll()
    shown: list[list[str]] = []

    def read_and_close() -> None:  # the menu is open: what it offers, then Escape
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.append([a.text() for a in menu.actions() if a.text()])
        menu.close()

    QTimer.singleShot(100, read_and_close)
    row = 2  # on view: its record is in memory
    at = page.view.visualRect(page.model.index(row, 0)).center()
    on_gui_thread.clear()
    page._context_menu(at)
    assert not on_gui_thread, "the menu read on the GUI thread:\n" + on_gui_thread[0]
    assert f"Delete {total} agreements…" in shown[0]  # every selected one counted
    assert "Open" in shown[0] and "Renew…" in shown[0]
    assert len(page.selected_ids()) == total  # still all selected


def test_the_header_does_not_ask_every_selected_cell_after_select_all(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's header asked the model's flags() of every cell of each column it painted once
    all rows were selected: 3 s a paint at 100,000 agreements, 30 s at a million. The
    list's header has a selection of its own (``ListView``) and asks none of them."""
    asked: list[int] = []
    flags = LazyIdModel.flags

    def counted(model: LazyIdModel[object], index: QModelIndex) -> Qt.ItemFlag:
        asked.append(index.row())
        return flags(model, index)

    monkeypatch.setattr(LazyIdModel, "flags", counted)
    window = settled_window(qtbot, ui_db)
    window.resize(1000, 500)
    window.show()
    window.show_page("agreements")
    settle(qtbot, window)
    view = window.agreements.view
    asked.clear()
    view.selectAll()
    qtbot.wait(50)  # the view and its header painted again
    rows, last_shown = view.model().rowCount(), view.rowAt(view.viewport().height() - 1)
    assert 0 < last_shown < rows - 10  # (rows below the view: the case of a long list)
    assert asked and max(asked) <= last_shown, (max(asked), last_shown)  # the rows on view
    assert view.selectionModel().isRowSelected(rows - 1)  # the table's selection is whole


def test_a_menus_count_of_a_million_selected_is_grouped(qtbot: QtBot, ui_db: Database) -> None:
    """After Ctrl+A in a list of a million the menu read "Delete 999999 agreements…" (%n):
    the counts are written as the status bar and the list write theirs."""
    from PySide6.QtCore import QLocale

    window = settled_window(qtbot, ui_db)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        menu = QMenu()
        window.agreements.add_export_actions(menu, 999_999)
        export = menu.actions()[0].menu()
        assert isinstance(export, QMenu)
        assert "999,999 selected agreements as CSV…" in [a.text() for a in export.actions()]
        said = window.agreements.tr("Delete %Ln agreement(s)…", "", 999_999)
        assert said == "Delete 999,999 agreements…"
    finally:
        QLocale.setDefault(before)
