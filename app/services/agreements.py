"""Agreements: create, edit, delete, move through the lifecycle, renew."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuditAction,
)
from app.domain.models import (
    Agreement,
    KpiDefinition,
    Partner,
    ReferenceSequence,
)
from app.errors import ConflictError, FieldError, NotFoundError, TransitionError, ValidationError
from app.services import agreement_store as store
from app.services.agreement_store import ENTITY as ENTITY
from app.services.agreement_store import decision_date as decision_date
from app.services.agreement_views import AgreementView as AgreementView
from app.services.agreement_views import AttachmentView as AttachmentView
from app.services.agreement_views import MilestoneView as MilestoneView
from app.services.agreement_views import agreement_id_for_reference as agreement_id_for_reference
from app.services.agreement_views import get_agreement as get_agreement
from app.services.agreement_views import get_agreement_by_reference as get_agreement_by_reference
from app.services.audit import current_actor, record_changes, record_event
from app.services.kpis import default_kpis
from app.services.owners import Owners
from app.services.team_rules import check_may_change
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
    if AgreementStatus(data.status) is AgreementStatus.ACTIVE:
        _refuse_new_active(session, agreement_type, data, reference)
    kpis = default_kpis(agreement_type, typed) if with_default_kpis else []
    a = store.new_agreement(data, typed, reference, kpis, Owners(session, actor))
    check_may_change(session, reference, a.owner_login, adding=True)
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


def _refuse_new_active(
    session: Session, agreement_type: AgreementType, data: AgreementInput, reference: str
) -> None:
    from app.services.approvals import Policies, refuse_new_active  # imports agreement_store

    need = Policies(session, date.today()).requirement(agreement_type, data.value, data.currency)
    why = refuse_new_active(need, reference)
    if why is not None:
        raise TransitionError(why)


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
    activating = data.status != a.status and AgreementStatus(data.status) is AgreementStatus.ACTIVE
    if data.status != a.status:
        check_transition(a.status, AgreementStatus(data.status))
    _write(session, a, data, actor)
    if activating:
        # As change_status does: the approvals must be for the terms as saved now. A
        # refusal rolls the caller's transaction back, this write with it.
        from app.services.approvals import check_activation  # imports agreement_store

        check_activation(session, a, date.today())


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
    _write(session, a, data, actor, restoring=True)
    return get_agreement(session, a.id)


def _write(
    session: Session,
    a: Agreement,
    data: AgreementInput,
    actor: str | None,
    restoring: bool = False,
) -> None:
    typed, errors = validate_agreement(session, data, a.id)
    if errors:
        raise ValidationError(errors)
    check_may_change(session, a.reference, a.owner_login)
    before = store.audited(a)
    owner_before = a.owner_login
    store.apply(a, data, typed, Owners(session, actor, restoring))
    if a.owner_login != owner_before:  # handed on: the new owner must be one of ours too
        check_may_change(session, a.reference, a.owner_login, new=True)
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
    check_may_change(session, a.reference, a.owner_login)
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
    check_may_change(session, a.reference, a.owner_login)
    if new_status is AgreementStatus.ACTIVE and (signed_date or a.signed_date) is None:
        raise TransitionError(f"{a.reference} cannot become active without a signed date")
    if new_status is AgreementStatus.ACTIVE:
        from app.services.approvals import check_activation  # imports agreement_store

        check_activation(session, a, date.today())
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
    check_may_change(session, a.reference, a.owner_login)
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
