"""The seller editor and the violation dialog of the Sellers page.

Each saves with one service call in one session, in a worker (``background.write``); a
refusal stays in the dialog as one line (which field, why) until the form is right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.sellers import (
    DepositStatus,
    SellerDocumentKind,
    SellerStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
)
from app.errors import PartnerDeskError
from app.services.sellers.chain import add_document, link_brand_by_reference
from app.services.sellers.register import (
    SellerInput,
    SellerView,
    create_seller,
    update_seller,
)
from app.services.sellers.supervision import (
    ViolationInput,
    ViolationView,
    record_violation,
    update_violation,
)
from ui import background
from ui.dialogs.seller_stores import StoresEditor
from ui.editors.labels import enum_label
from ui.widgets.titles import fit_title

# Literal texts in translate() calls in the shared base, so lupdate and Qt agree on the
# context (a base class's self.tr would be looked up under each subclass's name).
translate = QCoreApplication.translate


def _choices(enum: type[StrEnum], current: StrEnum | None = None) -> QComboBox:
    box = QComboBox()
    for member in enum:
        box.addItem(enum_label(member), member.value)
    if current is not None:
        box.setCurrentIndex(box.findData(current.value))
    return box


def _number(text: str) -> Decimal | None:
    """A typed amount or percentage; None when blank. Refused text raises ValueError."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class _Form(QDialog):
    """A form, its error line and OK/Cancel; ``save`` is the one service call."""

    def __init__(self, db: Database, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.setAccessibleName(translate("SellerDialogs", "Problem"))
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        self._focus: QWidget | None = None
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def row(self, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label)
        self.form.addRow(label, widget)

    def save(self) -> Callable[[Session], object]:
        """The form read (a typed number refused raises ValueError) as its one write."""
        raise NotImplementedError

    def saved(self, answer: object) -> None:
        """What the write answered (a subclass keeps what it needs)."""

    def _accept(self) -> None:
        try:
            work = self.save()
        except ValueError as exc:
            self.show_error(translate("SellerDialogs", "Not a number: %1").replace("%1", str(exc)))
            return
        # In a worker, the form off meanwhile (an edit typed then would be lost): a write on
        # the GUI thread froze the window while the database answered.
        self.error.hide()
        self._focus = self.focusWidget()  # given back with a refusal: typing goes on there
        self.setEnabled(False)
        background.write(self.db, work, self._written, self._refused)

    def _written(self, answer: object) -> None:
        self.setEnabled(True)
        self.saved(answer)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if self._focus is not None:
            self._focus.setFocus()
        if not isinstance(exc, PartnerDeskError):
            raise exc
        self.show_error(str(exc))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class SellerDialog(_Form):
    """A new seller, or the one given: company, deposit and scorecard measures."""

    def __init__(
        self, db: Database, seller: SellerView | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("New seller") if seller is None else self.tr("Edit seller")
        super().__init__(db, title, parent)
        self.seller = seller
        self.saved_id: int | None = None
        self.legal_name = QLineEdit(seller.legal_name if seller else "")
        self.local_name = QLineEdit(seller.local_name or "" if seller else "")
        self.country = QLineEdit(seller.country if seller else "")
        self.country.setMaxLength(2)
        self.status = _choices(SellerStatus, seller.status if seller else SellerStatus.ACTIVE)
        self.deposit = QLineEdit(f"{seller.deposit_amount:f}" if seller else "")
        self.currency = QLineEdit(seller.deposit_currency if seller else "CNY")
        self.currency.setMaxLength(3)
        self.deposit_status = _choices(DepositStatus, seller.deposit_status if seller else None)
        self.on_time = QLineEdit(_text(seller.on_time_shipment_pct) if seller else "")
        self.disputes = QLineEdit(_text(seller.dispute_rate_pct) if seller else "")
        self.rating = QLineEdit(_text(seller.rating) if seller else "")
        self.row(self.tr("Legal name"), self.legal_name)
        self.row(self.tr("Local name"), self.local_name)
        self.row(self.tr("Country (ISO code)"), self.country)
        self.row(self.tr("Status"), self.status)
        self.row(self.tr("Deposit"), self.deposit)
        self.row(self.tr("Deposit currency"), self.currency)
        self.row(self.tr("Deposit status"), self.deposit_status)
        self.row(self.tr("On-time shipment %"), self.on_time)
        self.row(self.tr("Dispute rate %"), self.disputes)
        self.row(self.tr("Rating (0-5)"), self.rating)
        self.stores = StoresEditor(seller.stores if seller else (), self)
        self.row(self.tr("Stores"), self.stores)
        fit_title(self)

    def save(self) -> Callable[[Session], object]:
        data = SellerInput(
            legal_name=self.legal_name.text(),
            local_name=self.local_name.text() or None,
            country=self.country.text(),
            deposit_currency=self.currency.text(),
            deposit_amount=_number(self.deposit.text()) or Decimal("0"),
            status=SellerStatus(self.status.currentData()),
            deposit_status=DepositStatus(self.deposit_status.currentData()),
            on_time_shipment_pct=_number(self.on_time.text()),
            dispute_rate_pct=_number(self.disputes.text()),
            rating=_number(self.rating.text()),
            notes=self.seller.notes if self.seller else "",
            stores=self.stores.stores(),
        )
        seller = self.seller

        def work(s: Session) -> int:
            if seller is None:
                return create_seller(s, data).id
            return update_seller(s, seller.id, data, seller.version).id

        return work

    def saved(self, answer: object) -> None:
        assert isinstance(answer, int)
        self.saved_id = answer


class ViolationDialog(_Form):
    """A violation of one seller, with what it takes from the deposit."""

    def __init__(
        self,
        db: Database,
        seller: SellerView,
        today: date,
        parent: QWidget | None = None,
        violation: ViolationView | None = None,
    ) -> None:
        title = (
            self.tr("Record a violation: %1")
            if violation is None
            else self.tr("Edit a violation: %1")
        )
        super().__init__(db, title.replace("%1", seller.legal_name), parent)
        self.seller = seller
        self.violation = violation
        v = violation
        day = v.occurred_on if v else today
        self.occurred = QDateEdit(QDate(day.year, day.month, day.day))
        self.occurred.setCalendarPopup(True)
        self.occurred.setDisplayFormat("yyyy-MM-dd")
        self.kind = _choices(ViolationKind, v.kind if v else None)
        self.severity = _choices(Severity, v.severity if v else None)
        self.status = _choices(ViolationStatus, v.status if v else None)
        self.penalty = QLineEdit(_text(v.penalty) if v else "")
        self.penalty_currency = QLineEdit(
            (v.penalty_currency or "") if v and v.penalty is not None else seller.deposit_currency
        )
        self.penalty_currency.setMaxLength(3)
        self.deduction = QLineEdit(_text(v.deduction) if v and v.deduction else "")
        self.description = QPlainTextEdit(v.description if v else "")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.row(self.tr("Date"), self.occurred)
        self.row(self.tr("Violation"), self.kind)
        self.row(self.tr("Severity"), self.severity)
        self.row(self.tr("Status"), self.status)
        self.row(self.tr("Penalty"), self.penalty)
        self.row(self.tr("Penalty currency"), self.penalty_currency)
        self.row(
            self.tr("Deducted from deposit (%1)").replace("%1", seller.deposit_currency),
            self.deduction,
        )
        self.row(self.tr("Description"), self.description)
        fit_title(self)

    def save(self) -> Callable[[Session], object]:
        day = self.occurred.date()
        data = ViolationInput(
            occurred_on=date(day.year(), day.month(), day.day()),
            kind=ViolationKind(self.kind.currentData()),
            severity=Severity(self.severity.currentData()),
            status=ViolationStatus(self.status.currentData()),
            penalty=_number(self.penalty.text()),
            penalty_currency=self.penalty_currency.text() or None,
            deduction=_number(self.deduction.text()) or Decimal("0"),
            description=self.description.toPlainText(),
        )
        seller_id, violation = self.seller.id, self.violation

        def work(s: Session) -> None:
            if violation is None:
                record_violation(s, seller_id, data)
            else:
                update_violation(s, violation.id, data)

        return work


class BrandDialog(_Form):
    """Authorise a seller for a brand under a brand agreement (the authorisation chain)."""

    def __init__(
        self, db: Database, seller: SellerView, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            db, self.tr("Authorise a brand: %1").replace("%1", seller.legal_name), parent
        )
        self.seller, self.today = seller, today
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("BR-2026-0042")
        self.brand = QLineEdit()
        self.row(self.tr("Brand agreement (platform model)"), self.reference)
        self.row(self.tr("Brand"), self.brand)
        fit_title(self)

    def save(self) -> Callable[[Session], object]:
        seller_id, reference, brand = self.seller.id, self.reference.text(), self.brand.text()
        today = self.today
        return lambda s: link_brand_by_reference(s, seller_id, reference, brand, today)


class DocumentDialog(_Form):
    """A qualification document of a seller and when it expires."""

    def __init__(
        self, db: Database, seller: SellerView, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, self.tr("Add a document: %1").replace("%1", seller.legal_name), parent)
        self.seller = seller
        self.kind = _choices(SellerDocumentKind)
        self.number = QLineEdit()
        self.expires = QDateEdit(QDate(today.year + 1, today.month, min(today.day, 28)))
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.row(self.tr("Document"), self.kind)
        self.row(self.tr("Number"), self.number)
        self.row(self.tr("Expires"), self.expires)
        fit_title(self)

    def save(self) -> Callable[[Session], object]:
        day = self.expires.date()
        seller_id, kind = self.seller.id, SellerDocumentKind(self.kind.currentData())
        number, expires = self.number.text(), date(day.year(), day.month(), day.day())
        return lambda s: add_document(s, seller_id, kind, number, expires)


def _text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"
