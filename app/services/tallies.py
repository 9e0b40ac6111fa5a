"""The portfolio in force, read from the totals the database keeps (migration 0015).

``portfolio_figures`` groups every agreement four times over; at a million agreements that
is seconds on either engine. For the figures of the whole portfolio in force (the
dashboard's) the same groups come from ``agreement_tallies`` and ``partner_tallies``, a
few thousand rows at any size. Only what a month cannot tell is read from the agreements
themselves: the renewed agreements ending in the month of the as-of date (in force until
their end date), and the partners of renewed agreements still in force. Each source gives
the rows its SQL twin in ``portfolio`` gives, so the figures are the same to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from app.db.sql import unindexed
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.models import Agreement, BrandAgreement
from app.domain.tally_models import AgreementTally, PartnerTally, PurchaseTally
from app.services.scope import PIPELINE_STATUSES, Scope

S = AgreementStatus


@dataclass(frozen=True, slots=True)
class Cell:
    """Agreements alike in every way the figures group by."""

    status: AgreementStatus
    type: AgreementType
    currency: str
    operating_model: str  # '' unless a brand agreement's
    in_force: bool
    agreements: int
    value: Decimal
    # Renewed agreements ending in the as-of month, counted from the agreements themselves.
    this_month: bool = False
    # Of those, how many have an annual minimum purchase (brand terms), and its sum.
    minimums: int = 0
    minimum_purchase: Decimal = Decimal("0.00")


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def cells(session: Session, as_of: date) -> list[Cell]:
    """Every agreement, grouped, each group knowing whether it is in force on ``as_of``.

    The end month is kept only where a figure needs it: the expiry chart's months of
    agreements in force (``expiring_months``); every other group is summed over its months
    by the database, so the rows read here stay a few hundred at any size.
    """
    this_month = _month(as_of)
    t = AgreementTally
    # Renewed agreements are in force while their end date is ahead: a month after this
    # one is, one before is not, and this month's are split by day below.
    when = case(
        (t.status != S.RENEWED, ""),
        (t.end_month > this_month, "after"),
        (t.end_month < this_month, "before"),
        else_="this",
    )
    found: list[Cell] = []
    rows = session.execute(
        select(t.status, t.type, t.currency, t.operating_model, when,
               func.sum(t.agreements), func.sum(t.value, type_=t.value.type))
        .group_by(t.status, t.type, t.currency, t.operating_model, when)
    )  # fmt: skip
    for status, kind, currency, model, renewed, n, value in rows:
        if renewed == "this" or not n:
            continue  # split by day below
        in_force = status is S.ACTIVE or renewed == "after"
        found.append(Cell(status, kind, currency, model, in_force, n, value))
    # Renewed agreements ending this month: in force until their end date.
    first = date(as_of.year, as_of.month, 1)
    running = Agreement.end_date >= as_of
    b = BrandAgreement.__table__.c
    minimum = b.annual_minimum_purchase
    split = session.execute(
        _renewed_ending(
            select(
                Agreement.type, Agreement.currency, b.operating_model, running, func.count(),
                func.sum(Agreement.value, type_=Agreement.value.type), func.count(minimum),
                func.sum(minimum, type_=minimum.type),
            )
            .select_from(Agreement.__table__)
            .outerjoin(BrandAgreement.__table__, b.id == Agreement.id),
            first, _next_month(first),
        ).group_by(Agreement.type, Agreement.currency, b.operating_model, running)
    )  # fmt: skip
    for kind, currency, model, in_force, n, value, minimums, purchase in split:
        found.append(
            Cell(S.RENEWED, AgreementType(kind), currency, _model(model), bool(in_force), n, value,
                 this_month=True, minimums=minimums,
                 minimum_purchase=purchase if minimums else Decimal("0.00"))
        )  # fmt: skip
    return found


def _renewed_ending(stmt: Any, first: date, after: date) -> Any:
    """``stmt`` over renewed agreements whose end date is in [first, after).

    A month's end dates are a short range of ix_agreements_end_date_id_reference, which
    holds the status too: only that month's renewed rows are read. SQLite, without
    statistics, took the status index instead and read every renewed agreement (80,000
    at a million, 90-130 ms): the status is ``unindexed`` for it. PostgreSQL chooses by
    its statistics."""
    return stmt.where(
        unindexed(Agreement.status) == S.RENEWED.value,
        Agreement.end_date >= first,
        Agreement.end_date < after,
    )


def minimum_purchases(
    session: Session, as_of: date, found: list[Cell]
) -> list[tuple[str, int, Decimal]]:
    """(currency, agreements, summed annual minimum purchase) of brand agreements in force
    on ``as_of`` under the direct-sales model, as ``portfolio._minimum_purchases`` groups
    them: active ones and renewed ones ending after this month from ``purchase_tallies``
    (migration 0022), this month's renewed ones from ``found`` (``cells`` of ``as_of``).
    """
    t = PurchaseTally
    direct = OperatingModel.DIRECT.value
    sums: dict[str, tuple[int, Decimal]] = {}
    rows = session.execute(
        select(t.currency, func.sum(t.agreements), func.sum(t.value, type_=t.value.type))
        .where(
            t.operating_model == direct,
            or_(t.status == S.ACTIVE, and_(t.status == S.RENEWED, t.end_month > _month(as_of))),
        )
        .group_by(t.currency)
    )  # fmt: skip
    for currency, n, value in rows:
        if n:
            sums[currency] = (n, value)
    for c in found:
        if (
            c.this_month
            and c.in_force
            and c.minimums
            and c.type is AgreementType.BRAND
            and (c.operating_model == direct)
        ):
            had_n, had_v = sums.get(c.currency, (0, Decimal("0.00")))
            sums[c.currency] = (had_n + c.minimums, had_v + c.minimum_purchase)
    return [(currency, n, v) for currency, (n, v) in sorted(sums.items())]


def expiring_months(
    session: Session, as_of: date, first: date, after: date, found: list[Cell]
) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """(end month, currency) → (n, sum) of agreements in force on ``as_of`` whose end date
    is in [first, after); ``first`` and ``after`` are firsts of months. ``found`` is what
    ``cells`` gave for ``as_of``: its renewed agreements of this month are split by day."""
    t = AgreementTally
    this_month = _month(as_of)
    rows = session.execute(
        select(t.end_month, t.currency, func.sum(t.agreements),
               func.sum(t.value, type_=t.value.type))
        .where(
            t.end_month >= _month(first), t.end_month < _month(after),
            or_(t.status == S.ACTIVE, and_(t.status == S.RENEWED, t.end_month > this_month)),
        )
        .group_by(t.end_month, t.currency)
    )  # fmt: skip
    sums = {(month, currency): (n, value) for month, currency, n, value in rows if n}
    if _month(first) <= this_month < _month(after):
        for c in found:
            if c.this_month and c.in_force:
                had_n, had_v = sums.get((this_month, c.currency), (0, Decimal("0.00")))
                sums[(this_month, c.currency)] = (had_n + c.agreements, had_v + c.value)
    return sums


def _model(model: object) -> str:
    return "" if model is None else str(getattr(model, "value", model))


def scope_of(cell: Cell) -> Scope:
    if cell.in_force:
        return Scope.IN_FORCE
    return Scope.PIPELINE if cell.status in PIPELINE_STATUSES else Scope.HISTORY


Row = tuple[object, ...]
Summed = tuple[int, Decimal]


def _summed(groups: dict[Any, list[Cell]]) -> list[tuple[Any, Summed]]:
    """(key, (count, value)) per group, in key order as SQLite's GROUP BY gives them."""
    found = []
    for key in sorted(groups, key=lambda k: tuple(str(getattr(x, "value", x)) for x in k)):
        members = groups[key]
        n = sum(c.agreements for c in members)
        if n:
            found.append((key, (n, sum((c.value for c in members), Decimal("0.00")))))
    return found


def by_scope_type_status_currency(
    found: list[Cell],
) -> list[tuple[str, AgreementType, AgreementStatus, str, int, Decimal]]:
    """What ``portfolio``'s main GROUP BY gives: (scope, type, status, currency, n, sum)."""
    groups: dict[tuple[str, AgreementType, AgreementStatus, str], list[Cell]] = defaultdict(list)
    for c in found:
        groups[(scope_of(c).value, c.type, c.status, c.currency)].append(c)
    return [(*key, n, value) for key, (n, value) in _summed(groups)]


def brands_in_force_by_model(found: list[Cell]) -> list[tuple[str, str, int, Decimal]]:
    """(operating model, currency, n, sum) of brand agreements in force."""
    groups: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for c in found:
        if c.in_force and c.type is AgreementType.BRAND and c.operating_model:
            groups[(c.operating_model, c.currency)].append(c)
    return [(*key, n, value) for key, (n, value) in _summed(groups)]


def partners_in_force(
    session: Session, as_of: date, found: list[Cell]
) -> list[tuple[int, str, int, Decimal]]:
    """(partner id, currency, n, sum) of agreements in force, as ``portfolio`` groups them."""
    sums: dict[tuple[int, str], tuple[int, Decimal]] = {}
    active = session.execute(
        select(PartnerTally.partner_id, PartnerTally.currency, PartnerTally.agreements,
               PartnerTally.value)
        .where(PartnerTally.status == S.ACTIVE, PartnerTally.agreements != 0)
    )  # fmt: skip
    for pid, currency, n, value in active:
        sums[(pid, currency)] = (n, value)
    # Renewed agreements still running are few; read them only when there are any.
    if any(c.in_force and c.status is S.RENEWED for c in found):
        renewed = session.execute(
            select(Agreement.partner_id, Agreement.currency, func.count(),
                   func.sum(Agreement.value, type_=Agreement.value.type))
            .where(Agreement.status == S.RENEWED, Agreement.end_date >= as_of)
            .group_by(Agreement.partner_id, Agreement.currency)
        )  # fmt: skip
        for pid, currency, n, value in renewed:
            had_n, had_v = sums.get((pid, currency), (0, Decimal("0.00")))
            sums[(pid, currency)] = (had_n + n, had_v + value)
    return [(pid, currency, n, v) for (pid, currency), (n, v) in sorted(sums.items())]


def count_all_agreements(session: Session) -> int:
    """How many agreements there are, from the kept totals (each agreement is counted in
    one of their rows): a sum of a few thousand rows. ``count(*)`` read a million rows
    after every save (25-100 ms, on PostgreSQL in parallel workers that took both cores
    from the window while it painted)."""
    return session.scalar(select(func.coalesce(func.sum(AgreementTally.agreements), 0))) or 0


def recount(session: Session) -> tuple[set[Row], set[Row]]:
    """What the totals would be if counted again now, to compare with the kept ones."""
    model = func.coalesce(cast(BrandAgreement.__table__.c.operating_model, String), "")
    month = func.substr(cast(Agreement.end_date, String), 1, 7)
    total = func.sum(Agreement.value, type_=Agreement.value.type)
    tallies = {
        tuple(r)
        for r in session.execute(
            select(Agreement.status, Agreement.type, Agreement.currency, model, month,
                   func.count(), total)
            .select_from(Agreement.__table__)
            .outerjoin(BrandAgreement.__table__, BrandAgreement.__table__.c.id == Agreement.id)
            .group_by(Agreement.status, Agreement.type, Agreement.currency, model, month)
        )
    }  # fmt: skip
    partners = {
        tuple(r)
        for r in session.execute(
            select(Agreement.status, Agreement.partner_id, Agreement.currency, func.count(),
                   total).group_by(Agreement.status, Agreement.partner_id, Agreement.currency)
        )
    }  # fmt: skip
    return tallies, partners


def kept(session: Session) -> tuple[set[Row], set[Row]]:
    """The totals as the database keeps them, groups of no agreements left out."""
    tallies = {
        tuple(r)
        for r in session.execute(
            select(AgreementTally.status, AgreementTally.type, AgreementTally.currency,
                   AgreementTally.operating_model, AgreementTally.end_month,
                   AgreementTally.agreements, AgreementTally.value)
            .where(AgreementTally.agreements != 0)
        )
    }  # fmt: skip
    partners = {
        tuple(r)
        for r in session.execute(
            select(PartnerTally.status, PartnerTally.partner_id, PartnerTally.currency,
                   PartnerTally.agreements, PartnerTally.value)
            .where(PartnerTally.agreements != 0)
        )
    }  # fmt: skip
    return tallies, partners
