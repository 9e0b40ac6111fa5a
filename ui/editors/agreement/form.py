"""The agreement editor's form: the common fields and the type's terms, filled from a
saved agreement and read back as service input. The window around it is ``editor.py``."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.money import CURRENCIES
from app.errors import FieldError
from app.services.agreements import (
    TRANSITIONS,
    AgreementInput,
    AgreementView,
    decision_date,
)
from app.services.editing import PartnerChoice
from app.services.listing import owners
from app.services.people import owner_names
from ui import background
from ui.background import Reader
from ui.editors.agreement.partner_picker import PartnerPicker
from ui.editors.base import EditorDialog
from ui.editors.fields import (
    DateEdit,
    DecimalEdit,
    ErrorBoard,
    FieldRow,
    OptionalDateEdit,
    make_banner,
    name_fields,
)
from ui.editors.labels import enum_label
from ui.editors.terms_form import COMMON_CURRENCIES, TermsForm


def _link(agreement_id: int, reference: str) -> str:
    return f'<a href="agreement:{agreement_id}">{html.escape(reference)}</a>'


NEW_STATUSES = tuple(s for s in AgreementStatus if s is not AgreementStatus.RENEWED)
FINAL_STATUSES = {s.value for s in AgreementStatus if not TRANSITIONS[s]}


_ENTERED = (QEvent.Type.FocusIn, QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)


def _owner_choices(s: Session) -> list[str]:
    # The register's people first among the names, with owners not (yet) in it.
    return sorted(set(owners(s)) | set(owner_names(s)))


class AgreementForm(EditorDialog):
    """The fields of one agreement; ``AgreementEditor`` adds the tabs, saving and undo."""

    open_requested = Signal(int)  # an agreement of the renewal chain, by id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.choices = Reader(db, self, quick=True)  # the owners to pick from
        self.view: AgreementView | None = None
        self._baseline: tuple[Any, ...] = ()
        self.banner = make_banner(self)
        self.board = ErrorBoard(self.banner)
        self.board.aliases["partner_id"] = "partner"
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Pages of this record"))
        self._build_general()
        self.terms_scroll = QScrollArea(self)
        # Not a Tab stop of its own: it scrolls to whichever of its fields has the focus.
        self.terms_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.terms_scroll.setWidgetResizable(True)
        self.terms_form: TermsForm | None = None

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
        self.partner_combo = PartnerPicker(self.db, page)
        self.partner_combo.named.connect(self._partner_named)
        self.owner_edit = QLineEdit(page)
        self.owner_edit.setMaxLength(120)
        self.status_combo = QComboBox(page)
        # Made here, not beside the money fields: Tab follows the order widgets are made
        # in, and these two end the left column (Tab went from Status to Signed, and what
        # was typed as the governing law landed in a date).
        self.governing_law_edit = QLineEdit(page)
        self.governing_law_edit.setPlaceholderText(self.tr("e.g. PRC law, English law"))
        self.territories_edit = QLineEdit(page)
        self.territories_edit.setPlaceholderText(self.tr("Comma-separated, e.g. CN, HK, MO"))
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
        self.decision_label.setWordWrap(True)  # "in force until …; renewed by …" is long
        # A wrapped label in a form row is given the width it hints (~100 px) and the
        # height of one line: "2027-09-03 (in 274 days)" showed as "2027-09-03 (in".
        # Taking the row's whole width, it wraps only when the text really is long.
        self.decision_label.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred
        )
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
        self.chain_label.setTextFormat(Qt.TextFormat.RichText)
        # Links reachable by Tab and Enter as well as by the mouse.
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.chain_label.linkActivated.connect(self._open_link)
        self.chain_label.setWordWrap(True)  # as the decision date: the whole row's width
        self.chain_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
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
        # The parts of composite rows first; name_fields gives the rest their label's words.
        self.currency_combo.setAccessibleName(self.tr("Currency"))
        self.renewal_spin.setAccessibleName(self.tr("Renewal term"))
        self.auto_renew_box.setAccessibleName(self.auto_renew_box.text())
        self.chain_label.setAccessibleName(self.tr("Renewal chain"))
        self.decision_label.setAccessibleName(self.tr("Decision date"))
        for form in (left, right, description):
            name_fields(form)

        self.general_scroll = QScrollArea(self)
        self.general_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.general_scroll.setWidgetResizable(True)
        self.general_scroll.setWidget(page)

        self.end_edit.dateChanged.connect(self._update_decision_date)
        self.status_combo.currentIndexChanged.connect(self._update_decision_date)
        self.notice_spin.valueChanged.connect(self._update_decision_date)
        self.type_combo.currentIndexChanged.connect(self._type_changed)

    def _load_choices(self) -> None:
        # Read in workers: the editor opens at once with the agreement's own partner. The
        # partner field reads a screenful of names, and more as the user types.
        self.partner_combo.look_up("")  # the first names, whichever partner is shown
        if background.in_workers:
            # The owners' names when the field is first entered: their read (a walk of the
            # owner index, many small queries of Python) ran beside an editor's first paint
            # and held the GIL it needed: 51 ms stalls at PostgreSQL 1M (load 2.2).
            self.owner_edit.installEventFilter(self)
        else:
            self._read_owner_choices()

    def _read_owner_choices(self) -> None:
        self.choices.read(_owner_choices, self._show_choices)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.owner_edit and event.type() in _ENTERED:
            self.owner_edit.removeEventFilter(self)
            self._read_owner_choices()
        return super().eventFilter(watched, event)

    def _partner_named(self) -> None:
        # A new agreement's partner, chosen by id, got its name: that is no edit.
        if self._baseline and self._baseline[3] == "":
            text = self.partner_combo.currentText()
            self._baseline = (*self._baseline[:3], text, *self._baseline[4:])

    def _show_choices(self, known_owners: list[str]) -> None:
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
        self._show_chain(None)
        self._update_decision_date()

    def _fill(self, view: AgreementView) -> None:
        self._fill_general(view)
        self._fill_terms(view)

    def _fill_terms(self, view: AgreementView) -> None:
        """The type's own terms (its form made first if the type has none yet)."""
        if self.terms_form is None or self.terms_form.agreement_type is not view.type:
            self._set_terms_form(view.type)
        assert self.terms_form is not None
        self.terms_form.set_values(view.terms)

    def _fill_general(self, view: AgreementView) -> None:
        """The fields of the General page."""
        self.reference_edit.setText(view.reference)
        self.title_edit.setText(view.title)
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(self.type_combo.findData(view.type.value))
        self.type_combo.blockSignals(False)
        self.type_combo.setEnabled(False)  # a saved agreement keeps its type
        self.partner_combo.select(
            view.partner_id, PartnerChoice(view.partner_id, view.partner_name,
                                           view.partner_local_name).label
        )  # fmt: skip
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
        self._show_chain(view)
        self._update_decision_date()

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
        if view is not None and view.predecessor_id and view.predecessor_reference:
            link = _link(view.predecessor_id, view.predecessor_reference)
            parts.append(self.tr("renews {ref}").format(ref=link))
        if view is not None and view.successor_id and view.successor_reference:
            link = _link(view.successor_id, view.successor_reference)
            parts.append(self.tr("renewed by {ref}").format(ref=link))
        self.chain_label.setText("; ".join(parts))
        self._right_form.setRowVisible(self.chain_label, bool(parts))

    def _open_link(self, href: str) -> None:
        self.open_requested.emit(int(href.removeprefix("agreement:")))

    def _chain_note(self) -> str:
        view = self.view
        if view is None or not view.successor_reference:
            return ""
        if view.status is AgreementStatus.RENEWED and view.end_date >= date.today():
            # Renewed early: this one still binds both sides until it ends.
            return self.tr("in force until {end}; renewed by {ref}").format(
                end=view.end_date.isoformat(), ref=view.successor_reference
            )
        return self.tr("renewed by {ref}").format(ref=view.successor_reference)

    def _type_changed(self) -> None:
        if self.view is None:
            self._set_terms_form(AgreementType(self.type_combo.currentData()))

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
