"""Supervising sellers: violations, what they take from the deposit, the scorecard.

Deposit arithmetic is exact: amounts are ``Decimal`` in the deposit's own currency, with
no more places than the currency has, and never converted. What is left of a deposit is
what was paid in less the deductions of the violations that count (``COUNTED_VIOLATIONS``:
a dismissed one gives its deduction back). A deduction can never take more than is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.money import is_currency, minor_units, quantize
from app.domain.seller_models import Seller, SellerBrand, SellerStore, SellerViolation
from app.domain.sellers import (
    COUNTED_VIOLATIONS,
    DepositStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
)
from app.domain.text import clean_text
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.audit import as_text, current_actor, record_event
from app.services.sellers.register import ENTITY
from app.services.sellers.rows import SellerRow, seller_lines


@dataclass(frozen=True, slots=True)
class ViolationInput:
    occurred_on: date
    kind: ViolationKind
    severity: Severity
    description: str = ""
    penalty: Decimal | None = None
    penalty_currency: str | None = None
    deduction: Decimal = Decimal("0")
    status: ViolationStatus = ViolationStatus.OPEN


@dataclass(frozen=True, slots=True)
class ViolationView:
    id: int
    seller_id: int
    occurred_on: date
    kind: ViolationKind
    severity: Severity
    description: str
    penalty: Decimal | None
    penalty_currency: str | None
    deduction: Decimal
    deposit_currency: str
    status: ViolationStatus


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _amount_problem(amount: Decimal, currency: str) -> str | None:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return "must be an exact decimal number"
    if amount < 0:
        return "must not be negative"
    if _places(amount.normalize()) > minor_units(currency):
        return f"{currency} has {minor_units(currency)} decimal places; {amount} has more"
    return None


def _shown(amount: Decimal, currency: str) -> str:
    """An amount as the register shows it: the currency's own decimal places."""
    return f"{quantize(amount, minor_units(currency))} {currency}"


def deducted(session: Session, seller_id: int, leaving_out: int | None = None) -> Decimal:
    """The counted deductions taken from the seller's deposit so far."""
    query = select(func.coalesce(func.sum(SellerViolation.deduction), 0)).where(
        SellerViolation.seller_id == seller_id,
        SellerViolation.status.in_(sorted(COUNTED_VIOLATIONS)),
    )
    if leaving_out is not None:
        query = query.where(SellerViolation.id != leaving_out)
    return Decimal(str(session.scalar(query)))


def deposit_balance(session: Session, seller_id: int) -> Decimal:
    """What is left of the deposit: paid in less the counted deductions (0 if forfeited)."""
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise NotFoundError(f"no seller with id {seller_id}")
    if seller.deposit_status is DepositStatus.FORFEITED:
        return Decimal("0.00")
    return seller.deposit_amount - deducted(session, seller_id)


def _check(
    session: Session, seller: Seller, data: ViolationInput, violation_id: int | None
) -> None:
    errors: list[FieldError] = []
    currency = seller.deposit_currency
    if data.penalty is not None:
        pc = (data.penalty_currency or "").upper()
        if not is_currency(pc):
            errors.append(FieldError("penalty_currency", "a penalty needs an ISO 4217 currency"))
        elif problem := _amount_problem(data.penalty, pc):
            errors.append(FieldError("penalty", problem))
    if problem := _amount_problem(data.deduction, currency):
        errors.append(FieldError("deduction", problem))
    elif data.deduction > 0 and data.status in COUNTED_VIOLATIONS:
        if seller.deposit_status is DepositStatus.FORFEITED:
            errors.append(FieldError("deduction", "the deposit was forfeited; nothing is left"))
        else:
            left = seller.deposit_amount - deducted(session, seller.id, violation_id)
            if data.deduction > left:
                errors.append(
                    FieldError(
                        "deduction",
                        f"{data.deduction} {currency} is more than the {left} {currency} "
                        "left of the deposit",
                    )
                )
        same = (data.penalty_currency or "").upper() == currency
        if data.penalty is not None and same and data.deduction > data.penalty:
            errors.append(
                FieldError(
                    "deduction",
                    f"{_shown(data.deduction, currency)} is more than the penalty of "
                    f"{_shown(data.penalty, currency)}",
                )
            )
    if errors:
        raise ValidationError(errors)


def _apply(v: SellerViolation, data: ViolationInput) -> None:
    v.occurred_on = data.occurred_on
    v.kind = data.kind
    v.severity = data.severity
    v.description = clean_text(data.description, multiline=True)
    v.penalty = data.penalty
    v.penalty_currency = (data.penalty_currency or "").upper() or None
    v.deduction = data.deduction
    v.status = data.status


def _view(v: SellerViolation, currency: str) -> ViolationView:
    return ViolationView(
        v.id, v.seller_id, v.occurred_on, v.kind, v.severity, v.description, v.penalty,
        v.penalty_currency, v.deduction, currency, v.status,
    )  # fmt: skip


def _summary(v: SellerViolation, currency: str) -> str:
    taken = f", {as_text(v.deduction)} {currency} from the deposit" if v.deduction else ""
    return (
        f"{v.occurred_on.isoformat()} {v.kind.value} ({v.severity.value}, {v.status.value}){taken}"
    )


def record_violation(
    session: Session, seller_id: int, data: ViolationInput, actor: str | None = None
) -> ViolationView:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise NotFoundError(f"no seller with id {seller_id}")
    # Lock the seller's row (PostgreSQL) so two deductions cannot both see the same balance.
    session.execute(select(Seller.id).where(Seller.id == seller_id).with_for_update())
    _check(session, seller, data, None)
    v = SellerViolation(seller_id=seller_id)
    _apply(v, data)
    session.add(v)
    session.flush()
    record_event(
        session, actor=actor or current_actor(), entity=ENTITY, entity_id=seller_id,
        action=AuditAction.UPDATE, field="violations",
        summary=f"recorded {_summary(v, seller.deposit_currency)}",
    )  # fmt: skip
    return _view(v, seller.deposit_currency)


def update_violation(
    session: Session, violation_id: int, data: ViolationInput, actor: str | None = None
) -> ViolationView:
    v = session.get(SellerViolation, violation_id)
    if v is None:
        raise NotFoundError(f"no violation with id {violation_id}")
    seller = v.seller
    session.execute(select(Seller.id).where(Seller.id == seller.id).with_for_update())
    _check(session, seller, data, violation_id)
    before = _summary(v, seller.deposit_currency)
    _apply(v, data)
    session.flush()
    after = _summary(v, seller.deposit_currency)
    if after != before:
        record_event(
            session, actor=actor or current_actor(), entity=ENTITY, entity_id=seller.id,
            action=AuditAction.UPDATE, field="violations", summary=f"{before} → {after}",
        )  # fmt: skip
    return _view(v, seller.deposit_currency)


def violations_of(session: Session, seller_id: int) -> list[ViolationView]:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise NotFoundError(f"no seller with id {seller_id}")
    return [_view(v, seller.deposit_currency) for v in seller.violations]


def seller_rows(session: Session, as_of: date) -> list[SellerRow]:
    """Every seller's line of the list (``rows.seller_lines``), by name, then country."""
    sellers = session.scalars(
        select(Seller).order_by(Seller.legal_name, Seller.country, Seller.id)
    ).all()
    counted = session.execute(
        select(
            SellerViolation.seller_id, SellerViolation.occurred_on, SellerViolation.deduction
        ).where(SellerViolation.status.in_(sorted(COUNTED_VIOLATIONS)))
    )
    per_store = select(SellerStore.seller_id, func.count()).group_by(SellerStore.seller_id)
    stores: dict[int, int] = {row[0]: row[1] for row in session.execute(per_store)}
    brands = session.execute(select(SellerBrand.seller_id, SellerBrand.brand))
    return seller_lines(
        sellers, ((r[0], r[1], r[2]) for r in counted), stores, ((r[0], r[1]) for r in brands),
        as_of,
    )  # fmt: skip
