"""Agreements: create, edit, delete, move through the lifecycle, renew."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuditAction,
    DocumentKind,
    MilestoneStatus,
    OperatingModel,
)
from app.domain.models import (
    Agreement,
    KpiDefinition,
    Partner,
    ReferenceSequence,
)
from app.domain.terms import TERMS
from app.errors import ConflictError, FieldError, NotFoundError, TransitionError, ValidationError
from app.services import agreement_store as store
from app.services.agreement_store import ENTITY as ENTITY
from app.services.agreement_store import decision_date as decision_date
from app.services.audit import current_actor, record_changes, record_event
from app.services.kpis import Kpi, default_kpis, kpi_views
from app.services.validation import MAX_VALUE as MAX_VALUE
from app.services.validation import AgreementInput as AgreementInput
from app.services.validation import check_agreement
from app.services.validation import coerce_terms as coerce_terms

# The lifecycle. "renewed" is reached only through renew_agreement().
TRANSITIONS: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.NEGOTIATION, AgreementStatus.TERMINATED}),
    AgreementStatus.NEGOTIATION: frozenset(
        {AgreementStatus.DRAFT, AgreementStatus.PENDING_APPROVAL, AgreementStatus.TERMINATED}
    ),
    AgreementStatus.PENDING_APPROVAL: frozenset(
        {AgreementStatus.NEGOTIATION, AgreementStatus.ACTIVE, AgreementStatus.TERMINATED}
    ),
    AgreementStatus.ACTIVE: frozenset({AgreementStatus.EXPIRED, AgreementStatus.TERMINATED}),
    AgreementStatus.EXPIRED: frozenset(),
    AgreementStatus.TERMINATED: frozenset(),
    AgreementStatus.RENEWED: frozenset(),
}
RENEWABLE = frozenset({AgreementStatus.ACTIVE, AgreementStatus.EXPIRED})


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


# --- validation ------------------------------------------------------------------------


def validate_agreement(
    session: Session, data: AgreementInput, agreement_id: int | None = None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Every problem with ``data`` (not only the first), and the typed terms."""
    reference_taken = False
    if data.reference:
        reference_taken = (
            session.scalar(
                select(Agreement.id).where(
                    Agreement.reference == data.reference.strip(),
                    Agreement.id != (agreement_id or -1),
                )
            )
            is not None
        )
    return check_agreement(
        data,
        partner_known=session.get(Partner, data.partner_id) is not None,
        reference_taken=reference_taken,
    )


# --- references ------------------------------------------------------------------------


def next_reference(session: Session, agreement_type: AgreementType, year: int) -> str:
    """``BR-2026-0042``: per type and year, never reused, safe inside one transaction."""
    prefix = agreement_type.prefix
    seq = session.get(ReferenceSequence, (prefix, year), with_for_update=True)
    if seq is None:
        seq = ReferenceSequence(prefix=prefix, year=year, last=0)
        session.add(seq)
    while True:
        seq.last += 1
        ref = f"{prefix}-{year}-{seq.last:04d}"
        # An imported or hand-edited reference may already hold the next number.
        if session.scalar(select(Agreement.id).where(Agreement.reference == ref)) is None:
            return ref


# --- create / update / delete ----------------------------------------------------------


def create_agreement(
    session: Session,
    data: AgreementInput,
    actor: str | None = None,
    *,
    with_default_kpis: bool = True,
) -> AgreementView:
    typed, errors = validate_agreement(session, data)
    if errors:
        raise ValidationError(errors)
    agreement_type = AgreementType(data.type)
    reference = (data.reference or "").strip() or next_reference(
        session, agreement_type, data.start_date.year
    )
    kpis = default_kpis(agreement_type, typed) if with_default_kpis else []
    a = store.new_agreement(data, typed, reference, kpis)
    session.add(a)
    session.flush()
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=a.id,
        action=AuditAction.CREATE,
        summary=store.created_summary(a.reference, a.title),
    )
    return get_agreement(session, a.id)


def update_agreement(
    session: Session,
    agreement_id: int,
    data: AgreementInput,
    expected_version: int,
    actor: str | None = None,
) -> AgreementView:
    change_agreement(session, agreement_id, data, expected_version, actor)
    return get_agreement(session, agreement_id)


def change_agreement(
    session: Session,
    agreement_id: int,
    data: AgreementInput,
    expected_version: int,
    actor: str | None = None,
) -> None:
    """``update_agreement`` without building the view of the result: for the importer,
    where the view (milestones, KPIs, documents) was most of the time of a row."""
    a = _load(session, agreement_id)
    _check_version(a, expected_version)
    if AgreementType(data.type) is not a.type:
        raise ValidationError(
            [
                FieldError(
                    "type",
                    "the cooperation type of a saved agreement cannot change; "
                    "create a new agreement instead",
                )
            ]
        )
    if data.status != a.status:
        check_transition(a.status, AgreementStatus(data.status))
    _write(session, a, data, actor)


def restore_agreement_values(
    session: Session, agreement_id: int, data: AgreementInput, actor: str | None = None
) -> AgreementView:
    """Write earlier values back over the agreement as it is now, whatever its version.

    For undo: going back is not a new decision, so the lifecycle rules do not apply, but
    every value is validated and every change is in the audit trail.
    """
    a = _load(session, agreement_id)
    if AgreementType(data.type) is not a.type:
        raise ValidationError([FieldError("type", "the cooperation type cannot change")])
    _write(session, a, data, actor)
    return get_agreement(session, a.id)


def _write(session: Session, a: Agreement, data: AgreementInput, actor: str | None) -> None:
    typed, errors = validate_agreement(session, data, a.id)
    if errors:
        raise ValidationError(errors)
    before = store.audited(a)
    store.apply(a, data, typed)
    if data.reference and data.reference.strip():
        a.reference = data.reference.strip()
    record_changes(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=a.id,
        before=before,
        after=store.audited(a),
    )
    session.flush()


def delete_agreement(
    session: Session,
    agreement_id: int,
    expected_version: int | None = None,
    actor: str | None = None,
) -> None:
    a = _load(session, agreement_id)
    if expected_version is not None:
        _check_version(a, expected_version)
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=a.id,
        action=AuditAction.DELETE,
        summary=f"{a.reference} {a.title}",
    )
    # A successor keeps existing when its predecessor goes; the link is cleared.
    for successor in session.scalars(select(Agreement).where(Agreement.predecessor_id == a.id)):
        successor.predecessor_id = None
    session.delete(a)
    session.flush()


# --- lifecycle -------------------------------------------------------------------------


def check_transition(current: AgreementStatus, new: AgreementStatus) -> None:
    if new in TRANSITIONS[current]:
        return
    if new is AgreementStatus.RENEWED:
        raise TransitionError(
            f"an agreement becomes renewed only by renewing it into a successor "
            f"(it is {current.value})"
        )
    allowed = ", ".join(sorted(s.value for s in TRANSITIONS[current])) or "none: it is final"
    raise TransitionError(
        f"{_article(current.value)} {current.value} agreement cannot become {new.value} "
        f"(allowed: {allowed})"
    )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def change_status(
    session: Session,
    agreement_id: int,
    new_status: AgreementStatus,
    expected_version: int,
    actor: str | None = None,
    *,
    signed_date: date | None = None,
) -> AgreementView:
    a = _load(session, agreement_id)
    _check_version(a, expected_version)
    check_transition(a.status, new_status)
    if new_status is AgreementStatus.ACTIVE and (signed_date or a.signed_date) is None:
        raise TransitionError(f"{a.reference} cannot become active without a signed date")
    before = {"status": a.status, "signed_date": a.signed_date}
    a.status = new_status
    if signed_date is not None:
        a.signed_date = signed_date
    record_changes(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=a.id,
        before=before,
        after={"status": a.status, "signed_date": a.signed_date},
    )
    session.flush()
    return get_agreement(session, a.id)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def renew_agreement(
    session: Session,
    agreement_id: int,
    expected_version: int,
    actor: str | None = None,
    *,
    start_date: date | None = None,
    end_date: date | None = None,
    value: Decimal | None = None,
) -> AgreementView:
    """Create the successor (a draft linked back) and mark this one renewed."""
    a = _load(session, agreement_id)
    _check_version(a, expected_version)
    if a.status not in RENEWABLE:
        raise TransitionError(
            f"only active or expired agreements can be renewed; {a.reference} is {a.status.value}"
        )
    current = get_agreement(session, a.id)
    new_start = start_date or a.end_date + timedelta(days=1)
    if end_date is None:
        months = a.renewal_term_months or max(1, round((a.end_date - a.start_date).days / 30.4375))
        end_date = _add_months(new_start, months) - timedelta(days=1)
    successor_input = replace(
        current.to_input(),
        reference=None,
        status=AgreementStatus.DRAFT,
        signed_date=None,
        start_date=new_start,
        end_date=end_date,
        value=value if value is not None else a.value,
    )
    who = actor or current_actor()
    successor = create_agreement(session, successor_input, who, with_default_kpis=False)
    new = _load(session, successor.id)
    new.predecessor_id = a.id
    new.kpis = [
        KpiDefinition(metric=k.metric, unit=k.unit, target=k.target, direction=k.direction)
        for k in a.kpis
    ]
    record_changes(
        session,
        actor=who,
        entity=ENTITY,
        entity_id=a.id,
        before={"status": a.status},
        after={"status": AgreementStatus.RENEWED},
    )
    record_changes(
        session,
        actor=who,
        entity=ENTITY,
        entity_id=new.id,
        before={"predecessor": None},
        after={"predecessor": a.reference},
    )
    a.status = AgreementStatus.RENEWED
    session.flush()
    return get_agreement(session, new.id)


# --- reading ---------------------------------------------------------------------------


def _check_version(a: Agreement, expected_version: int) -> None:
    if a.version != expected_version:
        raise ConflictError(
            f"{a.reference} was changed by someone else since you opened it "
            f"(version {expected_version}, now {a.version}); reload it and apply your edit again"
        )


def _load(session: Session, agreement_id: int) -> Agreement:
    poly = with_polymorphic(Agreement, "*")
    a = session.scalar(select(poly).where(poly.id == agreement_id))
    if a is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    return a


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
    )


def get_agreement_by_reference(session: Session, reference: str) -> AgreementView:
    return get_agreement(session, agreement_id_for_reference(session, reference))
