"""First screens of the two list sorts no index orders: the operating model and the value
in the base currency.

Both sort by something computed per row (a column of an outer-joined table that is NULL
for every other type; a value times its currency's rate), so the database would read and
sort a million rows for a hundred. Both split into a few groups that an index orders by
itself (a model's agreements by id; one currency's agreements by value), and the first
screen is the first rows of each group, merged: a few milliseconds at a million
agreements. The whole id array still comes from the one sorted query (``agreement_ids``
without a limit, run in a worker).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, union_all
from sqlalchemy.orm import Session

from app.domain.enums import AgreementType, OperatingModel
from app.domain.models import Agreement, BrandAgreement, FxRate
from app.services.settings import base_currency

if TYPE_CHECKING:
    from app.services.listing import AnySelect
    from app.services.listing_rows import AgreementFilter

# The values of a column of few values (type, status, currency, owner) in the database's own
# order, one index seek each (a loose index scan): DISTINCT would read the whole index.
_VALUES = """
    WITH RECURSIVE used(v) AS (
        SELECT min({c}) FROM agreements
        UNION ALL
        SELECT (SELECT min({c}) FROM agreements WHERE {c} > used.v)
        FROM used WHERE used.v IS NOT NULL
    )
    SELECT v FROM used WHERE v IS NOT NULL
"""
_FEW_VALUED = ("type", "status", "currency", "owner")
_CURRENCIES = text(_VALUES.format(c="currency"))


def by_few_values(
    session: Session,
    stmt: AnySelect,
    sort: str,
    descending: bool,
    limit: int,
    f: AgreementFilter,
    named: set[str] | None = None,
) -> list[int]:
    """``stmt``'s first ids by type, status, currency or owner, then id, as ``_order`` does.

    PostgreSQL: an index of one such column does not hold a value's rows in id order (nor
    does the planner know it), so ``ORDER BY type, id`` read and sorted every row (0.3-1.2
    s at a million; by owner too, a dozen owners in the demo). Each value's first rows by
    id are a walk of the primary key that stops at once for a common value; the values
    come one after the other.
    """
    if sort not in _FEW_VALUED:
        raise ValueError(f"not a column of few values: {sort}")
    column = Agreement.__table__.c[sort]
    values = list(session.scalars(text(_VALUES.format(c=sort))))
    # The values the filter keeps, when it names them: a value it rejects costs a walk of
    # all its rows to find none (one owner of twelve sorted by owner: 1.9-5.9 s).
    kept = {"type": {t.value for t in f.types}, "status": {s.value for s in f.statuses}}.get(
        sort, named
    )
    if sort == "type" and f.operating_model is not None:
        kept = {AgreementType.BRAND.value}  # only brand agreements have one
    if kept or named is not None:
        values = [v for v in values if v in (kept or ())]
    if descending:
        values.reverse()
    tie = Agreement.id.desc() if descending else Agreement.id.asc()
    found: list[int] = []
    for value in values:
        group = stmt.where(column == value).order_by(tie)
        found += session.scalars(group.limit(limit - len(found)))
        if len(found) >= limit:
            break
    return found


def by_operating_model(
    session: Session, stmt: AnySelect, descending: bool, limit: int, f: AgreementFilter
) -> list[int]:
    """``stmt``'s first ids ordered by operating model, then id, as ``_order`` sorts them."""
    models: list[OperatingModel | None] = [
        m for m in sorted(OperatingModel, key=lambda m: m.value) if f.operating_model in (None, m)
    ]
    if f.types and AgreementType.BRAND not in f.types:
        models = []
    # Agreements without one (every other type) sort as NULL: first on SQLite, last on
    # PostgreSQL, when ascending. A group the filter leaves empty is not looked at: its
    # walk would pass every row of it (a million agreements' brand terms for a type of
    # logistics agreements sorted by model).
    others: list[OperatingModel | None] = (
        [None] if f.operating_model is None and f.types != {AgreementType.BRAND} else []
    )
    nulls_first = session.get_bind().dialect.name == "sqlite"
    groups = [*others, *models] if nulls_first else [*models, *others]
    if descending:
        groups.reverse()
    found: list[int] = []
    for model in groups:
        by_id: Any
        if model is None:
            group, by_id = stmt.where(Agreement.type != AgreementType.BRAND), Agreement.id
        else:
            # The brand terms' id (the agreement's): their model's index is in id order.
            by_id = BrandAgreement.__table__.c.id
            group = stmt.where(BrandAgreement.operating_model == model)
        tie = by_id.desc() if descending else by_id.asc()
        found += session.scalars(group.order_by(tie).limit(limit - len(found)))
        if len(found) >= limit:
            break
    return found


def by_base_value(
    session: Session, stmt: AnySelect, descending: bool, limit: int, on: date
) -> list[int]:
    """``stmt``'s first ids by value in the base currency with the rate in force ``on``.

    As ``_order`` sorts them: then by id; values without a rate last, by their own value.
    """
    base = base_currency(session)
    tie = Agreement.id.desc() if descending else Agreement.id.asc()
    value_order = Agreement.value.desc() if descending else Agreement.value.asc()
    currencies = list(session.scalars(_CURRENCIES))
    if not currencies:
        return []
    # Every currency's first rows in one statement: ix_agreements_currency_value holds
    # each currency's rows in value order.
    groups = [
        stmt.where(Agreement.currency == currency)
        .with_only_columns(Agreement.currency, Agreement.value, Agreement.id)
        .order_by(value_order, tie)
        .limit(limit)
        .subquery()
        for currency in currencies
    ]
    firsts = union_all(*(select(g.c.currency, g.c.value, g.c.id) for g in groups))
    rates = _rates(session, base, on)
    converted: list[tuple[Decimal, int]] = []
    unconverted: list[tuple[Decimal, int]] = []
    for currency, value, i in session.execute(firsts):
        rate = Decimal(1) if currency == base else rates.get(currency)
        if rate is None:
            unconverted.append((value, i))
        else:
            converted.append((value * rate, i))
    sign = -1 if descending else 1
    converted.sort(key=lambda r: (sign * r[0], sign * r[1]))
    unconverted.sort(key=lambda r: (sign * r[0], sign * r[1]))
    return [i for _, i in (converted + unconverted)[:limit]]


def _rates(session: Session, base: str, on: date) -> dict[str, Decimal]:
    """Each currency's rate to ``base`` in force ``on`` (as ``rate_in_force`` finds it)."""
    rows = session.execute(
        select(FxRate.currency, FxRate.rate)
        .where(FxRate.base == base, FxRate.effective_date <= on)
        .order_by(FxRate.currency, FxRate.effective_date.desc())
    )
    newest: dict[str, Decimal] = {}
    for currency, rate in rows:
        newest.setdefault(currency, rate)
    return newest
