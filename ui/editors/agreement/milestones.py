"""The Milestones tab of the agreement editor and the dialog of one milestone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import MilestoneStatus
from app.domain.money import format_amount
from app.services.agreements import (
    AgreementView,
    MilestoneView,
)
from app.services.milestones import (
    MilestoneInput,
    add_milestone,
    remove_milestone,
    update_milestone,
)
from ui.editors.agreement.tab_base import RecordsTab, item
from ui.editors.fields import DateEdit, DecimalEdit, OptionalDateEdit
from ui.editors.labels import enum_label
from ui.editors.record_dialog import RecordDialog

# --- milestones ------------------------------------------------------------------------


class MilestoneDialog(RecordDialog):
    def __init__(
        self, parent: QWidget | None, currency: str, m: MilestoneView | None,
        starts: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            QCoreApplication.translate("MilestoneDialog", "Milestone") if m is None else m.title,
            parent,
        )
        self.title_edit = QLineEdit(self)
        self.due_edit = DateEdit(self)
        self.owner_edit = QLineEdit(self)
        self.status_combo = QComboBox(self)
        for st in MilestoneStatus:
            self.status_combo.addItem(enum_label(st), st.value)
        self.amount_edit = DecimalEdit(self, grouped=True)
        self.amount_edit.setPlaceholderText(self.tr("optional, in {c}").format(c=currency))
        self.completed_edit = OptionalDateEdit(self)
        self.currency = currency
        self.add_field("title", self.tr("Title *"), self.title_edit)
        self.add_field("due_date", self.tr("Due *"), self.due_edit)
        self.add_field("owner", self.tr("Owner"), self.owner_edit)
        self.add_field("status", self.tr("Status"), self.status_combo)
        self.add_field("amount", self.tr("Amount ({c})").format(c=currency), self.amount_edit)
        self.add_field("completed_on", self.tr("Completed on"), self.completed_edit)
        self.board.aliases["currency"] = "amount"
        if m is not None:
            self.title_edit.setText(m.title)
            self.due_edit.set_value(m.due_date)
            self.owner_edit.setText(m.owner)
            self.status_combo.setCurrentIndex(self.status_combo.findData(m.status.value))
            self.amount_edit.set_decimal(m.amount)
            self.completed_edit.set_value(m.completed_on)
        else:
            self.due_edit.setDate(QDate.currentDate().addMonths(1))
        self.warn_before_start("due_date", self.due_edit, starts)

    def value(self) -> MilestoneInput:
        try:
            amount = self.amount_edit.decimal()
        except ValueError as exc:
            raise ValueError("amount", str(exc)) from None
        return MilestoneInput(
            title=self.title_edit.text(),
            due_date=self.due_edit.value(),
            owner=self.owner_edit.text(),
            status=MilestoneStatus(self.status_combo.currentData()),
            amount=amount,
            currency=self.currency if amount is not None else None,
            completed_on=self.completed_edit.value(),
        )


class MilestonesTab(RecordsTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("Title"), self.tr("Due"), self.tr("Owner"), self.tr("Status"),
             self.tr("Amount"), self.tr("Completed")],
            parent,
        )  # fmt: skip
        self.button(self.tr("Add…"), self.add)
        self.button(self.tr("Edit…"), self.activate, needs_row=True)
        self.button(self.tr("Remove"), self.remove, needs_row=True)
        self.finish_buttons()

    def fill(self, view: AgreementView) -> None:
        today = date.today()
        for m in view.milestones:
            row = self.table.rowCount()
            self.table.insertRow(row)
            amount = f"{m.currency} {format_amount(m.amount)}" if m.amount is not None else ""
            cells = [
                item(m.title, m),
                item(m.due_date.isoformat()),
                item(m.owner),
                item(enum_label(m.status)),
                item(amount, right=True),
                item(m.completed_on.isoformat() if m.completed_on else ""),
            ]
            overdue = m.is_overdue(today)
            for col, cell in enumerate(cells):
                if overdue:
                    cell.setForeground(QBrush(QColor("#c62828")))
                    cell.setToolTip(self.tr("Overdue since {d}").format(d=m.due_date.isoformat()))
                self.table.setItem(row, col, cell)

    def _dialog(self, m: MilestoneView | None) -> None:
        assert self.view is not None
        agreement_id = self.view.id
        dialog = MilestoneDialog(self, self.view.currency, m, self.view.start_date)

        def submit() -> Callable[[Session], object]:
            data = dialog.value()
            if m is None:
                return lambda s: add_milestone(s, agreement_id, data)
            milestone_id = m.id
            return lambda s: update_milestone(s, milestone_id, data)

        dialog.submit = submit
        dialog.db = self.db
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def add(self) -> None:
        self._dialog(None)

    def activate(self) -> None:
        m = self.selected_data()
        if isinstance(m, MilestoneView):
            self._dialog(m)

    def remove(self) -> None:
        m = self.selected_data()
        if not isinstance(m, MilestoneView):
            return
        if not self.confirm(
            self.tr("Remove milestone"), self.tr("Remove “{t}”?").format(t=m.title)
        ):
            return
        milestone_id = m.id
        self.write(lambda s: remove_milestone(s, milestone_id))


# --- KPIs ------------------------------------------------------------------------------
