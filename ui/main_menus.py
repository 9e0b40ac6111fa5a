"""The main window's actions, menus and toolbar: what a user can do from anywhere.

Shortcuts come from ``QKeySequence.StandardKey`` wherever Qt has one, so each platform
gets its own keys (and all of them: Redo is Ctrl+Y *and* Ctrl+Shift+Z on Linux).
Texts keep the "MainWindow" translation context they had when this lived in the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLineEdit, QStyle, QToolBar, QToolButton, QWidget

from ui.access import explain_in_menu

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
StandardKey = QKeySequence.StandardKey
Keys = StandardKey | str | list[QKeySequence] | None


def key_sequences(keys: Keys) -> list[QKeySequence]:
    """Every binding of a standard key (not only the first), or the one written out."""
    if keys is None:
        return []
    if isinstance(keys, list):
        found = keys
    elif isinstance(keys, str):
        found = [QKeySequence(keys)]
    else:
        found = QKeySequence.keyBindings(keys)
    unique: list[QKeySequence] = []
    for sequence in found:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def with_fallback(standard: StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys, plus the usual ones where the platform has none or lacks them.

    Qt has no Quit or Preferences key on Windows and Linux, and some Linux themes give
    Redo only Ctrl+Shift+Z, though people coming from Windows press Ctrl+Y.
    """
    keys = key_sequences(standard)
    return keys + [s for s in key_sequences([QKeySequence(e) for e in extra]) if s not in keys]


def show_shortcut_in_tooltip(action: QAction) -> None:
    """Tooltips name the first shortcut, in the platform's own way of writing it."""
    if action.property("refusal"):
        action.setToolTip(str(action.property("refusal")))  # why it is off (ui.access)
        return
    # "撤销(&U)" loses its "(&U)", "&Undo" its "&"; "&&" is a real ampersand.
    text = re.sub(r"\(&\w\)", "", action.text())
    text = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    text = text.removesuffix("…").removesuffix("...")
    shortcut = action.shortcut()
    if not shortcut.isEmpty():
        text = f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(text)


def make_action(
    window: QWidget, text: str, slot: Callable[[], object], keys: Keys = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    action.setShortcuts(key_sequences(keys))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(w: MainWindow) -> None:
    # After a language switch: the old actions go at once (not later), so no shortcut is
    # ever claimed by two actions of this window.
    for old in w.findChildren(QAction):
        if old.parent() is w:
            old.setShortcuts([])
            old.deleteLater()
    style = w.style()
    w.new_agreement_action = make_action(
        w, translate("MainWindow", "New &agreement…"), w.new_agreement, StandardKey.New,
        translate("MainWindow", "Create an agreement with a partner"),
    )  # fmt: skip
    w.new_agreement_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
    w.new_partner_action = make_action(
        w, translate("MainWindow", "New &partner…"), w.new_partner, "Ctrl+Shift+N",
        translate("MainWindow", "Add a partner company"),
    )  # fmt: skip
    w.new_partner_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder))
    w.import_action = make_action(w, translate("MainWindow", "&Import…"), w.import_data, "Ctrl+I")
    w.import_kpi_action = make_action(
        w, translate("MainWindow", "Import &KPI actuals…"), w.import_kpi_actuals, None,
        translate("MainWindow", "A file of reference, KPI, period, value for many agreements"),
    )  # fmt: skip
    w.export_action = make_action(
        w, translate("MainWindow", "&Export…"), w.export_data, "Ctrl+E",
        translate("MainWindow", "Save agreements or partners as CSV or Excel"),
    )  # fmt: skip
    w.calendar_action = make_action(
        w, translate("MainWindow", "Export &calendar…"), w.export_calendar, None,
        translate("MainWindow", "Save the listed agreements' decision dates, end dates and "
                  "milestones for a calendar (.ics)"),
    )  # fmt: skip
    w.backup_action = make_action(w, translate("MainWindow", "&Back up…"), w.back_up)
    w.restore_action = make_action(w, translate("MainWindow", "&Restore from backup…"), w.restore)
    w.demo_action = make_action(w, translate("MainWindow", "Load &demo data…"), w.offer_demo_data)
    w.settings_action = make_action(
        w, translate("MainWindow", "&Settings…"), w.open_settings,
        with_fallback(StandardKey.Preferences, "Ctrl+,"),
    )  # fmt: skip
    w.quit_action = make_action(
        w, translate("MainWindow", "&Quit"), w.close, with_fallback(StandardKey.Quit, "Ctrl+Q")
    )

    w.undo_action = w.undo_stack.createUndoAction(w, translate("MainWindow", "&Undo"))
    w.undo_action.setShortcuts(key_sequences(StandardKey.Undo))
    w.redo_action = w.undo_stack.createRedoAction(w, translate("MainWindow", "&Redo"))
    w.redo_action.setShortcuts(with_fallback(StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z"))
    back, forward = QStyle.StandardPixmap.SP_ArrowBack, QStyle.StandardPixmap.SP_ArrowForward
    w.undo_action.setIcon(QIcon.fromTheme("edit-undo", style.standardIcon(back)))
    w.redo_action.setIcon(QIcon.fromTheme("edit-redo", style.standardIcon(forward)))
    w.find_action = make_action(
        w, translate("MainWindow", "&Find…"), w.focus_search, StandardKey.Find
    )
    w.refresh_action = make_action(
        w, translate("MainWindow", "Re&fresh"), w.refresh_all,
        with_fallback(StandardKey.Refresh, "F5"),
    )  # fmt: skip
    w.page_actions = []
    for number, key in enumerate(w.page_keys(), start=1):
        # Ctrl+1…5 has no standard key: the usual tab-switching keys of browsers.
        action = make_action(w, w.page_title(key), partial(w.show_page, key), f"Ctrl+{number}")
        w.page_actions.append(action)
    w.about_action = make_action(w, translate("MainWindow", "&About PartnerDesk"), w.about)
    for action in w.findChildren(QAction):
        if action.parent() is w and not action.isSeparator():
            show_shortcut_in_tooltip(action)
    # The undo and redo texts follow the stack ("Undo Delete BR-…"): so do their tooltips.
    # (setToolTip emits changed once more, with nothing new: Qt then stays quiet.)
    for action in (w.undo_action, w.redo_action):
        action.changed.connect(partial(_retip, action))


def _retip(action: QAction) -> None:
    if shiboken6.isValid(action):  # changed is also emitted while Qt deletes the action
        show_shortcut_in_tooltip(action)


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    bar.clear()
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    explain_in_menu(file_menu)  # an action the role may not take says why
    file_menu.addActions([w.new_agreement_action, w.new_partner_action])
    file_menu.addSeparator()
    file_menu.addActions([w.import_action, w.import_kpi_action, w.export_action, w.calendar_action])
    file_menu.addActions([w.backup_action, w.restore_action])
    file_menu.addAction(w.demo_action)
    file_menu.addSeparator()
    file_menu.addAction(w.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    explain_in_menu(edit_menu)
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(w.find_action)
    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addActions(w.page_actions)
    view_menu.addSeparator()
    view_menu.addAction(w.refresh_action)
    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> QLineEdit:
    """The toolbar; returns its search box."""
    for old in w.findChildren(QToolBar):
        w.removeToolBar(old)
        old.deleteLater()
    toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([w.new_agreement_action, w.new_partner_action])
    toolbar.addSeparator()
    toolbar.addActions([w.undo_action, w.redo_action])
    for action in (w.undo_action, w.redo_action):
        # Their texts name the step ("Undo Change BR-2026-0042 to Pending approval"): as
        # icons they keep the search box its room; the tooltip still says the step.
        button = toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    spacer = QWidget()
    spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
    toolbar.addWidget(spacer)
    search = QLineEdit()
    search.setObjectName("globalSearch")
    search.setClearButtonEnabled(True)
    find_key = w.find_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    search.setPlaceholderText(
        translate("MainWindow", "Search references, titles, partners (%1)").replace("%1", find_key)
    )
    search.setAccessibleName(translate("MainWindow", "Search agreements"))
    search.setAccessibleDescription(
        translate("MainWindow", "Enter lists agreements whose reference, title or partner match")
    )
    search.setMinimumWidth(240)
    search.returnPressed.connect(w.run_search)
    toolbar.addWidget(search)
    w.addToolBar(toolbar)
    return search
