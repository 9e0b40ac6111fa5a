"""The KPIs tab of the agreement editor, the KPI dialog and the dialog of one actual."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import Attainment, KpiDirection
from app.services.agreements import (
    AgreementView,
)
from app.services.kpis import Kpi, KpiSpec, add_kpi, record_actual, remove_kpi
from ui.editors.agreement.tab_base import RecordsTab, item
from ui.editors.fields import DateEdit, DecimalEdit, measured_text
from ui.editors.labels import enum_label
from ui.editors.record_dialog import RecordDialog
from ui.widgets.kpi_chart import KpiChart

LIGHTS = {
    Attainment.GREEN: "#2e7d32",
    Attainment.AMBER: "#f9a825",
    Attainment.RED: "#c62828",
    Attainment.NO_DATA: "#9e9e9e",
}


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
    def __init__(
        self, parent: QWidget | None, kpi: Kpi, starts: date | None = None, currency: str = ""
    ) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Actual for {metric}").format(metric=kpi.metric))
        self.period_edit = DateEdit(self)
        today = QDate.currentDate()
        # The usual case: last month's figure, recorded at the start of this month.
        self.period_edit.setDate(QDate(today.year(), today.month(), 1).addDays(-1))
        self.value_edit = DecimalEdit(self)
        self.note_edit = QLineEdit(self)
        unit = shown_unit(kpi.unit, currency)
        target = self.tr("target {t} {u}").format(t=measured_text(kpi.target), u=unit)
        self.add_field("period_end", self.tr("Period ending *"), self.period_edit)
        self.add_field("value", self.tr("Actual * ({target})").format(target=target),
                       self.value_edit)  # fmt: skip
        self.add_field("note", self.tr("Note"), self.note_edit)
        self.warn_before_start("period_end", self.period_edit, starts)

    def value(self) -> tuple[date, Decimal, str]:
        try:
            actual = self.value_edit.decimal()
        except ValueError as exc:
            raise ValueError("value", str(exc)) from None
        if actual is None:
            raise ValueError("value", self.tr("enter the actual value"))
        return self.period_edit.value(), actual, self.note_edit.text()


def shown_unit(unit: str, currency: str) -> str:
    """The unit as people read it: "currency" is stored for the agreement's own currency
    (the reports' rule, ``app.reports.kpi.money_unit``), and showed as "3,000,000.00
    currency". Not imported from there: that package loads the PDF machinery."""
    return currency if unit == "currency" and currency else unit


class KpisTab(RecordsTab):
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
        # The series of the KPI chosen in the table (the first one until then).
        self.chart = KpiChart(self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.table) + 1, self.chart)
        self.table.itemSelectionChanged.connect(self._chart_selected)

    def fill(self, view: AgreementView) -> None:
        for k in view.kpis:
            row = self.table.rowCount()
            self.table.insertRow(row)
            latest = k.latest
            light = k.attainment
            status = QTableWidgetItem(f"● {enum_label(light)}")
            status.setForeground(QBrush(QColor(LIGHTS[light])))
            unit = shown_unit(k.unit, view.currency)
            cells = [
                item(k.metric, k),
                item(f"{measured_text(k.target)} {unit}", right=True),
                item(enum_label(k.direction)),
                item(f"{measured_text(latest.value)} {unit}" if latest else "—", right=True),
                item(latest.period_end.isoformat() if latest else ""),
                status,
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
        self._chart_selected()

    def _chart_selected(self) -> None:
        kpi = self.selected_data()
        if not isinstance(kpi, Kpi):
            first = self.table.item(0, 0) if self.table.rowCount() else None
            kpi = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
        if self.view is None or not isinstance(kpi, Kpi):
            self.chart.show_kpi(None)
            return
        self.chart.show_kpi(kpi, shown_unit(kpi.unit, self.view.currency))

    def activate(self) -> None:
        self.add_actual()

    def add(self) -> None:
        assert self.view is not None
        agreement_id = self.view.id
        dialog = KpiDialog(self)

        def submit() -> Callable[[Session], object]:
            spec = dialog.value()
            return lambda s: add_kpi(s, agreement_id, spec)

        dialog.submit = submit
        dialog.db = self.db
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def add_actual(self) -> None:
        kpi = self.selected_data()
        if not isinstance(kpi, Kpi):
            return
        assert self.view is not None
        dialog = ActualDialog(self, kpi, self.view.start_date, self.view.currency)

        def submit() -> Callable[[Session], object]:
            period, value, note = dialog.value()
            return lambda s: record_actual(s, kpi.id, period, value, note)

        dialog.submit = submit
        dialog.db = self.db
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def remove(self) -> None:
        kpi = self.selected_data()
        if not isinstance(kpi, Kpi):
            return
        text = self.tr("Remove the KPI “{m}” and its %n actual(s)?", "", len(kpi.actuals)).format(
            m=kpi.metric
        )
        if not self.confirm(self.tr("Remove KPI"), text):
            return
        kpi_id = kpi.id
        self.write(lambda s: remove_kpi(s, kpi_id))


# --- attachments -----------------------------------------------------------------------
