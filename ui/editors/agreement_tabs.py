"""The tabs of the agreement editor that save at once: milestones, KPIs, documents; and
the read-only history. Each needs a saved agreement; each action is one transaction."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from app.db import Database
from app.domain.enums import Attainment, DocumentKind, KpiDirection, MilestoneStatus
from app.domain.money import format_amount
from app.errors import PartnerDeskError
from app.services.agreements import AgreementView, AttachmentView, MilestoneView, get_agreement
from app.services.attachments import (
    add_attachment,
    attachment_content,
    duplicate_note,
    remove_attachment,
    safe_filename,
)
from app.services.audit import history
from app.services.kpis import Kpi, KpiSpec, add_kpi, record_actual, remove_kpi
from app.services.milestones import (
    MilestoneInput,
    add_milestone,
    remove_milestone,
    update_milestone,
)
from ui.editors.fields import DateEdit, DecimalEdit, OptionalDateEdit, decimal_text
from ui.editors.labels import enum_label
from ui.editors.messages import translate_message
from ui.editors.record_dialog import RecordDialog

ROW_HEIGHT = 26
LIGHTS = {
    Attainment.GREEN: "#2e7d32",
    Attainment.AMBER: "#f9a825",
    Attainment.RED: "#c62828",
    Attainment.NO_DATA: "#9e9e9e",
}


def _table(parent: QWidget, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setMinimumSectionSize(72)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _item(text: str, data: object = None, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _Tab(QWidget):
    """A table, a row of buttons, and a note shown while the agreement is not yet saved."""

    changed = Signal()

    def __init__(self, db: Database, headers: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db = db
        self.view: AgreementView | None = None
        self.table = _table(self, headers)
        self.note = QLabel(self.tr("Save the agreement first (Apply) to add entries here."), self)
        self.note.setStyleSheet("color: palette(mid); padding: 4px;")
        self.button_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.activate())
        self.row_buttons: list[QPushButton] = []
        self.add_buttons: list[QPushButton] = []

    def button(self, text: str, slot: object, *, needs_row: bool = False) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        self.button_row.addWidget(b)
        (self.row_buttons if needs_row else self.add_buttons).append(b)
        return b

    def finish_buttons(self) -> None:
        self.button_row.addStretch(1)

    def activate(self) -> None:
        """Double click: the natural action on a row (edit, open)."""

    def set_agreement(self, view: AgreementView | None) -> None:
        self.view = view
        self.note.setVisible(view is None)
        for b in self.add_buttons:
            b.setEnabled(view is not None)
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

    def refresh(self) -> None:
        if self.view is None:
            return
        try:
            with self.db.session() as s:
                self.view = get_agreement(s, self.view.id)
        except PartnerDeskError as exc:
            self.error(str(exc))
            return
        self.set_agreement(self.view)
        self.changed.emit()

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("PartnerDesk"), text)


# --- milestones ------------------------------------------------------------------------


class MilestoneDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, currency: str, m: MilestoneView | None) -> None:
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


class MilestonesTab(_Tab):
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
                _item(m.title, m),
                _item(m.due_date.isoformat()),
                _item(m.owner),
                _item(enum_label(m.status)),
                _item(amount, right=True),
                _item(m.completed_on.isoformat() if m.completed_on else ""),
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
        dialog = MilestoneDialog(self, self.view.currency, m)

        def submit() -> None:
            data = dialog.value()
            with self.db.session() as s:
                if m is None:
                    add_milestone(s, agreement_id, data)
                else:
                    update_milestone(s, m.id, data)

        dialog.submit = submit
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
        try:
            with self.db.session() as s:
                remove_milestone(s, m.id)
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.error(str(exc))
        self.refresh()


# --- KPIs ------------------------------------------------------------------------------


class KpiDialog(RecordDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(QCoreApplication.translate("KpiDialog", "KPI"), parent)
        self.metric_edit = QLineEdit(self)
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setPlaceholderText(self.tr("%, days, hours, x, currency"))
        self.target_edit = DecimalEdit(self)
        self.direction_combo = QComboBox(self)
        for d in KpiDirection:
            self.direction_combo.addItem(enum_label(d), d.value)
        self.add_field("metric", self.tr("Metric *"), self.metric_edit)
        self.add_field("unit", self.tr("Unit"), self.unit_edit)
        self.add_field("target", self.tr("Target *"), self.target_edit)
        self.add_field("direction", self.tr("Direction"), self.direction_combo)

    def value(self) -> KpiSpec:
        try:
            target = self.target_edit.decimal()
        except ValueError as exc:
            raise ValueError("target", str(exc)) from None
        if target is None:
            raise ValueError("target", self.tr("enter the target"))
        return KpiSpec(
            self.metric_edit.text(), self.unit_edit.text(), target,
            KpiDirection(self.direction_combo.currentData()),
        )  # fmt: skip


class ActualDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, kpi: Kpi) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Actual for {metric}").format(metric=kpi.metric))
        self.period_edit = DateEdit(self)
        today = QDate.currentDate()
        # The usual case: last month's figure, recorded at the start of this month.
        self.period_edit.setDate(QDate(today.year(), today.month(), 1).addDays(-1))
        self.value_edit = DecimalEdit(self)
        self.note_edit = QLineEdit(self)
        target = self.tr("target {t} {u}").format(t=_num(kpi.target), u=kpi.unit)
        self.add_field("period_end", self.tr("Period ending *"), self.period_edit)
        self.add_field("value", self.tr("Actual * ({target})").format(target=target),
                       self.value_edit)  # fmt: skip
        self.add_field("note", self.tr("Note"), self.note_edit)

    def value(self) -> tuple[date, Decimal, str]:
        try:
            actual = self.value_edit.decimal()
        except ValueError as exc:
            raise ValueError("value", str(exc)) from None
        if actual is None:
            raise ValueError("value", self.tr("enter the actual value"))
        return self.period_edit.value(), actual, self.note_edit.text()


def _num(value: Decimal) -> str:
    return decimal_text(value, grouped=abs(value) >= 1000)


class KpisTab(_Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("Metric"), self.tr("Target"), self.tr("Direction"),
             self.tr("Latest actual"), self.tr("Period"), self.tr("Attainment")],
            parent,
        )  # fmt: skip
        self.button(self.tr("Add KPI…"), self.add)
        self.actual_button = self.button(self.tr("Add actual…"), self.add_actual, needs_row=True)
        self.button(self.tr("Remove KPI"), self.remove, needs_row=True)
        self.finish_buttons()

    def fill(self, view: AgreementView) -> None:
        for k in view.kpis:
            row = self.table.rowCount()
            self.table.insertRow(row)
            latest = k.latest
            light = k.attainment
            status = QTableWidgetItem(f"● {enum_label(light)}")
            status.setForeground(QBrush(QColor(LIGHTS[light])))
            cells = [
                _item(k.metric, k),
                _item(f"{_num(k.target)} {k.unit}", right=True),
                _item(enum_label(k.direction)),
                _item(f"{_num(latest.value)} {k.unit}" if latest else "—", right=True),
                _item(latest.period_end.isoformat() if latest else ""),
                status,
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)

    def activate(self) -> None:
        self.add_actual()

    def add(self) -> None:
        assert self.view is not None
        agreement_id = self.view.id
        dialog = KpiDialog(self)

        def submit() -> None:
            spec = dialog.value()
            with self.db.session() as s:
                add_kpi(s, agreement_id, spec)

        dialog.submit = submit
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def add_actual(self) -> None:
        kpi = self.selected_data()
        if not isinstance(kpi, Kpi):
            return
        dialog = ActualDialog(self, kpi)

        def submit() -> None:
            period, value, note = dialog.value()
            with self.db.session() as s:
                record_actual(s, kpi.id, period, value, note)

        dialog.submit = submit
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def remove(self) -> None:
        kpi = self.selected_data()
        if not isinstance(kpi, Kpi):
            return
        text = self.tr("Remove the KPI “{m}” and its {n} actual(s)?").format(
            m=kpi.metric, n=len(kpi.actuals)
        )
        if not self.confirm(self.tr("Remove KPI"), text):
            return
        try:
            with self.db.session() as s:
                remove_kpi(s, kpi.id)
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.error(str(exc))
        self.refresh()


# --- attachments -----------------------------------------------------------------------


class AttachmentDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Add document"))
        self.path = path
        name = QLabel(path.name, self)
        self.kind_combo = QComboBox(self)
        for kind in DocumentKind:
            self.kind_combo.addItem(enum_label(kind), kind.value)
        self.expires_edit = OptionalDateEdit(self)
        self.form.addRow(self.tr("File"), name)
        self.add_field("kind", self.tr("Kind"), self.kind_combo)
        self.add_field("expires_on", self.tr("Expires on"), self.expires_edit)
        self.board.aliases["filename"] = "kind"
        self.board.aliases["content"] = "kind"


class AttachmentsTab(_Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("File"), self.tr("Kind"), self.tr("Expires"), self.tr("Size"),
             self.tr("Added"), self.tr("By")],
            parent,
        )  # fmt: skip
        self.button(self.tr("Add…"), self.add)
        self.button(self.tr("Open"), self.activate, needs_row=True)
        self.button(self.tr("Save a copy…"), self.save_copy, needs_row=True)
        self.button(self.tr("Remove"), self.remove, needs_row=True)
        self.finish_buttons()
        self._temp: Path | None = None

    def fill(self, view: AgreementView) -> None:
        today = date.today()
        for att in view.attachments:
            row = self.table.rowCount()
            self.table.insertRow(row)
            expires = _item(att.expires_on.isoformat() if att.expires_on else "")
            if att.expires_on is not None and (att.expires_on - today).days <= 60:
                colour = "#c62828" if att.expires_on < today else "#e65100"
                expires.setForeground(QBrush(QColor(colour)))
            cells = [
                _item(att.filename, att),
                _item(enum_label(att.kind)),
                expires,
                _item(_size(att.size), right=True),
                _item(att.uploaded_at.astimezone().strftime("%Y-%m-%d %H:%M")),
                _item(att.uploaded_by),
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)

    def add(self) -> None:
        assert self.view is not None
        agreement_id = self.view.id
        filename, _ = QFileDialog.getOpenFileName(self, self.tr("Add document"))
        if not filename:
            return
        path = Path(filename)
        dialog = AttachmentDialog(self, path)

        def submit() -> None:
            try:
                content = path.read_bytes()
            except OSError as exc:
                raise ValueError("kind", str(exc)) from None
            with self.db.session() as s:
                note = duplicate_note(s, agreement_id, content)
                if note and not self.confirm(
                    self.tr("Add document"),
                    self.tr("{note}. Add it again?").format(note=translate_message(note)),
                ):
                    return
                add_attachment(
                    s, agreement_id, path.name, content,
                    kind=DocumentKind(dialog.kind_combo.currentData()),
                    expires_on=dialog.expires_edit.value(),
                )  # fmt: skip

        dialog.submit = submit
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def _content(self, att: AttachmentView) -> bytes | None:
        try:
            with self.db.session() as s:
                return attachment_content(s, att.id)[1]
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.error(str(exc))
            return None

    def activate(self) -> None:
        att = self.selected_data()
        if not isinstance(att, AttachmentView):
            return
        content = self._content(att)
        if content is None:
            return
        # A folder per document: two documents may share a file name.
        if self._temp is None:
            # Not a TemporaryDirectory: the viewer opened may still read the file after this
            # editor closes, so the copies stay until the system clears its temp folder.
            self._temp = Path(tempfile.mkdtemp(prefix="partnerdesk-"))
        folder = self._temp / str(att.id)
        # safe_filename: a name stored by an older version may still be "../x" or "CON".
        target = folder / safe_filename(att.filename)
        try:
            folder.mkdir(exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:
            self.error(self.tr("Could not open {name}: {reason}").format(
                name=att.filename, reason=exc.strerror or exc))  # fmt: skip
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.error(self.tr("No application opens {name}; use “Save a copy…”.").format(
                name=att.filename))  # fmt: skip

    def save_copy(self) -> None:
        att = self.selected_data()
        if not isinstance(att, AttachmentView):
            return
        filename, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), str(Path.home() / safe_filename(att.filename))
        )
        if not filename:
            return
        content = self._content(att)
        if content is None:
            return
        try:
            Path(filename).write_bytes(content)
        except OSError as exc:
            self.error(self.tr("Could not save {name}: {reason}").format(
                name=filename, reason=exc.strerror or exc))  # fmt: skip

    def remove(self) -> None:
        att = self.selected_data()
        if not isinstance(att, AttachmentView):
            return
        if not self.confirm(self.tr("Remove document"),
                            self.tr("Remove “{name}”?").format(name=att.filename)):  # fmt: skip
            return
        try:
            with self.db.session() as s:
                remove_attachment(s, att.id)
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.error(str(exc))
        self.refresh()


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1_048_576:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1_048_576:.1f} MB"


# --- history ---------------------------------------------------------------------------


class HistoryTab(_Tab):
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
                _item(e.at.astimezone().strftime("%Y-%m-%d %H:%M"), e),
                _item(e.actor),
                _item(enum_label(e.action)),
                _item(e.field),
                _item(e.old_value or ""),
                _item(e.new_value or ""),
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
