"""The dashboard: what needs attention today, and the portfolio in figures and charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain.roles import Ability
from app.services.abilities import Access
from app.services.approval_desk import WaitingForMe
from app.services.dashboard import Attention, attention
from app.services.overview import AttentionCounts, attention_counts
from app.services.portfolio import ZERO, Bucket, PortfolioFigures, portfolio_figures
from app.services.scope import Scope
from app.services.sellers.chain import ExpiringSellerDocument
from ui import background, i18n, settings
from ui.editors.fields import measured_text
from ui.models.agreements import NEAR_COLOUR, PAST_COLOUR
from ui.models.lazy import Roles
from ui.models.records import Record, RecordTableModel
from ui.pages import dashboard_approvals
from ui.pages.base import Page
from ui.pages.dashboard_charts import PortfolioCharts, columns_for
from ui.widgets.tables import fast_table
from ui.worker import run_job


@dataclass(frozen=True)
class DashboardData:
    attention: Attention  # the lists, a few hundred rows at most
    counts: AttentionCounts  # the exact totals for the tiles
    # In force (``app.services.scope``), as the portfolio report's headline; its
    # ``by_scope`` counts the pipeline and history beside it, each labelled.
    figures: PortfolioFigures


def load_dashboard(db: Database, today: date) -> DashboardData:
    with db.session() as s:
        return DashboardData(
            attention(s, today, 90),
            attention_counts(s, today),
            portfolio_figures(s, today, scope=Scope.IN_FORCE),
        )


def scope_bucket(f: PortfolioFigures, scope: Scope) -> Bucket:
    return next((b for b in f.by_scope if b.key == scope.value), Bucket(scope.value, 0, ZERO))


class Tile(QFrame):
    """One headline figure; clickable when it leads somewhere."""

    clicked = Signal()

    def __init__(self, caption: str, scope: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("tile")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        # Which agreements the figure covers, in the words of app.services.scope: a tile
        # never leaves a manager guessing whether drafts or ended agreements are in it.
        self.scope = QLabel(scope)
        self.scope.setWordWrap(True)
        self.scope.setObjectName("tileScope")
        # A second, smaller line: what the headline figure leaves out.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("tileNote")
        small = QFont(self.note.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.note.setFont(small)
        slanted = QFont(small)
        slanted.setItalic(True)
        self.scope.setFont(slanted)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)  # four short lines; the page must still fit 1366×768 unscrolled
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.scope)
        layout.addWidget(self.note)

    def set_value(self, text: str, colour: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")

    def set_note(self, text: str, colour: str | None = None) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setVisible(bool(text))

    def mouseReleaseEvent(self, event: object) -> None:
        self.clicked.emit()


class DashboardPage(Page):
    open_requested = Signal(int)
    show_decisions = Signal(int)  # days: show the agreements list filtered to them
    loaded = Signal()

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.data: DashboardData | None = None
        self._generation = 0
        self._build()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        in_force = self.tr("In force")
        # Decisions, milestones and KPIs are watched on app.services.scope's
        # WATCHED_STATUSES: active agreements and those about to be.
        watched = self.tr("In force and pending approval")
        self.tiles = {
            "agreements": Tile(self.tr("Agreements"), in_force),
            "value": Tile(self.tr("Contract value"), in_force),
            "decisions": Tile(self.tr("Decisions due within 30 days"), watched),
            "milestones": Tile(self.tr("Overdue milestones"), watched),
            "kpis": Tile(self.tr("KPIs in red"), watched),
            "documents": Tile(
                self.tr("Documents expiring within 60 days"), self.tr("In force and pipeline")
            ),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        self.tiles["decisions"].clicked.connect(lambda: self.show_decisions.emit(30))
        self.tiles["decisions"].setCursor(Qt.CursorShape.PointingHandCursor)
        self.tiles["decisions"].setToolTip(self.tr("Show them in the agreements list"))

        self.decisions_model = RecordTableModel([
            lambda: self.tr("Decision date"), lambda: self.tr("Days"),
            lambda: self.tr("Reference"), lambda: self.tr("Title"), lambda: self.tr("Partner"),
            lambda: self.tr("Owner"), lambda: self.tr("Value"),
        ], self)  # fmt: skip
        self.milestones_model = RecordTableModel([
            lambda: self.tr("Due"), lambda: self.tr("Days overdue"), lambda: self.tr("Reference"),
            lambda: self.tr("Milestone"), lambda: self.tr("Owner"),
        ], self)  # fmt: skip
        self.kpis_model = RecordTableModel([
            lambda: self.tr("Reference"), lambda: self.tr("Title"), lambda: self.tr("KPI"),
            lambda: self.tr("Target"), lambda: self.tr("Latest"), lambda: self.tr("Period"),
        ], self)  # fmt: skip
        self.documents_model = RecordTableModel([
            lambda: self.tr("Expires"), lambda: self.tr("Days left"), lambda: self.tr("Reference"),
            lambda: self.tr("Document"), lambda: self.tr("Kind"),
        ], self)  # fmt: skip

        self.window_group = QButtonGroup(self)
        window_bar = QHBoxLayout()
        window_bar.addWidget(QLabel(self.tr("Decision dates within:")))
        for days in (30, 60, 90):
            button = QRadioButton(self.tr("%1 days").replace("%1", str(days)))
            self.window_group.addButton(button, days)
            window_bar.addWidget(button)
        window_bar.addStretch(1)
        self.window_group.button(30).setChecked(True)
        self.window_group.idToggled.connect(lambda _id, on: self._fill_decisions() if on else None)

        decisions_tab = QWidget()
        decisions_layout = QVBoxLayout(decisions_tab)
        decisions_layout.setContentsMargins(4, 4, 4, 4)
        decisions_layout.addLayout(window_bar)
        self.decisions_view = self._list_view(self.decisions_model)
        decisions_layout.addWidget(self.decisions_view)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("attentionTabs")
        self.tabs.addTab(decisions_tab, self.tr("Decisions due"))
        self.tabs.addTab(self._list_view(self.milestones_model), self.tr("Overdue milestones"))
        self.tabs.addTab(self._list_view(self.kpis_model), self.tr("KPIs in red"))
        self.tabs.addTab(self._list_view(self.documents_model), self.tr("Expiring documents"))
        self.decisions_view.setAccessibleName(self.tr("Decisions due"))
        for i in range(1, self.tabs.count()):
            view = self.tabs.widget(i)
            if view is not None:
                view.setAccessibleName(self.tabs.tabText(i))
        # Shown to those who approve (set_access); double click opens the agreement.
        self.waiting_model = dashboard_approvals.waiting_model(self)
        self.waiting_view = self._list_view(self.waiting_model)
        self.waiting_view.setAccessibleName(self.tr("Waiting for my approval"))
        self.waiting_tab = self.tabs.addTab(self.waiting_view, dashboard_approvals.tab_title(0))
        self.tabs.setTabVisible(self.waiting_tab, False)
        # Lists whose columns have not been fitted to what arrived (see _size_columns).
        self._unsized: list[QTableView] = []
        self.tabs.currentChanged.connect(lambda _i: self._size_columns())
        self._sizing_timer = QTimer(self, singleShot=True, interval=0)
        self._sizing_timer.timeout.connect(self._size_columns)

        attention_box = QWidget()
        attention_layout = QVBoxLayout(attention_box)
        attention_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Needs attention today (%1)").replace(
            "%1", self.today.isoformat()))  # fmt: skip
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        attention_layout.addWidget(heading)
        attention_layout.addWidget(self.tabs)

        self.charts_box = PortfolioCharts()
        charts_box = self.charts_box
        self.type_chart, self.status_chart = charts_box.type_chart, charts_box.status_chart
        self.rates_label = charts_box.rates_label
        # An empty database has nothing to chart: say so instead of four blank axes.
        self.empty_label = QLabel(
            self.tr("No agreements yet. Add one, import a file or load the demo data, and "
                    "the portfolio is charted here.")
        )  # fmt: skip
        self.empty_label.setObjectName("noAgreements")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        big = QFont(self.empty_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.empty_label.setFont(big)
        self.charts_stack = QStackedWidget()
        self.charts_stack.addWidget(charts_box)
        self.charts_stack.addWidget(self.empty_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dashboardSplitter")
        self.splitter.addWidget(attention_box)
        self.splitter.addWidget(self.charts_stack)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        state = settings.splitter_state("dashboard").get()
        if not state.isEmpty():
            self.splitter.restoreState(state)

        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        # At least five rows of the attention list, whatever the splitter was left at.
        rows = self.decisions_view.verticalHeader().defaultSectionSize()
        self.tabs.setMinimumHeight(rows * 5 + 3 * self.fontMetrics().height() + 40)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(tiles)
        layout.addWidget(self.splitter, 1)
        # Below the smallest size at which every chart and row is readable, the page
        # scrolls rather than squeezing them (nothing is ever drawn clipped).
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("dashboardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def set_access(self, access: Access) -> None:
        super().set_access(access)
        self.tabs.setTabVisible(self.waiting_tab, access.may(Ability.APPROVE))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.charts_box.arrange(columns_for(event.size().width(), event.size().height()))
        super().resizeEvent(event)

    def save_state(self) -> None:
        settings.splitter_state("dashboard").set(QByteArray(self.splitter.saveState()))

    def _list_view(self, model: RecordTableModel) -> QTableView:
        view = fast_table(self, sortable=False)
        view.setModel(model)
        view.doubleClicked.connect(self._open_index)
        view.activated.connect(self._open_index)
        return view

    def _open_index(self, index: QModelIndex) -> None:
        if isinstance(index.data(Roles.RECORD), ExpiringSellerDocument):
            return  # a seller's document: there is no agreement to open
        agreement_id = index.data(Roles.ID)
        if agreement_id is not None:
            self.open_requested.emit(int(agreement_id))

    # --- loading ------------------------------------------------------------------------

    def activate(self) -> None:
        if self.data is None:
            self.refresh()

    def refresh(self) -> None:
        """Read the figures in a worker: at 100,000 agreements they take a second or two."""
        self._generation += 1
        generation = self._generation
        for tile in self.tiles.values():
            if tile.value.text() == "—":
                tile.set_value("…")
        run_job(
            self, self.tr("Dashboard"),
            lambda _progress: load_dashboard(self.db, self.today),
            lambda data: self._loaded(generation, data),
            lambda exc: self._failed(generation, exc),
            show_dialog=False,
        )  # fmt: skip
        if self._approves():
            # Apart from the figures, so that neither waits for the other.
            run_job(
                self, self.tr("Dashboard"),
                lambda _progress: dashboard_approvals.load_waiting(self.db, self.today),
                lambda found: self._fill_waiting(found) if generation == self._generation
                else None,
                lambda _exc: None,  # the list stays as it was; the editor says what fails
                show_dialog=False,
            )  # fmt: skip

    def load_now(self) -> None:
        """The same work on this thread (tests, screenshots)."""
        self._generation += 1
        self.show_data(load_dashboard(self.db, self.today))
        if self._approves():
            self._fill_waiting(dashboard_approvals.load_waiting(self.db, self.today))

    def _approves(self) -> bool:
        return self.access.may(Ability.APPROVE)

    def _loaded(self, generation: int, data: DashboardData) -> None:
        if generation == self._generation:
            self.show_data(data)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.tiles["agreements"].set_value("!")
            self.rates_label.setText(self.tr("The dashboard could not be read: %1").replace(
                "%1", str(exc)))  # fmt: skip

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        a, f = data.attention, data.figures
        pipeline = scope_bucket(f, Scope.PIPELINE)
        history = scope_bucket(f, Scope.HISTORY)
        base = f.base_currency
        self.tiles["agreements"].set_value(f"{f.agreement_count:,}")
        self.tiles["agreements"].set_note(
            self.tr("Not counted: %1 in the pipeline, %2 ended (history)")
            .replace("%1", f"{pipeline.count:,}")
            .replace("%2", f"{history.count:,}")
        )
        self.tiles["value"].set_value(f"{i18n.compact_money(f.total_value_base)} {base}")
        self.tiles["value"].set_note(
            self.tr("Not counted: pipeline %1").replace(
                "%1", f"{i18n.compact_money(pipeline.value_base)} {base}")
        )  # fmt: skip
        # The exact figures, each scope on its own line: never one sum across them.
        self.tiles["value"].setToolTip(
            self.tr("In force (%1): %2\nPipeline (%3): %4\nHistory, ended (%5): %6")
            .replace("%1", f"{f.agreement_count:,}")
            .replace("%2", i18n.money(f.total_value_base, base))
            .replace("%3", f"{pipeline.count:,}")
            .replace("%4", i18n.money(pipeline.value_base, base))
            .replace("%5", f"{history.count:,}")
            .replace("%6", i18n.money(history.value_base, base))
        )
        c = data.counts
        self.tiles["decisions"].set_value(
            f"{c.decisions_30:,}", NEAR_COLOUR if c.decisions_30 else None
        )
        self.tiles["decisions"].set_note(
            self.tr("+ %1 overdue").replace("%1", f"{c.decisions_missed:,}")
            if c.decisions_missed
            else "",
            PAST_COLOUR,
        )
        self.tiles["milestones"].set_value(
            f"{c.overdue_milestones:,}", PAST_COLOUR if c.overdue_milestones else None
        )
        self.tiles["kpis"].set_value(f"{c.red_kpis:,}", PAST_COLOUR if c.red_kpis else None)
        self.tiles["documents"].set_value(
            f"{c.expiring_documents:,}", NEAR_COLOUR if c.expiring_documents else None
        )
        self._fill_decisions()
        self.milestones_model.set_records([
            Record(m.agreement_id, (m.due_date.isoformat(), str(m.days_overdue), m.reference,
                                    m.title, m.owner), PAST_COLOUR, frozenset({1}), m)
            for m in a.overdue_milestones
        ])  # fmt: skip
        self.kpis_model.set_records([
            Record(k.agreement_id, (k.reference, k.title, f"{k.metric} ({k.unit})",
                                    measured_text(k.target), measured_text(k.latest_value),
                                    k.period_end.isoformat()), PAST_COLOUR,
                   frozenset({3, 4}), k)
            for k in a.red_kpis
        ])  # fmt: skip
        documents = [
            Record(d.agreement_id, (d.expires_on.isoformat(), str(d.days_left), d.reference,
                                    d.filename, _kind_label(d.kind.value)),
                   PAST_COLOUR if d.days_left < 0 else NEAR_COLOUR, frozenset({1}), d)
            for d in a.expiring_documents
        ]  # fmt: skip
        # A seller's papers name the seller where an agreement's name its reference; the
        # row opens nothing (its id is not an agreement's), see _open_index.
        documents += [
            Record(d.seller_id, (d.expires_on.isoformat(), str(d.days_left),
                                 d.seller + (f" ({d.seller_local_name})" if d.seller_local_name
                                             else ""),
                                 d.number, _kind_label(d.kind.value)),
                   PAST_COLOUR if d.days_left < 0 else NEAR_COLOUR, frozenset({1}), d)
            for d in a.expiring_seller_documents
        ]  # fmt: skip
        documents.sort(key=lambda r: r.payload.expires_on)
        self.documents_model.set_records(documents)
        self._unsized = self.findChildren(QTableView)
        if background.in_workers:
            # In the next turn of the event loop: measuring the list's cells is a Python
            # call per cell and role, as many again as the figures themselves (#15.2).
            self._sizing_timer.start()
        else:
            self._size_columns()
        self.charts_box.fill(f)
        # Drafts alone are something to chart (the pipeline), even with nothing in force.
        anything = any(b.count for b in f.by_scope) or f.agreement_count
        self.charts_stack.setCurrentIndex(0 if anything else 1)
        self.loaded.emit()

    def _fill_waiting(self, found: WaitingForMe) -> None:
        first = self.waiting_model.rowCount() == 0
        rows = found.rows  # the first screen; the tab counts them all
        self.waiting_model.set_records(dashboard_approvals.waiting_records(rows))
        self._unsized.append(self.waiting_view)  # it arrives after the other lists
        self._size_columns()
        self.tabs.setTabText(self.waiting_tab, dashboard_approvals.tab_title(found.total))
        if rows and first and self.tabs.isTabVisible(self.waiting_tab):
            self.tabs.setCurrentIndex(self.waiting_tab)  # what only this person can unblock

    def _size_columns(self) -> None:
        """Fit the columns of the list in view to its rows; a list in another tab when its
        tab is chosen. Measuring the five lists' cells at once (a Python call per cell and
        role) blocked the window 80-300 ms when the figures arrived (#15.2)."""
        for view in list(self._unsized):
            if view.isVisibleTo(self):
                view.resizeColumnsToContents()
                self._unsized.remove(view)

    def _fill_decisions(self) -> None:
        if self.data is None:
            return
        days = self.window_group.checkedId()
        # Missed decision dates first (most overdue first), whatever the window: they are
        # the most urgent thing on the page.
        a = self.data.attention
        self.decisions_model.set_records([
            Record(d.agreement_id,
                   (d.decision_date.isoformat(), self._days_text(d.days_left), d.reference,
                    d.title,
                    d.partner_name + (f" ({d.partner_local_name})" if d.partner_local_name
                                      and d.partner_local_name != d.partner_name else ""),
                    d.owner, i18n.money(d.value, d.currency)),
                   PAST_COLOUR if d.days_left < 0 else NEAR_COLOUR if d.days_left <= 30
                   else None, frozenset({1, 6}), d)
            for d in (*a.missed_decisions, *a.decisions_within(days))
        ])  # fmt: skip

    def _days_text(self, days_left: int) -> str:
        if days_left == -1:
            return self.tr("overdue by 1 day")
        if days_left < 0:
            return self.tr("overdue by %1 days").replace("%1", f"{-days_left:,}")
        return str(days_left)


def _kind_label(kind: str) -> str:
    try:
        from ui.editors.labels import enum_label  # the editors' vocabulary, when installed

        return str(enum_label(kind))
    except (ImportError, KeyError, TypeError):
        return kind.replace("_", " ")
