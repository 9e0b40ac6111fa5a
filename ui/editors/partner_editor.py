"""The partner editor: names in both scripts, country, roles, contacts, and its agreements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.countries import COUNTRIES, country_name
from app.domain.enums import PartnerRole, PartnerStatus
from app.errors import (
    ConflictError,
    DatabaseError,
    NotFoundError,
    PartnerDeskError,
    ValidationError,
)
from app.services.abilities import Access
from app.services.listing import AgreementFilter, AgreementRow, agreement_ids, agreement_rows
from app.services.partners import (
    ContactInput,
    PartnerInput,
    PartnerView,
    check_partner,
    create_partner,
    get_partner,
    update_partner,
)
from ui import background
from ui.access import Deed, read_access, refusal
from ui.background import Reader
from ui.changes import PARTNER, Changes
from ui.editors.base import EditorDialog
from ui.editors.fields import CheckGroup, ErrorBoard, FieldRow, make_banner, name_fields
from ui.editors.labels import enum_label
from ui.editors.read_only import lock_buttons, lock_fields
from ui.editors.terms_form import ui_language
from ui.undo import CreatePartnerCommand, EditPartnerCommand, undo_events
from ui.widgets.context_menu import open_by_keyboard
from ui.widgets.tables import leave_on_tab

CONTACT_COLUMNS = 5  # name, title, role, e-mail, phone
AGREEMENTS_SHOWN = 500


def partner_agreements(s: Session, partner_id: int) -> tuple[int, list[AgreementRow]]:
    """How many agreements the partner has, and the first ``AGREEMENTS_SHOWN`` of them."""
    ids = agreement_ids(s, AgreementFilter(partner_id=partner_id))
    return len(ids), agreement_rows(s, ids[:AGREEMENTS_SHOWN])


class PartnerEditor(EditorDialog):
    saved = Signal(int)

    def __init__(
        self,
        db: Database,
        partner_id: int | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
        *,
        access: Access | None = None,
        view: PartnerView | None = None,  # already read (in a worker): shown as it is
    ) -> None:
        super().__init__(parent)
        self.db = db
        # The partner by key (after an undo or a conflict), and its agreements: in workers.
        self.reader = Reader(db, self, quick=True)
        self.agreements_reader = Reader(db, self, quick=True)
        # Why the connected person may not change partners (None: they may).
        # Kept for the agreements it opens: read again there, on the GUI thread.
        self.access = access or read_access(db)
        self.refusal = refusal(self.access, Deed.CHANGE_PARTNERS)
        self.partner_id = partner_id
        self.undo_stack = undo_stack
        self.view: PartnerView | None = None
        self._baseline: tuple[Any, ...] = ()
        self.setObjectName("PartnerEditor")
        self.setMinimumSize(760, 560)
        self.setSizeGripEnabled(True)
        self.banner = make_banner(self)
        self.board = ErrorBoard(self.banner)
        self.board.recheck = lambda: check_partner(self.collect())
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Pages of this record"))
        self.details_page = self._build_details()
        self.tabs.addTab(self.details_page, self.tr("Partner"))
        self.tabs.addTab(self._build_agreements(), self.tr("Agreements"))
        self._agreement_rows: list[AgreementRow] | None = None  # read, not yet in the table
        self.tabs.currentChanged.connect(self._agreements_page_chosen)
        self.pages_by_keyboard(self.tabs)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.describe_buttons(self.save_button, self.apply_button, self.cancel_button)
        self.save_button.clicked.connect(self.save_and_close)
        self.apply_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        undo_events().changed.connect(self._record_changed)  # dropped with the editor
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        if partner_id is None or view is not None:
            self._show(view)
        else:
            self.load(partner_id)

    # --- layout ------------------------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.legal_name_edit

    def _row(self, name: str, widget: QWidget) -> FieldRow:
        widget.setObjectName(f"field_{name}")
        return self.board.add(name, FieldRow(widget, self))

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        self.legal_name_edit = QLineEdit(page)
        self.legal_name_edit.setMaxLength(200)
        self.local_name_edit = QLineEdit(page)
        self.local_name_edit.setMaxLength(200)
        self.local_name_edit.setPlaceholderText(self.tr("e.g. 爱彼贸易有限公司"))
        self.country_combo = QComboBox(page)
        self.country_combo.setEditable(True)
        self.country_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        lang = ui_language()
        self._country_codes = sorted(COUNTRIES)
        labels = []
        for code in self._country_codes:
            name = country_name(code, lang)
            labels.append(code if name == code else f"{code} — {name}")
        self.country_combo.addItems(labels)  # one call for ~250 countries
        completer = self.country_combo.completer()
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.roles_group = CheckGroup([(r.value, enum_label(r)) for r in PartnerRole], 3, page)
        self.website_edit = QLineEdit(page)
        self.website_edit.setPlaceholderText("https://")
        # What the agreement report prints under the partner's name in the parties block.
        self.address_edit = QPlainTextEdit(page)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(50)
        self.registration_edit = QLineEdit(page)
        self.registration_edit.setPlaceholderText(
            self.tr("e.g. unified social credit code, company number")
        )
        self.status_combo = QComboBox(page)
        for st in PartnerStatus:
            self.status_combo.addItem(enum_label(st), st.value)
        self.notes_edit = QPlainTextEdit(page)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(70)

        self.contacts_table = QTableWidget(0, CONTACT_COLUMNS, page)
        self.contacts_table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Title", "a contact's job title, as a signature block prints it"),
                self.tr("Role", "a contact's part in the partnership"),
                self.tr("E-mail"),
                self.tr("Phone"),
            ]
        )
        self.contacts_table.verticalHeader().hide()
        leave_on_tab(self.contacts_table)
        self.contacts_table.horizontalHeader().setStretchLastSection(True)
        self.contacts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        triggers = QAbstractItemView.EditTrigger
        # Not CurrentChanged: add_contact opens the editor itself, and twice fails.
        self.contacts_table.setEditTriggers(
            triggers.DoubleClicked
            | triggers.EditKeyPressed
            | triggers.AnyKeyPressed
            | triggers.SelectedClicked
        )
        for col, width in enumerate((150, 140, 120, 200)):
            self.contacts_table.setColumnWidth(col, width)
        self.add_contact_button = QPushButton(self.tr("Add contact"), page)
        self.remove_contact_button = QPushButton(self.tr("Remove contact"), page)
        self.add_contact_button.clicked.connect(self.add_contact)
        self.remove_contact_button.clicked.connect(self.remove_contact)
        # Offered only when there is a contact to remove.
        self.remove_contact_button.setEnabled(False)
        self.contacts_table.itemSelectionChanged.connect(self._contact_buttons)
        self.contacts_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.contacts_table.customContextMenuRequested.connect(self._contacts_menu)
        open_by_keyboard(self.contacts_table)
        model = self.contacts_table.model()
        model.rowsInserted.connect(self._contact_buttons)
        model.rowsRemoved.connect(self._contact_buttons)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.add_contact_button)
        contact_buttons.addWidget(self.remove_contact_button)
        contact_buttons.addStretch(1)
        contacts = QWidget(page)
        contacts_box = QVBoxLayout(contacts)
        contacts_box.setContentsMargins(0, 0, 0, 0)
        contacts_box.addWidget(self.contacts_table, 1)
        contacts_box.addLayout(contact_buttons)

        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Legal name *"), self._row("legal_name", self.legal_name_edit))
        form.addRow(self.tr("Local-script name"), self._row("local_name", self.local_name_edit))
        form.addRow(self.tr("Country *"), self._row("country", self.country_combo))
        form.addRow(self.tr("Roles"), self._row("roles", self.roles_group))
        form.addRow(self.tr("Website"), self._row("website", self.website_edit))
        form.addRow(self.tr("Registered address"), self._row("address", self.address_edit))
        form.addRow(
            self.tr("Registration number"),
            self._row("registration_number", self.registration_edit),
        )
        form.addRow(self.tr("Status"), self._row("status", self.status_combo))
        form.addRow(self.tr("Notes"), self._row("notes", self.notes_edit))
        form.addRow(self.tr("Contacts"), self._row("contacts", contacts))
        self.contacts_table.setAccessibleName(self.tr("Contacts"))
        name_fields(form)
        return page

    def _build_agreements(self) -> QWidget:
        self.agreements_table = QTableWidget(0, 6, self)
        self.agreements_table.setHorizontalHeaderLabels(
            [self.tr("Reference"), self.tr("Title"), self.tr("Type"), self.tr("Status"),
             self.tr("Value"), self.tr("Decision date")]
        )  # fmt: skip
        self.agreements_table.verticalHeader().hide()
        leave_on_tab(self.agreements_table)
        self.agreements_table.setAccessibleName(self.tr("Agreements of this partner"))
        self.agreements_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agreements_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agreements_table.horizontalHeader().setStretchLastSection(True)
        self.agreements_table.setToolTip(self.tr("Double-click an agreement to open it"))
        self.agreements_table.cellDoubleClicked.connect(self._open_agreement)
        self.agreements_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agreements_table.customContextMenuRequested.connect(self._agreements_menu)
        open_by_keyboard(self.agreements_table)
        return self.agreements_table

    def _agreements_menu(self, pos: QPoint) -> None:
        row = self.agreements_table.rowAt(pos.y()) if pos.y() >= 0 else -1
        if row < 0:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._open_agreement(row, 0))
        menu.exec(self.agreements_table.viewport().mapToGlobal(pos))

    def _contacts_menu(self, pos: QPoint) -> None:
        row = self.contacts_table.rowAt(pos.y()) if pos.y() >= 0 else -1
        if row >= 0 and row not in {i.row() for i in self.contacts_table.selectedIndexes()}:
            self.contacts_table.selectRow(row)
        menu = QMenu(self)
        menu.addAction(self.add_contact_button.text(), self.add_contact)
        remove = menu.addAction(self.remove_contact_button.text(), self.remove_contact)
        remove.setEnabled(row >= 0)
        menu.exec(self.contacts_table.viewport().mapToGlobal(pos))

    def _open_agreement(self, row: int, _column: int) -> None:
        item = self.agreements_table.item(row, 0)
        if item is None:
            return
        from ui.editors.agreement.editor import AgreementEditor  # imports this module's peers

        editor = AgreementEditor(
            self.db, int(item.data(Qt.ItemDataRole.UserRole)), undo_stack=self.undo_stack,
            parent=self, access=self.access,
        )  # fmt: skip
        editor.saved.connect(lambda _id: self._fill_agreements())
        editor.deleted.connect(lambda _id: self._fill_agreements())
        editor.exec()

    # --- loading -----------------------------------------------------------------------

    def load(self, partner_id: int) -> None:
        """Read the partner afresh (after a conflict or an undo) in a worker and show it."""
        self.reader.read(lambda s: get_partner(s, partner_id), self._reloaded, self._gone)

    def _reloaded(self, view: PartnerView) -> None:
        self._show(view)
        self.save_button.setEnabled(self.refusal is None)
        self.apply_button.setEnabled(self.refusal is None)

    def _gone(self, exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            raise exc
        if isinstance(exc, NotFoundError):
            self.board.show_banner(self.tr("Undo/redo removed this partner."))
        else:
            self.board.show_banner(self.tr("Not read: {reason}").format(reason=exc))
        self.save_button.setEnabled(False)
        self.apply_button.setEnabled(False)

    def _show(self, view: PartnerView | None) -> None:
        self.view = view
        self.partner_id = view.id if view else None
        self.board.clear()
        data = view.to_input() if view else PartnerInput(legal_name="", country="CN")
        self.legal_name_edit.setText(data.legal_name)
        self.local_name_edit.setText(data.local_name or "")
        codes = self._country_codes
        index = codes.index(data.country) if data.country in codes else -1
        self.country_combo.setCurrentIndex(index)
        if index < 0:
            self.country_combo.setEditText(data.country)
        self.roles_group.set_values(r.value for r in data.roles)
        self.website_edit.setText(data.website or "")
        self.address_edit.setPlainText(data.address or "")
        self.registration_edit.setText(data.registration_number or "")
        self.status_combo.setCurrentIndex(self.status_combo.findData(data.status.value))
        self.notes_edit.setPlainText(data.notes)
        self.contacts_table.setRowCount(0)
        for c in data.contacts:
            self._append_contact((c.name, c.title, c.role, c.email, c.phone))
        self._fill_agreements()
        self.tabs.setTabEnabled(1, view is not None)
        self.setWindowTitle(
            self.tr("New partner") if view is None
            else self.tr("Partner — {name}").format(name=view.display_name)
        )  # fmt: skip
        self._baseline = self._form_state()
        if self.refusal is not None:
            lock_fields([self.details_page], self.refusal)
            lock_buttons([self.save_button, self.apply_button], self.refusal)
            self.setWindowTitle(self.tr("%1 (read only)").replace("%1", self.windowTitle()))

    def _record_changed(self, changes: Changes) -> None:
        if not changes.touches(PARTNER, self.partner_id) or not self.isVisible():
            return
        if self.is_dirty():
            self.board.show_banner(
                self.tr("Undo/redo changed this partner; saving will offer to reload it.")
            )
            return
        assert self.partner_id is not None  # touches() is only true for a named record
        self.load(self.partner_id)

    def _fill_agreements(self) -> None:
        """Read the partner's agreements in a worker (hundreds at a million agreements)."""
        if self.partner_id is None:
            self.agreements_reader.drop()
            self._agreement_rows = None
            self.agreements_table.setRowCount(0)
            return
        partner_id = self.partner_id
        self.agreements_reader.read(
            lambda s: partner_agreements(s, partner_id), self._show_agreements
        )

    def _show_agreements(self, found: tuple[int, list[AgreementRow]]) -> None:
        """The count in the tab's title now; the rows when the tab is in view: hundreds of
        rows made and measured in the turn the partner opened stalled the window 34-49 ms
        at a million agreements (load 6), for a page not yet looked at (#15.2)."""
        count, rows = found
        self.tabs.setTabText(1, self.tr("Agreements ({n})").format(n=count))
        self._agreement_rows = rows
        if self.tabs.currentIndex() == 1:
            self._put_agreements()

    def _agreements_page_chosen(self, index: int) -> None:
        if index == 1 and self._agreement_rows is not None:
            self._put_agreements()

    def _put_agreements(self) -> None:
        rows, self._agreement_rows = self._agreement_rows or [], None
        self.agreements_table.setRowCount(0)
        self.agreements_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.reference, r.title, enum_label(r.type), enum_label(r.status),
                     f"{r.currency} {r.value:,.2f}", r.decision_date.isoformat())  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if col == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.agreements_table.setItem(i, col, item)
        self.agreements_table.resizeColumnsToContents()

    # --- contacts ----------------------------------------------------------------------

    def _append_contact(self, values: tuple[str, ...]) -> int:
        row = self.contacts_table.rowCount()
        self.contacts_table.insertRow(row)
        for col, text in enumerate(values):
            self.contacts_table.setItem(row, col, QTableWidgetItem(text))
        return row

    def add_contact(self) -> None:
        row = self._append_contact(("",) * CONTACT_COLUMNS)
        self.contacts_table.setCurrentCell(row, 0)
        item = self.contacts_table.item(row, 0)
        if item is not None:
            self.contacts_table.editItem(item)

    def _contact_buttons(self) -> None:
        table = self.contacts_table
        self.remove_contact_button.setEnabled(
            self.refusal is None
            and table.rowCount() > 0
            and (table.currentRow() >= 0 or bool(table.selectedIndexes()))
        )

    def remove_contact(self) -> None:
        rows = sorted({i.row() for i in self.contacts_table.selectedIndexes()}, reverse=True)
        if not rows and self.contacts_table.currentRow() >= 0:
            rows = [self.contacts_table.currentRow()]
        for row in rows:
            self.contacts_table.removeRow(row)

    def _contacts(self) -> tuple[ContactInput, ...]:
        contacts = []
        for row in range(self.contacts_table.rowCount()):
            cells = []
            for col in range(CONTACT_COLUMNS):
                item = self.contacts_table.item(row, col)
                cells.append(item.text().strip() if item is not None else "")
            if any(cells):  # a row left empty is not a contact
                name, title, role, email, phone = cells
                contacts.append(ContactInput(name, role, email, phone, title))
        return tuple(contacts)

    # --- reading and saving ------------------------------------------------------------

    def _country(self) -> str:
        text = self.country_combo.currentText().strip()
        index = self.country_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return self._country_codes[index]
        return text.split("—")[0].strip().upper()

    def collect(self) -> PartnerInput:
        return PartnerInput(
            legal_name=self.legal_name_edit.text(),
            country=self._country(),
            local_name=self.local_name_edit.text().strip() or None,
            roles=frozenset(PartnerRole(v) for v in self.roles_group.values()),
            website=self.website_edit.text().strip() or None,
            address=self.address_edit.toPlainText().strip() or None,
            registration_number=self.registration_edit.text().strip() or None,
            status=PartnerStatus(self.status_combo.currentData()),
            notes=self.notes_edit.toPlainText(),
            contacts=self._contacts(),
        )

    def _form_state(self) -> tuple[Any, ...]:
        return (self.collect(),)

    def is_dirty(self) -> bool:
        return self._form_state() != self._baseline

    def save(self) -> bool:
        """Save; True once saved (at once in tests, where writes are synchronous)."""
        outcome: list[bool] = []
        self.save_then(lambda: outcome.append(True))
        return bool(outcome)

    def save_then(self, then: Callable[[], object] | None = None) -> None:
        """Save through the services in a worker, the form off meanwhile; ``then`` once
        saved. A refusal is shown beside the fields or said, and the form stays as typed."""
        if self.refusal is not None or self._writing:  # Ctrl+S read only, or saving already
            return
        # A contact cell still being typed in (Ctrl+S keeps the focus there) counts too:
        # moving the current cell commits the open cell editor.
        current = self.contacts_table.currentIndex()
        self.contacts_table.setCurrentIndex(QModelIndex())
        self.contacts_table.setCurrentIndex(current)
        self.board.clear()
        data = self.collect()
        before = self.view

        def work(s: Session) -> PartnerView:
            if before is None:
                return create_partner(s, data)
            return update_partner(s, before.id, data, before.version)

        def saved(view: PartnerView) -> None:
            self.set_writing(False)
            if self.undo_stack is not None:
                if before is None:
                    self.undo_stack.push(
                        CreatePartnerCommand(self.db, view.id, data, parent=self.parentWidget())
                    )
                elif before.to_input() != view.to_input():
                    self.undo_stack.push(
                        EditPartnerCommand(
                            self.db, view.id, before.to_input(), view.to_input(),
                            parent=self.parentWidget(),
                        )
                    )  # fmt: skip
            if shiboken6.isValid(self):
                self._show(view)
                self.saved.emit(view.id)
                if then is not None:
                    then()

        self.set_writing(True)
        background.write(self.db, work, saved, self._not_saved)

    def _not_saved(self, exc: BaseException) -> None:
        self.set_writing(False)
        if not shiboken6.isValid(self):
            return
        if isinstance(exc, ValidationError):
            rows = self.board.show(exc.errors)
            if rows:
                self.tabs.setCurrentIndex(0)
                rows[0].field.setFocus()
        elif isinstance(exc, ConflictError):
            self.offer_reload(str(exc))
        elif isinstance(exc, NotFoundError):
            self.board.show_banner(self.tr("This partner no longer exists: {e}").format(e=exc))
        elif isinstance(exc, DatabaseError):
            # The server refused (the role, row security) or failed: its one sentence.
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        elif isinstance(exc, PartnerDeskError):
            self.board.show_banner(self.tr("Not saved: {reason}").format(reason=exc))
        else:
            raise exc

    def reload_question(self) -> str:
        return self.tr(
            "Reload the partner as it is now? Your unsaved edits in this window will be lost."
        )

    def reload(self) -> None:
        if self.partner_id is not None:
            self.load(self.partner_id)

    def unsaved_question(self) -> str:
        return self.tr("This partner has changes that are not saved. Save them?")
