"""A small form dialog whose OK runs one service call and shows its refusal beside fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.errors import FieldError, PartnerDeskError, ValidationError
from ui import background
from ui.editors.fields import DateEdit, ErrorBoard, FieldRow, make_banner, name_fields


class RecordDialog(QDialog):
    """``submit`` does the work; a ValidationError keeps the dialog open with the reasons."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.banner = make_banner(self)
        self.board = ErrorBoard(self.banner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        for button, tip in (
            (self.buttons.button(QDialogButtonBox.StandardButton.Ok), self.tr("Save (Enter)")),
            (
                self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                self.tr("Close without saving (Esc)"),
            ),
        ):
            if button is not None:
                button.setToolTip(tip)
                button.setAccessibleDescription(tip)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        # ``submit`` checks the form and returns the write (one transaction), which runs in
        # a worker with the dialog off meanwhile (``background.write``); None: done already.
        self.submit: Callable[[], Callable[[Session], object] | None] = lambda: None
        self.db: Database | None = None  # where ``submit``'s write goes
        self._shown = False

    def add_field(self, name: str, label: str, widget: QWidget) -> FieldRow:
        widget.setObjectName(f"field_{name}")
        row = self.board.add(name, FieldRow(widget, self))
        self.form.addRow(label, row)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown:
            return
        self._shown = True
        name_fields(self.form)
        # The buttons were made before the fields, so Qt's Tab order and first focus would
        # start on OK (where a space pressed it): fields first, then the buttons.
        chain = [row.field for row in self.board.rows.values()] + self.buttons.buttons()
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        if self.board.rows:
            next(iter(self.board.rows.values())).field.setFocus(Qt.FocusReason.OtherFocusReason)

    def warn_before_start(self, name: str, edit: DateEdit, starts: date | None) -> None:
        """Say beside the date when it falls before the agreement starts; allow it all the
        same (a milestone can be agreed before the contract runs)."""
        if starts is None:
            return
        row = self.board.rows[name]

        def check() -> None:
            early = edit.value() < starts
            row.show_warning(
                self.tr("Before the agreement starts ({start}).").format(start=starts.isoformat())
                if early
                else ""
            )

        edit.dateChanged.connect(check)
        check()

    def fail(self, errors: list[FieldError]) -> None:
        self.board.show(errors)

    def _submit(self) -> None:
        self.board.clear()
        try:
            work = self.submit()
        except Exception as exc:
            self._refused(exc)
            return
        if work is None:
            self.accept()
            return
        assert self.db is not None, "a dialog whose submit returns a write needs its db"
        self.setEnabled(False)  # an edit typed while the worker writes would be lost
        background.write(self.db, work, lambda _answer: self._written(), self._refused)

    def _written(self) -> None:
        self.setEnabled(True)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.board.show(exc.errors)
        elif isinstance(exc, ValueError):  # the form's own parsing, raised as (field, message)
            field, message = exc.args if len(exc.args) == 2 else ("", str(exc))
            self.board.show([FieldError(str(field), str(message))])
        elif isinstance(exc, PartnerDeskError):
            self.board.show_banner(str(exc))
        else:
            raise exc
