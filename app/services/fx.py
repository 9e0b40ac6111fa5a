"""Exchange rates to the base currency, each in force from its date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import FxRate
from app.domain.money import is_currency, quantize
from app.errors import FieldError, NotFoundError, ValidationError


@dataclass(frozen=True, slots=True)
class RateInForce:
    currency: str
    base: str
    rate: Decimal  # units of base for one unit of currency
    effective_date: date | None  # None: the identity rate of the base currency


def set_rate(session: Session, currency: str, base: str, rate: Decimal, effective: date) -> None:
    errors = []
    if not is_currency(currency):
        errors.append(FieldError("currency", f"{currency!r} is not an ISO 4217 code"))
    if not is_currency(base):
        errors.append(FieldError("base", f"{base!r} is not an ISO 4217 code"))
    if currency == base:
        errors.append(FieldError("currency", "a currency has no rate to itself"))
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
        errors.append(FieldError("rate", "the rate must be a positive number"))
    if errors:
        raise ValidationError(errors)
    existing = session.scalar(
        select(FxRate).where(
            FxRate.currency == currency, FxRate.base == base, FxRate.effective_date == effective
        )
    )
    if existing is None:
        session.add(FxRate(currency=currency, base=base, rate=rate, effective_date=effective))
    else:
        existing.rate = rate


def rate_in_force(session: Session, currency: str, base: str, on: date) -> RateInForce:
    """The newest rate dated on or before ``on``; refuses when there is none."""
    if currency == base:
        return RateInForce(currency, base, Decimal(1), None)
    row = session.execute(
        select(FxRate.rate, FxRate.effective_date)
        .where(FxRate.currency == currency, FxRate.base == base, FxRate.effective_date <= on)
        .order_by(FxRate.effective_date.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFoundError(f"no {currency}→{base} exchange rate on or before {on.isoformat()}")
    return RateInForce(currency, base, row.rate, row.effective_date)


def convert(amount: Decimal, rate: RateInForce) -> Decimal:
    return quantize(amount * rate.rate)


@dataclass(frozen=True, slots=True)
class RateView:
    currency: str
    base: str
    rate: Decimal
    effective_date: date


def list_rates(session: Session, base: str) -> list[RateView]:
    rows = session.scalars(
        select(FxRate)
        .where(FxRate.base == base)
        .order_by(FxRate.currency, FxRate.effective_date.desc())
    )
    return [RateView(r.currency, r.base, r.rate, r.effective_date) for r in rows]
