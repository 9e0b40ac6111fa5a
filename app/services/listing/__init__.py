"""The agreements list: filtering, sorting and paging done by the database.

At 100,000 agreements a screen asks for the sorted ids once (one indexed query) and then
for rows of the ids it shows; nothing here loads the whole table into Python objects.
The parts: ``statements`` (sort columns, the filtered SELECT, the list order),
``first_screens`` (a first screen's ids by the plan that finds them soonest) and
``merges`` (first screens merged from index groups on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Agreement
from app.domain.money import quantize
from app.services.fx import RateInForce, rate_or_none
from app.services.kpi_series import first_kpi_trends
from app.services.listing.first_screens import first_ids
from app.services.listing.statements import (
    ROW_COLUMNS,
    SORT_COLUMNS,
    in_list_order,
    joined_select,
    narrowed,
    rate_to_base,
    select_agreements,
)
from app.services.listing_filters import filtered, owners_in_use
from app.services.listing_rows import AgreementFilter, AgreementRow
from app.services.settings import base_currency

if TYPE_CHECKING:
    from app.services.listing.statements import AnySelect as AnySelect

__all__ = [
    "SORT_COLUMNS", "AgreementFilter", "AgreementRow", "agreement_ids",
    "agreement_rows", "count_agreements", "iter_agreements", "joined_select", "list_agreements",
    "owners", "rate_to_base", "select_agreements",
]  # fmt: skip


def count_agreements(session: Session, f: AgreementFilter | None = None) -> int:
    f = f or AgreementFilter()
    stmt = narrowed(session, select_agreements([func.count()], f), f, first_screen=False)
    return session.scalar(stmt) or 0


def agreement_ids(
    session: Session,
    f: AgreementFilter | None = None,
    *,
    sort: str = "reference",
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """The ids in list order; ``limit`` gives only the first ones (a list's first screen)."""
    f = f or AgreementFilter()
    column = SORT_COLUMNS.get(sort) or Agreement.reference
    stmt = select_agreements([Agreement.id], f, order_by=[column])
    if limit is None:
        stmt = narrowed(session, stmt, f, first_screen=False)
        return list(session.scalars(in_list_order(session, stmt, sort, descending, f)))
    return first_ids(session, stmt, f, sort, descending, limit)


def _row(r: Any) -> AgreementRow:
    return AgreementRow(*r)


def agreement_rows(
    session: Session, ids: Sequence[int], *, on: date | None = None
) -> list[AgreementRow]:
    """Rows for exactly these ids, in this order (what a list model asks for on demand).

    Each row carries its value in the base currency with the rate in force ``on`` (today).
    """
    if not ids:
        return []
    base, day = base_currency(session), on or date.today()
    stmt = joined_select(ROW_COLUMNS).where(Agreement.id.in_(list(ids)))
    # A page holds a few currencies: one indexed look-up each gives the rate, its date and
    # source (the tooltip says which rate made the figure), the same rate the sort uses.
    rates: dict[str, RateInForce | None] = {}
    found = {}
    for r in session.execute(stmt):
        if r.currency not in rates:
            rates[r.currency] = rate_or_none(session, r.currency, base, day)
        rate = rates[r.currency]
        converted = None if rate is None else quantize(r.value * rate.rate)
        found[r.id] = _row((*r, converted, rate))
    trends = first_kpi_trends(session, list(found))
    return [replace(found[i], kpi_trend=trends.get(i)) for i in ids if i in found]


def list_agreements(
    session: Session,
    f: AgreementFilter | None = None,
    *,
    sort: str = "reference",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[AgreementRow]:
    f = f or AgreementFilter()
    stmt = narrowed(
        session, filtered(joined_select(ROW_COLUMNS), f), f, first_screen=limit is not None
    )
    stmt = in_list_order(session, stmt, sort, descending, f).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_row(r) for r in session.execute(stmt)]


def iter_agreements(
    session: Session,
    f: AgreementFilter | None = None,
    *,
    sort: str = "reference",
    batch: int = 2000,
) -> Iterator[AgreementRow]:
    """Every matching row, streamed in batches: memory stays flat at 100,000 rows."""
    f = f or AgreementFilter()
    stmt = narrowed(session, filtered(joined_select(ROW_COLUMNS), f), f, first_screen=False)
    stmt = in_list_order(session, stmt, sort, False, f)
    result = session.execute(stmt.execution_options(yield_per=batch))
    for r in result:
        yield _row(r)


def owners(session: Session) -> list[str]:
    """The owner names in use, in order (the owner filter's choices)."""
    used = owners_in_use().subquery()
    return [o for o in session.scalars(select(used.c.v).order_by(used.c.v)) if o]
