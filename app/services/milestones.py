"""Milestones: the obligations of an agreement, each with a due date and an owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, MilestoneStatus
from app.domain.models import Agreement, Milestone
from app.domain.money import is_currency
from app.domain.text import clean_text, is_visible, refused_fields
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.agreements import MilestoneView
from app.services.audit import record_agreement_change
from app.services.team_rules import check_may_change_agreement


@dataclass(frozen=True, slots=True)
class MilestoneInput:
    title: str
    due_date: date
    owner: str = ""
    status: MilestoneStatus = MilestoneStatus.OPEN
    amount: Decimal | None = None
    currency: str | None = None
    completed_on: date | None = None

    def __post_init__(self) -> None:
        # The text policy (app/domain/text.py), as for the agreement's own fields.
        for name in ("title", "owner"):
            value = getattr(self, name)
            if value.__class__ is str:
                object.__setattr__(self, name, clean_text(value))


def _validate(data: MilestoneInput) -> None:
    errors: list[FieldError] = []
    if not is_visible(data.title):
        errors.append(FieldError("title", "a milestone needs a title"))
    errors += [FieldError(f, why) for f, why in refused_fields(title=data.title, owner=data.owner)]
    if data.amount is not None:
        if not isinstance(data.amount, Decimal) or not data.amount.is_finite():
            errors.append(FieldError("amount", "must be an exact decimal number"))
        elif data.amount < 0:
            errors.append(FieldError("amount", "must not be negative"))
        if not data.currency or not is_currency(data.currency):
            errors.append(FieldError("currency", "an amount needs an ISO 4217 currency"))
    if data.status is MilestoneStatus.DONE and data.completed_on is None:
        errors.append(FieldError("completed_on", "a done milestone needs its completion date"))
    if errors:
        raise ValidationError(errors)


def _view(m: Milestone) -> MilestoneView:
    return MilestoneView(
        m.id, m.title, m.due_date, m.owner, m.status, m.amount, m.currency, m.completed_on
    )


def add_milestone(
    session: Session, agreement_id: int, data: MilestoneInput, actor: str | None = None
) -> MilestoneView:
    _validate(data)
    if session.get(Agreement, agreement_id) is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    check_may_change_agreement(session, agreement_id)
    m = Milestone(agreement_id=agreement_id)
    _apply(m, data)
    session.add(m)
    session.flush()
    record_agreement_change(
        session, agreement_id, "milestones", f"added {m.title} due {m.due_date.isoformat()}", actor
    )
    return _view(m)


def _apply(m: Milestone, data: MilestoneInput) -> None:
    m.title = data.title.strip()
    m.due_date = data.due_date
    m.owner = data.owner.strip()
    m.status = data.status
    m.amount = data.amount
    m.currency = data.currency if data.amount is not None else None
    m.completed_on = data.completed_on


def update_milestone(
    session: Session, milestone_id: int, data: MilestoneInput, actor: str | None = None
) -> MilestoneView:
    _validate(data)
    m = session.get(Milestone, milestone_id)
    if m is None:
        raise NotFoundError(f"no milestone with id {milestone_id}")
    old = f"{m.title} {m.status.value} due {m.due_date.isoformat()}"
    _apply(m, data)
    record_agreement_change(
        session,
        m.agreement_id,
        "milestones",
        f"{old} → {m.title} {m.status.value} due {m.due_date.isoformat()}",
        actor,
    )
    session.flush()
    return _view(m)


def remove_milestone(session: Session, milestone_id: int, actor: str | None = None) -> None:
    m = session.get(Milestone, milestone_id)
    if m is None:
        raise NotFoundError(f"no milestone with id {milestone_id}")
    record_agreement_change(session, m.agreement_id, "milestones", f"removed {m.title}", actor)
    session.delete(m)
    session.flush()


@dataclass(frozen=True, slots=True)
class OverdueMilestone:
    milestone_id: int
    agreement_id: int
    reference: str
    title: str
    due_date: date
    owner: str
    days_overdue: int


# Obligations are chased while the agreement is live; ended ones are settled elsewhere.
# Migration 0021 keeps Milestone.agreement_live by this rule (its triggers name the two).
LIVE_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.PENDING_APPROVAL)


def overdue_milestones(session: Session, today: date, limit: int = 200) -> list[OverdueMilestone]:
    """Open milestones past their due date on live agreements, most overdue first."""
    # Whether the agreement is live is kept on the milestone (migration 0021): this walks
    # ix_milestones_overdue (live agreements' open ones, oldest first) and stops at
    # ``limit``, asking only those for their agreement's reference, by key.
    reference = (
        select(Agreement.reference).where(Agreement.id == Milestone.agreement_id)
    ).scalar_subquery()
    rows = session.execute(
        select(
            Milestone.id,
            Milestone.agreement_id,
            reference,
            Milestone.title,
            Milestone.due_date,
            Milestone.owner,
        )
        .where(
            Milestone.status == MilestoneStatus.OPEN,
            Milestone.due_date < today,
            Milestone.agreement_live == true(),
        )
        .order_by(Milestone.due_date, Milestone.id)
        .limit(limit)
    )
    return [OverdueMilestone(r[0], r[1], r[2], r[3], r[4], r[5], (today - r[4]).days) for r in rows]
