"""The dashboard's four portfolio charts and the note on the exchange rates they use.

Four across when the window is wide and short (a 1366×768 laptop: two rows of charts
squeezed below the attention list cut their axis labels and the pies), two by two
otherwise. Whatever the arrangement, no chart is drawn smaller than it can be read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.shares import rounded_shares
from app.services.portfolio import PortfolioFigures
from app.services.scope import PIPELINE_STATUSES, Scope
from ui import background, i18n

# The pipeline's statuses in the order an agreement passes through them.
PIPELINE_ORDER = [s for s in AgreementStatus if s in PIPELINE_STATUSES]
TYPE_COLOURS = ["#2e86c1", "#28b463", "#d68910", "#8e44ad", "#17a589"]
CHART_MIN = (260, 200)  # below this, axis labels and legends no longer fit
# Four across when the dashboard is at least this wide and less than this tall: decided
# on the page's size (set by the window), never on the charts' own, which the choice changes.
WIDE = 1000
TALL = 900


def columns_for(width: int, height: int) -> int:
    return 4 if width >= WIDE and height < TALL else 2


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    # Axis ticks and bar values in the reader's locale: 3,000,000, not 3000000.
    chart.setLocalizeNumbers(True)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(*CHART_MIN)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    # Hidden until its figures are in (``PortfolioCharts.fill``), in the place it will
    # take: the page does not move when it appears.
    policy.setRetainSizeWhenHidden(True)
    view.setSizePolicy(policy)
    view.hide()
    return chart, view


class PortfolioCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_chart, type_view = _chart(self.tr("Value in force by type"))
        self.status_chart, status_view = _chart(self.tr("In force and pipeline"))
        self.model_chart, model_view = _chart(self.tr("Brand operating model, in force"))
        self.currency_chart, currency_view = _chart(self.tr("Value in force by currency"))
        self.charts = (self.type_chart, self.status_chart, self.model_chart, self.currency_chart)
        self.views = (type_view, status_view, model_view, currency_view)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.rates_label = QLabel()
        self.rates_label.setWordWrap(True)
        self.rates_label.setObjectName("ratesNote")
        self.rates_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.columns = 0
        self.figures: PortfolioFigures | None = None
        # Charts still to draw with ``figures``, one per turn of the event loop (staged).
        self._to_draw: list[int] = []
        self._draw_timer = QTimer(self, singleShot=True, interval=0)
        self._draw_timer.timeout.connect(self._draw_next)
        self.arrange(2)

    def arrange(self, columns: int) -> None:
        """Charts in ``columns`` columns (2 or 4), the note on its own row below them."""
        if columns == self.columns:
            return
        self.columns = columns
        for view in self.views:
            self.grid.removeWidget(view)
        self.grid.removeWidget(self.rates_label)
        for i, view in enumerate(self.views):
            self.grid.addWidget(view, i // columns, i % columns)
        self.grid.addWidget(self.rates_label, 4 // columns, 0, 1, columns)
        if self.figures is not None:
            self.fill(self.figures)  # labels and legends are drawn for the width at hand

    def _chart_theme(self, chart: QChart) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))

    def fill(self, f: PortfolioFigures) -> None:
        """Chart ``f``: at once in tests, else one chart per turn of the event loop.

        Drawing the four charts (series, axes, the scene's layout and the first paint of
        each view) held the GUI thread 50-90 ms in one turn when the figures arrived and
        at the window's first paint (#15.2); a chart a turn is 10-25 ms. Until its turn a
        chart shows the figures it had, or nothing (hidden, its place kept).
        """
        self.figures = f
        self._to_draw = list(range(len(self.charts)))
        self._note(f)
        if background.in_workers:
            self._draw_timer.start()
            return
        while self._to_draw:
            self._draw_next()

    def drawn(self) -> bool:
        """True when every chart shows the newest figures."""
        return not self._to_draw

    def _draw_next(self) -> None:
        if not self._to_draw or self.figures is None:
            return
        number = self._to_draw.pop(0)
        f, chart = self.figures, self.charts[number]
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._chart_theme(chart)
        # Every chart says its scope (app.services.scope): the value charts count what is
        # in force, as the headline does; the count chart puts the pipeline beside it, by
        # status, and ended agreements in none of them.
        if chart is self.type_chart:
            self._legend_beside(chart)
            chart.setTitle(self.tr("Value in force by type (%1)").replace("%1", f.base_currency))
            self._pie(chart, [
                (i18n.type_label(AgreementType(b.key)), b.value_base) for b in f.by_type
            ], TYPE_COLOURS)  # fmt: skip
        elif chart is self.model_chart:
            self._legend_beside(chart)
            chart.setTitle(self.tr("Brand operating model, in force"))
            self._pie(chart, [
                (i18n.operating_model_label(OperatingModel(b.key)), b.value_base)
                for b in f.by_operating_model
            ], ["#2e86c1", "#d68910"])  # fmt: skip
        elif chart is self.status_chart:
            in_force = next((b.count for b in f.by_scope if b.key == Scope.IN_FORCE.value), 0)
            by_status = {b.key: b.count for b in f.by_status}
            chart.setTitle(self.tr("Agreements in force and in the pipeline"))
            bars = [(self.tr("In force"), Decimal(in_force))] + [
                (i18n.status_label(st), Decimal(by_status.get(st.value, 0)))
                for st in PIPELINE_ORDER
            ]
            self._bars(chart, bars, self.tr("Agreements"), "#2e86c1", horizontal=True)
        else:
            chart.setTitle(
                self.tr("Value in force by currency (million %1)").replace("%1", f.base_currency)
            )
            self._bars(
                chart,
                [(c.currency, c.value_base or Decimal(0)) for c in f.by_currency[:8]],
                f.base_currency,
                "#17a589",
                unit=Decimal(1_000_000),
            )
        self.views[number].show()
        if self._to_draw:
            self._draw_timer.start()

    def _legend_beside(self, chart: QChart) -> None:
        # A vertical legend beside a pie keeps its labels whole; below it, five labels
        # share one line and are cut to "Br…", "Lo…".
        legend = chart.legend()
        legend.setAlignment(
            Qt.AlignmentFlag.AlignRight if self.columns == 4 else Qt.AlignmentFlag.AlignBottom
        )
        legend.setShowToolTips(True)  # a label cut short all the same shows whole

    def _note(self, f: PortfolioFigures) -> None:
        # Each rate with the day it is in force from and who published it.
        rates = "\n".join(
            f"{r.currency} {r.rate.normalize():f} ({r.effective_date.isoformat()}, {r.source})"
            for r in f.rates
            if r.effective_date is not None
        )
        note = self.tr("Totals in %1 at the rates in force on %2.").replace(
            "%1", f.base_currency).replace("%2", f.as_of.isoformat())  # fmt: skip
        if f.missing_rates:
            note += " " + self.tr("Left out for lack of a rate: %1.").replace(
                "%1", ", ".join(f.missing_rates))  # fmt: skip
        self.rates_label.setText(note)
        self.rates_label.setToolTip(rates)

    def _pie(self, chart: QChart, slices: list[tuple[str, Decimal]], colours: list[str]) -> None:
        series = QPieSeries()
        # Whole percentages that add up to 100 (largest remainder), as the reports print.
        shares = rounded_shares([v for _, v in slices], 0) or [Decimal(0)] * len(slices)
        for i, (label, value) in enumerate(slices):
            share = shares[i]
            if self.columns == 4:
                # Beside a narrow pie "Platform (third-party) 58%" is cut to "Platform (thi";
                # the chart's title already says what the slices are.
                label = re.split(r"\s*[(（]", label)[0]
            piece = series.append(f"{label} {share:.0f}%", float(value))  # display only
            piece.setColor(QColor(colours[i % len(colours)]))
        series.setPieSize(0.75)
        chart.addSeries(series)
        legend = chart.legend()
        legend.setMinimumWidth(0)
        if self.columns == 4 and len(slices) <= 3:
            # Two or three short labels fit on one line below a narrow pie; beside it Qt
            # would cut them ("Direct sal…"), and the pie gets the whole width this way.
            legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        elif self.columns == 4:
            # Room for the longest label beside the pie (Qt cuts labels to "Logistics …"
            # otherwise), but never more than 60% of the chart: the pie must stay a pie.
            metrics = QFontMetrics(legend.font())
            words = max((metrics.horizontalAdvance(s.label()) for s in series.slices()), default=0)
            width = self.width() // self.columns  # the views may not be laid out yet
            legend.setMinimumWidth(min(words + 60, int(width * 0.6)))

    def _bars(
        self,
        chart: QChart,
        bars: list[tuple[str, Decimal]],
        name: str,
        colour: str,
        *,
        horizontal: bool = False,
        unit: Decimal = Decimal(1),
    ) -> None:
        """Bars of ``value / unit`` (a chart shows millions, the tooltip the exact total)."""
        series: QBarSeries | QHorizontalBarSeries = (
            QHorizontalBarSeries() if horizontal else QBarSeries()
        )
        values = QBarSet(name)
        values.setColor(QColor(colour))
        # Qt draws horizontal bars from the bottom up: reversed, the list reads top-down.
        ordered = list(reversed(bars)) if horizontal else bars
        for _, value in ordered:
            values.append(float(round(value / unit)))  # display only; money stays Decimal
        tips = [f"{label}: {i18n.money(value)} {name}" for label, value in ordered]
        values.hovered.connect(
            lambda on, i: QToolTip.showText(QCursor.pos(), tips[i]) if on else QToolTip.hideText()
        )
        series.append(values)
        # Values over narrow bars run into each other: then the tooltip carries them.
        series.setLabelsVisible(horizontal or self.columns != 4)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        values.setLabelColor(self.palette().color(QPalette.ColorRole.Text))
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)
        if not horizontal and self.columns == 4:
            categories.setLabelsAngle(-90)  # eight currency codes side by side do not fit
        categories.append([label for label, _ in ordered])
        amounts = QValueAxis()
        amounts.setLabelFormat("%.0f")
        top = max((float(v / unit) for _, v in bars), default=1.0)
        # Room for the value labels; never less than 0..4, so an empty chart has whole ticks.
        amounts.setRange(0, max(top * 1.15, 4.0))
        amounts.setTickCount(5)
        amounts.applyNiceNumbers()
        if horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(amounts)
        chart.legend().setVisible(False)
