"""Which pending agreements wait for one approver, decided in SQL (the dashboard's list).

``approvals.waiting(mine=True, required=True)`` answers the same question for every
pending agreement in Python; at a million agreements (50,000 pending) that took 30-60 s
and most of the window's memory. Here the database applies each rule and returns one
screen in the list's order and the count:

- a policy covers it: each policy's threshold in the base currency becomes, per currency
  of a pending agreement, the least amount in that currency the rule's own conversion
  (``fx.convert``) puts at or over the threshold, so ``value >= that`` is exact;
- its author (``approvals.author``) is not the approver: the newest authoring history
  line, one index look-up per covered agreement;
- neither the approver's own decision nor anybody's rejection is on its current terms:
  only agreements with such a decision need their terms digest, which is computed here
  in Python for those few (``approvals._digests``), as the rules define it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, select, text
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, AuditAction
from app.domain.models import Agreement, Approval, ApprovalPolicy, AuditEntry
from app.domain.tally_models import AgreementTally
from app.services.approvals import NOT_AUTHORING, _digests
from app.services.fx import RateInForce, convert, rate_in_force

PENDING = AgreementStatus.PENDING_APPROVAL
# Money columns hold 2 places and at most 18 digits: every amount lies in this range.
_CENTS = Decimal("0.01")
_WIDEST = 10**16


@dataclass(frozen=True, slots=True)
class Queue:
    """One screen of the agreements waiting for the approver, oldest request first."""

    ids: tuple[int, ...]
    total: int  # all of them, not only the screen


def least_covered(least: Decimal, rate: RateInForce) -> Decimal | None:
    """The smallest amount (in cents) that ``convert`` puts at or over ``least``; None:
    no storable amount is. ``convert`` only grows with the amount (rates are positive),
    so a bisection over cents finds the exact edge, rounding included."""

    def covers(cents: int) -> bool:
        return convert(Decimal(cents) * _CENTS, rate) >= least

    low, high = -_WIDEST, _WIDEST
    if not covers(high):
        return None
    if covers(low):
        return Decimal(low) * _CENTS
    while high - low > 1:  # covers(high) and not covers(low)
        middle = (low + high) // 2
        if covers(middle):
            high = middle
        else:
            low = middle
    return Decimal(high) * _CENTS


def covered(session: Session, on: date) -> ColumnElement[bool] | None:
    """Pending agreements some policy asks approvals for, as a condition on their columns;
    None when no policy covers any pending agreement."""
    from app.services.settings import base_currency

    policies = session.execute(
        select(ApprovalPolicy.agreement_type, ApprovalPolicy.min_value)
    ).all()
    if not policies:
        return None
    base = base_currency(session)
    # The kinds and currencies pending agreements come in, from the kept totals.
    present = session.execute(
        select(AgreementTally.type, AgreementTally.currency)
        .where(AgreementTally.status == PENDING, AgreementTally.agreements > 0)
        .group_by(AgreementTally.type, AgreementTally.currency)
    ).all()
    rates: dict[str, RateInForce] = {}
    # One range per kind and currency present, at the lowest edge of the policies that
    # apply to the kind: each is a seek in ix_agreements_portfolio (type, status,
    # currency, value); a policy of every type as one term per currency was a scan of
    # the index per currency on PostgreSQL (2 s at a million agreements).
    edges: dict[tuple[AgreementType, str], Decimal] = {}
    for kind, currency in sorted(present):
        for of_kind, least in policies:
            if of_kind is not None and of_kind != kind:
                continue
            if currency not in rates:
                # No rate: the same refusal as ``Policies.requirement`` gives.
                rates[currency] = rate_in_force(session, currency, base, on)
            edge = least_covered(least, rates[currency])
            key = (AgreementType(kind), currency)
            if edge is not None and (key not in edges or edge < edges[key]):
                edges[key] = edge
    terms = [
        and_(Agreement.type == kind, Agreement.status == PENDING, Agreement.currency == currency,
             Agreement.value >= edge)
        for (kind, currency), edge in edges.items()
    ]  # fmt: skip
    return or_(*terms) if terms else None


def author_of() -> Any:
    """``approvals.author`` of the agreement in the outer query, as a scalar subquery."""
    return (
        select(AuditEntry.actor)
        .where(
            AuditEntry.entity == "agreement",
            AuditEntry.entity_id == Agreement.id,
            or_(
                AuditEntry.action == AuditAction.CREATE,
                and_(AuditEntry.field != "", AuditEntry.field.not_in(sorted(NOT_AUTHORING))),
            ),
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def requested_at() -> Any:
    """When the agreement in the outer query last went to pending approval (its creation
    when it was created so), as ``approval_desk`` has always shown it."""
    moved = (
        select(func.max(AuditEntry.at))
        .where(
            AuditEntry.entity == "agreement",
            AuditEntry.entity_id == Agreement.id,
            AuditEntry.field == "status",
            AuditEntry.new_value == PENDING.value,
        )
        .scalar_subquery()
    )
    return func.coalesce(moved, Agreement.created_at)


def _undecided(session: Session, login: str, covering: ColumnElement[bool]) -> Any:
    """A condition: neither ``login``'s decision nor a rejection on today's terms."""
    mine_or_rejected = or_(Approval.login == login, Approval.approved.is_(False))
    rows = session.execute(
        select(Approval.agreement_id, Approval.login, Approval.approved, Approval.terms_digest)
        .join(Agreement, Agreement.id == Approval.agreement_id)
        .where(Agreement.status == PENDING, covering, mine_or_rejected)
    ).all()
    digests = _digests(session, sorted({r.agreement_id for r in rows}))
    blocked = {r.agreement_id for r in rows if r.terms_digest == digests.get(r.agreement_id)}
    # Decided on older terms only: they wait again. Usually none, so the IN list is short.
    again = sorted({r.agreement_id for r in rows} - blocked)
    suspect = (
        select(Approval.id).where(Approval.agreement_id == Agreement.id, mine_or_rejected).exists()
    )
    return or_(~suspect, Agreement.id.in_(again) if again else false())


def waiting_queue(session: Session, login: str, on: date, limit: int | None) -> Queue:
    """The first ``limit`` (None: all) agreements waiting for ``login``'s decision, by when
    they were sent for approval (then reference), and how many there are."""
    covering = covered(session, on)
    if covering is None:
        return Queue((), 0)
    since = requested_at()
    stmt = (
        select(Agreement.id, func.count().over())
        .where(
            Agreement.status == PENDING,
            covering,
            func.coalesce(author_of(), literal("")) != login,
            _undecided(session, login, covering),
        )
        .order_by(since, Agreement.reference)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        # The planner's estimate for a look-up per pending agreement is high enough to
        # have it compiled first: at a million agreements 2.6 s of JIT for a 2.7 s query.
        session.execute(text("SET LOCAL jit = off"))
    rows = session.execute(stmt).all()
    return Queue(tuple(r[0] for r in rows), rows[0][1] if rows else 0)


def requested(session: Session, ids: list[int]) -> dict[int, tuple[str, datetime]]:
    """Author and request time of each agreement in ``ids`` (a screen)."""
    if not ids:
        return {}
    rows = session.execute(
        select(Agreement.id, func.coalesce(author_of(), literal("")), requested_at()).where(
            Agreement.id.in_(ids)
        )
    )
    return {r[0]: (str(r[1]), r[2]) for r in rows}
