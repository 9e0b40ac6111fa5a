"""One KPI's actuals over time as a line, its target as a dashed line beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.services.kpis import Kpi

LINE = "#2e86c1"
TARGET = "#c62828"
LARGE = 1000  # from here the axis prints whole numbers


def _ms(day: date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0)).toMSecsSinceEpoch())


class KpiChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # Ticks in the reader's locale: 22,800,000 rather than 2.28e+07.
        self._chart.setLocalizeNumbers(True)
        self._chart.setMargins(QMargins(2, 2, 2, 2))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        super().__init__(self._chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # A picture of the table above it: Tab skips it, and a reader hears its title.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("KPI over time"))
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.points: list[tuple[date, Decimal]] = []

    def show_kpi(self, kpi: Kpi | None, unit: str = "") -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.points = [(a.period_end, a.value) for a in kpi.actuals] if kpi else []
        if kpi is None:
            chart.setTitle("")
            return
        title = f"{kpi.metric} ({unit})" if unit else kpi.metric
        chart.setTitle(title)
        if not self.points:
            chart.setTitle(self.tr("%1: no actuals recorded yet").replace("%1", title))
            return
        actual = QLineSeries()
        actual.setName(self.tr("Actual"))
        actual.setPen(QPen(QColor(LINE), 2))
        actual.setPointsVisible(True)
        for day, value in self.points:
            actual.append(_ms(day), float(value))  # drawing only: the figures stay Decimal
        first, last = self.points[0][0], self.points[-1][0]
        target = QLineSeries()
        target.setName(self.tr("Target"))
        pen = QPen(QColor(TARGET), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        target.setPen(pen)
        target.append(_ms(first), float(kpi.target))
        target.append(_ms(last), float(kpi.target))
        chart.addSeries(actual)
        chart.addSeries(target)
        x = QDateTimeAxis()
        x.setFormat("yyyy-MM")
        x.setTickCount(min(6, max(2, len(self.points))))
        if first == last:  # one reading: a month either side, or the axis has no width
            x.setRange(
                QDateTime(QDate(first.year, first.month, first.day), QTime(0, 0)).addMonths(-1),
                QDateTime(QDate(last.year, last.month, last.day), QTime(0, 0)).addMonths(1),
            )
        y = QValueAxis()
        values = [v for _, v in self.points] + [kpi.target]
        low, high = min(values), max(values)
        pad = (high - low) / 10 or abs(high) / 10 or Decimal(1)
        y.setRange(float(low - pad), float(high + pad))
        # A GMV reads in whole units; a rate or a percentage keeps its decimals.
        y.setLabelFormat("%.0f" if max(abs(low), abs(high)) >= LARGE else "%.4g")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (actual, target):
            series.attachAxis(x)
            series.attachAxis(y)
