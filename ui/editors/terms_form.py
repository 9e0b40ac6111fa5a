"""The page of a cooperation type's own terms, generated from ``app.domain.terms.TERMS``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AgreementType, OperatingModel
from app.domain.money import CURRENCIES
from app.domain.terms import TERMS, TermKind, TermSpec
from ui.editors.fields import (
    NONE_TEXT,
    CheckGroup,
    DecimalEdit,
    ErrorBoard,
    FieldRow,
    LinesEdit,
    OptionalDateEdit,
    OptionalSpin,
    name_fields,
)
from ui.editors.labels import enum_label
from ui.i18n import current_language

# The currencies a cross-border team uses every day, first in every currency list.
COMMON_CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "KRW", "GBP", "AUD", "SGD")


def ui_language() -> str:
    """``zh`` when the application speaks Chinese, for labels the domain keeps in both."""
    return "zh" if current_language().startswith("zh") else "en"


class TermsForm(QWidget):
    """One widget per term: the kind of the term decides the widget."""

    changed = Signal()

    def __init__(self, agreement_type: AgreementType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreement_type = agreement_type
        self.specs: tuple[TermSpec, ...] = TERMS[agreement_type]
        self.widgets: dict[str, QWidget] = {}
        self.rows: dict[str, FieldRow] = {}
        self.currency_labels: list[QLabel] = []
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        # Extra height goes below the last term, not between them.
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        lang = ui_language()
        for spec in self.specs:
            if spec.direct_only and spec.name == self.specs_direct_first():
                # The procurement terms, under a heading that says when they apply.
                heading = QLabel(self.tr("Procurement (direct sales only)"), self)
                heading.setObjectName("procurement_heading")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                form.addRow(heading)
            widget = self._make(spec)
            widget.setObjectName(f"term_{spec.name}")
            self.widgets[spec.name] = widget
            row = FieldRow(widget, self)
            self.rows[spec.name] = row
            label = spec.label_for(lang) + (" *" if spec.required else "")
            form.addRow(label, row)
        name_fields(form)
        model = self.widgets.get("operating_model")
        if isinstance(model, QComboBox):
            model.currentIndexChanged.connect(self._sync_procurement)
            self._sync_procurement()

    def specs_direct_first(self) -> str:
        """The name of the first procurement term ("" when the type has none)."""
        return next((spec.name for spec in self.specs if spec.direct_only), "")

    def _platform_model(self) -> bool:
        model = self.widgets.get("operating_model")
        return isinstance(model, QComboBox) and model.currentData() == OperatingModel.PLATFORM

    def _sync_procurement(self) -> None:
        # On the platform model a seller buys the stock: the procurement terms grey out and
        # are saved blank (values()). Greyed, not hidden, so that the Terms tab does not
        # jump under the mouse and a manager who switched by mistake sees what switching
        # back restores. Imports and scripts have no such form: validation refuses them.
        enabled = not self._platform_model()
        for spec in self.specs:
            if spec.direct_only:
                self.rows[spec.name].setEnabled(enabled)

    def _make(self, spec: TermSpec) -> QWidget:
        kind = spec.kind
        if kind is TermKind.TEXT:
            edit = QLineEdit(self)
            edit.textChanged.connect(self.changed)
            return edit
        if kind is TermKind.LINES:
            lines = LinesEdit(self)
            lines.setPlaceholderText(self.tr("One per line"))
            lines.textChanged.connect(self.changed)
            return lines
        if kind is TermKind.CHOICES:
            assert spec.choices is not None
            group = CheckGroup([(m.value, enum_label(m)) for m in spec.choices], parent=self)
            group.changed.connect(self.changed)
            return group
        if kind is TermKind.CHOICE:
            assert spec.choices is not None
            combo = QComboBox(self)
            combo.addItem(NONE_TEXT if not spec.required else self.tr("(choose)"), "")
            for m in spec.choices:
                combo.addItem(enum_label(m), m.value)
            combo.currentIndexChanged.connect(self.changed)
            return combo
        if kind is TermKind.CURRENCY:
            currency = QComboBox(self)
            currency.addItem(NONE_TEXT, "")
            for code in (*COMMON_CURRENCIES, *sorted(CURRENCIES - set(COMMON_CURRENCIES))):
                currency.addItem(code, code)
            currency.currentIndexChanged.connect(self.changed)
            return currency
        if kind is TermKind.CURRENCIES:
            edit = QLineEdit(self)
            edit.setPlaceholderText(self.tr("e.g. USD, EUR, CNY"))
            edit.setValidator(
                QRegularExpressionValidator(r"^[A-Za-z]{0,3}([,; ]+[A-Za-z]{0,3})*$", edit)
            )
            edit.textChanged.connect(self.changed)
            return edit
        if kind in (TermKind.MONEY, TermKind.PERCENT, TermKind.DECIMAL):
            dec = DecimalEdit(self, grouped=kind is TermKind.MONEY)
            dec.textChanged.connect(self.changed)
            # Blank means "not agreed"; a grey 0.00 would read as an agreed zero.
            dec.setPlaceholderText("0–100 %" if kind is TermKind.PERCENT else NONE_TEXT)
            return dec
        if kind is TermKind.INT:
            spin = OptionalSpin(parent=self)
            spin.valueChanged.connect(self.changed)
            return spin
        if kind is TermKind.BOOL:
            box = QCheckBox(self.tr("Yes"), self)
            box.toggled.connect(self.changed)
            return box
        date_edit = OptionalDateEdit(self)
        date_edit.dateChanged.connect(self.changed)
        return date_edit

    def register(self, board: ErrorBoard) -> None:
        for name, row in self.rows.items():
            board.add(name, row)

    def set_values(self, terms: Mapping[str, Any]) -> None:
        for spec in self.specs:
            self._set(spec, self.widgets[spec.name], terms.get(spec.name))

    @staticmethod
    def _set(spec: TermSpec, w: QWidget, value: Any) -> None:
        kind = spec.kind
        if isinstance(w, CheckGroup):
            w.set_values(value or ())
        elif isinstance(w, LinesEdit):
            w.set_items(value or ())
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(str(getattr(value, "value", value) or ""))))
        elif isinstance(w, DecimalEdit):
            w.set_decimal(value if isinstance(value, Decimal) else None)
        elif isinstance(w, OptionalSpin):
            w.set_optional_value(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, OptionalDateEdit):
            w.set_value(value if isinstance(value, date) else None)
        elif isinstance(w, QLineEdit):
            if kind is TermKind.CURRENCIES:
                w.setText(", ".join(value or ()))
            else:
                w.setText(str(value or ""))

    def values(self) -> dict[str, Any]:
        """What the service's coercion takes: text for numbers, so it can say what is wrong."""
        result: dict[str, Any] = {}
        platform = self._platform_model()
        for spec in self.specs:
            w = self.widgets[spec.name]
            if platform and spec.direct_only:
                result[spec.name] = None  # greyed out: not a term of this agreement
                continue
            if isinstance(w, CheckGroup):
                result[spec.name] = w.values()
            elif isinstance(w, LinesEdit):
                result[spec.name] = w.items()
            elif isinstance(w, QComboBox):
                result[spec.name] = w.currentData() or ""
            elif isinstance(w, OptionalSpin):
                result[spec.name] = w.optional_value()
            elif isinstance(w, QCheckBox):
                result[spec.name] = w.isChecked()
            elif isinstance(w, OptionalDateEdit):
                result[spec.name] = w.value()
            elif isinstance(w, QLineEdit):  # text, currencies and the decimal kinds
                result[spec.name] = (
                    w.text().replace(",", "") if isinstance(w, DecimalEdit) else w.text()
                )
        return result
