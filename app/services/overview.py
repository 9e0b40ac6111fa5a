"""Headline counts for the dashboard tiles: exact at any size, never capped by a list limit.

The attention lists (``app.services.dashboard``) stop at a few hundred rows; a tile that
says "200" when 3,000 decisions are due would mislead, so each tile counts in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from app.domain.enums import MilestoneStatus
from app.domain.models import Attachment, Milestone
from app.services.attachments import document_of_an_agreement_not_ended
from app.services.dashboard import OPEN_STATUSES, count_red_kpis
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


def count_decisions_due(session: Session, today: date, within_days: int) -> int:
    """As many as ``dashboard.decisions_due(session, today, within_days)`` would list."""
    return count_agreements(
        session,
        AgreementFilter(
            statuses=OPEN_STATUSES,
            decision_from=today,
            decision_to=today + timedelta(days=within_days),
        ),
    )


def count_missed_decisions(session: Session, today: date) -> int:
    """As many as ``dashboard.attention(...).missed_decisions`` would list, uncapped."""
    return count_agreements(
        session,
        AgreementFilter(statuses=OPEN_STATUSES, decision_to=today - timedelta(days=1)),
    )


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
