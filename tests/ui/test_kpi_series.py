"""KPI actuals as a series: a sparkline in the agreements list, a chart in the editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.agreements import get_agreement
from app.services.kpis import record_actual
from app.services.listing import list_agreements
from tests.ui.conftest import UI_TODAY
from ui.editors.agreement.editor import AgreementEditor
from ui.models.lazy import Roles
from ui.pages.agreements import AgreementsPage
from ui.widgets.sparkline import LIGHTS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
READINGS = [(date(2026, 3, 31), "80"), (date(2026, 6, 30), "90"), (date(2026, 9, 30), "99.5")]


def _with_series(db: Database) -> tuple[int, str]:
    """An agreement whose first KPI gets three readings; its id and reference."""
    with db.session() as s:
        row = list_agreements(s, limit=1)[0]
        kpi = get_agreement(s, row.id).kpis[0]
        for day, value in READINGS:
            record_actual(s, kpi.id, day, Decimal(value))
    return row.id, row.reference


def test_the_list_draws_the_first_kpis_readings_and_says_them_in_the_tooltip(
    qtbot: QtBot, ui_db: Database, answered: Callable[[Any], None]
) -> None:
    agreement_id, _ = _with_series(ui_db)
    with ui_db.session() as s:
        kpi = get_agreement(s, agreement_id).kpis[0]
    page = AgreementsPage(ui_db, UI_TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    answered(page.model)
    keys = [c.key for c in page.model.columns]
    column = keys.index("kpi_trend")
    assert not page.view.isColumnHidden(column)
    row = page.model.ids().index(agreement_id)
    index = page.model.index(row, column)
    trend = page.model.data(index, Roles.RECORD).kpi_trend
    assert trend.points == tuple((a.period_end, a.value) for a in kpi.actuals[-12:])
    assert set(trend.points) >= {(d, Decimal(v)) for d, v in READINGS}
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    first, readings, target = tip.splitlines()
    assert first.startswith(f"{kpi.metric} (") and first.endswith(
        f"{trend.points[0][0].isoformat()} to {trend.points[-1][0].isoformat()}:"
    )
    assert len(readings.split(" → ")) == len(trend.points)
    assert target.startswith("target ")
    # Drawn: the last reading's dot in its traffic-light colour.
    page.view.scrollTo(index)
    rect = page.view.visualRect(index)
    image = page.view.viewport().grab(rect).toImage()
    light = QColor(LIGHTS[trend.attainment])
    near = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if _close(image.pixelColor(x, y), light)
    ]
    assert near, "no sparkline drawn"


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_the_editor_charts_the_chosen_kpi_over_time(qtbot: QtBot, ui_db: Database) -> None:
    agreement_id, _ = _with_series(ui_db)
    editor = AgreementEditor(ui_db, agreement_id)
    qtbot.addWidget(editor)
    editor.show()
    tab = editor.kpis_tab
    with ui_db.session() as s:
        kpis = get_agreement(s, agreement_id).kpis
    first = [(a.period_end, a.value) for a in kpis[0].actuals]
    assert tab.chart.points == first
    assert first[-3:] == [(d, Decimal(v)) for d, v in READINGS]
    assert [s.name() for s in tab.chart.chart().series()] == ["Actual", "Target"]
    if len(kpis) > 1:
        tab.table.selectRow(1)
        assert tab.chart.points == [(a.period_end, a.value) for a in kpis[1].actuals]
