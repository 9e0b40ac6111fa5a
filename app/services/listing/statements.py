"""The agreements list's statements: its sort columns, the SELECT a filter makes, and
the list order (a sort column, then the id; base values by the rate in force)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Select, case, literal, null, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors

from app.db.sql import unindexed
from app.domain.models import Agreement, BrandAgreement, FxRate, Partner
from app.services.listing_filters import filtered
from app.services.listing_rows import AgreementFilter
from app.services.search import search_restriction
from app.services.settings import base_currency

__all__ = [
    "ROW_COLUMNS", "SORT_COLUMNS", "in_list_order", "joined_select", "narrowed", "rate_to_base",
    "rates_in_force", "select_agreements",
]  # fmt: skip

if TYPE_CHECKING:
    AnySelect: TypeAlias = Select[*tuple[Any, ...]]


SORT_COLUMNS: dict[str, Any] = {
    "reference": Agreement.reference,
    "title": Agreement.title,
    "type": Agreement.type,
    "partner": Partner.legal_name,
    "owner": Agreement.owner,
    "status": Agreement.status,
    "currency": Agreement.currency,
    "value": Agreement.value,
    "start_date": Agreement.start_date,
    "end_date": Agreement.end_date,
    "decision_date": Agreement.decision_date,
    "operating_model": BrandAgreement.operating_model,
    # In the base currency with the rate in force (see rate_to_base): built per query.
    "base_value": None,
}


def narrowed(
    session: Session, stmt: AnySelect, f: AgreementFilter, *, first_screen: bool
) -> AnySelect:
    """``stmt`` reading only the rows the search's text index leaves, when it leaves few."""
    needle = (f.search or "").strip()
    restriction = search_restriction(session, needle, first_screen=first_screen)
    return stmt if restriction is None else stmt.where(restriction)


def joined_select(columns: Sequence[Any]) -> AnySelect:
    # Plain tables, not the polymorphic entity: one join to partners, one outer join to
    # brand terms for the operating model, whatever the type filter.
    return (
        select(*columns)
        .select_from(Agreement.__table__)
        .join(Partner.__table__, Partner.id == Agreement.partner_id)
        .outerjoin(BrandAgreement.__table__, BrandAgreement.__table__.c.id == Agreement.id)
    )


def _mentions(expressions: Sequence[Any], table: Any) -> bool:
    for expression in expressions:
        element = (
            expression.__clause_element__()
            if hasattr(expression, "__clause_element__")
            else expression
        )
        for node in visitors.iterate(element):
            if getattr(node, "table", None) is table:
                return True
    return False


def select_agreements(
    columns: Sequence[Any], f: AgreementFilter, *, order_by: Sequence[Any] = ()
) -> AnySelect:
    """A filtered SELECT that joins partners and brand terms only when it must.

    Aggregates over 100,000 agreements are several times faster without joins they do
    not use (SQLite executes every join it is given).
    """
    expressions = [*columns, *order_by]
    stmt = select(*columns).select_from(Agreement.__table__)
    if _mentions(expressions, Partner.__table__):
        stmt = stmt.join(Partner.__table__, Partner.id == Agreement.partner_id)
    if f.operating_model is not None or _mentions(expressions, BrandAgreement.__table__):
        stmt = stmt.outerjoin(
            BrandAgreement.__table__, BrandAgreement.__table__.c.id == Agreement.id
        )
    return filtered(stmt, f)


ROW_COLUMNS = (
    Agreement.id, Agreement.reference, Agreement.title, Agreement.type, Agreement.partner_id,
    Partner.legal_name, Partner.local_name, Agreement.owner, Agreement.status,
    Agreement.currency, Agreement.value, Agreement.signed_date, Agreement.start_date,
    Agreement.end_date, Agreement.notice_days, Agreement.decision_date, Agreement.auto_renew,
    BrandAgreement.operating_model,
)  # fmt: skip


def rates_in_force(session: Session, base: str, on: date) -> dict[str, Decimal]:
    """Each currency's rate to ``base`` in force ``on`` (as ``fx.rate_in_force`` finds it)."""
    rows = session.execute(
        select(FxRate.currency, FxRate.rate)
        .where(FxRate.base == base, FxRate.effective_date <= on)
        .order_by(FxRate.currency, FxRate.effective_date.desc())
    )
    newest: dict[str, Decimal] = {}
    for currency, rate in rows:
        newest.setdefault(currency, rate)
    return newest


def rate_to_base(session: Session, base: str, on: date) -> Any:
    """SQL for the rate in force on ``on`` from each agreement's currency to ``base``.

    NULL when the currency has no rate dated on or before ``on``. The rate is in the
    database's own units (a scaled integer on SQLite): multiplied by the value it sorts
    values of any currency on one scale, exactly, in the database. The rates are read
    first and written into the statement, one per currency: as a subquery each row looked
    its rate up twice (once to sort the unconverted last), 64,000 index probes for a
    search's 32,000 foreign-currency agreements at a million.
    """
    rate_type = FxRate.__table__.c.rate.type
    rates = {c: r for c, r in rates_in_force(session, base, on).items() if c != base}
    return case(
        (Agreement.currency == base, literal(Decimal(1), rate_type)),
        *((Agreement.currency == c, literal(r, rate_type)) for c, r in rates.items()),
        else_=null(),
    )


def in_list_order(
    session: Session,
    stmt: AnySelect,
    sort: str,
    descending: bool,
    f: AgreementFilter,
    *,
    walk_index: bool = True,
) -> AnySelect:
    """``stmt`` in list order; ``walk_index=False``: sort the rows found, do not walk."""
    tie = Agreement.id.desc() if descending else Agreement.id.asc()
    if sort == "base_value":
        rate = rate_to_base(session, base_currency(session), f.today or date.today())
        value = Agreement.value * rate
        # Agreements that cannot be converted come last whichever way the list is sorted.
        return stmt.order_by(rate.is_(None).asc(), value.desc() if descending else value.asc(), tie)
    column = SORT_COLUMNS.get(sort) or Agreement.reference
    if not walk_index:
        column, by_id = unindexed(column), unindexed(Agreement.id)
        tie = by_id.desc() if descending else by_id.asc()
    order = column.desc() if descending else column.asc()
    # The id tie-breaker keeps pages stable when many rows share a value.
    return stmt.order_by(order, tie)
