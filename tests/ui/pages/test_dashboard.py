"""The dashboard shows exactly what the services say needs attention."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QHorizontalBarSeries, QPieSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.db import Database, open_database
from app.domain.enums import AgreementStatus
from app.services.agreements import create_agreement
from app.services.dashboard import attention
from app.services.listing import AgreementFilter
from app.services.partners import PartnerInput, create_partner
from app.services.portfolio import portfolio_figures
from tests.conftest import agreement_input
from ui.i18n import compact_money, money
from ui.models.agreements import PAST_COLOUR
from ui.models.lazy import Roles
from ui.pages.dashboard import DashboardPage

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_page(qtbot: QtBot, db: Database) -> DashboardPage:
    page = DashboardPage(db, TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


def test_the_attention_lists_match_the_services(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()  # in a worker, as in the application
    with ui_db.session() as s:
        expected = attention(s, TODAY, 90)
    ids = [page.decisions_model.index(r, 0).data(Roles.ID)
           for r in range(page.decisions_model.rowCount())]  # fmt: skip
    missed = [d.agreement_id for d in expected.missed_decisions]
    assert ids == missed + [d.agreement_id for d in expected.decisions_within(30)]
    assert page.tiles["decisions"].value.text() == str(len(expected.decisions_within(30)))
    assert page.milestones_model.rowCount() == len(expected.overdue_milestones)
    assert page.kpis_model.rowCount() == len(expected.red_kpis)
    assert page.documents_model.rowCount() == len(expected.expiring_documents)
    assert page.tiles["kpis"].value.text() == str(len(expected.red_kpis))

    page.window_group.button(90).setChecked(True)
    ids = [page.decisions_model.index(r, 0).data(Roles.ID)
           for r in range(page.decisions_model.rowCount())]  # fmt: skip
    assert ids == missed + [d.agreement_id for d in expected.decisions_within(90)]
    assert len(ids) >= len(expected.decisions_within(30))
    assert ids, "the demo has decisions due within 90 days"


def test_portfolio_tiles_and_charts_show_the_figures(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    with ui_db.session() as s:
        figures = portfolio_figures(s, TODAY)
    assert page.tiles["agreements"].value.text() == str(figures.agreement_count)
    assert page.tiles["value"].value.text().endswith(figures.base_currency)
    type_series = page.type_chart.series()[0]
    assert isinstance(type_series, QPieSeries)
    type_slices = type_series.slices()
    assert len(type_slices) == len(figures.by_type)
    assert type_slices[0].label().startswith("Brand")
    status_series = page.status_chart.series()[0]
    assert isinstance(status_series, QHorizontalBarSeries)
    status_bars = status_series.barSets()[0]
    assert sum(status_bars.at(i) for i in range(status_bars.count())) == figures.agreement_count
    assert "CNY" in page.rates_label.text()


def test_a_double_click_opens_the_agreement(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    page.tabs.setCurrentIndex(1)
    view = page.tabs.currentWidget()
    assert isinstance(view, QTableView)
    index = page.milestones_model.index(0, 2)
    assert index.isValid(), "the demo has overdue milestones"
    rect = view.visualRect(index)
    # A view only takes a double click on the row that was pressed first, as with a mouse.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[no-untyped-call]
    with qtbot.waitSignal(page.open_requested) as signal:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[no-untyped-call]
    assert page.data is not None
    assert signal.args == [page.data.attention.overdue_milestones[0].agreement_id]


def test_the_decisions_tile_leads_to_the_list(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    with qtbot.waitSignal(page.show_decisions) as signal:
        qtbot.mouseClick(  # type: ignore[no-untyped-call]
            page.tiles["decisions"], pytest.importorskip("PySide6.QtCore").Qt.MouseButton.LeftButton
        )
    assert signal.args == [30]


def test_the_split_between_lists_and_charts_is_kept(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total // 4, total - total // 4])
    sizes = page.splitter.sizes()
    page.save_state()
    again = make_page(qtbot, ui_db)
    assert again.splitter.sizes() == sizes


def _missed_decision(db: Database, days_ago: int, title: str) -> int:
    """An active agreement whose notice date passed ``days_ago`` days before TODAY."""
    with db.session() as s:
        partner = create_partner(
            s, PartnerInput(legal_name=f"Missed {title}", country="FR"), actor="t"
        )
        view = create_agreement(
            s,
            agreement_input(
                partner.id,
                title=title,
                status=AgreementStatus.ACTIVE,
                signed_date=date(2025, 12, 1),
                end_date=TODAY + timedelta(days=90 - days_ago),
                notice_days=90,
            ),
            actor="t",
        )
        assert view.decision_date == TODAY - timedelta(days=days_ago)
        return view.id


def test_missed_decisions_lead_the_list_in_red(qtbot: QtBot, ui_db: Database) -> None:
    recent = _missed_decision(ui_db, 3, "Recently missed")
    oldest = _missed_decision(ui_db, 40, "Long missed")
    page = make_page(qtbot, ui_db)
    page.load_now()
    for window in (30, 90):
        page.window_group.button(window).setChecked(True)
        assert page.data is not None
        upcoming = page.data.attention.decisions_within(window)
        rows = page.decisions_model.rowCount()
        ids = [page.decisions_model.index(r, 0).data(Roles.ID) for r in range(rows)]
        missed = list(page.data.attention.missed_decisions)
        assert ids[: len(missed)] == [d.agreement_id for d in missed]
        assert ids[len(missed) :] == [d.agreement_id for d in upcoming]
        # Most overdue first; both of ours are there.
        assert ids.index(oldest) < ids.index(recent)
    row = ids.index(oldest)
    days = page.decisions_model.index(row, 1)
    assert days.data() == "overdue by 40 days"
    assert QColor(days.data(Qt.ItemDataRole.ForegroundRole)) == QColor(PAST_COLOUR)
    upcoming_row = len(missed)
    assert "overdue" not in page.decisions_model.index(upcoming_row, 1).data()
    assert page.tiles["decisions"].note.text() == f"+ {len(missed)} overdue"
    assert page.tiles["decisions"].note.isVisible()


def test_value_tile_is_the_live_portfolio(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    with ui_db.session() as s:
        every = portfolio_figures(s, TODAY)
        live = portfolio_figures(
            s, TODAY, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE}))
        )
    assert live.total_value_base < every.total_value_base  # the demo has ended agreements
    tile = page.tiles["value"]
    assert tile.caption.text() == "Active contract value"
    assert tile.value.text() == f"{compact_money(live.total_value_base)} CNY"
    assert tile.note.text() == (
        f"All agreements incl. ended and drafts: {compact_money(every.total_value_base)} CNY"
    )
    assert tile.note.isVisible()
    assert money(live.total_value_base, "CNY") in tile.toolTip()


def test_an_empty_database_says_so_instead_of_empty_charts(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.db")
    try:
        page = make_page(qtbot, db)
        page.load_now()
        assert page.empty_label.isVisible()
        assert page.empty_label.text().startswith("No agreements yet")
        assert page.charts_stack.currentWidget() is page.empty_label
        assert page.tiles["agreements"].value.text() == "0"
    finally:
        db.dispose()


def test_charts_come_back_once_there_are_agreements(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    assert not page.empty_label.isVisible()
    assert page.charts_stack.currentWidget() is not page.empty_label
