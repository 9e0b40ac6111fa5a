"""What needs a partnership manager's attention today."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, KpiDirection
from app.domain.models import Agreement, KpiDefinition, Partner
from app.services.attachments import ExpiringDocument, expiring_documents
from app.services.listing import AgreementFilter, select_agreements
from app.services.milestones import OverdueMilestone, overdue_milestones
from app.services.scope import DECISION_STATUSES
from app.services.sellers.chain import ExpiringSellerDocument, expiring_seller_documents

# A decision is still open while the agreement is live or about to be: the rule is
# declared with the reporting scopes, so the dashboard and the reports count alike.
OPEN_STATUSES = DECISION_STATUSES


@dataclass(frozen=True, slots=True)
class DecisionDue:
    agreement_id: int
    reference: str
    title: str
    type: AgreementType
    partner_name: str
    partner_local_name: str | None
    owner: str
    status: AgreementStatus
    end_date: date
    notice_days: int
    decision_date: date
    days_left: int
    auto_renew: bool
    renewal_term_months: int | None
    value: Decimal
    currency: str
    owner_login: str | None = None  # who ``owner`` is (the reminders tell them by it)


@dataclass(frozen=True, slots=True)
class RedKpi:
    agreement_id: int
    reference: str
    title: str
    metric: str
    unit: str
    target: Decimal
    latest_value: Decimal
    period_end: date
    direction: KpiDirection = KpiDirection.HIGHER_IS_BETTER
    value: Decimal = Decimal("0.00")  # the agreement's contract value, in ``currency``
    currency: str = ""


@dataclass(frozen=True, slots=True)
class Attention:
    today: date
    decisions: tuple[DecisionDue, ...]
    overdue_milestones: tuple[OverdueMilestone, ...]
    red_kpis: tuple[RedKpi, ...]
    expiring_documents: tuple[ExpiringDocument, ...]
    # Sellers' qualification documents (platform model) join the agreements' own.
    expiring_seller_documents: tuple[ExpiringSellerDocument, ...] = ()

    def decisions_within(self, days: int) -> tuple[DecisionDue, ...]:
        """Decisions still to take in the next ``days`` days (missed ones not included)."""
        return tuple(d for d in self.decisions if 0 <= d.days_left <= days)

    @property
    def upcoming_decisions(self) -> tuple[DecisionDue, ...]:
        return tuple(d for d in self.decisions if d.days_left >= 0)

    @property
    def missed_decisions(self) -> tuple[DecisionDue, ...]:
        """Live agreements whose decision date has passed, most overdue first."""
        return tuple(d for d in self.decisions if d.days_left < 0)


def decisions_due(
    session: Session,
    today: date,
    within_days: int,
    f: AgreementFilter | None = None,
    limit: int | None = None,
    *,
    include_overdue: bool = False,
) -> list[DecisionDue]:
    """Live agreements whose decision date is in [today, today + within_days], soonest first.

    With ``include_overdue``, live agreements whose decision date has already passed come
    first, most overdue first (negative ``days_left``): a missed notice date is the most
    urgent thing a partnership manager can be told about. Each part has its own limit, so
    a backlog of missed dates never hides the decisions still to come.
    """
    f = f or AgreementFilter()
    if not f.statuses:
        f = replace(f, statuses=OPEN_STATUSES)
    upcoming = _decisions(
        session, today, f, limit,
        Agreement.decision_date >= today,
        Agreement.decision_date <= today + timedelta(days=within_days),
    )  # fmt: skip
    if not include_overdue:
        return upcoming
    return _decisions(session, today, f, limit, Agreement.decision_date < today) + upcoming


def _decisions(
    session: Session, today: date, f: AgreementFilter, limit: int | None, *where: Any
) -> list[DecisionDue]:
    # One query per status, merged here: with ``status IN (active, pending)`` neither
    # engine can walk ix_agreements_status_decision_date in decision-date order, so it
    # read and sorted every live agreement in the range (1.6-2.8 s for the missed ones at
    # a million); with one status each walk is in order and stops at ``limit``.
    parts = [
        _decisions_of_status(session, today, replace(f, statuses=frozenset({status})), limit,
                             *where)
        for status in sorted(f.statuses)
    ]  # fmt: skip
    merged = heapq.merge(*parts, key=lambda d: (d.decision_date, d.reference))
    return list(merged if limit is None else itertools.islice(merged, limit))


def _decisions_of_status(
    session: Session, today: date, f: AgreementFilter, limit: int | None, *where: Any
) -> list[DecisionDue]:
    # select_agreements joins brand terms only when the filter asks for an operating
    # model: a join for nothing cost a look-up per decision (tens of thousands at 1M).
    stmt = (
        select_agreements(
            [
                Agreement.id, Agreement.reference, Agreement.title, Agreement.type,
                Partner.legal_name, Partner.local_name, Agreement.owner, Agreement.status,
                Agreement.end_date, Agreement.notice_days, Agreement.decision_date,
                Agreement.auto_renew, Agreement.renewal_term_months, Agreement.value,
                Agreement.currency, Agreement.owner_login,
            ],
            f,
        )
        .where(*where)
        .order_by(Agreement.decision_date, Agreement.reference)
    )  # fmt: skip
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = []
    for r in session.execute(stmt):
        days_left = (r.decision_date - today).days
        rows.append(DecisionDue(*r[:11], days_left, *r[11:]))  # type: ignore[call-arg]
    return rows


def red_kpis(session: Session, limit: int = 200) -> list[RedKpi]:
    """KPIs of live agreements whose latest actual misses the target by more than the amber
    tolerance: the newest misses first (within a date, the newest agreements' first)."""
    # live_red_end is kept by the database (migration 0021) for exactly these KPIs, in a
    # partial index walked backwards in this order: the list stops at ``limit``. Ordered by
    # (newest date, reference) it sorted every red KPI of the newest date (240,000 at a
    # million agreements) to show 200: 4-5 s.
    k = KpiDefinition
    stmt = (
        select(
            Agreement.id, Agreement.reference, Agreement.title, k.metric, k.unit, k.target,
            k.latest_value, k.latest_period_end, k.direction, Agreement.value,
            Agreement.currency,
        )
        .select_from(k)
        .join(Agreement, Agreement.id == k.agreement_id)
        .where(k.live_red_end.is_not(None))
        .order_by(k.live_red_end.desc(), k.agreement_id.desc(), k.id.desc())
        .limit(limit)
    )  # fmt: skip
    # live_red_end is set only with a newest actual: latest_value and its date are set.
    return [RedKpi(*r) for r in session.execute(stmt)]  # type: ignore[arg-type]


def count_red_kpis(session: Session) -> int:
    """As many as ``red_kpis`` would list without a limit: one read of the partial index."""
    stmt = select(func.count()).select_from(KpiDefinition)
    return session.scalar(stmt.where(KpiDefinition.live_red_end.is_not(None))) or 0


def attention(session: Session, today: date, within_days: int = 90, limit: int = 200) -> Attention:
    return Attention(
        today=today,
        decisions=tuple(
            decisions_due(session, today, within_days, limit=limit, include_overdue=True)
        ),
        overdue_milestones=tuple(overdue_milestones(session, today, limit=limit)),
        red_kpis=tuple(red_kpis(session, limit=limit)),
        expiring_documents=tuple(expiring_documents(session, today, 60, limit=limit)),
        expiring_seller_documents=tuple(expiring_seller_documents(session, today, 60, limit=limit)),
    )
