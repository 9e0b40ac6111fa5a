"""Exchange rates to the base currency, each in force from its date, with its source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.domain.fx import (
    DEFAULT_STALE_DAYS,
    MANUAL_SOURCE,
    MAX_SOURCE_LENGTH,
    MAX_STALE_DAYS,
    is_stale,
)
from app.domain.models import Agreement, FxRate
from app.domain.money import is_currency, quantize
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.settings import base_currency, get_setting, set_setting

# Database-wide (a team shares it): the reports printed by a scheduled job follow it too.
STALE_DAYS = "fx_stale_days"

Change = Literal["added", "changed", "unchanged"]


@dataclass(frozen=True, slots=True)
class RateInForce:
    currency: str
    base: str
    rate: Decimal  # units of base for one unit of currency
    effective_date: date | None  # None: the identity rate of the base currency
    source: str = ""  # "" only for the identity rate


def rate_errors(currency: str, base: str, rate: Decimal | None, source: str) -> list[FieldError]:
    """What is wrong with a rate before it is stored (the importer checks rows with it)."""
    errors = []
    if not currency:
        errors.append(FieldError("currency", "blank"))
    elif not is_currency(currency):
        errors.append(FieldError("currency", f"{currency!r} is not an ISO 4217 code"))
    if not is_currency(base):
        errors.append(FieldError("base", f"{base!r} is not an ISO 4217 code"))
    if currency == base:
        errors.append(FieldError("currency", "a currency has no rate to itself"))
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
        errors.append(FieldError("rate", "the rate must be a positive number"))
    elif rate != rate.quantize(Decimal("1e-8")) or rate >= Decimal("1e12"):
        errors.append(FieldError("rate", f"{rate} has more than 8 decimals or 12 digits"))
    if not source.strip():
        errors.append(FieldError("source", "say who published the rate (e.g. PBOC, ECB, manual)"))
    elif len(source.strip()) > MAX_SOURCE_LENGTH:
        errors.append(FieldError("source", f"at most {MAX_SOURCE_LENGTH} characters"))
    return errors


def set_rate(
    session: Session,
    currency: str,
    base: str,
    rate: Decimal,
    effective: date,
    source: str = MANUAL_SOURCE,
) -> Change:
    """Store the rate of ``currency`` in force from ``effective``; a rate already stored
    for that day is replaced (rate and source). Says what it did."""
    errors = rate_errors(currency, base, rate, source)
    if errors:
        raise ValidationError(errors)
    source = source.strip()
    existing = session.scalar(
        select(FxRate).where(
            FxRate.currency == currency, FxRate.base == base, FxRate.effective_date == effective
        )
    )
    if existing is None:
        session.add(
            FxRate(currency=currency, base=base, rate=rate, effective_date=effective, source=source)
        )
        return "added"
    if existing.rate == rate and existing.source == source:
        return "unchanged"
    existing.rate, existing.source = rate, source
    return "changed"


def rate_in_force(session: Session, currency: str, base: str, on: date) -> RateInForce:
    """The newest rate dated on or before ``on``; refuses when there is none."""
    if currency == base:
        return RateInForce(currency, base, Decimal(1), None)
    row = session.execute(
        select(FxRate.rate, FxRate.effective_date, FxRate.source)
        .where(FxRate.currency == currency, FxRate.base == base, FxRate.effective_date <= on)
        .order_by(FxRate.effective_date.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFoundError(f"no {currency}→{base} exchange rate on or before {on.isoformat()}")
    return RateInForce(currency, base, row.rate, row.effective_date, row.source)


def convert(amount: Decimal, rate: RateInForce) -> Decimal:
    return quantize(amount * rate.rate)


@dataclass(frozen=True, slots=True)
class RateView:
    currency: str
    base: str
    rate: Decimal
    effective_date: date
    source: str = MANUAL_SOURCE


def list_rates(session: Session, base: str, currency: str | None = None) -> list[RateView]:
    """Every stored rate to ``base`` (of one currency), by currency, the newest first."""
    stmt = select(FxRate).where(FxRate.base == base)
    if currency is not None:
        stmt = stmt.where(FxRate.currency == currency)
    rows = session.scalars(stmt.order_by(FxRate.currency, FxRate.effective_date.desc()))
    return [RateView(r.currency, r.base, r.rate, r.effective_date, r.source) for r in rows]


# --- stale rates ---------------------------------------------------------------------


def stale_days(session: Session) -> int:
    """The age in days beyond which a rate in use is flagged (Settings; default 35)."""
    text = get_setting(session, STALE_DAYS, "")
    try:
        days = int(text)
    except ValueError:
        return DEFAULT_STALE_DAYS
    return days if 0 <= days <= MAX_STALE_DAYS else DEFAULT_STALE_DAYS


def set_stale_days(session: Session, days: int) -> None:
    if not 0 <= days <= MAX_STALE_DAYS:
        raise ValidationError(
            [FieldError("stale_days", f"{days}: choose between 0 and {MAX_STALE_DAYS} days")]
        )
    set_setting(session, STALE_DAYS, str(days))


def stale_among(
    rates: Iterable[RateInForce | None], on: date, max_days: int
) -> tuple[RateInForce, ...]:
    """The rates older than ``max_days`` on ``on``, one per currency, the oldest first."""
    found = {
        r.currency: r
        for r in rates
        if r is not None
        and r.effective_date is not None
        and is_stale(r.effective_date, on, max_days)
    }
    return tuple(sorted(found.values(), key=lambda r: (r.effective_date, r.currency)))


def stale_rates_in_use(session: Session, on: date) -> tuple[RateInForce, ...]:
    """Rates in force on ``on`` for the currencies agreements are written in that are
    older than the stale age: what the window warns about."""
    base = base_currency(session)
    # The rate table is small; the agreements may be a million: ask it per currency, each
    # answered by the currency index.
    rated = session.scalars(select(FxRate.currency).where(FxRate.base == base).distinct())
    rates = [
        rate_or_none(session, currency, base, on)
        for currency in rated
        if session.scalar(select(exists().where(Agreement.currency == currency)))
    ]
    return stale_among(rates, on, stale_days(session))


def rate_or_none(session: Session, currency: str, base: str, on: date) -> RateInForce | None:
    """``rate_in_force``, or None when no rate is dated on or before ``on``."""
    try:
        return rate_in_force(session, currency, base, on)
    except NotFoundError:
        return None
