"""Portfolio figures: counts and values grouped in SQL, converted to the base currency.

Values are summed per currency by the database (exact on both backends); conversion then
happens per currency group with the rate in force on the as-of date, so the number of FX
multiplications is the number of currencies, not of agreements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.models import Agreement, BrandAgreement, Partner
from app.domain.types import ScaledDecimal
from app.errors import NotFoundError
from app.services.fx import RateInForce, convert, rate_in_force
from app.services.listing import AgreementFilter, _base, _filtered
from app.services.settings import base_currency as stored_base_currency

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Bucket:
    key: str
    count: int
    value_base: Decimal  # in the base currency; currencies without a rate left out


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    currency: str
    count: int
    value: Decimal
    rate: RateInForce | None
    value_base: Decimal | None  # None when there is no rate to convert with


@dataclass(frozen=True, slots=True)
class PartnerTotal:
    partner_id: int
    name: str
    local_name: str | None
    country: str
    count: int
    value_base: Decimal


@dataclass(frozen=True, slots=True)
class PortfolioFigures:
    as_of: date
    base_currency: str
    agreement_count: int
    total_value_base: Decimal
    by_type: tuple[Bucket, ...]
    by_status: tuple[Bucket, ...]
    by_operating_model: tuple[Bucket, ...]
    by_currency: tuple[CurrencyTotal, ...]
    expiries_by_quarter: tuple[Bucket, ...]
    top_partners: tuple[PartnerTotal, ...]
    rates: tuple[RateInForce, ...]
    missing_rates: tuple[str, ...]


class _Rates:
    """Rates looked up once per currency for the as-of date."""

    def __init__(self, session: Session, base: str, as_of: date) -> None:
        self.session, self.base, self.as_of = session, base, as_of
        self.found: dict[str, RateInForce | None] = {}

    def get(self, currency: str) -> RateInForce | None:
        if currency not in self.found:
            try:
                self.found[currency] = rate_in_force(self.session, currency, self.base, self.as_of)
            except NotFoundError:
                self.found[currency] = None
        return self.found[currency]

    def to_base(self, currency: str, amount: Decimal) -> Decimal | None:
        rate = self.get(currency)
        return None if rate is None else convert(amount, rate)


def _grouped(session: Session, f: AgreementFilter, key: Any, rates: _Rates) -> list[Bucket]:
    """COUNT and SUM per (key, currency) in SQL; folded into one bucket per key."""
    stmt = _filtered(
        _base([key, Agreement.currency, func.count(), func.sum(Agreement.value)]), f
    ).group_by(key, Agreement.currency)
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for k, currency, n, total in session.execute(stmt):
        label = "" if k is None else str(getattr(k, "value", k))
        counts[label] += n
        converted = rates.to_base(currency, _money(session, total))
        if converted is not None:
            values[label] += converted
    return [Bucket(k, counts[k], values[k]) for k in counts]


def _sorted(buckets: Iterable[Bucket], order: list[str] | None = None) -> tuple[Bucket, ...]:
    items = list(buckets)
    if order:
        rank = {k: i for i, k in enumerate(order)}
        items.sort(key=lambda b: rank.get(b.key, len(rank)))
    else:
        items.sort(key=lambda b: (-b.value_base, b.key))
    return tuple(items)


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def portfolio_figures(
    session: Session,
    as_of: date,
    f: AgreementFilter | None = None,
    base_currency: str | None = None,
    top: int = 10,
) -> PortfolioFigures:
    f = f or AgreementFilter()
    base = base_currency or stored_base_currency(session)
    rates = _Rates(session, base, as_of)

    by_currency: list[CurrencyTotal] = []
    count = 0
    total = ZERO
    stmt = _filtered(
        _base([Agreement.currency, func.count(), func.sum(Agreement.value)]), f
    ).group_by(Agreement.currency)
    for currency, n, value in session.execute(stmt):
        value = _money(session, value)
        rate = rates.get(currency)
        converted = None if rate is None else convert(value, rate)
        by_currency.append(CurrencyTotal(currency, n, value, rate, converted))
        count += n
        if converted is not None:
            total += converted
    by_currency.sort(key=lambda c: (-(c.value_base or ZERO), c.currency))

    by_type = _sorted(_grouped(session, f, Agreement.type, rates), [t.value for t in AgreementType])
    by_status = _sorted(
        _grouped(session, f, Agreement.status, rates), [s.value for s in AgreementStatus]
    )
    brand_only = AgreementFilter(**{**_as_dict(f), "types": frozenset({AgreementType.BRAND})})
    by_model = _sorted(
        (b for b in _grouped(session, brand_only, BrandAgreement.operating_model, rates) if b.key),
        [m.value for m in OperatingModel],
    )

    # Expiries: the next eight quarters from the as-of date, by end date.
    quarters: list[str] = []
    y, q = as_of.year, (as_of.month - 1) // 3
    for _ in range(8):
        quarters.append(f"{y}-Q{q + 1}")
        q += 1
        if q == 4:
            y, q = y + 1, 0
    horizon_year, horizon_q = int(quarters[-1][:4]), int(quarters[-1][-1])
    horizon = date(horizon_year + (horizon_q == 4), (horizon_q % 4) * 3 + 1, 1)
    start_q = date(as_of.year, ((as_of.month - 1) // 3) * 3 + 1, 1)
    exp_stmt = _filtered(_base([Agreement.end_date, Agreement.currency, Agreement.value]), f).where(
        Agreement.end_date >= start_q, Agreement.end_date < horizon
    )
    exp_counts: dict[str, int] = defaultdict(int)
    exp_values: dict[str, Decimal] = defaultdict(lambda: ZERO)
    # Grouping by quarter differs per SQL dialect; the window is at most two years of
    # end dates, so rows are folded here (streamed, never held in memory).
    for end, currency, value in session.execute(exp_stmt.execution_options(yield_per=5000)):
        key = _quarter(end)
        exp_counts[key] += 1
        converted = rates.to_base(currency, value)
        if converted is not None:
            exp_values[key] += converted
    expiries = tuple(Bucket(k, exp_counts[k], exp_values[k]) for k in quarters)

    partner_stmt = _filtered(
        _base([Agreement.partner_id, Agreement.currency, func.count(), func.sum(Agreement.value)]),
        f,
    ).group_by(Agreement.partner_id, Agreement.currency)
    p_counts: dict[int, int] = defaultdict(int)
    p_values: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for pid, currency, n, value in session.execute(partner_stmt):
        p_counts[pid] += n
        converted = rates.to_base(currency, _money(session, value))
        if converted is not None:
            p_values[pid] += converted
    best = sorted(p_counts, key=lambda pid: (-p_values[pid], pid))[:top]
    names = {
        r.id: r
        for r in session.execute(
            select(Partner.id, Partner.legal_name, Partner.local_name, Partner.country).where(
                Partner.id.in_(best)
            )
        )
    }
    top_partners = tuple(
        PartnerTotal(
            pid,
            names[pid].legal_name,
            names[pid].local_name,
            names[pid].country,
            p_counts[pid],
            p_values[pid],
        )
        for pid in best
    )

    used = tuple(
        sorted(
            (r for r in rates.found.values() if r is not None and r.effective_date is not None),
            key=lambda r: r.currency,
        )
    )
    missing = tuple(sorted(c for c, r in rates.found.items() if r is None))
    return PortfolioFigures(
        as_of=as_of,
        base_currency=base,
        agreement_count=count,
        total_value_base=total,
        by_type=by_type,
        by_status=by_status,
        by_operating_model=by_model,
        by_currency=tuple(by_currency),
        expiries_by_quarter=expiries,
        top_partners=top_partners,
        rates=used,
        missing_rates=missing,
    )


def _money(session: Session, value: Any) -> Decimal:
    """SUM() comes back raw from some drivers (an int of cents on SQLite)."""
    if isinstance(value, Decimal):
        return value
    money_type = Agreement.__table__.c.value.type
    assert isinstance(money_type, ScaledDecimal)
    result = money_type.process_result_value(value, session.get_bind().dialect)
    assert isinstance(result, Decimal)
    return result


def _as_dict(f: AgreementFilter) -> dict[str, Any]:
    return {name: getattr(f, name) for name in f.__dataclass_fields__}
