"""The sellers' part of the reports: frozen lines for the portfolio's "seller supervision"
section and for a brand owner's dossier (``app.reports.data``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.enums import Attainment
from app.domain.models import Agreement
from app.domain.seller_models import Seller, SellerBrand, SellerViolation
from app.domain.sellers import COUNTED_VIOLATIONS, DepositStatus, SellerStatus
from app.reports.data import ConvertedTotal, SellerLine, SellerSupervision, ViolationLine
from app.services.scope import Scope, in_scope
from app.services.sellers.rows import grade
from app.services.sellers.supervision import seller_rows

Total = Callable[[Iterable[tuple[str, Decimal]]], ConvertedTotal]
GRADE_ORDER = (Attainment.RED, Attainment.AMBER, Attainment.GREEN, Attainment.NO_DATA)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def seller_lines(session: Session, as_of: date, only: set[int] | None = None) -> list[SellerLine]:
    """Every seller (or those in ``only``), worst scorecard first, then by name."""
    sellers = {s.id: s for s in session.scalars(select(Seller))}
    references: dict[int, set[str]] = defaultdict(set)
    for seller_id, reference in session.execute(
        select(SellerBrand.seller_id, Agreement.reference).join(
            Agreement, Agreement.id == SellerBrand.agreement_id
        )
    ):
        references[seller_id].add(reference)
    lines = []
    for row in seller_rows(session, as_of):
        if only is not None and row.id not in only:
            continue
        _, grades = grade(sellers[row.id], row.violations_12m)
        red = tuple(m for m, g in grades.items() if g is Attainment.RED)
        lines.append(
            SellerLine(
                row.legal_name,
                row.local_name,
                row.country,
                row.status.value,
                row.scorecard.value,
                red,
                row.violations_12m,
                row.deposit_currency,
                row.deposit_balance,
                row.deposit_status.value,
                row.brands,
                tuple(sorted(references[row.id])),
                row.id,
            )
        )
    lines.sort(key=lambda line: (GRADE_ORDER.index(Attainment(line.scorecard)), line.name))
    return lines


def seller_supervision(session: Session, as_of: date, total: Total) -> SellerSupervision | None:
    """The portfolio's seller section; None when no seller is registered."""
    # A terminated seller sells nothing and we hold nothing of it any more.
    lines = [
        line for line in seller_lines(session, as_of) if line.status != SellerStatus.TERMINATED
    ]
    if not lines:
        return None
    selling = _selling(session, as_of)
    grades = Counter(line.scorecard for line in lines)
    start = quarter_start(as_of)
    names = {
        i: (n, local)
        for i, n, local in session.execute(select(Seller.id, Seller.legal_name, Seller.local_name))
    }
    currencies = dict(session.execute(select(Seller.id, Seller.deposit_currency)).all())
    violations = [
        ViolationLine(
            v.occurred_on,
            names[v.seller_id][0],
            v.kind.value,
            v.severity.value,
            v.status.value,
            v.penalty,
            v.penalty_currency,
            v.deduction,
            currencies[v.seller_id],
            names[v.seller_id][1],
        )
        for v in session.scalars(
            select(SellerViolation)
            .where(SellerViolation.occurred_on >= start, SellerViolation.occurred_on <= as_of)
            .order_by(SellerViolation.occurred_on.desc(), SellerViolation.id.desc())
        )
    ]
    counted = {s.value for s in COUNTED_VIOLATIONS}
    return SellerSupervision(
        sellers=len(lines),
        by_scorecard=tuple((g.value, grades[g.value]) for g in GRADE_ORDER if grades[g.value]),
        red=tuple(line for line in lines if line.scorecard == Attainment.RED.value),
        deposits=total(
            (line.deposit_currency, line.deposit_balance)
            for line in lines
            if line.deposit_status != DepositStatus.FORFEITED.value
        ),
        quarter_start=start,
        violations=tuple(violations),
        deducted=total(
            (v.deposit_currency, v.deduction)
            for v in violations
            if v.status in counted and v.deduction
        ),
        selling=sum(1 for line in lines if line.seller_id in selling),
        as_of=as_of,
    )


def _in_force_links(as_of: date) -> Select[int, int]:
    """(seller id, partner id) of the links under agreements in force on ``as_of`` and
    not past their end date (the chain's own rule, ``chain.chain_problem``)."""
    return (
        select(SellerBrand.seller_id, Agreement.partner_id)
        .join(Agreement, Agreement.id == SellerBrand.agreement_id)
        .where(in_scope(Scope.IN_FORCE, as_of), Agreement.end_date >= as_of)
    )


def _selling(session: Session, as_of: date) -> set[int]:
    return {seller_id for seller_id, _partner in session.execute(_in_force_links(as_of))}


def partner_sellers(session: Session, partner_id: int, as_of: date) -> tuple[SellerLine, ...]:
    """The sellers of a brand owner's brands, under its (platform-model) agreements."""
    # Authorised today: under the partner's agreements in force, as the section says.
    ids = {
        seller_id
        for seller_id, partner in session.execute(_in_force_links(as_of))
        if partner == partner_id
    }
    if not ids:
        return ()
    own = set(
        session.scalars(
            select(Agreement.reference).where(
                Agreement.partner_id == partner_id,
                in_scope(Scope.IN_FORCE, as_of),
                Agreement.end_date >= as_of,
            )
        )
    )
    return tuple(
        SellerLine(
            line.name,
            line.local_name,
            line.country,
            line.status,
            line.scorecard,
            line.red_measures,
            line.violations_12m,
            line.deposit_currency,
            line.deposit_balance,
            line.deposit_status,
            line.brands,
            tuple(r for r in line.agreements if r in own),
            line.seller_id,
        )
        for line in seller_lines(session, as_of, ids)
        if line.status != SellerStatus.TERMINATED
    )
