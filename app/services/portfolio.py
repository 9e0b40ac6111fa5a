"""Portfolio figures: counts and values grouped in SQL, converted to the base currency.

Values are summed per currency by the database (exact on both backends); conversion then
happens per currency group with the rate in force on the as-of date, so the number of FX
multiplications is the number of currencies, not of agreements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any, TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.models import Agreement, BrandAgreement, Partner
from app.domain.money import CENT, quantize
from app.domain.types import ScaledDecimal
from app.errors import NotFoundError
from app.services import tallies
from app.services.fx import RateInForce, rate_in_force
from app.services.listing import AgreementFilter, select_agreements
from app.services.scope import Scope, in_scope, scope_column
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
    """Every figure but ``by_scope`` and ``by_status`` covers ``scope`` (None: every
    agreement the filter lets through); those two cover all scopes, each line labelled."""

    as_of: date
    base_currency: str
    scope: Scope | None
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
    by_scope: tuple[Bucket, ...] = ()  # in force, pipeline, history: in that order
    # The cost side of direct sales: the annual minimum purchases that live (in force)
    # direct-sales agreements commit to, whatever ``scope``; count = agreements with one.
    minimum_purchases: Bucket = Bucket(OperatingModel.DIRECT.value, 0, ZERO)


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

    def exact(self, currency: str, amount: Decimal) -> Decimal | None:
        """The unrounded product: rounding happens once, over a whole breakdown."""
        rate = self.get(currency)
        return None if rate is None else amount * rate.rate


K = TypeVar("K")


def allocate_cents(exact: dict[K, Decimal], total: Decimal | None = None) -> dict[K, Decimal]:
    """Round a breakdown to cents so that its parts add up to its rounded total.

    Rounding each part on its own can leave a total a cent or two away from the sum of its
    lines, which an executive reading the report will notice. Largest-remainder method:
    every part is rounded down, and the cents still missing from the total go to the
    parts that lost the most.
    """
    if not exact:
        return {}
    if total is None:
        total = quantize(sum(exact.values(), ZERO))
    floors = {k: v.quantize(CENT, rounding=ROUND_FLOOR) for k, v in exact.items()}
    missing = int((total - sum(floors.values(), ZERO)) / CENT)
    by_remainder = sorted(exact, key=lambda k: exact[k] - floors[k], reverse=True)
    for k in by_remainder[: max(missing, 0)]:
        floors[k] += CENT
    return floors


def _buckets(
    sums: dict[tuple[str, str], tuple[int, Decimal]], rates: _Rates, total: Decimal | None = None
) -> list[Bucket]:
    """Fold exact per-(key, currency) sums into one bucket per key, in the base currency,
    rounded so that the buckets add up to the breakdown's total."""
    counts: dict[str, int] = defaultdict(int)
    exact: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (key, currency), (n, amount) in sums.items():
        counts[key] += n
        converted = rates.exact(currency, amount)
        exact[key] += converted if converted is not None else ZERO
    values = allocate_cents(dict(exact), total)
    return [Bucket(k, counts[k], values[k]) for k in counts]


def _currency_lines(
    per_currency: dict[str, tuple[int, Decimal]], rates: _Rates
) -> tuple[list[CurrencyTotal], int, Decimal]:
    """Currency lines, the agreement count and the converted total.

    Each line is its amount × rate, rounded; the total is the sum of the lines, and every
    other full breakdown is rounded to add up to that same total.
    """
    rounded = {
        currency: quantize(converted)
        for currency, (_, value) in per_currency.items()
        if (converted := rates.exact(currency, value)) is not None
    }
    lines = [
        CurrencyTotal(currency, n, value, rates.get(currency), rounded.get(currency))
        for currency, (n, value) in per_currency.items()
    ]
    lines.sort(key=lambda c: (-(c.value_base or ZERO), c.currency))
    count = sum(n for n, _ in per_currency.values())
    return lines, count, sum(rounded.values(), ZERO)


def _add(table: dict[K, tuple[int, Decimal]], key: K, n: int, amount: Decimal) -> None:
    had_n, had_amount = table.get(key, (0, ZERO))
    table[key] = (had_n + n, had_amount + amount)


def _label(value: object) -> str:
    return "" if value is None else str(getattr(value, "value", value))


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
    scope: Scope | None = None,
) -> PortfolioFigures:
    f = f or AgreementFilter()
    base = base_currency or stored_base_currency(session)
    rates = _Rates(session, base, as_of)

    def scoped(columns: list[Any], flt: AgreementFilter) -> Any:
        stmt = select_agreements(columns, flt)
        return stmt if scope is None else stmt.where(in_scope(scope, as_of))

    # One scan (over a covering index) gives scope × type × status × currency; every
    # breakdown is folded from it exactly, in Decimal.
    scope_col = scope_column(as_of)
    stmt = select_agreements(
        [scope_col, Agreement.type, Agreement.status, Agreement.currency, func.count(),
         func.sum(Agreement.value)],
        f,
    ).group_by(scope_col, Agreement.type, Agreement.status, Agreement.currency)  # fmt: skip
    per_type: dict[tuple[str, str], tuple[int, Decimal]] = {}
    per_status: dict[tuple[str, str], tuple[int, Decimal]] = {}
    per_scope: dict[tuple[str, str], tuple[int, Decimal]] = {}  # (scope, currency)
    per_currency: dict[str, tuple[int, Decimal]] = {}
    # The dashboard's figures (the whole portfolio in force) come from the totals the
    # database keeps: the same rows, without grouping a million agreements.
    kept = tallies.cells(session, as_of) if _tallied(f, scope) else None
    main_rows = (
        session.execute(stmt) if kept is None else tallies.by_scope_type_status_currency(kept)
    )
    for row_scope, agreement_type, status, currency, n, raw in main_rows:
        amount = _money(session, raw)
        _add(per_status, (_label(status), currency), n, amount)
        _add(per_scope, (row_scope, currency), n, amount)
        if scope is None or row_scope == scope.value:
            _add(per_type, (_label(agreement_type), currency), n, amount)
            _add(per_currency, currency, n, amount)

    by_currency, count, total = _currency_lines(per_currency, rates)
    by_type = _sorted(_buckets(per_type, rates, total), [t.value for t in AgreementType])
    by_status = _sorted(_buckets(per_status, rates), [s.value for s in AgreementStatus])
    # Each scope's value is computed the way its own headline would be (rounded currency
    # lines, summed), so the in-force line equals ``total`` to the cent.
    by_scope = []
    for sc in Scope:
        lines = {c: v for (key, c), v in per_scope.items() if key == sc.value}
        _, n_scope, value_scope = _currency_lines(lines, rates)
        by_scope.append(Bucket(sc.value, n_scope, value_scope))

    brand_only = replace(f, types=frozenset({AgreementType.BRAND}))
    model_stmt = scoped(
        [BrandAgreement.operating_model, Agreement.currency, func.count(),
         func.sum(Agreement.value)],
        brand_only,
    ).group_by(BrandAgreement.operating_model, Agreement.currency)  # fmt: skip
    model_rows = (
        session.execute(model_stmt) if kept is None else tallies.brands_in_force_by_model(kept)
    )
    per_model = {
        (_label(model), currency): (n, _money(session, raw))
        for model, currency, n, raw in model_rows
        if model is not None
    }
    by_model = _sorted(_buckets(per_model, rates), [m.value for m in OperatingModel])
    minimum_purchases = _minimum_purchases(session, brand_only, as_of, rates, kept)

    # Expiries: the next eight quarters from the as-of date, by end date. The quarter of
    # each row is a portable CASE over the quarter boundaries, so SQL does the grouping.
    bounds: list[tuple[str, date, date]] = []
    first = date(as_of.year, ((as_of.month - 1) // 3) * 3 + 1, 1)
    for i in range(8):
        month_index = first.month - 1 + 3 * i
        begin = date(first.year + month_index // 12, month_index % 12 + 1, 1)
        month_index += 3
        after = date(first.year + month_index // 12, month_index % 12 + 1, 1)
        bounds.append((_quarter(begin), begin, after))
    quarter = case(*((Agreement.end_date < after, key) for key, _, after in bounds))
    exp_stmt = (
        scoped([quarter, Agreement.currency, func.count(), func.sum(Agreement.value)], f)
        .where(Agreement.end_date >= bounds[0][1], Agreement.end_date < bounds[-1][2])
        .group_by(quarter, Agreement.currency)
    )
    if kept is None:
        per_quarter = {
            (key, currency): (n, _money(session, value))
            for key, currency, n, value in session.execute(exp_stmt)
        }
    else:
        per_quarter = {}
        months = tallies.expiring_months(session, as_of, bounds[0][1], bounds[-1][2], kept)
        for (month, currency), (n, value) in sorted(months.items()):
            year, number = (int(part) for part in month.split("-"))
            _add(per_quarter, (_quarter(date(year, number, 1)), currency), n, value)
    found = {b.key: b for b in _buckets(per_quarter, rates)}
    expiries = tuple(found.get(k, Bucket(k, 0, ZERO)) for k, _, _ in bounds)

    partner_stmt = scoped(
        [Agreement.partner_id, Agreement.currency, func.count(), func.sum(Agreement.value)], f
    ).group_by(Agreement.partner_id, Agreement.currency)
    p_counts: dict[int, int] = defaultdict(int)
    p_exact: dict[int, Decimal] = defaultdict(lambda: ZERO)
    partner_rows = (
        session.execute(partner_stmt)
        if kept is None
        else tallies.partners_in_force(session, as_of, kept)
    )
    for pid, currency, n, value in partner_rows:
        p_counts[pid] += n
        converted = rates.exact(currency, _money(session, value))
        p_exact[pid] += converted if converted is not None else ZERO
    p_values = allocate_cents(dict(p_exact))
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
        scope=scope,
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
        by_scope=tuple(by_scope),
        minimum_purchases=minimum_purchases,
    )


def _minimum_purchases(
    session: Session,
    brand_only: AgreementFilter,
    as_of: date,
    rates: _Rates,
    kept: list[tallies.Cell] | None,
) -> Bucket:
    """The annual minimum purchases of live direct-sales agreements, in the base currency.

    ``kept``: the whole portfolio's cells, whose minimums are read from the totals the
    database keeps (migration 0022); joining every brand agreement's terms took 0.2-0.7 s
    at a million."""
    if kept is not None:
        per_currency = {
            (OperatingModel.DIRECT.value, currency): (n, value)
            for currency, n, value in tallies.minimum_purchases(session, as_of, kept)
        }
        found = list(_buckets(per_currency, rates))
        return found[0] if found else Bucket(OperatingModel.DIRECT.value, 0, ZERO)
    stmt = (
        select_agreements(
            [Agreement.currency, func.count(), func.sum(BrandAgreement.annual_minimum_purchase)],
            brand_only,
        )
        .where(in_scope(Scope.IN_FORCE, as_of))
        .where(BrandAgreement.operating_model == OperatingModel.DIRECT)
        .where(BrandAgreement.annual_minimum_purchase.is_not(None))
        .group_by(Agreement.currency)
    )
    per_currency = {
        (OperatingModel.DIRECT.value, currency): (n, _money(session, raw))
        for currency, n, raw in session.execute(stmt)
    }
    found = list(_buckets(per_currency, rates))
    return found[0] if found else Bucket(OperatingModel.DIRECT.value, 0, ZERO)


@dataclass(frozen=True, slots=True)
class PortfolioTotal:
    as_of: date
    base_currency: str
    agreement_count: int
    total_value_base: Decimal  # equal to portfolio_figures(...).total_value_base


def portfolio_total(
    session: Session,
    as_of: date,
    f: AgreementFilter | None = None,
    base_currency: str | None = None,
    scope: Scope | None = None,
) -> PortfolioTotal:
    """Only the headline count and converted value: one GROUP BY currency, for callers
    (the dashboard's live tile, the report headline) that need no breakdown."""
    f = f or AgreementFilter()
    base = base_currency or stored_base_currency(session)
    rates = _Rates(session, base, as_of)
    stmt = select_agreements(
        [Agreement.currency, func.count(), func.sum(Agreement.value)], f
    ).group_by(Agreement.currency)
    if scope is not None:
        stmt = stmt.where(in_scope(scope, as_of))
    per_currency = {
        currency: (n, _money(session, raw)) for currency, n, raw in session.execute(stmt)
    }
    _, count, total = _currency_lines(per_currency, rates)
    return PortfolioTotal(as_of, base, count, total)


def _tallied(f: AgreementFilter, scope: Scope | None) -> bool:
    """Whether the figures asked for are the whole portfolio in force, which the kept
    totals answer (any filter, or another scope, still groups the agreements)."""
    return scope is Scope.IN_FORCE and f == AgreementFilter()


def _money(session: Session, value: Any) -> Decimal:
    """SUM() comes back raw from some drivers (an int of cents on SQLite)."""
    if isinstance(value, Decimal):
        return value
    money_type = Agreement.__table__.c.value.type
    assert isinstance(money_type, ScaledDecimal)
    result = money_type.process_result_value(value, session.get_bind().dialect)
    assert isinstance(result, Decimal)
    return result
