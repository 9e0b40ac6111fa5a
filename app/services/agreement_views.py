"""What an agreement looks like to the windows and reports: ``AgreementView`` (with its
milestones, KPIs and documents) read in one go, and agreements found by reference."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    DocumentKind,
    MilestoneStatus,
    OperatingModel,
)
from app.domain.models import Agreement, KpiDefinition
from app.domain.terms import TERMS
from app.errors import NotFoundError
from app.services.kpis import Kpi, kpi_views
from app.services.validation import AgreementInput


@dataclass(frozen=True, slots=True)
class MilestoneView:
    id: int
    title: str
    due_date: date
    owner: str
    status: MilestoneStatus
    amount: Decimal | None
    currency: str | None
    completed_on: date | None

    def is_overdue(self, today: date) -> bool:
        return self.status is MilestoneStatus.OPEN and self.due_date < today


@dataclass(frozen=True, slots=True)
class AttachmentView:
    id: int
    filename: str
    mime_type: str
    size: int
    sha256: str
    kind: DocumentKind
    expires_on: date | None
    uploaded_at: datetime
    uploaded_by: str


@dataclass(frozen=True, slots=True)
class AgreementView:
    id: int
    reference: str
    title: str
    type: AgreementType
    partner_id: int
    partner_name: str
    partner_local_name: str | None
    partner_country: str
    owner: str
    status: AgreementStatus
    signed_date: date | None
    start_date: date
    end_date: date
    auto_renew: bool
    renewal_term_months: int | None
    notice_days: int
    decision_date: date
    value: Decimal
    currency: str
    governing_law: str
    territories: tuple[str, ...]
    description: str
    terms: Mapping[str, Any]
    predecessor_id: int | None
    predecessor_reference: str | None
    successor_id: int | None
    successor_reference: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    milestones: tuple[MilestoneView, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    attachments: tuple[AttachmentView, ...] = ()
    # The owner's login in the people register (``owner`` is their name); None: nobody.
    owner_login: str | None = None

    @property
    def operating_model(self) -> OperatingModel | None:
        value = self.terms.get("operating_model")
        return OperatingModel(value) if value else None

    def to_input(self) -> AgreementInput:
        return AgreementInput(
            title=self.title,
            type=self.type,
            partner_id=self.partner_id,
            status=self.status,
            currency=self.currency,
            value=self.value,
            start_date=self.start_date,
            end_date=self.end_date,
            reference=self.reference,
            owner=self.owner,
            signed_date=self.signed_date,
            auto_renew=self.auto_renew,
            renewal_term_months=self.renewal_term_months,
            notice_days=self.notice_days,
            governing_law=self.governing_law,
            territories=self.territories,
            description=self.description,
            terms=dict(self.terms),
        )


def agreement_id_for_reference(session: Session, reference: str) -> int:
    """By the exact reference, else ignoring case (people type ``br-2026-0042``)."""
    wanted = reference.strip()
    found = session.scalar(select(Agreement.id).where(Agreement.reference == wanted))
    if found is None:
        matches = session.scalars(
            select(Agreement.id).where(func.upper(Agreement.reference) == wanted.upper()).limit(2)
        ).all()
        if len(matches) == 1:
            return matches[0]
        raise NotFoundError(f"no agreement with reference {reference!r}")
    return found


def get_agreement(session: Session, agreement_id: int) -> AgreementView:
    poly = with_polymorphic(Agreement, "*")
    a = session.scalar(
        select(poly)
        .where(poly.id == agreement_id)
        .options(
            selectinload(poly.partner),
            selectinload(poly.milestones),
            selectinload(poly.kpis).selectinload(KpiDefinition.actuals),
            selectinload(poly.attachments),
        )
        # Collections may have changed through foreign keys in this same session
        # (a milestone added by id); a view must show what the database holds.
        .execution_options(populate_existing=True)
    )
    if a is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    successor = session.execute(
        select(Agreement.id, Agreement.reference)
        .where(Agreement.predecessor_id == a.id)
        .order_by(Agreement.id.desc())
        .limit(1)
    ).first()
    predecessor_ref = (
        session.scalar(select(Agreement.reference).where(Agreement.id == a.predecessor_id))
        if a.predecessor_id
        else None
    )
    return AgreementView(
        id=a.id,
        reference=a.reference,
        title=a.title,
        type=a.type,
        partner_id=a.partner_id,
        partner_name=a.partner.legal_name,
        partner_local_name=a.partner.local_name,
        partner_country=a.partner.country,
        owner=a.owner,
        status=a.status,
        signed_date=a.signed_date,
        start_date=a.start_date,
        end_date=a.end_date,
        auto_renew=a.auto_renew,
        renewal_term_months=a.renewal_term_months,
        notice_days=a.notice_days,
        decision_date=a.decision_date,
        value=a.value,
        currency=a.currency,
        governing_law=a.governing_law,
        territories=a.territories,
        description=a.description,
        terms={spec.name: getattr(a, spec.name) for spec in TERMS[a.type]},
        predecessor_id=a.predecessor_id,
        predecessor_reference=predecessor_ref,
        successor_id=successor.id if successor else None,
        successor_reference=successor.reference if successor else None,
        version=a.version,
        created_at=a.created_at,
        updated_at=a.updated_at,
        milestones=tuple(
            MilestoneView(
                m.id, m.title, m.due_date, m.owner, m.status, m.amount, m.currency, m.completed_on
            )
            for m in a.milestones
        ),
        kpis=tuple(kpi_views(a.kpis)),
        attachments=tuple(
            AttachmentView(
                f.id,
                f.filename,
                f.mime_type,
                f.size,
                f.sha256,
                f.kind,
                f.expires_on,
                f.uploaded_at,
                f.uploaded_by,
            )
            for f in a.attachments
        ),
        owner_login=a.owner_login,
    )


def get_agreement_by_reference(session: Session, reference: str) -> AgreementView:
    return get_agreement(session, agreement_id_for_reference(session, reference))
