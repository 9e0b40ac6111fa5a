"""Screen readers can name every input and action of the main window and its pages."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QToolBar,
    QWidget,
    QWidgetAction,
)
from pytestqt.qtbot import QtBot

from app.db import Database
from ui.main_window import PAGES, MainWindow

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QAbstractItemView)


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip() or id(widget) in buddies:
        return True
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().replace("&", "").strip())
    return False


def _unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(root):
            continue
        # Parts Qt builds inside a composite widget (a combo box's line edit, a spin box's
        # editor, a scroll bar's buttons) are named by the widget they belong to.
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox) or type(widget).__name__ in (
            "QHeaderView",
            "QToolBarExtension", "QTabBar", "QCalendarWidget", "QScrollBar",
        ):  # fmt: skip
            continue
        if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox):
            continue
        if not _named(widget, buddies):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(parent).__name__ if parent else ''}")  # fmt: skip
    return missing


def test_every_input_and_action_has_a_name(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    window.show()
    for key in PAGES:
        page = window.show_page(key)
        build = getattr(page, "page", None)
        if callable(build):
            build()
    missing = []
    for key in PAGES:
        window.show_page(key)
        QApplication.processEvents()  # a page built late is shown by a queued call
        missing += [f"{key}: {m}" for m in _unnamed(window)]
    assert sorted(set(missing)) == []
    # Every action a user can reach: the menus' and the toolbar's (not the toolbar's
    # embedded widgets, which are checked as widgets above).
    reachable: list[QAction] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu) and menu.title().replace("&", "").strip()
        reachable += menu.actions()
    for toolbar in window.findChildren(QToolBar):
        reachable += [a for a in toolbar.actions() if not isinstance(a, QWidgetAction)]
    unnamed = [a for a in reachable if not a.isSeparator() and not a.text().strip()]
    assert unnamed == []
    assert all(a.toolTip() for a in reachable if not a.isSeparator())
