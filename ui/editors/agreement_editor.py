"""The agreement editor: the common fields, the type's own terms, milestones, KPIs,
documents and history of one agreement.

The form only collects; the services decide. A refusal comes back as ``FieldError``s that are
shown under the fields they concern, and nothing is written until the services accept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.money import CURRENCIES
from app.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    PartnerDeskError,
    TransitionError,
    ValidationError,
)
from app.services.agreements import (
    TRANSITIONS,
    AgreementInput,
    AgreementView,
    create_agreement,
    decision_date,
    get_agreement,
    update_agreement,
    validate_agreement,
)
from app.services.editing import partner_choices
from app.services.listing import owners
from ui.editors.agreement_tabs import AttachmentsTab, HistoryTab, KpisTab, MilestonesTab
from ui.editors.base import EditorDialog
from ui.editors.fields import (
    DateEdit,
    DecimalEdit,
    ErrorBoard,
    FieldRow,
    OptionalDateEdit,
    error_colour,
    make_banner,
)
from ui.editors.labels import enum_label
from ui.editors.terms_form import TermsForm
from ui.undo import (
    ChangeStatusCommand,
    CreateAgreementCommand,
    EditAgreementCommand,
    delete_agreement_undoable,
    undo_events,
)

COMMON_CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "KRW", "GBP", "AUD", "SGD")
NEW_STATUSES = tuple(s for s in AgreementStatus if s is not AgreementStatus.RENEWED)
FINAL_STATUSES = {s.value for s in AgreementStatus if not TRANSITIONS[s]}


class PartnerPicker(QComboBox):
    """An editable list of partners that finds one by any part of either script's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._ids: list[int] = []
        self._labels: list[str] = []
        self._row_of: dict[int, int] = {}
        self._model = QStringListModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Type a name in English or Chinese"))

    def set_partners(self, partners: list[tuple[int, str]]) -> None:
        # One model for thousands of partners: one call, not one addItem() per partner
        # (each Qt call costs time, and PySide6 6.12 on Python 3.11 leaks a None reference
        # per void call, which aborts the process after a few thousand).
        self._ids = [pid for pid, _ in partners]
        self._labels = [name for _, name in partners]
        self._row_of = {pid: row for row, pid in enumerate(self._ids)}
        self.blockSignals(True)
        self._model.setStringList(self._labels)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def select(self, partner_id: int | None) -> None:
        index = self._row_of.get(partner_id, -1) if partner_id is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def partner_id(self) -> int | None:
        """The partner the text names: exactly, else the only one containing it."""
        text = self.currentText().strip()
        if not text:
            return None
        folded = text.casefold()
        exact = [i for i, label in enumerate(self._labels) if label.casefold() == folded]
        if exact:
            return self._ids[exact[0]]
        hits = [i for i, label in enumerate(self._labels) if folded in label.casefold()]
        return self._ids[hits[0]] if len(hits) == 1 else None


class AgreementEditor(EditorDialog):
    """Opens one agreement (or a new one); saves through the services; undoable saves."""

    saved = Signal(int)
    deleted = Signal(int)

    def __init__(
        self,
        db: Database,
        agreement_id: int | None = None,
        *,
        agreement_type: AgreementType | None = None,
        partner_id: int | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.agreement_id = agreement_id
        self.undo_stack = undo_stack
        self.view: AgreementView | None = None
        self._baseline: tuple[Any, ...] = ()
        self.setObjectName("AgreementEditor")
        self.setMinimumSize(860, 640)
        self.setSizeGripEnabled(True)

        self.banner = make_banner(self)
        self.board = ErrorBoard(self.banner)
        self.board.aliases["partner_id"] = "partner"
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._build_general()
        self.terms_scroll = QScrollArea(self)
        self.terms_scroll.setWidgetResizable(True)
        self.terms_form: TermsForm | None = None
        self.milestones_tab = MilestonesTab(db, self)
        self.kpis_tab = KpisTab(db, self)
        self.attachments_tab = AttachmentsTab(db, self)
        self.history_tab = HistoryTab(db, self)
        self.tabs.addTab(self.general_scroll, self.tr("General"))
        self.tabs.addTab(self.terms_scroll, self.tr("Terms"))
        self.tabs.addTab(self.milestones_tab, self.tr("Milestones"))
        self.tabs.addTab(self.kpis_tab, self.tr("KPIs"))
        self.tabs.addTab(self.attachments_tab, self.tr("Attachments"))
        self.tabs.addTab(self.history_tab, self.tr("History"))
        for tab in (self.milestones_tab, self.kpis_tab, self.attachments_tab):
            tab.changed.connect(self._child_changed)

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
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save_and_close)
        self.apply_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.delete_button.clicked.connect(self.delete_agreement)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # A bound method: Qt drops the connection when this editor is destroyed.
        undo_events().changed.connect(self._record_changed)

        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self._load_choices()
        if agreement_id is None:
            self._start_new(agreement_type or AgreementType.BRAND, partner_id)
            if agreement_type is not None:
                self.type_combo.setEnabled(False)
        else:
            self.load(agreement_id)

    # --- layout ------------------------------------------------------------------------

    def _row(self, name: str, widget: QWidget) -> FieldRow:
        widget.setObjectName(f"field_{name}")
        return self.board.add(name, FieldRow(widget, self))

    def _build_general(self) -> None:
        page = QWidget(self)
        self.reference_edit = QLineEdit(page)
        self.reference_edit.setPlaceholderText(self.tr("Generated when saved, e.g. BR-2026-0042"))
        self.reference_edit.setMaxLength(40)
        self.title_edit = QLineEdit(page)
        self.title_edit.setMaxLength(300)
        self.type_combo = QComboBox(page)
        for t in AgreementType:
            self.type_combo.addItem(enum_label(t), t.value)
        self.partner_combo = PartnerPicker(page)
        self.owner_edit = QLineEdit(page)
        self.owner_edit.setMaxLength(120)
        self.status_combo = QComboBox(page)
        self.signed_edit = OptionalDateEdit(page)
        self.start_edit = DateEdit(page)
        self.end_edit = DateEdit(page)
        self.auto_renew_box = QCheckBox(self.tr("Renews automatically"), page)
        self.renewal_spin = QSpinBox(page)
        self.renewal_spin.setRange(0, 120)
        self.renewal_spin.setSpecialValueText("—")
        self.renewal_spin.setSuffix(self.tr(" months"))
        self.notice_spin = QSpinBox(page)
        self.notice_spin.setRange(0, 3650)
        self.notice_spin.setSuffix(self.tr(" days"))
        self.decision_label = QLabel(page)
        self.decision_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_edit = DecimalEdit(page, grouped=True)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency_combo = QComboBox(page)
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        others = sorted(CURRENCIES - set(COMMON_CURRENCIES))
        self.currency_combo.addItems([*COMMON_CURRENCIES, *others])
        currency_completer = self.currency_combo.completer()
        assert currency_completer is not None
        currency_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.governing_law_edit = QLineEdit(page)
        self.governing_law_edit.setPlaceholderText(self.tr("e.g. PRC law, English law"))
        self.territories_edit = QLineEdit(page)
        self.territories_edit.setPlaceholderText(self.tr("Comma-separated, e.g. CN, HK, MO"))
        self.description_edit = QPlainTextEdit(page)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(70)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        left.addRow(self.tr("Reference"), self._row("reference", self.reference_edit))
        left.addRow(self.tr("Title *"), self._row("title", self.title_edit))
        left.addRow(self.tr("Cooperation type"), self._row("type", self.type_combo))
        left.addRow(self.tr("Partner *"), self._row("partner", self.partner_combo))
        left.addRow(self.tr("Owner"), self._row("owner", self.owner_edit))
        left.addRow(self.tr("Status"), self._row("status", self.status_combo))
        left.addRow(self.tr("Governing law"), self._row("governing_law", self.governing_law_edit))
        left.addRow(self.tr("Territories"), self._row("territories", self.territories_edit))

        money = QWidget(page)
        money_box = QHBoxLayout(money)
        money_box.setContentsMargins(0, 0, 0, 0)
        money_box.addWidget(self._row("value", self.value_edit), 3)
        money_box.addWidget(self._row("currency", self.currency_combo), 1)
        renewal = QWidget(page)
        renewal_box = QHBoxLayout(renewal)
        renewal_box.setContentsMargins(0, 0, 0, 0)
        renewal_box.addWidget(self._row("auto_renew", self.auto_renew_box))
        renewal_box.addWidget(self._row("renewal_term_months", self.renewal_spin), 1)

        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        right.addRow(self.tr("Signed"), self._row("signed_date", self.signed_edit))
        right.addRow(self.tr("Starts *"), self._row("start_date", self.start_edit))
        right.addRow(self.tr("Ends *"), self._row("end_date", self.end_edit))
        right.addRow(self.tr("Renewal"), renewal)
        right.addRow(self.tr("Notice period"), self._row("notice_days", self.notice_spin))
        right.addRow(self.tr("Decision date"), self.decision_label)
        self.chain_label = QLabel(page)
        right.addRow(self.tr("Renewal chain"), self.chain_label)
        self._right_form = right
        right.addRow(self.tr("Contract value *"), money)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        description = QFormLayout()
        description.addRow(self.tr("Description"), self._row("description", self.description_edit))
        outer = QVBoxLayout(page)
        outer.addLayout(columns)
        outer.addLayout(description, 1)

        self.general_scroll = QScrollArea(self)
        self.general_scroll.setWidgetResizable(True)
        self.general_scroll.setWidget(page)

        self.end_edit.dateChanged.connect(self._update_decision_date)
        self.status_combo.currentIndexChanged.connect(self._update_decision_date)
        self.notice_spin.valueChanged.connect(self._update_decision_date)
        self.type_combo.currentIndexChanged.connect(self._type_changed)

    def _load_choices(self) -> None:
        with self.db.session() as s:
            partners = [(p.id, p.label) for p in partner_choices(s)]
            known_owners = owners(s)
        self.partner_combo.set_partners(partners)
        owner_completer = QCompleter(known_owners, self)
        owner_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        owner_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner_edit.setCompleter(owner_completer)

    def _set_terms_form(self, agreement_type: AgreementType) -> None:
        if self.terms_form is not None:
            self.board.remove(self.terms_form.rows)
        self.terms_form = TermsForm(agreement_type, self)
        self.terms_form.register(self.board)
        self.terms_scroll.setWidget(self.terms_form)
        self.tabs.setTabText(1, self.tr("Terms: {type}").format(type=enum_label(agreement_type)))

    def _set_statuses(
        self, statuses: tuple[AgreementStatus, ...], current: AgreementStatus
    ) -> None:
        self.status_combo.clear()
        for st in statuses:
            self.status_combo.addItem(enum_label(st), st.value)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current.value)))

    # --- loading -----------------------------------------------------------------------

    def _start_new(self, agreement_type: AgreementType, partner_id: int | None) -> None:
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(self.type_combo.findData(agreement_type.value))
        self.type_combo.blockSignals(False)
        self._set_terms_form(agreement_type)
        self._set_statuses(NEW_STATUSES, AgreementStatus.DRAFT)
        self.partner_combo.select(partner_id)
        today = QDate.currentDate()
        self.start_edit.setDate(today)
        self.end_edit.setDate(today.addYears(1).addDays(-1))
        self.notice_spin.setValue(90)
        self.currency_combo.setCurrentText("CNY")
        self.delete_button.hide()
        self._show_chain(None)
        for tab in (self.milestones_tab, self.kpis_tab, self.attachments_tab, self.history_tab):
            tab.set_agreement(None)
        self._update_decision_date()
        self._update_title()
        self._baseline = self._form_state()

    def load(self, agreement_id: int) -> None:
        """Read the agreement afresh (also after a conflict) and show it."""
        with self.db.session() as s:
            view = get_agreement(s, agreement_id)
        self._show(view)

    def _show(self, view: AgreementView) -> None:
        self.view = view
        self.agreement_id = view.id
        self._clear_errors()
        self.reference_edit.setText(view.reference)
        self.title_edit.setText(view.title)
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(self.type_combo.findData(view.type.value))
        self.type_combo.blockSignals(False)
        self.type_combo.setEnabled(False)  # a saved agreement keeps its type
        if self.terms_form is None or self.terms_form.agreement_type is not view.type:
            self._set_terms_form(view.type)
        assert self.terms_form is not None
        self.terms_form.set_values(view.terms)
        self.partner_combo.select(view.partner_id)
        self.owner_edit.setText(view.owner)
        self._set_statuses((view.status, *sorted(TRANSITIONS[view.status])), view.status)
        self.signed_edit.set_value(view.signed_date)
        self.start_edit.set_value(view.start_date)
        self.end_edit.set_value(view.end_date)
        self.auto_renew_box.setChecked(view.auto_renew)
        self.renewal_spin.setValue(view.renewal_term_months or 0)
        self.notice_spin.setValue(view.notice_days)
        self.value_edit.set_decimal(view.value)
        self.currency_combo.setCurrentText(view.currency)
        self.governing_law_edit.setText(view.governing_law)
        self.territories_edit.setText(", ".join(view.territories))
        self.description_edit.setPlainText(view.description)
        self.delete_button.show()
        self._show_chain(view)
        for tab in (self.milestones_tab, self.kpis_tab, self.attachments_tab, self.history_tab):
            tab.set_agreement(view)
        self._update_decision_date()
        self._update_title()
        self._baseline = self._form_state()

    def _update_title(self) -> None:
        if self.view is None:
            self.setWindowTitle(self.tr("New agreement"))
        else:
            self.setWindowTitle(
                self.tr("Agreement {ref} — {title}").format(
                    ref=self.view.reference, title=self.view.title
                )
            )

    def _update_decision_date(self) -> None:
        day = decision_date(self.end_edit.value(), self.notice_spin.value())
        days = (day - date.today()).days
        status = self.status_combo.currentData()
        if status in FINAL_STATUSES:
            # Nothing left to decide: no alarm colours for a closed agreement.
            note, colour = self._chain_note() or self.tr("closed"), "palette(text)"
        elif days < 0:
            note, colour = self.tr("passed {n} days ago").format(n=-days), "#c62828"
        elif days <= 30:
            note, colour = self.tr("in {n} days").format(n=days), "#e65100"
        else:
            note, colour = self.tr("in {n} days").format(n=days), "palette(text)"
        self.decision_label.setText(f"<b>{day.isoformat()}</b> ({note})")
        self.decision_label.setStyleSheet(f"color: {colour};")

    def _show_chain(self, view: AgreementView | None) -> None:
        parts = []
        if view is not None and view.predecessor_reference:
            parts.append(self.tr("renews {ref}").format(ref=view.predecessor_reference))
        if view is not None and view.successor_reference:
            parts.append(self.tr("renewed into {ref}").format(ref=view.successor_reference))
        self.chain_label.setText("; ".join(parts))
        self._right_form.setRowVisible(self.chain_label, bool(parts))

    def _record_changed(self, entity: str, record_id: int) -> None:
        """An undo or redo rewrote this agreement: show it, unless the user is mid-edit."""
        if entity != "agreement" or record_id != self.agreement_id or not self.isVisible():
            return
        if self.is_dirty():
            self.board.show_banner(
                self.tr("Undo/redo changed this agreement; saving will offer to reload it.")
            )
            return
        try:
            self.load(record_id)
        except NotFoundError:
            self.board.show_banner(self.tr("Undo/redo removed this agreement."))
            self.save_button.setEnabled(False)
            self.apply_button.setEnabled(False)
            self.delete_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        self.apply_button.setEnabled(True)
        self.delete_button.setEnabled(True)

    def _chain_note(self) -> str:
        if self.view is not None and self.view.successor_reference:
            return self.tr("renewed into {ref}").format(ref=self.view.successor_reference)
        return ""

    def _type_changed(self) -> None:
        if self.view is None:
            self._set_terms_form(AgreementType(self.type_combo.currentData()))

    def _child_changed(self) -> None:
        # Milestones, KPIs and documents save at once; the history and version move on.
        if self.agreement_id is None:
            return
        with self.db.session() as s:
            fresh = get_agreement(s, self.agreement_id)
        if self.view is not None:
            self.view = replace(self.view, version=fresh.version)
        self.history_tab.set_agreement(fresh)
        self.saved.emit(fresh.id)

    # --- reading the form --------------------------------------------------------------

    def _form_state(self) -> tuple[Any, ...]:
        terms = self.terms_form.values() if self.terms_form is not None else {}
        return (
            self.reference_edit.text(), self.title_edit.text(), self.type_combo.currentData(),
            self.partner_combo.currentText(), self.owner_edit.text(),
            self.status_combo.currentData(), self.signed_edit.value(), self.start_edit.value(),
            self.end_edit.value(), self.auto_renew_box.isChecked(), self.renewal_spin.value(),
            self.notice_spin.value(), self.value_edit.text(), self.currency_combo.currentText(),
            self.governing_law_edit.text(), self.territories_edit.text(),
            self.description_edit.toPlainText(), tuple(sorted(terms.items(), key=str)),
        )  # fmt: skip

    def is_dirty(self) -> bool:
        return self._form_state() != self._baseline

    def collect(self) -> tuple[AgreementInput, list[FieldError]]:
        """The form as service input, and what the form itself can already tell is wrong."""
        problems: list[FieldError] = []
        partner_id = self.partner_combo.partner_id()
        if partner_id is None:
            text = self.partner_combo.currentText().strip()
            problems.append(
                FieldError(
                    "partner",
                    self.tr("choose a partner from the list")
                    if not text
                    else self.tr("no single partner matches “{text}”").format(text=text),
                )
            )
        try:
            value = self.value_edit.decimal()
        except ValueError as exc:
            problems.append(FieldError("value", str(exc)))
            value = None
        if value is None and not any(p.field == "value" for p in problems):
            problems.append(FieldError("value", self.tr("enter the contract value (0 if none)")))
        assert self.terms_form is not None
        renewal = self.renewal_spin.value() or None
        data = AgreementInput(
            title=self.title_edit.text(),
            type=AgreementType(self.type_combo.currentData()),
            partner_id=partner_id if partner_id is not None else -1,
            status=AgreementStatus(self.status_combo.currentData()),
            currency=self.currency_combo.currentText().strip().upper(),
            value=value if value is not None else Decimal(0),
            start_date=self.start_edit.value(),
            end_date=self.end_edit.value(),
            reference=self.reference_edit.text().strip() or None,
            owner=self.owner_edit.text(),
            signed_date=self.signed_edit.value(),
            auto_renew=self.auto_renew_box.isChecked(),
            renewal_term_months=renewal,
            notice_days=self.notice_spin.value(),
            governing_law=self.governing_law_edit.text(),
            territories=tuple(
                t.strip() for t in self.territories_edit.text().split(",") if t.strip()
            ),
            description=self.description_edit.toPlainText(),
            terms=self.terms_form.values(),
        )
        return data, problems

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Save through the services; on refusal show why beside the fields and keep going."""
        self._clear_errors()
        data, problems = self.collect()
        before = self.view
        try:
            with self.db.session() as s:
                if problems:
                    # Ask the service too, so every problem shows at once; then write nothing.
                    _, errors = validate_agreement(s, data, self.agreement_id)
                    seen = {p.field for p in problems}
                    raise ValidationError(
                        problems
                        + [e for e in errors if e.field not in seen and e.field != "partner"]
                    )
                if before is None:
                    view = create_agreement(s, data)
                else:
                    view = update_agreement(s, before.id, data, before.version)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except TransitionError as exc:
            self._show_errors([FieldError("status", str(exc))])
            return False
        except ConflictError as exc:
            self._offer_reload(str(exc))
            return False
        except NotFoundError as exc:
            self.board.show_banner(
                self.tr("This agreement no longer exists (deleted on another desk?): {e}").format(
                    e=exc
                )
            )
            return False
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.board.show_banner(self.tr("Not saved: {reason}").format(reason=exc))
            return False
        self._push_undo(before, view)
        self._show(view)
        self.saved.emit(view.id)
        return True

    def _push_undo(self, before: AgreementView | None, after: AgreementView) -> None:
        if self.undo_stack is None:
            return
        if before is None:
            self.undo_stack.push(CreateAgreementCommand(self.db, after, parent=self.parentWidget()))
            return
        old, new = before.to_input(), after.to_input()
        if old == new:
            return
        status_only = replace(old, status=new.status, signed_date=new.signed_date) == new
        if status_only:
            command: EditAgreementCommand | ChangeStatusCommand = ChangeStatusCommand(
                self.db, after.id, after.reference,
                (before.status, before.signed_date), (after.status, after.signed_date),
                parent=self.parentWidget(),
            )  # fmt: skip
        else:
            command = EditAgreementCommand(self.db, after.id, old, new, parent=self.parentWidget())
        self.undo_stack.push(command)

    def _show_errors(self, errors: list[FieldError]) -> None:
        rows = self.board.show(errors)
        pages: list[int] = []
        for row in rows:
            for i in range(self.tabs.count()):
                page = self.tabs.widget(i)
                if page is not None and page.isAncestorOf(row) and i not in pages:
                    pages.append(i)
        bar = self.tabs.tabBar()
        for i in pages:
            bar.setTabTextColor(i, QColor(error_colour(self)))
        if len(pages) > 1:
            # The user sees one page at a time: say where the other objections are.
            names = ", ".join(bar.tabText(i) for i in pages)
            summary = self.tr("Not saved: {n} fields need attention on these pages: {pages}")
            extra = self.banner.text() if self.banner.isVisible() else ""
            self.board.show_banner("\n".join(
                t for t in (summary.format(n=len(rows), pages=names), extra) if t))  # fmt: skip
        if rows:
            self.tabs.setCurrentIndex(pages[0])
            rows[0].field.setFocus()

    def _clear_errors(self) -> None:
        self.board.clear()
        bar = self.tabs.tabBar()
        for i in range(self.tabs.count()):
            bar.setTabTextColor(i, self.palette().color(QPalette.ColorRole.WindowText))

    def _offer_reload(self, message: str) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Changed by someone else"),
            self.tr(
                "{message}\n\nReload the agreement as it is now? Your unsaved edits in this "
                "window will be lost."
            ).format(message=message),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and self.agreement_id is not None:
            self.load(self.agreement_id)
        else:
            self.board.show_banner(message)

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def delete_agreement(self) -> None:
        if self.view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete agreement"),
            self.tr(
                "Delete {ref} “{title}” with its milestones, KPIs and documents?\n"
                "You can undo this with Edit ▸ Undo."
            ).format(ref=self.view.reference, title=self.view.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_agreement_undoable(
                self.db, self.undo_stack, self.view.id, self.view.version,
                parent=self.parentWidget(),
            )  # fmt: skip
        except ConflictError as exc:
            self._offer_reload(str(exc))
            return
        except (PartnerDeskError, SQLAlchemyError) as exc:
            self.board.show_banner(self.tr("Not deleted: {reason}").format(reason=exc))
            return
        deleted_id = self.view.id
        self._baseline = self._form_state()
        self.deleted.emit(deleted_id)
        self.accept()

    # --- leaving -----------------------------------------------------------------------

    def unsaved_question(self) -> str:
        return self.tr("This agreement has changes that are not saved. Save them?")
