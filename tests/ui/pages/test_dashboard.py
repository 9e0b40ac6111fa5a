"""The dashboard shows exactly what the services say needs attention."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView, QHorizontalBarSeries, QPieSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from app.db import Database, open_database
from app.domain.enums import AgreementStatus
from app.services.agreements import create_agreement
from app.services.dashboard import attention
from app.services.partners import PartnerInput, create_partner
from app.services.portfolio import Bucket, PortfolioFigures, portfolio_figures
from app.services.scope import Scope
from tests.conftest import agreement_input
from ui import i18n
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
    # The agreements' documents and the sellers' papers (platform model) in one list.
    assert page.documents_model.rowCount() == len(expected.expiring_documents) + len(
        expected.expiring_seller_documents
    )
    assert expected.expiring_seller_documents  # the demo's sellers have papers due
    assert page.tiles["kpis"].value.text() == str(len(expected.red_kpis))

    page.window_group.button(90).setChecked(True)
    ids = [page.decisions_model.index(r, 0).data(Roles.ID)
           for r in range(page.decisions_model.rowCount())]  # fmt: skip
    assert ids == missed + [d.agreement_id for d in expected.decisions_within(90)]
    assert len(ids) >= len(expected.decisions_within(30))
    assert ids, "the demo has decisions due within 90 days"


def test_the_charts_group_the_digits_of_their_numbers(qtbot: QtBot, ui_db: Database) -> None:
    """Ticks read 3,000,000 (millions of CNY at a million agreements), not 3000000."""
    page = make_page(qtbot, ui_db)
    charts = [v.chart() for v in page.findChildren(QChartView)]
    assert len(charts) >= 4
    for chart in charts:
        assert chart.localizeNumbers(), chart.title()
        assert chart.locale().toString(3000000.0, "f", 0) == "3,000,000"


def _places(text: str) -> int:
    return len(text.partition(".")[2])


def test_each_list_fits_its_columns_to_its_rows_when_its_tab_is_chosen(
    qtbot: QtBot, ui_db: Database
) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    for index in range(page.tabs.count()):
        if not page.tabs.isTabVisible(index):
            continue
        page.tabs.setCurrentIndex(index)
        tab = page.tabs.widget(index)
        assert tab is not None
        view = tab if isinstance(tab, QTableView) else tab.findChild(QTableView)
        assert isinstance(view, QTableView)
        model = view.model()
        metrics = view.fontMetrics()
        assert model.rowCount() > 0, page.tabs.tabText(index)
        for c in range(model.columnCount() - 1):  # the last one stretches
            widest = max(metrics.horizontalAdvance(str(model.index(r, c).data()))
                         for r in range(min(model.rowCount(), 10)))  # fmt: skip
            assert view.columnWidth(c) >= widest, (page.tabs.tabText(index), c)


def test_red_kpis_show_target_and_reading_as_written(qtbot: QtBot, ui_db: Database) -> None:
    """A target of 0.59 reads "0.59", not the column's stored "0.590000"."""
    page = make_page(qtbot, ui_db)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    model = page.kpis_model
    assert model.rowCount(), "the demo has KPIs in red"
    for row in range(model.rowCount()):
        kpi = model.index(row, 0).data(Roles.RECORD)
        for column, value in ((3, kpi.target), (4, kpi.latest_value)):
            text = model.index(row, column).data()
            assert Decimal(text.replace(",", "")) == value
            written = max(0, -int(value.normalize().as_tuple().exponent))
            assert _places(text) <= max(2, written), text


def _scope(figures: PortfolioFigures, scope: Scope) -> Bucket:
    return next(b for b in figures.by_scope if b.key == scope.value)


def test_portfolio_tiles_and_charts_show_the_figures(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    with ui_db.session() as s:
        figures = portfolio_figures(s, TODAY, scope=Scope.IN_FORCE)
    pipeline = _scope(figures, Scope.PIPELINE)
    assert page.tiles["agreements"].value.text() == f"{figures.agreement_count:,}"
    assert page.tiles["value"].value.text().endswith(figures.base_currency)
    type_series = page.type_chart.series()[0]
    assert isinstance(type_series, QPieSeries)
    type_slices = type_series.slices()
    assert len(type_slices) == len(figures.by_type)
    assert type_slices[0].label().startswith("Brand")
    # The shares the legends print add up to 100 % (not 99 or 101).
    for chart in (page.type_chart, page.charts_box.model_chart):
        pie = chart.series()[0]
        assert isinstance(pie, QPieSeries)
        labels = [piece.label() for piece in pie.slices()]
        assert sum(int(label.rsplit(" ", 1)[1].rstrip("%")) for label in labels) == 100, labels
    status_series = page.status_chart.series()[0]
    assert isinstance(status_series, QHorizontalBarSeries)
    status_bars = status_series.barSets()[0]
    # In force and the pipeline side by side; nothing ended.
    assert [status_bars.at(i) for i in range(status_bars.count())] == [
        *(
            next((b.count for b in figures.by_status if b.key == st.value), 0)
            for st in reversed([AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION,
                                AgreementStatus.PENDING_APPROVAL])
        ),
        figures.agreement_count,
    ]  # fmt: skip
    assert sum(status_bars.at(i) for i in range(status_bars.count())) == (
        figures.agreement_count + pipeline.count
    )
    assert "CNY" in page.rates_label.text()


def test_every_figure_and_chart_says_its_scope(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    scopes = {name: tile.scope.text() for name, tile in page.tiles.items()}
    assert scopes == {
        "agreements": "In force", "value": "In force",
        "decisions": "In force and pending approval",
        "milestones": "In force and pending approval",
        "kpis": "In force and pending approval", "documents": "In force and pipeline",
    }  # fmt: skip
    assert all(tile.scope.isVisible() for tile in page.tiles.values())
    assert [chart.title() for chart in page.charts_box.charts] == [
        "Value in force by type (CNY)", "Agreements in force and in the pipeline",
        "Brand operating model, in force", "Value in force by currency (million CNY)",
    ]  # fmt: skip


def test_the_headline_figures_are_in_force_and_nothing_ended_is_added(
    qtbot: QtBot, ui_db: Database
) -> None:
    page = make_page(qtbot, ui_db)
    page.load_now()
    with ui_db.session() as s:
        figures = portfolio_figures(s, TODAY, scope=Scope.IN_FORCE)
        every = portfolio_figures(s, TODAY)
    pipeline, history = _scope(figures, Scope.PIPELINE), _scope(figures, Scope.HISTORY)
    assert history.count and pipeline.count  # the demo has both
    agreements, value = page.tiles["agreements"], page.tiles["value"]
    assert agreements.value.text() == f"{figures.agreement_count:,}"
    assert agreements.note.text() == (
        f"Not counted: {pipeline.count:,} in the pipeline, {history.count:,} ended (history)"
    )
    assert value.caption.text() == "Contract value"
    assert value.value.text() == f"{compact_money(figures.total_value_base)} CNY"
    assert value.note.text() == f"Not counted: pipeline {compact_money(pipeline.value_base)} CNY"
    # The exact figure of each scope, never one sum across them.
    assert value.toolTip().splitlines() == [
        f"In force ({figures.agreement_count:,}): {money(figures.total_value_base, 'CNY')}",
        f"Pipeline ({pipeline.count:,}): {money(pipeline.value_base, 'CNY')}",
        f"History, ended ({history.count:,}): {money(history.value_base, 'CNY')}",
    ]
    shown = (
        " ".join(w.text() for t in page.tiles.values() for w in (t.value, t.note)) + value.toolTip()
    )
    assert compact_money(every.total_value_base) not in shown
    assert money(every.total_value_base, "CNY") not in shown


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
                # Under the demo's approval policy: it may be created as active.
                value=Decimal("400000"),
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


def test_overdue_milestones_of_ended_agreements_are_not_counted(
    qtbot: QtBot, ui_db: Database
) -> None:
    from app.services.milestones import MilestoneInput, add_milestone

    with ui_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Ended Co", country="FR"), actor="t")
        ended = create_agreement(
            s, agreement_input(partner.id, status=AgreementStatus.TERMINATED), actor="t"
        )
        add_milestone(
            s, ended.id, MilestoneInput("Forgotten", TODAY - timedelta(days=5)), actor="t"
        )
    page = make_page(qtbot, ui_db)
    page.load_now()
    listed = page.milestones_model.rowCount()
    assert listed, "the demo has overdue milestones"
    assert page.tiles["milestones"].value.text() == f"{listed:,}"  # the tile is its list


def test_drafts_alone_are_charted_as_the_pipeline(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "drafts.db")
    try:
        with db.session() as s:
            partner = create_partner(s, PartnerInput(legal_name="Draft", country="FR"), actor="t")
            draft = agreement_input(partner.id, status=AgreementStatus.DRAFT)
            create_agreement(s, draft, actor="t")
        page = make_page(qtbot, db)
        page.load_now()
        assert page.tiles["agreements"].value.text() == "0"  # nothing in force
        assert page.tiles["agreements"].note.text() == (
            "Not counted: 1 in the pipeline, 0 ended (history)"
        )
        assert page.charts_stack.currentWidget() is not page.empty_label
    finally:
        db.dispose()


def test_the_chinese_headline_counts_in_wan_and_yi(
    qtbot: QtBot, ui_db: Database, qapp: QApplication
) -> None:
    with ui_db.session() as s:
        figures = portfolio_figures(s, TODAY, scope=Scope.IN_FORCE)
    assert figures.total_value_base >= Decimal("1e8")  # the demo is worth 亿 of CNY
    assert i18n.install(qapp, "zh_CN")
    try:
        page = make_page(qtbot, ui_db)
        page.load_now()
        shown = page.tiles["value"].value.text()
    finally:
        i18n.install(qapp, "en")
    yi = (figures.total_value_base / Decimal("1e8")).quantize(Decimal("0.1"))
    assert shown == f"{yi:,} 亿 CNY"


def test_figures_from_a_worker_show_the_tiles_at_once_and_the_charts_a_turn_each(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the application: the tiles and lists show when the figures arrive, each chart
    in a turn of the event loop of its own, in the place kept for it (#15.2)."""
    from ui import background
    from ui.pages.dashboard import load_dashboard

    monkeypatch.setattr(background, "in_workers", True)
    page = make_page(qtbot, ui_db)
    views = page.charts_box.views
    assert not any(v.isVisible() for v in views)  # no blank axes before the figures
    data = load_dashboard(ui_db, TODAY)
    page.show_data(data)
    assert page.tiles["agreements"].value.text() == f"{data.figures.agreement_count:,}"
    assert page.decisions_model.rowCount() > 0
    assert not views[-1].isVisible()  # still to come
    qtbot.waitUntil(lambda: views[0].isVisible())
    places = [v.geometry() for v in views]
    qtbot.waitUntil(lambda: all(v.isVisible() for v in views))
    assert page.charts_box.drawn()
    assert [v.geometry() for v in views] == places  # nothing moved when they appeared
    assert all(chart.series() for chart in page.charts_box.charts)
    assert page.type_chart.title().endswith(f"({data.figures.base_currency})")
    # The list in view fits its rows: the title column is wider than its header.
    header = page.decisions_view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(3) > header.sectionSizeHint(3))
