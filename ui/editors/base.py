"""What every editor window shares: no edit is lost by closing it."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QTabWidget, QWidget

from ui.editors.fields import ErrorBoard


class EditorDialog(QDialog):
    """Subclasses provide ``board``, ``is_dirty()``, ``save()`` and ``unsaved_question()``."""

    board: ErrorBoard
    tabs: QTabWidget
    buttons: QWidget
    _focused_once = False
    _writing = False  # a save runs in a worker (see set_writing)

    def set_writing(self, on: bool) -> None:
        """While a write runs the form is off: an edit typed meanwhile would be lost."""
        self._writing = on
        if shiboken6.isValid(self):
            for widget in self.locked_while_writing():
                widget.setEnabled(not on)

    def locked_while_writing(self) -> list[QWidget]:
        return [self.tabs, self.buttons]

    def describe_buttons(
        self, save: QAbstractButton, apply: QAbstractButton, cancel: QAbstractButton
    ) -> None:
        """Tooltips that say what each button does and its key (spoken as descriptions)."""
        keys = QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        tips = (
            (save, self.tr("Save and close (Enter)")),
            (apply, self.tr("Save and keep this window open ({keys})").format(keys=keys)),
            (cancel, self.tr("Close; asks first if there are unsaved changes (Esc)")),
        )
        for button, tip in tips:
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)

    def pages_by_keyboard(self, tabs: QTabWidget) -> None:
        """Ctrl+Tab and Ctrl+Shift+Tab (the platform's keys) turn the pages from anywhere.

        A tab widget answers them only while the focus is on one of its pages, and only if
        the focused field lets the key through: from the Save button, or a date field,
        they did nothing.
        """
        for keys, step in ((QKeySequence.StandardKey.NextChild, 1),
                           (QKeySequence.StandardKey.PreviousChild, -1)):  # fmt: skip
            action = QAction(self)
            action.setShortcuts(QKeySequence.keyBindings(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=step: self._turn_page(tabs, s))
            self.addAction(action)

    @staticmethod
    def _turn_page(tabs: QTabWidget, step: int) -> None:
        count = tabs.count()
        index = tabs.currentIndex()
        for _ in range(count):  # round the end, past disabled pages, as a tab bar does
            index = (index + step) % count
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                return

    def first_field(self) -> QWidget:
        """The field the user types into first when the window opens."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            # Otherwise Qt focuses the first widget of its chain (a tab bar, a button) and
            # what the user types first goes nowhere.
            self._focused_once = True
            self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def unsaved_question(self) -> str:
        """The question asked before unsaved edits would be lost, in the editor's words."""
        raise NotImplementedError

    def reload_question(self) -> str:
        """Whether to read the record again after someone else changed it, in its words."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the record again as the database holds it now."""
        raise NotImplementedError

    def offer_reload(self, message: str) -> None:
        """Another desk saved the record first: reload it, or keep the edits and say why."""
        answer = QMessageBox.question(
            self,
            self.tr("Changed by someone else"),
            f"{message}\n\n{self.reload_question()}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reload()
        else:
            self.board.show_banner(message)

    def save_then(self, then: Callable[[], object] | None = None) -> None:
        """Save, then ``then()`` once saved (an editor that saves in a worker overrides it)."""
        if self.save() and then is not None:
            then()

    def save_and_close(self) -> None:
        self.save_then(self.accept)

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.unsaved_question(),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save_then(lambda: QDialog.reject(self))
                return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            # The form is built once; rather than leave half of it in the old language,
            # say plainly when the new one applies. Edits in progress stay as they are.
            self.board.show_banner(
                self.tr("The new language applies when this window is opened again.")
            )
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # QDialog's close goes through reject(); if that stayed open, so does the window.
        self.reject()
        if self.isVisible():
            event.ignore()
        else:
            event.accept()
