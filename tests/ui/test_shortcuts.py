"""Shortcuts: the platform's standard keys, every one of them, and never one key twice."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.listing import agreement_ids
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.settings_dialog import SettingsDialog
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.partner_editor import PartnerEditor
from ui.main_window import MainWindow

TODAY = date(2026, 11, 26)
StandardKey = QKeySequence.StandardKey
NATIVE = QKeySequence.SequenceFormat.NativeText
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
WIDGET_CONTEXTS = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)


def key_owners(window: QWidget) -> Counter[tuple[object, str]]:
    """How many enabled actions or shortcuts of one window answer each key.

    A widget-scoped shortcut only competes with others on the same widget.
    """
    owners: Counter[tuple[object, str]] = Counter()
    actions = {id(a): a for a in [*window.findChildren(QAction), *window.actions()]}
    for action in actions.values():
        if not action.isEnabled():
            continue
        scope: object = window
        if action.shortcutContext() in WIDGET_CONTEXTS:
            scope = action.parent()
        for key in action.shortcuts():
            owners[(scope, key.toString())] += 1
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled():
            scope = shortcut.parent() if shortcut.context() in WIDGET_CONTEXTS else window
            bound = shortcut.keys()  # QShortcut's keys (not a dict's)
            for key in bound:
                owners[(scope, key.toString())] += 1
    return owners


def clashes(window: QWidget) -> list[str]:
    return sorted(key for (_scope, key), n in key_owners(window).items() if n > 1)


class _Step(QUndoCommand):
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_no_key_is_bound_twice_in_the_main_window(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db)
    # Undo and Redo are enabled only with something on the stack: put a step there and
    # undo it, so both are.
    window.undo_stack.push(_Step("step"))
    window.undo_stack.push(_Step("step"))
    window.undo_stack.undo()
    assert window.undo_action.isEnabled() and window.redo_action.isEnabled()
    assert clashes(window) == []
    window.retranslate()  # rebuilt after a language switch: the old actions must go
    assert clashes(window) == []


def test_undo_and_redo_answer_every_platform_key(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db)
    redo_keys = window.redo_action.shortcuts()
    for key in QKeySequence.keyBindings(StandardKey.Redo):
        assert key in redo_keys
    assert QKeySequence("Ctrl+Y") in redo_keys and QKeySequence("Ctrl+Shift+Z") in redo_keys
    assert len(redo_keys) == len({k.toString() for k in redo_keys})
    assert window.undo_action.shortcuts() == QKeySequence.keyBindings(StandardKey.Undo)
    assert window.quit_action.shortcuts()
    assert window.settings_action.shortcuts()


def test_tooltips_name_the_shortcut(qtbot: QtBot, ui_db: Database) -> None:
    window = _window(qtbot, ui_db)
    new_key = QKeySequence(StandardKey.New).toString(NATIVE)
    assert window.new_agreement_action.toolTip() == f"New agreement ({new_key})"
    assert window.export_action.toolTip().endswith(
        f"({window.export_action.shortcut().toString(NATIVE)})"
    )
    window.undo_stack.push(_Step("Delete BR-2026-0001"))
    undo_key = QKeySequence(StandardKey.Undo).toString(NATIVE)
    assert window.undo_action.toolTip() == f"Undo Delete BR-2026-0001 ({undo_key})"


def test_no_key_is_bound_twice_in_editors_and_dialogs(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        first = agreement_ids(s)[0]
    window = _window(qtbot, ui_db)
    dialogs: list[QWidget] = [
        AgreementEditor(ui_db, first, undo_stack=window.undo_stack, parent=window),
        AgreementEditor(ui_db, None, undo_stack=window.undo_stack, parent=window),
        PartnerEditor(ui_db, None, undo_stack=window.undo_stack, parent=window),
        SettingsDialog(ui_db, window),
        ImportWizard(ui_db, parent=window),
        ExportDialog(window.list_state(), "agreements", window),
    ]
    for dialog in dialogs:
        dialog.show()
        assert clashes(dialog) == [], type(dialog).__name__
        dialog.close()
