"""The read-only History tab of the agreement editor, with a filter by person."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.db import Database
from app.services.agreements import AgreementView
from app.services.audit import AuditView, agreement_history
from ui.background import Reader
from ui.editors.agreement.tab_base import RecordsTab, item
from ui.editors.labels import enum_label


class HistoryTab(RecordsTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Field"),
             self.tr("Old value"), self.tr("New value")],
            parent,
        )  # fmt: skip
        self.note.setText(self.tr("A new agreement has no history yet."))
        self.entries: list[AuditView] = []
        self.reader = Reader(db, self, quick=True)
        self.person_box = QComboBox(self)
        self.person_box.setAccessibleName(self.tr("Show changes by"))
        self.person_box.setMinimumContentsLength(16)
        label = QLabel(self.tr("Changes by:"), self)
        label.setBuddy(self.person_box)
        self.button_row.addWidget(label)
        self.button_row.addWidget(self.person_box)
        self.button_row.addStretch(1)
        self.person_box.currentIndexChanged.connect(lambda _i: self._show_entries())

    def fill(self, view: AgreementView) -> None:
        # In a worker: an agreement's history is read from the audit log, which grows
        # with every write of every agreement.
        agreement_id = view.id
        self.reader.read(lambda s: agreement_history(s, agreement_id), self._arrived)

    def _arrived(self, entries: list[AuditView]) -> None:
        self.entries = entries
        # Everyone, then each person who appears in this history (by name), keeping the
        # choice when the history is read again after a save.
        chosen = self.person_box.currentData()
        people = sorted({(e.who, e.actor) for e in self.entries})
        self.person_box.blockSignals(True)
        self.person_box.clear()
        self.person_box.addItem(self.tr("Everyone"), None)
        for who, login in people:
            self.person_box.addItem(who, login)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(chosen)))
        self.person_box.blockSignals(False)
        self._show_entries()
        self.table.resizeColumnsToContents()

    def _show_entries(self) -> None:
        login = self.person_box.currentData()
        shown = [e for e in self.entries if login is None or e.actor == login]
        self.table.setRowCount(len(shown))
        for row, e in enumerate(shown):
            cells = [
                item(e.at.astimezone().strftime("%Y-%m-%d %H:%M"), e),
                item(e.who or e.actor),
                item(enum_label(e.action)),
                item(e.field),
                item(e.old_value or ""),
                item(e.new_value or ""),
            ]
            cells[1].setToolTip(e.actor)  # the login behind the name
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
