"""The read-only History tab of the agreement editor."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QWidget,
)

from app.db import Database
from app.services.agreements import (
    AgreementView,
)
from app.services.audit import history
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
        self.button_row.addStretch(1)

    def fill(self, view: AgreementView) -> None:
        with self.db.session() as s:
            entries = history(s, "agreement", view.id)
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            cells = [
                item(e.at.astimezone().strftime("%Y-%m-%d %H:%M"), e),
                item(e.actor),
                item(enum_label(e.action)),
                item(e.field),
                item(e.old_value or ""),
                item(e.new_value or ""),
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
