"""The agreements list: a filter bar over a paged, SQL-sorted table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.services.abilities import Access
from app.services.listing import AgreementFilter, AgreementRow, owners
from ui import i18n
from ui.access import Deed, explain_in_menu, refusal, switch
from ui.background import Reader
from ui.changes import Changes
from ui.models.agreements import AgreementTableModel
from ui.models.lazy import Roles
from ui.pages.base import Page
from ui.widgets.context_menu import open_by_keyboard
from ui.widgets.sparkline import SparklineDelegate
from ui.widgets.tables import (
    fast_table,
    restore_header,
    save_header,
    selected_rows,
    selected_spans,
)

# ".2": the list gained a column (the value in the base currency); layouts saved for
# the old columns would put every column after it in the wrong place.
STATE_KEY = "agreements.2"


def _py_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AgreementsPage(Page):
    open_requested = Signal(int)
    new_requested = Signal()
    renew_requested = Signal(int)
    report_requested = Signal(str)  # agreement reference
    delete_requested = Signal(list)  # agreement ids
    count_changed = Signal(int)
    export_requested = Signal(str, str)  # "filter"/"selection", "csv"/"xlsx"

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.model = AgreementTableModel(db, today=self.today, parent=self)
        self.choices = Reader(db, self)  # the owners to filter by
        self._reselect: int | None = None
        self._select_first = False  # a search asked for its first match to be current
        self._text_timer = QTimer(self, singleShot=True, interval=250)
        self._text_timer.timeout.connect(self.apply_filter)
        self.model.held = True  # one read when the filters and the sort are set up
        self._build()
        self.model.filled.connect(self._show_count)
        self.model.busy.connect(self._show_busy)
        # The matches are on view: the search is done, only their number is still counted
        # (at a million agreements the whole order takes seconds after the first screen).
        self.model.screened.connect(lambda: self.count_label.setText(self.tr("Counting…")))
        self.reload_choices()
        restored = restore_header(self.view, STATE_KEY)
        if not restored:
            self._default_layout()
        self.model.held = False
        self.apply_filter()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.type_box = QComboBox()
        self.type_box.addItem(self.tr("All types"), None)
        for t in AgreementType:
            self.type_box.addItem(i18n.type_label(t), t.value)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("All statuses"), None)
        self.status_box.addItem(self.tr("Live (active or pending)"), "live")
        for s in AgreementStatus:
            self.status_box.addItem(i18n.status_label(s), s.value)
        self.owner_box = QComboBox()
        self.owner_box.setMinimumContentsLength(10)
        self.partner_edit = QLineEdit(placeholderText=self.tr("Partner"), clearButtonEnabled=True)
        self.partner_edit.setMaximumWidth(150)
        self.search_edit = QLineEdit(
            placeholderText=self.tr("Search reference, title, partner…"), clearButtonEnabled=True
        )
        self.search_edit.setMinimumWidth(160)
        self.dates_check = QCheckBox(self.tr("Decision from"))
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        today = QDate(self.today.year, self.today.month, self.today.day)
        self.date_from.setDate(today)
        self.date_to.setDate(today.addDays(90))
        self.to_label = QLabel(self.tr("to"))
        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(QMenu(self.columns_button))
        self.columns_button.menu().aboutToShow.connect(self._fill_column_menu)
        # Never squeezed to "Col…" by the filters beside it.
        self.columns_button.setMinimumWidth(self.columns_button.sizeHint().width())
        self.count_label = QLabel()
        for widget, name in (
            (self.search_edit, self.tr("Search agreements")),
            (self.type_box, self.tr("Cooperation type")),
            (self.status_box, self.tr("Status")),
            (self.owner_box, self.tr("Owner")),
            (self.partner_edit, self.tr("Partner")),
            (self.date_from, self.tr("Decision date from")),
            (self.date_to, self.tr("Decision date to")),
        ):
            widget.setAccessibleName(name)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        for w in (self.search_edit, self.type_box, self.status_box, self.owner_box,
                  self.partner_edit, self.dates_check, self.date_from, self.to_label,
                  self.date_to):  # fmt: skip
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.columns_button)

        self.view = fast_table(self)
        self.view.setModel(self.model)
        trend = [c.key for c in self.model.columns].index("kpi_trend")
        self.view.setItemDelegateForColumn(trend, SparklineDelegate(self.view))
        self.view.setObjectName("agreementsView")
        self.view.setAccessibleName(self.tr("Agreements"))
        self.view.setAccessibleDescription(
            self.tr("Enter opens the agreement; the context menu renews, reports or exports")
        )
        self.view.doubleClicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        open_by_keyboard(self.view)
        self.delete_action = QAction(self.tr("Delete…"), self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_selected)
        self.view.addAction(self.delete_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        for box in (self.type_box, self.status_box, self.owner_box):
            box.currentIndexChanged.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self._text_timer.start())
        self.partner_edit.textChanged.connect(lambda _t: self._text_timer.start())
        self.dates_check.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self._dates_toggled(False)

    def _default_layout(self) -> None:
        # Together about 1,150 pixels: the room a maximised window leaves at 1366×768.
        widths = {"reference": 100, "title": 140, "type": 65, "partner": 160, "owner": 80,
                  "status": 80, "value": 115, "currency": 62, "base_value": 120, "end_date": 90,
                  "decision_date": 90, "days_left": 75, "kpi_trend": 64}  # fmt: skip
        for i, column in enumerate(self.model.columns):
            self.view.setColumnWidth(i, widths.get(column.key, 110))
            self.view.setColumnHidden(i, not column.default_visible)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def save_state(self) -> None:
        save_header(self.view, STATE_KEY)

    def reload_choices(self) -> None:
        self.choices.read(owners, self._show_owners)

    def _show_owners(self, names: list[str]) -> None:
        current = self.owner_box.currentData()
        self.owner_box.blockSignals(True)
        self.owner_box.clear()
        self.owner_box.addItem(self.tr("All owners"), None)
        for owner in names:
            self.owner_box.addItem(owner, owner)
        index = self.owner_box.findData(current)
        self.owner_box.setCurrentIndex(max(index, 0))
        self.owner_box.blockSignals(False)

    # --- filtering ----------------------------------------------------------------------

    def current_filter(self) -> AgreementFilter:
        type_value = self.type_box.currentData()
        status_value = self.status_box.currentData()
        if status_value == "live":
            statuses = frozenset({AgreementStatus.ACTIVE, AgreementStatus.PENDING_APPROVAL})
        elif status_value:
            statuses = frozenset({AgreementStatus(status_value)})
        else:
            statuses = frozenset()
        decision_from: date | None = None
        decision_to: date | None = None
        if self.dates_check.isChecked():
            decision_from = _py_date(self.date_from.date())
            decision_to = _py_date(self.date_to.date())
        return AgreementFilter(
            types=frozenset({AgreementType(type_value)}) if type_value else frozenset(),
            statuses=statuses,
            owner=self.owner_box.currentData(),
            partner=self.partner_edit.text().strip() or None,
            search=self.search_edit.text().strip() or None,
            decision_from=decision_from,
            decision_to=decision_to,
            today=self.today,
        )

    def apply_filter(self) -> None:
        self._text_timer.stop()
        self.model.set_filter(self.current_filter())

    def search_for(self, text: str) -> None:
        """The global search: show every agreement whose reference, title or partner match."""
        self.type_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)
        self.owner_box.setCurrentIndex(0)
        self.partner_edit.clear()
        self.dates_check.setChecked(False)
        self.search_edit.setText(text)
        # The answer comes from a worker, later: the first match is made current then, so
        # Enter opens it (selected now, the list was still empty and Enter did nothing).
        self._select_first = True
        self.apply_filter()
        self.view.setFocus()

    def show_decisions_within(self, days: int) -> None:
        self.status_box.setCurrentIndex(self.status_box.findData("live"))
        self.date_from.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.date_to.setDate(self.date_from.date().addDays(days))
        self.dates_check.setChecked(True)
        self.apply_filter()

    def _dates_toggled(self, on: bool) -> None:
        for w in (self.date_from, self.date_to, self.to_label):
            w.setEnabled(on)
        self.apply_filter()

    def _dates_changed(self) -> None:
        if self.dates_check.isChecked():
            self.apply_filter()

    def _show_count(self) -> None:
        self._restore_selection()
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%Ln agreement(s)", "", n))
        self.count_changed.emit(n)

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.count_label.setText(self.tr("Searching…"))
        else:
            self._show_count()

    def refresh(self) -> None:
        """After an edit elsewhere: the same filter, fresh rows, the selection kept if possible."""
        selected = self.selected_ids()
        self._reselect = selected[0] if selected else None
        self.reload_choices()
        self.model.reload()  # may answer later, from a worker: _show_count reselects

    def apply(self, changes: Changes, *, visible: bool) -> None:
        """In view, follow a write's agreements (``AgreementTableModel.follow``) instead of
        reading the whole order and the owners again; hidden, refresh when next shown."""
        if not visible or changes.everything or not changes.concerns(self.shows):
            super().apply(changes, visible=visible)
            return
        self.model.follow(changes, self.reload_choices, self._keep_selection)

    def _keep_selection(self) -> None:
        selected = self.selected_ids()
        self._reselect = selected[0] if selected else None

    def _restore_selection(self) -> None:
        agreement_id, self._reselect = self._reselect, None
        if self._select_first and self.model.is_current():
            self._select_first = False
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(0, 0))
                return
        if agreement_id is not None:
            row = self.model.row_of_id(agreement_id)
            if row >= 0:
                self.view.selectRow(row)

    # --- columns ------------------------------------------------------------------------

    def _fill_column_menu(self) -> None:
        menu = self.columns_button.menu()
        menu.clear()
        for i, column in enumerate(self.model.columns):
            action = menu.addAction(column.title())
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.set_column_visible(i, on))

    def set_column_visible(self, column: int, visible: bool) -> None:
        shown = [i for i in range(self.model.columnCount()) if not self.view.isColumnHidden(i)]
        if not visible and shown == [column]:
            return  # never hide the last column: the list would look empty
        self.view.setColumnHidden(column, not visible)

    # --- actions ------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return self.model.ids_in(selected_spans(self.view))

    def selected_records(self) -> list[AgreementRow]:
        records = [self.model.record(r) for r in selected_rows(self.view)]
        return [r for r in records if r is not None]

    def _open_index(self, index: object) -> None:
        agreement_id = index.data(Roles.ID)  # type: ignore[attr-defined]
        if agreement_id is not None:
            self.open_requested.emit(int(agreement_id))

    def set_access(self, access: Access) -> None:
        super().set_access(access)
        switch(self.delete_action, refusal(access, Deed.DELETE))

    def _delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_requested.emit(ids)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        chosen = self.view.selectionModel()
        if index.isValid() and not chosen.isRowSelected(index.row()):
            self.view.selectRow(index.row())
        # The row clicked (on view: its record in memory), else the first selected; the
        # others are counted, not read: after Ctrl+A in a list of a million, reading every
        # selected row's record took minutes on the GUI thread (20,000 of them 1.9 s).
        spans = selected_spans(self.view)
        count = sum(last - first + 1 for first, last in spans)
        row = index.row() if index.isValid() and chosen.isRowSelected(index.row()) else -1
        record = self.model.record(row if row >= 0 else spans[0][0]) if spans else None
        menu = QMenu(self)
        if record is not None:
            first = record
            menu.addAction(self.tr("Open"), lambda: self.open_requested.emit(first.id))
            renew = menu.addAction(self.tr("Renew…"), lambda: self.renew_requested.emit(first.id))
            renew.setEnabled(
                count == 1 and first.status in (AgreementStatus.ACTIVE, AgreementStatus.EXPIRED)
            )
            if (why := refusal(self.access, Deed.CHANGE_AGREEMENTS)) is not None:
                switch(renew, why)
            menu.addAction(
                self.tr("Export report…"), lambda: self.report_requested.emit(first.reference)
            )
            menu.addSeparator()
            delete = menu.addAction(
                self.tr("Delete %Ln agreement(s)…", "", count), self._delete_selected
            )
            switch(delete, refusal(self.access, Deed.DELETE))
            menu.addSeparator()
        new = menu.addAction(self.tr("New agreement…"), self.new_requested.emit)
        switch(new, refusal(self.access, Deed.CHANGE_AGREEMENTS))
        explain_in_menu(menu)  # what the role may not do says why
        menu.addSeparator()
        self.add_export_actions(menu, count)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def add_export_actions(self, menu: QMenu, selected: int) -> None:
        export = menu.addMenu(self.tr("Export"))
        for scope, fmt, text in (
            ("selection", "csv", self.tr("%Ln selected agreement(s) as CSV…", "", selected)),
            ("selection", "xlsx", self.tr("%Ln selected agreement(s) as XLSX…", "", selected)),
            ("filter", "csv", self.tr("This list as CSV…")),
            ("filter", "xlsx", self.tr("This list as XLSX…")),
        ):
            action = export.addAction(text)
            action.setEnabled(scope == "filter" or selected > 0)
            action.triggered.connect(
                lambda _c=False, s=scope, f=fmt: self.export_requested.emit(s, f)
            )
