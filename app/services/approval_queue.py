"""Which pending agreements wait for one approver, decided in SQL (the dashboard's list).

``approvals.waiting(mine=True, required=True)`` answers the same question for every
pending agreement in Python; at a million agreements (50,000 pending) that took 30-60 s
and most of the window's memory. Here the database applies each rule and returns one
screen in the list's order and the count, reading what it keeps for the queue (migration
0022): ``approval_requests``, one row per agreement waiting, with its type, currency,
value, reference, request time and author, in one index in the list's order, and
whether anybody decided on it.

- a policy covers it: each policy's threshold in the base currency becomes, per currency
  of a pending agreement, the least amount in that currency the rule's own conversion
  (``fx.convert``) puts at or over the threshold, so ``value >= that`` is exact; the
  least amount is picked by a CASE on type and currency, a few comparisons a row (an OR
  of a term per type and currency made it seventy);
- its author (``approvals.author``) is not the approver: ``requested_by``;
- neither the approver's own decision nor anybody's rejection is on its current terms:
  the decisions are read for the waiting agreements somebody decided on (a partial
  index), only agreements with such a decision need their terms digest, computed here in
  Python for those few (``approvals._digests``) as the rules define it, and the others
  are left out by id.

The count reads the queue's index once; the screen walks it in order and stops after
``limit`` rows (none when the count is nought). ``author_of`` and ``requested_at`` say
what the kept columns hold, as subqueries over the history (the tests compare).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    all_,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, AuditAction
from app.domain.models import Agreement, Approval, ApprovalPolicy, AuditEntry
from app.domain.tally_models import AgreementTally, ApprovalRequest
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


Edges = dict[tuple[AgreementType, str], Decimal]


def covered_edges(session: Session, on: date) -> Edges:
    """The least value a policy covers, per kind and currency of the pending agreements;
    empty when no policy covers any pending agreement."""
    from app.services.settings import base_currency

    policies = session.execute(
        select(ApprovalPolicy.agreement_type, ApprovalPolicy.min_value)
    ).all()
    if not policies:
        return {}
    base = base_currency(session)
    # The kinds and currencies pending agreements come in, from the kept totals.
    present = session.execute(
        select(AgreementTally.type, AgreementTally.currency)
        .where(AgreementTally.status == PENDING, AgreementTally.agreements > 0)
        .group_by(AgreementTally.type, AgreementTally.currency)
    ).all()
    rates: dict[str, RateInForce] = {}
    # Per kind and currency present, the lowest edge of the policies that apply to it.
    edges: Edges = {}
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
    return edges


def covered(edges: Edges, kind: Any, currency: Any, value: Any) -> ColumnElement[bool]:
    """``value >= the edge of (kind, currency)``: false where no policy covers the pair."""
    by_kind: dict[AgreementType, dict[str, Decimal]] = defaultdict(dict)
    for (k, c), edge in sorted(edges.items()):
        by_kind[k][c] = edge
    least = case(
        *(
            (kind == k, case(*((currency == c, literal(e, value.type)) for c, e in cs.items())))
            for k, cs in by_kind.items()
        )
    )
    return value >= least  # type: ignore[no-any-return]


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


def _blocked(session: Session, login: str, edges: Edges) -> set[int]:
    """Covered waiting agreements that ``login`` decided or anybody rejected on their
    current terms: those the queue leaves out."""
    r = ApprovalRequest
    # The waiting agreements somebody decided on come from a partial index (its condition
    # written as the index's: SQLite matches it as written), and their decisions through
    # the decisions' own index: never a pass over every decision.
    decided = select(r.agreement_id).where(
        text("approval_requests.decided"), covered(edges, r.type, r.currency, r.value)
    )
    rows = session.execute(
        select(
            Approval.agreement_id, Approval.login, Approval.approved, Approval.terms_digest
        ).where(
            Approval.agreement_id.in_(decided),
            or_(Approval.login == login, Approval.approved.is_(False)),
        )
    ).all()
    if not rows:
        return set()
    digests = _digests(session, sorted({row.agreement_id for row in rows}))
    # Decided on older terms only: they wait again.
    return {row.agreement_id for row in rows if row.terms_digest == digests.get(row.agreement_id)}


# Up to this many ids are left out as an IN list; more go as one array (PostgreSQL) or
# JSON text (SQLite), under any limit on bound parameters.
_FEW = 500


def _not_in(session: Session, ids: set[int]) -> ColumnElement[bool]:
    key = ApprovalRequest.agreement_id
    if len(ids) <= _FEW:
        return key.not_in(sorted(ids))
    if session.get_bind().dialect.name == "postgresql":
        return key != all_(bindparam("left_out", sorted(ids), type_=ARRAY(Integer)))
    listed = select(column("value", Integer)).select_from(
        func.json_each(literal(json.dumps(sorted(ids))))
    )
    return key.not_in(listed)


def waiting_queue(session: Session, login: str, on: date, limit: int | None) -> Queue:
    """The first ``limit`` (None: all) agreements waiting for ``login``'s decision, by when
    they were sent for approval (then reference), and how many there are."""
    edges = covered_edges(session, on)
    if not edges:
        return Queue((), 0)
    if session.get_bind().dialect.name == "postgresql":
        # A plan compiled first costs more than the pass over the queue's index itself.
        session.execute(text("SET LOCAL jit = off"))
    r = ApprovalRequest
    waiting = [covered(edges, r.type, r.currency, r.value), r.requested_by != login]
    blocked = _blocked(session, login, edges)
    if blocked:
        waiting.append(_not_in(session, blocked))
    total = session.scalar(select(func.count()).select_from(r).where(*waiting)) or 0
    if total == 0 or limit == 0:
        return Queue((), total)
    stmt = select(r.agreement_id).where(*waiting).order_by(r.requested_at, r.reference)
    if limit is not None:
        stmt = stmt.limit(limit)
    return Queue(tuple(session.scalars(stmt)), total)


def requested(session: Session, ids: list[int]) -> dict[int, tuple[str, datetime]]:
    """Author and request time of each agreement in ``ids`` (a screen of the queue)."""
    if not ids:
        return {}
    r = ApprovalRequest
    rows = session.execute(
        select(r.agreement_id, r.requested_by, r.requested_at).where(r.agreement_id.in_(ids))
    )
    return {row[0]: (row[1], row[2]) for row in rows}
