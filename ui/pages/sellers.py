"""Sellers (platform model): the register with each seller's scorecard and deposit, and the
selected seller seen whole — the brands it sells under which agreement, its papers, its
violations. New and edited sellers and violations go through the dialogs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain.money import format_amount, minor_units
from app.errors import PartnerDeskError
from app.services.abilities import Access
from app.services.sellers.chain import remove_document, unlink_brand
from app.services.sellers.detail import SellerDetail, seller_detail
from app.services.sellers.register import list_sellers
from app.services.sellers.rows import SellerRow
from ui.access import Deed, refusal, switch
from ui.background import Reader
from ui.dialogs.seller_dialogs import BrandDialog, DocumentDialog, SellerDialog, ViolationDialog
from ui.editors.labels import enum_label
from ui.models.agreements import NEAR_COLOUR, PAST_COLOUR
from ui.models.lazy import Roles
from ui.models.records import Record, RecordTableModel
from ui.pages.base import Page
from ui.widgets.tables import fast_table

COLOURS = {"red": PAST_COLOUR, "amber": NEAR_COLOUR}


class SellersPage(Page):
    shows = frozenset()  # only "everything" (an import, demo data) and its own writes
    changed = Signal()  # a seller or violation was written: the dashboard's counts move

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.reader = Reader(db, self)  # the list
        self.details = Reader(db, self, quick=True)  # the seller picked in it
        self.today = today or date.today()
        self.detail: SellerDetail | None = None
        self._loaded = False

        self.new_button = QPushButton(self.tr("New seller…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.violation_button = QPushButton(self.tr("Record violation…"))
        self.brand_button = QPushButton(self.tr("Authorise brand…"))
        self.document_button = QPushButton(self.tr("Add document…"))
        self.refusal: str | None = None  # why the connected person may not change sellers
        self.seller_buttons = (
            self.edit_button,
            self.violation_button,
            self.brand_button,
            self.document_button,
        )
        for button in self.seller_buttons:
            button.setEnabled(False)
        self.new_button.clicked.connect(self._new)
        self.edit_button.clicked.connect(self._edit)
        self.violation_button.clicked.connect(self._violation)
        self.brand_button.clicked.connect(lambda: self._open(BrandDialog))
        self.document_button.clicked.connect(lambda: self._open(DocumentDialog))
        # A file of sellers or of violations (import --what sellers|violations).
        self.import_button = QPushButton(self.tr("Import…"))
        import_menu = QMenu(self.import_button)
        import_menu.addAction(self.tr("Sellers…"), lambda: self._import("sellers"))
        import_menu.addAction(self.tr("Violations…"), lambda: self._import("violations"))
        self.import_button.setMenu(import_menu)
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for button in (self.new_button, *self.seller_buttons, self.import_button):
            bar.addWidget(button)

        self.model = RecordTableModel([
            lambda: self.tr("Seller"), lambda: self.tr("Country"), lambda: self.tr("Status"),
            lambda: self.tr("Scorecard"), lambda: self.tr("Violations (12 months)"),
            lambda: self.tr("Deposit left"), lambda: self.tr("Deposit"), lambda: self.tr("Brands"),
        ], self)  # fmt: skip
        self.view = self._table(self.model, self.tr("Sellers"))
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.activated.connect(lambda _i: self._edit())

        self.brands_model = RecordTableModel([
            lambda: self.tr("Brand"), lambda: self.tr("Agreement"),
            lambda: self.tr("Brand owner"), lambda: self.tr("In force"),
        ], self)  # fmt: skip
        self.documents_model = RecordTableModel([
            lambda: self.tr("Document"), lambda: self.tr("Number"), lambda: self.tr("Expires"),
        ], self)  # fmt: skip
        self.violations_model = RecordTableModel([
            lambda: self.tr("Date"), lambda: self.tr("Violation"), lambda: self.tr("Severity"),
            lambda: self.tr("Status"), lambda: self.tr("Penalty"), lambda: self.tr("Deducted"),
        ], self)  # fmt: skip
        self.tabs = QTabWidget()
        self.brands_view = self._table(self.brands_model, self.tr("Brands"))
        self.documents_view = self._table(self.documents_model, self.tr("Qualification documents"))
        self.violations_view = self._table(self.violations_model, self.tr("Violations"))
        self.tabs.addTab(self.brands_view, self.tr("Brands"))
        self.tabs.addTab(self.documents_view, self.tr("Qualification documents"))
        self.tabs.addTab(self.violations_view, self.tr("Violations"))
        # What the selected row of the tab in view can have done to it: a brand or a paper
        # removed, a violation edited (upheld, appealed, dismissed, its deduction changed).
        self.tab_button = QPushButton()
        self.tab_button.clicked.connect(self._tab_action)
        self.tabs.currentChanged.connect(lambda _i: self._tab_state())
        for view in (self.brands_view, self.documents_view, self.violations_view):
            view.selectionModel().selectionChanged.connect(lambda _n, _o: self._tab_state())
        self.violations_view.activated.connect(lambda _i: self._tab_action())
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.detail_label, 1)
        head.addWidget(self.tab_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(head)
        lower_layout.addWidget(self.tabs)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([400, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter)

    def _table(self, model: RecordTableModel, name: str) -> QTableView:
        view = fast_table(self, sortable=False)
        view.setModel(model)
        view.setAccessibleName(name)
        return view

    # --- reading ------------------------------------------------------------------------

    def activate(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        today = self.today
        self.reader.read(lambda s: list_sellers(s, today), self._listed)

    def _listed(self, rows: list[SellerRow]) -> None:
        current = self._current_id()
        self.model.set_records([self._record(r) for r in rows])
        red = sum(1 for r in rows if r.scorecard.value == "red")
        self.summary.setText(
            self.tr("%1 sellers, %2 in red").replace("%1", f"{len(rows):,}").replace("%2", str(red))
        )
        self.view.resizeColumnsToContents()
        for row, r in enumerate(rows):
            if r.id == current:
                self.view.selectRow(row)
                break
        else:
            self._show(None)

    def _record(self, r: SellerRow) -> Record:
        name = r.legal_name + (f" ({r.local_name})" if r.local_name else "")
        return Record(
            r.id,
            (name, r.country, enum_label(r.status), enum_label(r.scorecard),
             str(r.violations_12m), _money(r.deposit_balance, r.deposit_currency),
             enum_label(r.deposit_status), ", ".join(r.brands)),
            COLOURS.get(r.scorecard.value), frozenset({4, 5}), r,
        )  # fmt: skip

    def _current_id(self) -> int | None:
        index = self.view.currentIndex()
        found = index.data(Roles.ID) if index.isValid() else None
        return int(found) if found is not None else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        seller_id = self._current_id()
        if seller_id is None:
            self.details.drop()
            self._show(None)
            return
        today = self.today
        self.details.read(lambda s: seller_detail(s, seller_id, today), self._show)

    def set_access(self, access: Access) -> None:
        super().set_access(access)
        self.refusal = refusal(access, Deed.CHANGE_PARTNERS)
        for button in (self.new_button, *self.seller_buttons, self.tab_button, self.import_button):
            switch(button, self.refusal)
        self._show(self.detail)

    def _show(self, detail: SellerDetail | None) -> None:
        self.detail = detail
        if self.refusal is None:  # else the buttons stay off, saying why
            for button in self.seller_buttons:
                button.setEnabled(detail is not None)
        if detail is None:
            self.detail_label.setText(
                self.tr("Select a seller to see its brands, papers and violations.")
            )
            for model in (self.brands_model, self.documents_model, self.violations_model):
                model.set_records([])
            self._tab_state()
            return
        seller = detail.seller
        stores = "; ".join(st.name + (f" <{st.url}>" if st.url else "") for st in seller.stores)
        self.detail_label.setText(
            self.tr("%1 · deposit %2 %3 of %4 left · stores: %5")
            .replace("%1", seller.display_name)
            .replace("%2", seller.deposit_currency)
            .replace("%3", _money(detail.deposit_balance, seller.deposit_currency, code=False))
            .replace("%4", _money(seller.deposit_amount, seller.deposit_currency, code=False))
            .replace("%5", stores or "—")
        )
        self.brands_model.set_records([
            Record(b.id, (b.brand, b.reference, b.brand_owner,
                                    self.tr("Yes") if b.agreement_in_force else self.tr("No")),
                   None if b.agreement_in_force else PAST_COLOUR)
            for b in detail.brands
        ])  # fmt: skip
        self.documents_model.set_records([
            Record(d.id, (enum_label(d.kind), d.number,
                          d.expires_on.isoformat() if d.expires_on else "—"),
                   PAST_COLOUR if d.expires_on and d.expires_on < self.today else None)
            for d in detail.documents
        ])  # fmt: skip
        self.violations_model.set_records([
            Record(v.id, (v.occurred_on.isoformat(), enum_label(v.kind), enum_label(v.severity),
                          enum_label(v.status),
                          "—" if v.penalty is None else _money(v.penalty, v.penalty_currency or ""),
                          _money(v.deduction, v.deposit_currency) if v.deduction else "—"),
                   PAST_COLOUR if v.severity.value == "critical" else None, frozenset({4, 5}))
            for v in detail.violations
        ])  # fmt: skip
        for view in self.tabs.findChildren(QTableView):
            view.resizeColumnsToContents()
        self._tab_state()

    def _tab_row(self) -> int | None:
        """The id of the selected row in the tab in view."""
        view = self.tabs.currentWidget()
        if not isinstance(view, QTableView):
            return None
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isRowSelected(index.row()):
            return None
        found = index.data(Roles.ID)
        return int(found) if found is not None else None

    def _tab_state(self) -> None:
        texts = (self.tr("Remove brand…"), self.tr("Remove document…"),
                 self.tr("Edit violation…"))  # fmt: skip
        self.tab_button.setText(texts[self.tabs.currentIndex()])
        if self.refusal is None:
            self.tab_button.setEnabled(self._tab_row() is not None)

    def _tab_action(self) -> None:
        row_id, detail = self._tab_row(), self.detail
        if row_id is None or detail is None or self.refusal is not None:
            return
        tab = self.tabs.currentIndex()
        if tab == 2:
            violation = next((v for v in detail.violations if v.id == row_id), None)
            if violation is None:
                return
            dialog = ViolationDialog(self.db, detail.seller, self.today, self, violation)
            if dialog.exec():
                self._written()
            return
        if tab == 0:
            link = next((b for b in detail.brands if b.id == row_id), None)
            if link is None:
                return
            question = self.tr("%1 will no longer sell %2 under %3.").replace(
                "%1", detail.seller.legal_name).replace("%2", link.brand).replace(
                "%3", link.reference)  # fmt: skip
        else:
            doc = next((d for d in detail.documents if d.id == row_id), None)
            if doc is None:
                return
            question = self.tr("Remove %1 %2 of %3?").replace("%1", enum_label(doc.kind)).replace(
                "%2", doc.number).replace("%3", detail.seller.legal_name)  # fmt: skip
        answer = QMessageBox.question(self, self.tr("Remove"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove(tab, row_id)

    def remove(self, tab: int, row_id: int) -> None:
        """Remove a brand authorisation (tab 0) or a document (tab 1), one service call."""
        try:
            with self.db.session() as s:
                if tab == 0:
                    unlink_brand(s, row_id)
                else:
                    remove_document(s, row_id)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, self.tr("Not removed"), str(exc))
            return
        self._written()

    # --- writing ------------------------------------------------------------------------

    def _new(self) -> None:
        dialog = SellerDialog(self.db, None, self)
        if dialog.exec():
            self._written()

    def _edit(self) -> None:
        if self.detail is None:
            return
        dialog = SellerDialog(self.db, self.detail.seller, self)
        if dialog.exec():
            self._written()

    def _violation(self) -> None:
        self._open(ViolationDialog)

    def _open(self, kind: type[ViolationDialog | BrandDialog | DocumentDialog]) -> None:
        """One of the dialogs about the selected seller; a save refreshes the page."""
        if self.detail is None:
            return
        dialog = kind(self.db, self.detail.seller, self.today, self)
        if dialog.exec():
            self._written()

    def _import(self, what: str) -> None:
        from ui.dialogs.seller_import import choose_and_import

        choose_and_import(self, self.db, what, self._written, busy=(self.import_button,))

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()


def _money(amount: Decimal, currency: str, *, code: bool = True) -> str:
    """As many decimals as the currency has (JPY 1,250,000; CNY 18,000.00)."""
    text = format_amount(amount, minor_units(currency))
    return f"{currency} {text}" if code else text
