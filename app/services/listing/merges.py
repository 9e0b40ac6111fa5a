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
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import case, literal, select, text, union_all
from sqlalchemy.orm import Session

from app.db.sql import unindexed
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.models import Agreement, BrandAgreement, FxRate
from app.services.listing.statements import rates_in_force
from app.services.settings import base_currency

if TYPE_CHECKING:
    from app.services.listing.statements import AnySelect
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


def without_jit(session: Session) -> None:
    """PostgreSQL compiles none of the transaction's statements after this one.

    A first screen reads at most tens of thousands of rows; an estimate past JIT's
    threshold (many groups, a filter of unknown selectivity) had it compiled first, for
    longer than the statement then ran.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


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
    session: Session,
    stmt: AnySelect,
    descending: bool,
    limit: int,
    on: date,
    f: AgreementFilter | None = None,
) -> list[int]:
    """``stmt``'s first ids by value in the base currency with the rate in force ``on``.

    As ``statements.in_list_order`` sorts them: by converted value, then id; the agreements whose
    currency has no rate last, by id alone (their value times no rate is NULL), whichever
    way the list is sorted.
    """
    base = base_currency(session)
    currencies = list(session.scalars(_CURRENCIES))
    rates = rates_in_force(session, base, on)
    rate_of = {c: Decimal(1) if c == base else rates.get(c) for c in currencies}
    known = {c: r for c, r in rate_of.items() if r is not None}
    # A hundred groups' estimates add up past JIT's threshold: compiling them took 0.47 s
    # at a million for a statement that reads 10,000 index entries in 20 ms.
    without_jit(session)
    splits = _splits(f, by_status=session.get_bind().dialect.name == "sqlite")
    if not splits:
        return []  # an operating model of agreements of other types: none
    # Currencies in as few statements as hold at most _BRANCHES groups each.
    per_statement = max(1, _BRANCHES // len(splits))
    known_currencies = list(known)
    converted: list[tuple[Decimal, int]] = []
    for start in range(0, len(known_currencies), per_statement):
        chunk = known_currencies[start : start + per_statement]
        firsts = [_currency_first(stmt, c, splits, descending, limit) for c in chunk]
        merged = union_all(*(select(g.c.currency, g.c.value, g.c.id) for g in firsts)).subquery()
        # Merged by the database, multiplied as in_list_order multiplies (the rate in its own
        # units): a screen of rows comes back, not a screen per currency.
        rate_type = FxRate.__table__.c.rate.type
        rate = case(*((merged.c.currency == c, literal(known[c], rate_type)) for c in chunk))
        value = merged.c.value * rate
        by_id = merged.c.id.desc() if descending else merged.c.id.asc()
        ordered = select(merged.c.currency, merged.c.value, merged.c.id).order_by(
            value.desc() if descending else value.asc(), by_id
        )
        for currency, amount, i in session.execute(ordered.limit(limit)):
            converted.append((amount * known[currency], i))
    sign = -1 if descending else 1
    converted.sort(key=lambda r: (sign * r[0], sign * r[1]))
    found = [i for _, i in converted[:limit]]
    missing = [c for c in currencies if c not in known]
    if len(found) < limit and missing:
        # Fewer convertible rows than a screen: the rest are the first without a rate by
        # id. They are most of the rows the filter keeps, so the ids are walked (SQLite
        # would sort every row of those currencies through the currency's index).
        tie = Agreement.id.desc() if descending else Agreement.id.asc()
        rest = stmt.where(unindexed(Agreement.currency).in_(missing)).order_by(tie)
        found += session.scalars(rest.limit(limit - len(found)))
    return found


# Groups of one statement at most (SQLite allows 500 SELECTs in a UNION ALL by default).
_BRANCHES = 200

Split: TypeAlias = tuple[tuple[Any, Any], ...]


def _currency_first(
    stmt: AnySelect, currency: str, splits: list[Split], descending: bool, limit: int
) -> Any:
    """The first ``limit`` rows of ``stmt`` in ``currency`` by value, then id (a subquery).

    Each split is a group an index holds in value order; the groups are merged in value
    order, and PostgreSQL's merge reads from each group only as far as the currency's
    first rows reach (a hundred rows a currency, not a hundred a group).
    """
    groups = _groups(stmt, currency, splits, descending, limit)
    if len(groups) == 1:
        return groups[0]
    both = union_all(*(select(g.c.currency, g.c.value, g.c.id) for g in groups)).subquery()
    order = both.c.value.desc() if descending else both.c.value.asc()
    by_id = both.c.id.desc() if descending else both.c.id.asc()
    return select(both).order_by(order, by_id).limit(limit).subquery()


def _groups(
    stmt: AnySelect, currency: str, splits: list[Split], descending: bool, limit: int
) -> list[Any]:
    """Each split's first ``limit`` rows of ``stmt`` in ``currency`` by value (subqueries)."""
    columns = Agreement.__table__.c
    value_order = columns.value.desc() if descending else columns.value.asc()
    tie = columns.id.desc() if descending else columns.id.asc()
    return [
        stmt.where(columns.currency == currency, *(column == v for column, v in split))
        .with_only_columns(columns.currency, columns.value, columns.id)
        .order_by(value_order, tie)
        .limit(limit)
        .subquery()
        for split in splits
    ]


def _splits(f: AgreementFilter | None, *, by_status: bool = True) -> list[Split]:
    """The groups of a currency whose rows an index holds in value order, as column-value
    pairs (none: the currency's rows, ix_agreements_currency_value).

    A filter by type, status or operating model (brand agreements) has its rows in each
    (type, status, currency) in value order in ix_agreements_portfolio: walking a
    currency's values instead passed every row of the other types or statuses first when
    the filter's values cluster at the other end (logistics agreements by value
    descending: 0.6 s at a million, 8 ms by these groups; brand ones ascending: 0.3 s).
    Without ``by_status`` (PostgreSQL) a filter that names no status has a group per type:
    its (type, currency)'s rows are in value order in ix_agreements_type_currency_value
    (migration 0024), one group where the statuses made seven.
    """
    if f is None or not (f.types or f.statuses or f.operating_model):
        return [()]
    columns = Agreement.__table__.c
    kinds = _kinds(f)
    if not by_status and not f.statuses:
        return [((columns.type, t),) for t in kinds]
    return [
        ((columns.type, t), (columns.status, s))
        for t in kinds
        for s in sorted(f.statuses or AgreementStatus, key=lambda s: s.value)
    ]


def _kinds(f: AgreementFilter) -> list[AgreementType]:
    """The types ``f`` keeps, in the database's order of their values."""
    kinds = set(f.types or AgreementType)
    if f.operating_model is not None:
        kinds &= {AgreementType.BRAND}  # only brand agreements have one
    return sorted(kinds, key=lambda t: t.value)


def by_value_of_types(
    session: Session, stmt: AnySelect, descending: bool, limit: int, f: AgreementFilter
) -> list[int]:
    """PostgreSQL: ``stmt``'s first ids by value, then id, for a filter by type or
    operating model: each (type, currency)'s first rows in value order
    (ix_agreements_type_currency_value, migration 0024) merged by the database, which
    reads each group only as far as the screen reaches.

    Brand agreements (an operating model) are the big ones: a walk of the value index
    passed 48,000 smaller agreements of other types first (145-250 ms at a million; 3 ms
    merged).
    """
    columns = Agreement.__table__.c
    currencies = list(session.scalars(_CURRENCIES))
    value_order = columns.value.desc() if descending else columns.value.asc()
    tie = columns.id.desc() if descending else columns.id.asc()
    groups = [
        stmt.where(columns.type == t, columns.currency == c)
        .with_only_columns(columns.value, columns.id)
        .order_by(value_order, tie)
        .limit(limit)
        .subquery()
        for t in _kinds(f)
        for c in currencies
    ]
    if not groups:
        return []
    without_jit(session)  # (seventy groups' estimates pass JIT's threshold)
    merged = union_all(*(select(g.c.value, g.c.id) for g in groups)).subquery()
    by_id = merged.c.id.desc() if descending else merged.c.id.asc()
    ordered = select(merged.c.id).order_by(
        merged.c.value.desc() if descending else merged.c.value.asc(), by_id
    )
    return list(session.scalars(ordered.limit(limit)))
