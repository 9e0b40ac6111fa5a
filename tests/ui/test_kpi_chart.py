"""The KPI chart under the editor's KPI table: readable ticks whatever the unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCharts import QValueAxis
from pytestqt.qtbot import QtBot

from app.domain.enums import Attainment, KpiDirection
from app.services.kpis import ActualView, Kpi
from ui.widgets.kpi_chart import KpiChart

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _kpi(target: str, *values: str) -> Kpi:
    actuals = tuple(
        ActualView(i, date(2026, 8 + i, 28), Decimal(v), "", Attainment.AMBER)
        for i, v in enumerate(values)
    )
    return Kpi(1, "GMV", "currency", Decimal(target), KpiDirection.HIGHER_IS_BETTER, actuals)


def _value_axis(chart: KpiChart) -> QValueAxis:
    axis = next(a for a in chart.chart().axes() if isinstance(a, QValueAxis))
    assert isinstance(axis, QValueAxis)
    return axis


def test_a_gmv_axis_reads_in_grouped_whole_units(qtbot: QtBot) -> None:
    chart = KpiChart()
    qtbot.addWidget(chart)
    chart.show_kpi(_kpi("20537352.00", "22800000", "18688990.32", "19100000"), "USD")
    # Not "2.28e+07": whole units, grouped in the reader's locale.
    assert _value_axis(chart).labelFormat() == "%.0f"
    assert chart.chart().localizeNumbers()
    assert chart.chart().locale().toString(22800000.0, "f", 0) == "22,800,000"


def test_a_rate_axis_keeps_its_decimals(qtbot: QtBot) -> None:
    chart = KpiChart()
    qtbot.addWidget(chart)
    chart.show_kpi(_kpi("98.5", "97.25", "99.1"), "%")
    assert _value_axis(chart).labelFormat() == "%.4g"
