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

from app.domain.enums import AgreementType
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
            widget = self._make(spec)
            widget.setObjectName(f"term_{spec.name}")
            self.widgets[spec.name] = widget
            row = FieldRow(widget, self)
            self.rows[spec.name] = row
            label = spec.label_for(lang) + (" *" if spec.required else "")
            form.addRow(label, row)
        name_fields(form)

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
            w.setCurrentIndex(max(0, w.findData(str(value.value if value else ""))))
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
        for spec in self.specs:
            w = self.widgets[spec.name]
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
