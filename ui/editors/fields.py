"""Input widgets shared by the editors, and the red note that sits under a wrong field."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QRegularExpression, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QPalette, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError
from ui.editors.messages import translate_message

ERROR_COLOUR = "#c62828"
ERROR_COLOUR_ON_DARK = "#ef6c6c"
WARNING_COLOUR = "#e65100"  # the light-theme red is too dim on a dark window


def error_colour(widget: QWidget) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return ERROR_COLOUR_ON_DARK if dark else ERROR_COLOUR


DATE_FORMAT = "yyyy-MM-dd"
# The "no date" sentinel of OptionalDateEdit: Qt shows specialValueText at the minimum.
_NO_DATE = QDate(1900, 1, 1)
NONE_TEXT = "—"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DecimalEdit(QLineEdit):
    """Exact amounts: the text becomes a Decimal, never a float (QDoubleSpinBox is float)."""

    def __init__(self, parent: QWidget | None = None, *, grouped: bool = False) -> None:
        super().__init__(parent)
        self.grouped = grouped
        # Digits with optional thousands separators and one decimal point; no sign. Range
        # checks (a percent over 100) are the service's, so the user reads its sentence.
        pattern = QRegularExpression(r"^[0-9][0-9,]{0,20}(\.[0-9]{0,6})?$|^$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setPlaceholderText("0.00")

    def set_decimal(self, value: Decimal | None) -> None:
        self.setText("" if value is None else decimal_text(value, grouped=self.grouped))

    def decimal(self) -> Decimal | None:
        """The typed amount, None when blank; raises ValueError on text that is not one."""
        text = self.text().replace(",", "").strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(self.tr("is not a number")) from None


def decimal_text(value: Decimal, *, grouped: bool = True) -> str:
    """Exact, without trailing zeros beyond the cents: ``1,250,000.00``, ``12.5``."""
    places = max(0, -int(value.normalize().as_tuple().exponent))
    if grouped:
        return f"{value:,.{max(places, 2)}f}"
    return f"{value:.{places}f}"


def measured_text(value: Decimal) -> str:
    """A KPI's target or reading as people write it: ``0.59``, ``98.5``, ``10,096,575.00``."""
    return decimal_text(value, grouped=abs(value) >= 1000)


class DateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(DateEdit):
    """A date that may be absent: shows "—" and means None at its minimum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(NONE_TEXT)
        self.setDate(_NO_DATE)

    def value(self) -> date | None:  # type: ignore[override]
        return None if self.date() == _NO_DATE else from_qdate(self.date())

    def set_value(self, value: date | None) -> None:
        self.setDate(_NO_DATE if value is None else to_qdate(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Showing "—", typed digits went after the dash ("—0261201", never a date): the
        # first digit starts a date instead, typed over from the year on ("2026-12-01").
        if self.date() == _NO_DATE and event.text().isdigit():
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Showing "—" there are no sections to step through, yet QDateTimeEdit keeps
        # Tab for its sections and the focus never leaves (a keyboard trap).
        if self.date() == _NO_DATE:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


class OptionalSpin(QSpinBox):
    """A whole number that may be absent: "—" (the minimum, -1) means None."""

    def __init__(self, maximum: int = 2_147_483_647, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText(NONE_TEXT)
        self.setGroupSeparatorShown(True)
        self.setValue(-1)

    def optional_value(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_optional_value(self, value: int | None) -> None:
        self.setValue(-1 if value is None else min(value, self.maximum()))


class LinesEdit(QPlainTextEdit):
    """A list of short free-text items, one per line (brands, routes, markets)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def items(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.toPlainText().splitlines() if line.strip())

    def set_items(self, items: Iterable[str]) -> None:
        self.setPlainText("\n".join(items))


class CheckGroup(QWidget):
    """Several values of a closed list, as a grid of check boxes."""

    changed = Signal()

    def __init__(
        self, choices: Sequence[tuple[str, str]], columns: int = 3, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (value, label) in enumerate(choices):
            box = QCheckBox(label, self)
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[value] = box
        self._loaded: tuple[str, ...] = ()

    def values(self) -> tuple[str, ...]:
        """The ticked values: those loaded first, in the order they were stored, then the
        newly ticked ones in the list's order. A record saved with the same boxes ticked
        must compare equal to what it holds, or saving only its title would write
        "payment methods: card, wallet -> wallet, card" into its history."""
        ticked = {v for v, box in self.boxes.items() if box.isChecked()}
        kept = tuple(v for v in self._loaded if v in ticked)
        return kept + tuple(v for v in self.boxes if v in ticked and v not in kept)

    def set_values(self, values: Iterable[str]) -> None:
        self._loaded = tuple(dict.fromkeys(v for v in values if v in self.boxes))
        wanted = set(self._loaded)
        for v, box in self.boxes.items():
            box.setChecked(v in wanted)


def change_signal(field: QWidget) -> SignalInstance | None:
    """The signal a field gives when the user changes its value (None: it has none)."""
    if isinstance(field, QDateEdit):
        return field.dateChanged
    if isinstance(field, QComboBox):
        return field.currentTextChanged
    if isinstance(field, QAbstractSpinBox) and hasattr(field, "valueChanged"):
        return field.valueChanged  # type: ignore[no-any-return]
    if isinstance(field, QAbstractButton):
        return field.toggled
    if isinstance(field, QLineEdit | QPlainTextEdit):
        return field.textChanged
    if isinstance(field, CheckGroup):
        return field.changed
    return None


class FieldRow(QWidget):
    """A field with the room beneath it where the service's objection is shown in red."""

    edited = Signal()

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        signal = change_signal(field)
        if signal is not None:
            signal.connect(self.edited)
        if isinstance(field, QComboBox) and field.isEditable():
            # The red frame is a style sheet, and under one a combo box asks for the width
            # of its longest entry (a partner's name): the form grew a scroll bar. A typed-in
            # choice is as wide as the form gives it instead. A fixed list of choices (a
            # status, an authorisation level) keeps its longest entry's width: squeezed to
            # six characters it showed "Exclusive di".
            field.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            field.setMinimumContentsLength(max(field.minimumContentsLength(), 6))
            policy = field.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
            field.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        # The red and amber lines are made when first said: two labels with style sheets
        # for each of an editor's ~36 fields took a third of opening it (#15.2).
        self._error_label: QLabel | None = None
        self._warning_label: QLabel | None = None
        self._style = field.styleSheet()
        if field.minimumHeight() == field.maximumHeight():
            # A fixed-height field must not make its row soak up the form's spare height.
            policy = self.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
            self.setSizePolicy(policy)

    @property
    def error_label(self) -> QLabel:
        if self._error_label is None:
            self._error_label = self._line("fieldError", error_colour(self))
        return self._error_label

    @property
    def warning_label(self) -> QLabel:
        if self._warning_label is None:
            self._warning_label = self._line("fieldWarning", WARNING_COLOUR)
        return self._warning_label

    def _line(self, name: str, colour: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {colour};")
        label.setObjectName(name)
        label.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        # Beneath the field, the error above the warning, whichever came first.
        layout.insertWidget(1 if name == "fieldError" else layout.count(), label)
        return label

    def show_error(self, messages: Sequence[str]) -> None:
        self.error_label.setText("\n".join(messages))
        self.error_label.show()
        self._fit_error()
        if not self.field.objectName():
            self.field.setObjectName("editorField")
        # An id selector: a bare rule would also frame every child of a composite field.
        self.field.setStyleSheet(
            f"#{self.field.objectName()} {{ border: 1px solid {error_colour(self)}; }}"
        )
        self.field.setToolTip("\n".join(messages))
        self.field.setAccessibleDescription("\n".join(messages))  # read out with the name

    def _fit_error(self) -> None:
        # A wrapped label inside nested form layouts gets one line's height and is clipped;
        # ask it how tall it is at the field's width and reserve that.
        width = max(self.width(), self.field.width(), 160)
        for label in (self._error_label, self._warning_label):
            if label is not None and label.isVisibleTo(self):
                label.setMinimumHeight(label.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_error()

    def show_warning(self, text: str) -> None:
        self.warning_label.setText(text)
        self.warning_label.setVisible(bool(text))
        self.warning_label.setMinimumHeight(0)
        self._fit_error()
        if not self.error_text:
            self.field.setAccessibleDescription(text)

    @property
    def warning_text(self) -> str:
        label = self._warning_label
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def clear_error(self) -> None:
        if self._error_label is not None:
            self._error_label.clear()
            self._error_label.setMinimumHeight(0)
            self._error_label.hide()
        self.field.setStyleSheet(self._style)
        self.field.setToolTip("")
        self.field.setAccessibleDescription(self.warning_text)

    @property
    def error_text(self) -> str:
        label = self._error_label
        return label.text() if label is not None and label.isVisibleTo(self) else ""


def name_fields(form: QFormLayout) -> None:
    """Give each field of a form the name a screen reader reads out: its label's words.

    The label Qt makes for a row is the buddy of the row's container, not of the input
    inside it, so without this the input has no name at all. A field named already (a
    part of a composite row) keeps its name.
    """
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or field is None:
            continue
        name = label.text().removesuffix(" *").replace("&", "")
        rows = [field] if isinstance(field, FieldRow) else field.findChildren(FieldRow)
        for target in [r.field for r in rows] or [field]:
            if not target.accessibleName():
                target.setAccessibleName(name)
                # The label-for relation is how Linux screen readers name a combo box (its
                # own name there is its value); it also makes the label's click focus it.
                label.setBuddy(target)
                break
        for target in [r.field for r in rows] or [field]:
            if isinstance(target, QLineEdit) and not target.accessibleDescription():
                target.setAccessibleDescription(target.placeholderText())


class ErrorBoard:
    """Puts each FieldError beside its field; what has no field goes to the banner.

    An error stays only while it is true: once the user edits a field that shows one, the
    form is checked again (``recheck``, shortly after the typing stops) and every field that
    is right now loses its note. Without ``recheck`` editing the field clears its note.
    """

    RECHECK_MS = 200  # after the last keystroke: one check per pause, not per key

    def __init__(self, banner: QLabel) -> None:
        self.banner = banner
        self.rows: dict[str, FieldRow] = {}
        self.aliases: dict[str, str] = {}
        self.recheck: Callable[[], Sequence[FieldError]] | None = None
        # Or asked of a worker: ``recheck_later(answer)`` calls ``answer(errors)`` when read.
        self.recheck_later: Callable[[Callable[[Sequence[FieldError]], None]], None] | None = None
        self.all_clear: Callable[[], None] | None = None  # e.g. tabs marked red go back
        self._timer = QTimer(banner)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.RECHECK_MS)
        self._timer.timeout.connect(self._recheck_now)

    def add(self, name: str, row: FieldRow) -> FieldRow:
        self.rows[name] = row
        row.edited.connect(lambda: self._edited(row))
        return row

    def _edited(self, row: FieldRow) -> None:
        if not row.error_text:
            return
        if self.recheck is None and self.recheck_later is None:
            row.clear_error()
        else:
            self._timer.start()

    def _recheck_now(self) -> None:
        if self.recheck_later is not None:
            self.recheck_later(self._still_wrong)
        elif self.recheck is not None:
            self._still_wrong(self.recheck())

    def _still_wrong(self, errors: Sequence[FieldError]) -> None:
        """Clear the notes of the fields that are right now."""
        still = {self.aliases.get(e.field, e.field) for e in errors}
        for name, row in self.rows.items():
            if name not in still and row.error_text:
                row.clear_error()
        if not any(row.error_text for row in self.rows.values()):
            self.banner.clear()
            self.banner.hide()
            if self.all_clear is not None:
                self.all_clear()

    def remove(self, names: Iterable[str]) -> None:
        for name in list(names):
            self.rows.pop(name, None)

    def clear(self) -> None:
        for row in self.rows.values():
            row.clear_error()
        self.banner.clear()
        self.banner.hide()

    def show(self, errors: Sequence[FieldError]) -> list[FieldRow]:
        """Show every error; returns the rows that got one, in the order of the errors."""
        self.clear()
        by_row: dict[str, list[str]] = {}
        loose: list[str] = []
        for e in errors:
            name = self.aliases.get(e.field, e.field)
            message = translate_message(e.message)
            if name in self.rows:
                by_row.setdefault(name, []).append(message)
            else:
                loose.append(f"{e.field}: {message}" if e.field else message)
        for name, messages in by_row.items():
            self.rows[name].show_error(messages)
        if loose:
            self.show_banner("\n".join(loose))
        return [self.rows[name] for name in by_row]

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def text_for(self, name: str) -> str:
        row = self.rows.get(name)
        return row.error_text if row is not None else ""


def make_banner(parent: QWidget) -> QLabel:
    banner = QLabel(parent)
    banner.setWordWrap(True)
    banner.setStyleSheet(
        f"color: {ERROR_COLOUR}; background: #fdecea; border: 1px solid {ERROR_COLOUR};"
        "border-radius: 3px; padding: 6px;"
    )
    banner.hide()
    return banner
