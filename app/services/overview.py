"""Headline counts for the dashboard tiles: exact at any size, never capped by a list limit.

The attention lists (``app.services.dashboard``) stop at a few hundred rows; a tile that
says "200" when 3,000 decisions are due would mislead, so each tile counts in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from app.domain.enums import MilestoneStatus
from app.domain.models import Attachment, Milestone
from app.services.attachments import document_of_an_agreement_not_ended
from app.services.dashboard import OPEN_STATUSES, DecisionDue, count_red_kpis, decisions_due
from app.services.listing import AgreementFilter, count_agreements
from app.services.sellers.chain import count_expiring_seller_documents


@dataclass(frozen=True, slots=True)
class AttentionCounts:
    decisions_30: int  # live agreements whose decision date is in [today, today + 30]
    decisions_90: int
    overdue_milestones: int
    red_kpis: int  # KPIs of live agreements whose latest actual is red
    # Documents expired or expiring within 60 days: agreements' and sellers' together.
    expiring_documents: int
    decisions_missed: int = 0  # live agreements whose decision date has already passed


def count_decisions_due(
    session: Session, today: date, within_days: int, f: AgreementFilter | None = None
) -> int:
    """As many as ``dashboard.decisions_due(session, today, within_days, f)`` would list."""
    f = f or AgreementFilter()
    return count_agreements(
        session,
        replace(
            f,
            statuses=f.statuses or OPEN_STATUSES,
            decision_from=today,
            decision_to=today + timedelta(days=within_days),
        ),
    )


def count_missed_decisions(session: Session, today: date, f: AgreementFilter | None = None) -> int:
    """As many as ``dashboard.attention(...).missed_decisions`` would list, uncapped."""
    f = f or AgreementFilter()
    return count_agreements(
        session,
        replace(f, statuses=f.statuses or OPEN_STATUSES, decision_to=today - timedelta(days=1)),
    )


@dataclass(frozen=True, slots=True)
class RenewalPipeline:
    """The renewals page's decisions and how many there are in all."""

    # Missed decision dates first, most overdue first; then those to come, soonest first:
    # at most the limit of each.
    decisions: tuple[DecisionDue, ...]
    due: int  # live agreements whose decision date is within the horizon
    missed: int  # live agreements whose decision date has passed


def renewal_pipeline(
    session: Session, today: date, within_days: int, f: AgreementFilter | None, *, limit: int
) -> RenewalPipeline:
    """The first ``limit`` decisions of each part of the pipeline, and each part's count.

    A part is counted only when its list is full: at a million agreements the page listed
    2,000 of each and said "2,000 decisions due, 2,000 overdue" where 87,291 were due
    within 90 days and 20,256 missed (counting them costs 5-22 ms in the page's worker).
    """
    decisions = decisions_due(session, today, within_days, f, limit=limit, include_overdue=True)
    missed = sum(1 for d in decisions if d.days_left < 0)
    due = len(decisions) - missed
    if due >= limit:
        due = count_decisions_due(session, today, within_days, f)
    if missed >= limit:
        missed = count_missed_decisions(session, today, f)
    return RenewalPipeline(tuple(decisions), due, missed)


def attention_counts(session: Session, today: date) -> AttentionCounts:
    # The agreements the overdue-milestone list watches (milestones.overdue_milestones),
    # kept on each milestone (migration 0021):
    # the tile counted ended agreements' forgotten milestones too, more than the list shows.
    # Counted as the lists read them, child rows first (see their comments).
    overdue = session.scalar(
        select(func.count())
        .select_from(Milestone)
        .where(
            Milestone.status == MilestoneStatus.OPEN,
            Milestone.due_date < today,
            Milestone.agreement_live == true(),
        )
    )
    red = count_red_kpis(session)
    documents = session.scalar(
        select(func.count())
        .select_from(Attachment)
        .where(
            Attachment.expires_on.is_not(None),
            Attachment.expires_on <= today + timedelta(days=60),
            document_of_an_agreement_not_ended(today),
        )
    )
    return AttentionCounts(
        decisions_30=count_decisions_due(session, today, 30),
        decisions_90=count_decisions_due(session, today, 90),
        overdue_milestones=overdue or 0,
        red_kpis=red,
        expiring_documents=(documents or 0) + count_expiring_seller_documents(session, today),
        decisions_missed=count_missed_decisions(session, today),
    )
