"""Context menus a keyboard can open: Shift+F10 and the Menu key, at the current row.

A list's context menu is often the only way to an action (export the selection, renew,
remove a KPI). Qt opens it for the right mouse button; on X11 the Menu key gave a
context-menu event at the mouse pointer (wherever that was, so for the row under it, not
the row the user had moved to) and Shift+F10 gave nothing at all.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def menu_keys() -> list[QKeySequence]:
    return [QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)]


def open_by_keyboard(view: QAbstractItemView) -> QAction:
    """Shift+F10 and the Menu key ask ``view`` for its context menu at its current row.

    The view must have the custom context-menu policy: its handler gets the point in the
    viewport's coordinates, as from a right click, and finds the row there.
    """
    action = QAction(view)
    action.setObjectName("keyboardContextMenu")
    action.setShortcuts(menu_keys())
    # Only while the list has the focus: a date field keeps its own Shift+F10.
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _checked=False: request_menu(view))
    view.addAction(action)
    # Said to screen-reader users, who have no other way to learn of the menu.
    hint = translate("ContextMenu", "Shift+F10 or the Menu key opens the menu of the current row")
    described = view.accessibleDescription()
    view.setAccessibleDescription(f"{described}. {hint}" if described else hint)
    return action


def request_menu(view: QAbstractItemView) -> None:
    view.customContextMenuRequested.emit(current_row_point(view))


def current_row_point(view: QAbstractItemView) -> QPoint:
    """Where the current row is in the viewport (scrolled into view first); with no current
    row, a point above every row, so the menu offers what needs no row."""
    index = view.currentIndex()
    if not index.isValid():
        return QPoint(-1, -1)
    view.scrollTo(index)
    rect = view.visualRect(index)
    # Inside the row, a little in from its left end: the menu opens over the row it is for.
    return QPoint(rect.left() + min(24, max(rect.width() // 2, 0)), rect.center().y())
