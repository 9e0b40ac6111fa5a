"""What the agreement editor's record tabs share: a table, a row of buttons, a note while
the agreement is not yet saved. Each tab's action is one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.errors import PartnerDeskError
from app.services.agreements import (
    AgreementView,
    get_agreement,
)
from ui import background
from ui.access import switch
from ui.background import Reader
from ui.widgets.context_menu import open_by_keyboard
from ui.widgets.tables import leave_on_tab

ROW_HEIGHT = 26


def records_table(parent: QWidget, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    leave_on_tab(table)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setMinimumSectionSize(72)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def item(text: str, data: object = None, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class RecordsTab(QWidget):
    """A table, a row of buttons, and a note shown while the agreement is not yet saved."""

    changed = Signal()

    def __init__(self, db: Database, headers: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db = db
        self.view: AgreementView | None = None
        self.table = records_table(self, headers)
        self.note = QLabel(self.tr("Save the agreement first (Apply) to add entries here."), self)
        self.note.setStyleSheet("color: palette(mid); padding: 4px;")
        self.button_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._activate_row())
        # Enter on a row does what a double click does. Unhandled, the table passed it on
        # to the editor, whose default button saved and closed it.
        self.table.installEventFilter(self)
        # The buttons' actions, and copying a row, also from the row itself (right click,
        # Shift+F10, the Menu key).
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        open_by_keyboard(self.table)
        self.row_buttons: list[QPushButton] = []
        self.add_buttons: list[QPushButton] = []
        self.buttons: list[QPushButton] = []  # in the order they are shown
        self.writing_buttons: list[QPushButton] = []
        self.refusal: str | None = None  # why the connected person may not change entries
        self.reader = Reader(db, self, quick=True)

    def button(
        self, text: str, slot: object, *, needs_row: bool = False, writes: bool = True
    ) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        self.button_row.addWidget(b)
        (self.row_buttons if needs_row else self.add_buttons).append(b)
        self.buttons.append(b)
        if writes:
            self.writing_buttons.append(b)
        return b

    def refuse(self, why: str | None) -> None:
        """Entries are read only: the buttons that would change them are off, saying why."""
        self.refusal = why
        self._update_buttons()

    def finish_buttons(self) -> None:
        self.button_row.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and self.selected_data() is not None
        ):
            self._activate_row()
            return True
        return super().eventFilter(watched, event)

    # Whether ``activate`` changes the entry (edit it) rather than only reading it (open).
    activate_writes = True

    def _activate_row(self) -> None:
        if self.refusal is None or not self.activate_writes:
            self.activate()

    def activate(self) -> None:
        """Double click or Enter: the natural action on a row (edit, open)."""

    def _context_menu(self, pos: QPoint) -> None:
        row = self.table.rowAt(pos.y()) if pos.y() >= 0 else -1
        if row >= 0:
            self.table.selectRow(row)
        menu = QMenu(self)
        for button in self.buttons:
            if row < 0 and button in self.row_buttons:
                continue
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        if row >= 0:
            if menu.actions():
                menu.addSeparator()
            menu.addAction(self.tr("Copy row"), lambda: self._copy_row(row))
        if menu.actions():
            menu.exec(self.table.viewport().mapToGlobal(pos))

    def _copy_row(self, row: int) -> None:
        cells = (self.table.item(row, c) for c in range(self.table.columnCount()))
        text = "\t".join(cell.text() if cell is not None else "" for cell in cells)
        QApplication.clipboard().setText(text)

    def set_agreement(self, view: AgreementView | None) -> None:
        self.view = view
        self.note.setVisible(view is None)
        for b in self.add_buttons:
            b.setEnabled(view is not None and (self.refusal is None or b not in
                                               self.writing_buttons))  # fmt: skip
        self.table.setRowCount(0)
        if view is not None:
            self.fill(view)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def fill(self, view: AgreementView) -> None:
        raise NotImplementedError

    def selected_data(self) -> object:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        has_row = self.view is not None and self.selected_data() is not None
        for b in self.row_buttons:
            b.setEnabled(has_row)
        if self.refusal is not None:
            for b in self.writing_buttons:
                switch(b, self.refusal)

    def refresh(self) -> None:
        """Read the agreement again (in a worker) after an entry changed, and show it."""
        if self.view is None:
            return
        agreement_id = self.view.id
        self.reader.read(lambda s: get_agreement(s, agreement_id), self._refreshed, self._failed)

    def _refreshed(self, view: AgreementView) -> None:
        self.view = view
        self.set_agreement(view)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            raise exc
        self.error(str(exc))

    def write(self, work: Callable[[Session], object]) -> None:
        """One change of an entry (one transaction) in a worker, then the tab refreshed; a
        refusal said. At a million agreements a write takes a while: never on the GUI thread."""

        def refused(exc: BaseException) -> None:
            self._failed(exc)
            self.refresh()

        background.write(self.db, work, lambda _answer: self.refresh(), refused)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("PartnerDesk"), text)
