"""Partners: the list, and one partner's 360° view of every agreement it holds."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import AgreementType, PartnerRole
from app.errors import NotFoundError
from app.services.abilities import Access
from app.services.listing import AgreementFilter, count_agreements
from app.services.partners import PartnerFilter, PartnerView, get_partner
from ui import i18n
from ui.access import Deed, refusal, switch
from ui.background import Reader
from ui.models.agreements import AgreementTableModel
from ui.models.lazy import Roles
from ui.models.partners import PartnerTableModel
from ui.models.records import Record, RecordTableModel
from ui.pages.base import Page
from ui.settings import Option, splitter_state
from ui.widgets.context_menu import open_by_keyboard
from ui.widgets.tables import fast_table, restore_header, save_header, selected_spans

STATE_KEY = "partners"
SPLITTER_KEY = "partners"


def _overview(s: Session, partner_id: int) -> tuple[PartnerView, dict[AgreementType, int]]:
    """The partner and how many agreements of each type it holds (indexed counts, not rows:
    a platform may hold thousands)."""
    partner = get_partner(s, partner_id)
    counts = {
        t: count_agreements(s, AgreementFilter(partner_id=partner_id, types=frozenset({t})))
        for t in AgreementType
    }
    return partner, counts


class PartnerOverview(QWidget):
    """The 360° view: who the partner is, its contacts, and all its agreements by type."""

    open_requested = Signal(int)
    edit_requested = Signal(int)
    new_agreement_requested = Signal(int)
    report_requested = Signal(int)

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.partner: PartnerView | None = None
        self.reader = Reader(db, self, quick=True)  # one partner, by its key
        self.new_refusal: str | None = None  # why the connected person may not add agreements
        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("partnerSummary")

        self.edit_button = QPushButton(self.tr("Edit partner…"))
        self.new_button = QPushButton(self.tr("New agreement…"))
        self.report_button = QPushButton(self.tr("Partner dossier…"))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.new_button.clicked.connect(lambda: self._emit(self.new_agreement_requested))
        self.report_button.clicked.connect(lambda: self._emit(self.report_requested))
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.new_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.contacts_model = RecordTableModel([
            lambda: self.tr("Name"), lambda: self.tr("Role"), lambda: self.tr("E-mail"),
            lambda: self.tr("Phone"),
        ], self)  # fmt: skip
        self.contacts_view = fast_table(self, sortable=False)
        self.contacts_view.setModel(self.contacts_model)
        self.contacts_view.setMaximumHeight(120)
        self.contacts_view.setAccessibleName(self.tr("Contacts"))
        contacts_box = QGroupBox(self.tr("Contacts"))
        QVBoxLayout(contacts_box).addWidget(self.contacts_view)

        self.agreements_model = AgreementTableModel(db, today=today, parent=self)
        self.agreements_view = fast_table(self)
        self.agreements_view.setObjectName("partnerAgreementsView")
        self.agreements_view.setAccessibleName(self.tr("Agreements with this partner"))
        self.agreements_view.setModel(self.agreements_model)
        for i, column in enumerate(self.agreements_model.columns):
            hidden = column.key in ("partner", "currency", "operating_model", "auto_renew",
                                    "start_date", "owner", "end_date", "days_left")  # fmt: skip
            self.agreements_view.setColumnHidden(i, hidden)
        widths = {"reference": 105, "title": 210, "type": 80, "status": 95, "value": 115}
        for i, column in enumerate(self.agreements_model.columns):
            self.agreements_view.setColumnWidth(i, widths.get(column.key, 100))
        self.agreements_view.doubleClicked.connect(self._open_index)
        self.agreements_view.activated.connect(self._open_index)
        self.agreements_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agreements_view.customContextMenuRequested.connect(self._context_menu)
        open_by_keyboard(self.agreements_view)
        agreements_box = QGroupBox(self.tr("All agreements with this partner"))
        box_layout = QVBoxLayout(agreements_box)
        box_layout.addWidget(self.summary)
        box_layout.addWidget(self.agreements_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.facts)
        layout.addLayout(buttons)
        layout.addWidget(contacts_box)
        layout.addWidget(agreements_box, 1)
        self.show_partner(None)

    def _open_index(self, index: QModelIndex) -> None:
        agreement_id = index.data(Roles.ID)
        if agreement_id is not None:
            self.open_requested.emit(int(agreement_id))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.agreements_view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._open_index(index))
        menu.exec(self.agreements_view.viewport().mapToGlobal(pos))

    def _emit(self, signal: SignalInstance) -> None:
        if self.partner is not None:
            signal.emit(self.partner.id)

    def show_partner(self, partner_id: int | None) -> None:
        if partner_id is None:
            self.reader.drop()  # an answer on its way for the partner picked before
            self._present(None)
            return

        def gone(exc: BaseException) -> None:
            if not isinstance(exc, NotFoundError):
                raise exc
            self._present(None)

        self.reader.read(lambda s: _overview(s, partner_id), self._present, gone)

    def _present(self, found: tuple[PartnerView, dict[AgreementType, int]] | None) -> None:
        partner, counts = found if found is not None else (None, {})
        self.partner = partner
        for b in (self.edit_button, self.report_button):
            b.setEnabled(partner is not None)
        if self.new_refusal is None:
            self.new_button.setEnabled(partner is not None)
        if partner is None:
            self.name_label.setText(self.tr("Select a partner to see its agreements"))
            self.facts.clear()
            self.summary.clear()
            self.contacts_model.set_records([])
            self.agreements_model.set_ids([])
            return
        self.name_label.setText(partner.display_name)
        roles = ", ".join(i18n.role_label(r) for r in partner.roles) or "—"
        lines = [
            self.tr("Country: %1").replace("%1", partner.country),
            self.tr("Roles: %1").replace("%1", roles),
            self.tr("Status: %1").replace("%1", i18n.partner_status_label(partner.status)),
        ]
        if partner.website:
            lines.append(self.tr("Website: %1").replace("%1", partner.website))
        if partner.notes:
            lines.append(partner.notes)
        self.facts.setText("\n".join(lines))
        self.contacts_model.set_records([
            Record(c.id, (c.name, c.role, c.email, c.phone)) for c in partner.contacts
        ])  # fmt: skip
        self.contacts_view.resizeColumnsToContents()
        self.agreements_model.set_filter(AgreementFilter(partner_id=partner.id))
        parts = [f"{i18n.type_label(t)}: {n}" for t, n in counts.items()]
        self.summary.setText(
            self.tr("%n agreement(s)", "", sum(counts.values())) + " — " + " · ".join(parts)
        )


class PartnersPage(Page):
    open_requested = Signal(int)
    edit_requested = Signal(object)  # partner id, or None for a new partner
    new_agreement_requested = Signal(int)
    report_requested = Signal(int)
    export_requested = Signal(str, str)  # "filter", "csv"/"xlsx"

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.model = PartnerTableModel(db, self)
        self.model.held = True  # one read when the sort is set up
        self._reselect: int | None = None
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.apply_filter)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search partners in either script…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.role_box = QComboBox()
        self.role_box.addItem(self.tr("All roles"), None)
        for role in PartnerRole:
            self.role_box.addItem(i18n.role_label(role), role.value)
        self.role_box.currentIndexChanged.connect(self.apply_filter)
        self.country_edit = QLineEdit()
        self.country_edit.setPlaceholderText(self.tr("Country"))
        self.country_edit.setMaxLength(2)
        self.country_edit.setMaximumWidth(70)
        self.country_edit.textChanged.connect(lambda _t: self._timer.start())
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New partner…"))
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None))
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.role_box)
        bar.addWidget(self.country_edit)
        bar.addWidget(self.new_button)

        self.view = fast_table(self)
        self.view.setObjectName("partnersView")
        self.view.setAccessibleName(self.tr("Partners"))
        self.search_edit.setAccessibleName(self.tr("Search partners"))
        self.role_box.setAccessibleName(self.tr("Role"))
        self.country_edit.setAccessibleName(self.tr("Country"))
        self.view.setModel(self.model)
        # Several partners can be picked (Ctrl/Shift+click) to export them; the 360° view
        # shows the one under the cursor (the current row).
        self.view.setAccessibleDescription(
            self.tr("Ctrl or Shift and click picks several partners to export")
        )
        self.view.doubleClicked.connect(lambda i: self.edit_requested.emit(int(i.data(Roles.ID))))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        open_by_keyboard(self.view)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count_label)

        self.overview = PartnerOverview(db, today or date.today(), self)
        self.overview.open_requested.connect(self.open_requested)
        self.overview.edit_requested.connect(lambda pid: self.edit_requested.emit(pid))
        self.overview.new_agreement_requested.connect(self.new_agreement_requested)
        self.overview.report_requested.connect(self.report_requested)

        self.splitter = QSplitter()
        self.splitter.setObjectName("partnersSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.overview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        if not restore_header(self.view, STATE_KEY):
            for i, width in enumerate((220, 120, 60, 160, 80, 80)):
                self.view.setColumnWidth(i, width)
            self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        splitter_state = _splitter_option().get()
        if splitter_state.isEmpty():
            self.splitter.setSizes([520, 800])  # the 360° view gets the room: it has more columns
        else:
            self.splitter.restoreState(splitter_state)
        self.model.filled.connect(self._show_count)
        self.model.held = False
        self.apply_filter()

    def set_access(self, access: Access) -> None:
        super().set_access(access)
        switch(self.new_button, refusal(access, Deed.CHANGE_PARTNERS))
        why = refusal(access, Deed.CHANGE_AGREEMENTS)
        self.overview.new_refusal = why
        switch(self.overview.new_button, why)
        if why is None:
            self.overview.new_button.setEnabled(self.overview.partner is not None)

    def current_filter(self) -> PartnerFilter:
        role = self.role_box.currentData()
        return PartnerFilter(
            search=self.search_edit.text().strip() or None,
            country=self.country_edit.text().strip().upper() or None,
            role=PartnerRole(role) if role else None,
        )

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def _show_count(self) -> None:
        self._restore_selection()
        self.count_label.setText(self.tr("%Ln partner(s)", "", self.model.rowCount()))

    def context_actions(self, partner_id: int) -> list[QAction]:
        """What a right-click on a partner offers (also used by tests)."""
        actions = []
        for text, signal in (
            (self.tr("Edit partner…"), self.edit_requested),
            (self.tr("New agreement…"), self.new_agreement_requested),
            (self.tr("Partner dossier…"), self.report_requested),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _c=False, s=signal: s.emit(partner_id))
            actions.append(action)
        return actions

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isRowSelected(index.row()):
            self.view.selectRow(index.row())
        menu = QMenu(self)
        if index.isValid():
            menu.addActions(self.context_actions(int(index.data(Roles.ID))))
            menu.addSeparator()
        self.add_export_actions(menu, len(self.selected_ids()))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def add_export_actions(self, menu: QMenu, selected: int) -> None:
        export = menu.addMenu(self.tr("Export"))
        for scope, fmt, text in (
            ("selection", "csv", self.tr("%Ln selected partner(s) as CSV…", "", selected)),
            ("selection", "xlsx", self.tr("%Ln selected partner(s) as XLSX…", "", selected)),
            ("filter", "csv", self.tr("This list as CSV…")),
            ("filter", "xlsx", self.tr("This list as XLSX…")),
        ):
            action = export.addAction(text)
            action.setEnabled(scope == "filter" or selected > 0)
            action.triggered.connect(
                lambda _c=False, s=scope, f=fmt: self.export_requested.emit(s, f)
            )

    def selected_ids(self) -> list[int]:
        return self.model.ids_in(selected_spans(self.view))

    def _selection_changed(self, *_args: object) -> None:
        # The partner under the cursor if it is picked, else the first one picked.
        spans = selected_spans(self.view)
        current = self.view.currentIndex().row()
        picked = any(first <= current <= last for first, last in spans)
        row = current if picked else (spans[0][0] if spans else -1)
        partner_id = int(self.model.index(row, 0).data(Roles.ID)) if row >= 0 else None
        shown = self.overview.partner.id if self.overview.partner else None
        if partner_id != shown or partner_id is None:
            self.overview.show_partner(partner_id)

    def select_partner(self, partner_id: int) -> bool:
        row = self.model.row_of_id(partner_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def refresh(self) -> None:
        self._reselect = self.overview.partner.id if self.overview.partner else None
        self.model.reload()  # may answer later, from a worker: _show_count reselects

    def _restore_selection(self) -> None:
        partner_id, self._reselect = self._reselect, None
        if partner_id is not None and not self.select_partner(partner_id):
            self.overview.show_partner(None)  # deleted meanwhile

    def save_state(self) -> None:
        save_header(self.view, STATE_KEY)
        _splitter_option().set(QByteArray(self.splitter.saveState()))


def _splitter_option() -> Option[QByteArray]:
    return splitter_state(SPLITTER_KEY)
