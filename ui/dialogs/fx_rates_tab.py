"""Settings ▸ Exchange rates: each currency's rate history as a table and a chart, the
stale age, and adding, correcting or importing rates through the same services as
``partnerdesk fx set|import``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.fx import (
    DEFAULT_STALE_DAYS,
    MANUAL_SOURCE,
    MAX_STALE_DAYS,
    RateStatus,
    in_force_dates,
    is_stale,
    rate_status,
)
from app.errors import PartnerDeskError, ValidationError
from app.services import fx
from app.services.settings import base_currency
from ui import background, settings
from ui.widgets.files import open_path
from ui.widgets.tables import leave_on_tab

RED = "#c0392b"  # as the status bar's warning and the settings' errors
ERROR_STYLE = f"color: {RED};"
T = TypeVar("T")


class FxRatesTab(QWidget):
    """The rate table per currency; ``stale_days()`` is saved with the dialog's OK."""

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.wrote = False  # a rate saved or imported: written at once, whatever OK or Cancel
        self.refusal: str | None = None  # why the connected person may not change rates
        self._writing = False
        with db.session() as s:
            self.base = base_currency(s)
            days = fx.stale_days(s)
            self.rates = fx.list_rates(s, self.base)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Warn when a rate in use is older than:")))
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(0, MAX_STALE_DAYS)
        self.stale_spin.setSuffix(self.tr(" days"))
        self.stale_spin.setValue(days)
        self.stale_spin.setAccessibleName(self.tr("Warn when a rate in use is older than:"))
        self.stale_spin.setToolTip(
            self.tr("Default %1 days. The dashboard and page 1 of every report say so.").replace(
                "%1", str(DEFAULT_STALE_DAYS)
            )
        )
        self.stale_spin.valueChanged.connect(lambda _v: self._fill_currencies())
        top.addWidget(self.stale_spin)
        top.addStretch(1)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(
            self.tr("A CSV or XLSX file of rates: currency, rate, date, source")
        )
        self.import_button.clicked.connect(self._choose_import)
        top.addWidget(self.import_button)
        layout.addLayout(top)

        grid = QGridLayout()
        self.currency_list = QListWidget()
        self.currency_list.setMaximumWidth(90)
        self.currency_list.setAccessibleName(self.tr("Currencies"))
        self.currency_list.currentTextChanged.connect(lambda _t: self._show_history())
        grid.addWidget(self.currency_list, 0, 0, 2, 1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("In force from"), self.tr("%1 per unit").replace("%1", self.base),
             self.tr("Source"), self.tr("Status")]
        )  # fmt: skip
        self.table.setAccessibleName(self.tr("Rate history"))
        leave_on_tab(self.table)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setMinimumHeight(220)
        # Four columns read whole: the dialog grows to fit them (wide enough at 1366×768).
        self.table.setMinimumWidth(sum(self.fontMetrics().horizontalAdvance(t) + 24 for t in (
            "2026-12-31", self.tr("%1 per unit").replace("%1", self.base), "manual",
            self.tr("Superseded"))))  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The date and the status are read whole ("Superseded", not "Supers…").
        for column in (0, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._edit_selected)
        grid.addWidget(self.table, 0, 1)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table says it in words
        self.chart_view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_view.setAccessibleName(self.tr("Rate over time"))
        self.chart_view.setMinimumSize(300, 220)
        grid.addWidget(self.chart_view, 0, 2)
        self.note = QLabel()
        self.note.setWordWrap(True)
        grid.addWidget(self.note, 1, 1, 1, 2)
        grid.setColumnStretch(1, 3)  # the table of four columns before the chart
        grid.setColumnStretch(2, 2)
        layout.addLayout(grid, 1)

        form = QHBoxLayout()
        self.rate_currency = QLineEdit()
        self.rate_currency.setPlaceholderText(self.tr("USD"))
        self.rate_currency.setMaxLength(3)
        self.rate_currency.setMaximumWidth(60)
        self.rate_currency.setAccessibleName(self.tr("Currency"))
        self.rate_value = QLineEdit()
        self.rate_value.setPlaceholderText(self.tr("%1 per unit").replace("%1", self.base))
        self.rate_value.setAccessibleName(self.tr("Rate"))
        self.rate_date = QDateEdit()
        self.rate_date.setCalendarPopup(True)
        self.rate_date.setDisplayFormat("yyyy-MM-dd")
        self.rate_date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.rate_date.setAccessibleName(self.tr("In force from"))
        self.rate_source = QLineEdit(MANUAL_SOURCE)
        self.rate_source.setPlaceholderText(self.tr("PBOC, ECB, manual…"))
        self.rate_source.setMaxLength(40)
        self.rate_source.setMaximumWidth(110)
        self.rate_source.setAccessibleName(self.tr("Source"))
        self.save_button = QPushButton(self.tr("Save rate"))
        self.save_button.setToolTip(self.tr("A rate already stored for that day is replaced"))
        self.save_button.clicked.connect(self.add_rate)
        for w in (self.rate_currency, self.rate_value, self.rate_date, self.rate_source,
                  self.save_button):  # fmt: skip
            form.addWidget(w)
        layout.addLayout(form)
        self.rate_error = QLabel()
        self.rate_error.setStyleSheet(ERROR_STYLE)
        self.rate_error.setWordWrap(True)
        self.rate_error.hide()
        layout.addWidget(self.rate_error)
        self._fill_currencies()

    # --- what is shown ------------------------------------------------------------------

    def stale_days(self) -> int:
        return self.stale_spin.value()

    def _fill_currencies(self, select: str | None = None) -> None:
        item = self.currency_list.currentItem()
        current = select or (item.text() if item is not None else None)
        self.currency_list.blockSignals(True)
        self.currency_list.clear()
        codes = sorted({r.currency for r in self.rates})
        stale = self._stale_codes()
        for code in codes:
            item = QListWidgetItem(code)
            if code in stale:  # the same red as the status bar's warning
                item.setForeground(QColor(RED))
                item.setToolTip(self.tr("Older than the warning age: add a newer rate."))
            self.currency_list.addItem(item)
        self.currency_list.blockSignals(False)
        if codes:
            first = next((c for c in codes if c in stale), codes[0])
            self.currency_list.setCurrentRow(codes.index(current if current in codes else first))
        self._show_history()

    def _stale_codes(self) -> set[str]:
        """Currencies whose rate in force today is older than the warning age."""
        found: set[str] = set()
        seen: set[str] = set()
        for r in self.rates:  # the newest first per currency
            if r.currency in seen or r.effective_date > self.today:
                continue
            seen.add(r.currency)
            if is_stale(r.effective_date, self.today, self.stale_spin.value()):
                found.add(r.currency)
        return found

    def history(self) -> list[fx.RateView]:
        """The selected currency's rates, the newest first."""
        item = self.currency_list.currentItem()
        code = item.text() if item is not None else ""
        return [r for r in self.rates if r.currency == code]

    def _status_texts(self) -> dict[RateStatus, tuple[str, str]]:
        """Each status as the Status column words it, and its tooltip (as `fx list`)."""
        return {
            RateStatus.IN_FORCE: (self.tr("In force"), self.tr("Converted figures use it")),
            RateStatus.STALE: (self.tr("Stale"), self.tr("In force, but older than the "
                                                         "warning age: add a newer rate")),
            RateStatus.SUPERSEDED: (self.tr("Superseded"), self.tr("A newer rate is in force")),
            RateStatus.SCHEDULED: (self.tr("Scheduled"), self.tr("In force from its date")),
        }  # fmt: skip

    def _show_history(self) -> None:
        rates = self.history()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rates))
        in_force = next((r for r in rates if r.effective_date <= self.today), None)
        dates = in_force_dates(((r.currency, r.effective_date) for r in rates), self.today)
        words = self._status_texts()
        for i, r in enumerate(rates):
            source = self.tr("manual") if r.source == MANUAL_SOURCE else r.source
            status = rate_status(r.effective_date, dates.get(r.currency), self.today,
                                 self.stale_spin.value())  # fmt: skip
            word, why = words[status]
            cells = (r.effective_date.isoformat(), f"{r.rate.normalize():f}", source, word)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if j == 3:
                    item.setToolTip(why)
                    if status is RateStatus.STALE:
                        item.setForeground(QColor(RED))
                self.table.setItem(i, j, item)
        self.table.blockSignals(False)
        self._draw_chart(rates)
        if in_force is None:
            self.note.setText(self.tr("No rate in force today.") if rates else "")
            self.note.setStyleSheet("")
            return
        age = (self.today - in_force.effective_date).days
        text = self.tr("In force today: %1, %2 days old.").replace(
            "%1", in_force.effective_date.isoformat()).replace("%2", str(age))  # fmt: skip
        stale = is_stale(in_force.effective_date, self.today, self.stale_spin.value())
        if stale:
            text += " " + self.tr("Older than the warning age: add a newer rate.")
        self.note.setText(text)
        self.note.setStyleSheet(ERROR_STYLE if stale else "")

    def _draw_chart(self, rates: list[fx.RateView]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        item = self.currency_list.currentItem()
        self.chart.setTitle(
            self.tr("1 %1 in %2").replace("%1", item.text()).replace("%2", self.base)
            if item is not None else ""
        )  # fmt: skip
        if not rates:
            return
        series = QLineSeries()
        for r in reversed(rates):  # oldest first: a line over time
            when = QDateTime(QDate(r.effective_date.year, r.effective_date.month,
                                   r.effective_date.day), QTime(0, 0))  # fmt: skip
            series.append(when.toMSecsSinceEpoch(), float(r.rate))  # drawing only
        series.setPointsVisible(True)
        self.chart.addSeries(series)
        x = QDateTimeAxis()
        x.setFormat("yyyy-MM")
        x.setTickCount(min(4, max(2, len(rates))))
        y = QValueAxis()
        low, high = min(r.rate for r in rates), max(r.rate for r in rates)
        pad = (high - low) / 10 or high / 100
        y.setRange(float(low - pad), float(high + pad))
        y.setLabelFormat("%.4g")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _edit_selected(self) -> None:
        """A row chosen in the history fills the form: saving it again corrects it."""
        rows = self.table.selectionModel().selectedRows()
        rates = self.history()
        if not rows or rows[0].row() >= len(rates):
            return
        r = rates[rows[0].row()]
        self.rate_currency.setText(r.currency)
        self.rate_value.setText(f"{r.rate.normalize():f}")
        self.rate_date.setDate(QDate(r.effective_date.year, r.effective_date.month,
                                     r.effective_date.day))  # fmt: skip
        self.rate_source.setText(r.source)

    def _error(self, text: str) -> None:
        self.rate_error.setText(text)
        self.rate_error.setVisible(bool(text))

    # --- actions ------------------------------------------------------------------------

    def refuse(self, why: str) -> None:
        """Rates are read by everyone and changed by admins: what would write goes off."""
        from ui.editors.read_only import lock_buttons

        self.refusal = why
        lock_buttons([self.save_button, self.import_button], why)
        for field in (self.rate_currency, self.rate_value, self.rate_source):
            field.setReadOnly(True)
            field.setToolTip(why)
        for box in (self.rate_date, self.stale_spin):
            box.setReadOnly(True)
            box.setToolTip(why)

    def writing(self) -> bool:
        """True while a rate is saved or a file imported (in a worker)."""
        return self._writing

    def _write(
        self,
        work: Callable[[Session], T],
        done: Callable[[T], object],
        failed: Callable[[PartnerDeskError], object],
    ) -> bool:
        """``work`` and the rates read again, in one transaction in a worker
        (``background.write``); the buttons are off meanwhile. False: refused (said)."""
        base = self.base
        outcome: list[bool] = []

        def both(s: Session) -> tuple[T, list[fx.RateView]]:
            answer = work(s)
            s.flush()
            return answer, fx.list_rates(s, base)

        def written(answer: tuple[T, list[fx.RateView]]) -> None:
            self._set_writing(False)
            self.rates = answer[1]
            outcome.append(True)
            done(answer[0])

        def refused(exc: BaseException) -> None:
            self._set_writing(False)
            outcome.append(False)
            if not isinstance(exc, PartnerDeskError):
                raise exc
            failed(exc)

        self._set_writing(True)
        # Written at once, whatever OK or Cancel: the window follows even if the dialog is
        # closed before the worker is done.
        self.wrote = True
        background.write(self.db, both, written, refused)
        return outcome[0] if outcome else True  # (in a worker: on its way)

    def _set_writing(self, on: bool) -> None:
        self._writing = on
        for widget in (self.save_button, self.import_button):
            widget.setEnabled(not on)

    def add_rate(self) -> bool:
        """Save the form's rate in a worker; False when refused (said under the form)."""
        if self.refusal is not None or self._writing:
            return False
        code = self.rate_currency.text().strip().upper()
        try:
            rate = Decimal(self.rate_value.text().strip().replace(",", ""))
        except InvalidOperation:
            self._error(self.tr("The rate must be a number, e.g. 7.1350"))
            return False
        d = self.rate_date.date()
        on, source, base = date(d.year(), d.month(), d.day()), self.rate_source.text(), self.base

        def saved(_change: object) -> None:
            self._error("")
            self.rate_value.clear()
            self._fill_currencies(code)

        def refused(exc: PartnerDeskError) -> None:
            if isinstance(exc, ValidationError):
                self._error("; ".join(e.message for e in exc.errors))
            else:
                self._error(str(exc))

        return self._write(lambda s: fx.set_rate(s, code, base, rate, on, source), saved, refused)

    def _choose_import(self) -> None:
        path = open_path(
            self, self.tr("Import exchange rates"), settings.FOLDER_IMPORTS,
            self.tr("Rate files (*.csv *.xlsx);;All files (*)"),
        )  # fmt: skip
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> bool:
        """All or nothing, as ``partnerdesk fx import``, in a worker: each bad row is listed.
        False when refused (said under the form)."""
        from app.services.fx_import import import_rates
        from app.services.tabular.fields import Counts

        if self.refusal is not None or self._writing:
            return False

        def imported(result: Counts) -> None:
            self._error("")
            self._fill_currencies()
            self.note.setText(
                self.tr("%1 rates read: %2 added, %3 changed, %4 already there.")
                .replace("%1", str(result.rows)).replace("%2", str(result.added))
                .replace("%3", str(result.changed)).replace("%4", str(result.unchanged))
            )  # fmt: skip
            self.note.setStyleSheet("")

        def refused(exc: PartnerDeskError) -> None:
            if not isinstance(exc, ValidationError):
                self._error(str(exc))
                return
            lines = [str(e) for e in exc.errors[:8]]
            if len(exc.errors) > 8:
                lines.append(self.tr("… and %1 more").replace("%1", str(len(exc.errors) - 8)))
            self._error(self.tr("Nothing was imported:") + "\n" + "\n".join(lines))

        return self._write(lambda s: import_rates(s, path), imported, refused)
