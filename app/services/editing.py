"""What undo and redo of saved changes need beyond the everyday services.

Undo writes back an earlier state; it is not a new business decision, so it is not held to
the lifecycle (an active agreement whose activation is undone goes back to pending approval,
a move ``TRANSITIONS`` forbids a person). Every other rule still applies: the values are
validated as on any save, and every write lands in the audit trail. An edit's undo moves
back only the fields that edit changed, and refuses when one of them has changed again.

A deleted agreement comes back from a snapshot taken just before the delete: the same id
(when still free) and reference, its terms, milestones, KPIs with their actuals, documents
and renewal links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.models import (
    Agreement,
    Attachment,
    KpiActual,
    KpiDefinition,
    Milestone,
    Partner,
)
from app.errors import ConflictError, FieldError, ValidationError
from app.services import agreement_store as store
from app.services.agreements import (
    ENTITY as AGREEMENT_ENTITY,
)
from app.services.agreements import (
    AgreementInput,
    AgreementView,
    AttachmentView,
    MilestoneView,
    delete_agreement,
    get_agreement,
    restore_agreement_values,
    validate_agreement,
)
from app.services.attachments import attachment_content
from app.services.audit import as_text, current_actor, record_event
from app.services.kpis import Kpi
from app.services.owners import Owners
from app.services.partner_listing import name_matches
from app.services.partners import (
    ENTITY as PARTNER_ENTITY,
)
from app.services.partners import (
    PartnerInput,
    PartnerView,
    delete_partner,
    get_partner,
    update_partner,
    validate_partner,
)
from app.services.partners import _apply as _apply_partner


@dataclass(frozen=True, slots=True)
class AgreementSnapshot:
    """Everything needed to bring a deleted agreement back as it was."""

    id: int
    data: AgreementInput
    predecessor_id: int | None
    successor_ids: tuple[int, ...]
    milestones: tuple[MilestoneView, ...]
    kpis: tuple[Kpi, ...]
    attachments: tuple[tuple[AttachmentView, bytes], ...]


def snapshot_agreement(session: Session, agreement_id: int) -> AgreementSnapshot:
    view = get_agreement(session, agreement_id)
    successors = tuple(
        session.scalars(select(Agreement.id).where(Agreement.predecessor_id == agreement_id))
    )
    return AgreementSnapshot(
        id=view.id,
        data=view.to_input(),
        predecessor_id=view.predecessor_id,
        successor_ids=successors,
        milestones=view.milestones,
        kpis=view.kpis,
        attachments=tuple(
            (att, attachment_content(session, att.id)[1]) for att in view.attachments
        ),
    )


def delete_with_snapshot(
    session: Session,
    agreement_id: int,
    expected_version: int | None = None,
    actor: str | None = None,
) -> AgreementSnapshot:
    snap = snapshot_agreement(session, agreement_id)
    delete_agreement(session, agreement_id, expected_version, actor)
    return snap


def restore_agreement(
    session: Session, snap: AgreementSnapshot, actor: str | None = None
) -> AgreementView:
    """Re-create a deleted agreement; its id may differ if the old one was reused since."""
    typed, errors = validate_agreement(session, snap.data)
    if errors:
        raise ValidationError(errors)
    if not snap.data.reference:
        raise ValidationError([FieldError("reference", "a restored agreement needs its reference")])
    # KPIs come back below with their actuals, not as the type's defaults.
    a = store.new_agreement(
        snap.data,
        typed,
        snap.data.reference.strip(),
        kpis=(),
        owners=Owners(session, actor, restoring=True),
    )
    # SQLite hands out max(id)+1, so the old id of the newest agreement can be taken again.
    if session.get(Agreement, snap.id) is None:
        a.id = snap.id
    if snap.predecessor_id is not None and session.get(Agreement, snap.predecessor_id) is not None:
        a.predecessor_id = snap.predecessor_id
    a.milestones = [
        Milestone(
            title=m.title, due_date=m.due_date, owner=m.owner, status=m.status,
            amount=m.amount, currency=m.currency, completed_on=m.completed_on,
        )
        for m in snap.milestones
    ]  # fmt: skip
    a.kpis = [
        KpiDefinition(
            metric=k.metric, unit=k.unit, target=k.target, direction=k.direction,
            latest_attainment=k.latest.attainment.value if k.latest else None,
            actuals=[KpiActual(period_end=x.period_end, value=x.value, note=x.note)
                     for x in k.actuals],
        )
        for k in snap.kpis
    ]  # fmt: skip
    a.attachments = [
        Attachment(
            filename=att.filename, mime_type=att.mime_type, size=att.size, sha256=att.sha256,
            kind=att.kind, expires_on=att.expires_on, uploaded_at=att.uploaded_at,
            uploaded_by=att.uploaded_by, content=content,
        )
        for att, content in snap.attachments
    ]  # fmt: skip
    session.add(a)
    session.flush()
    for successor_id in snap.successor_ids:
        successor = session.get(Agreement, successor_id)
        if successor is not None and successor.predecessor_id is None:
            successor.predecessor_id = a.id
    record_event(
        session,
        actor=actor or current_actor(),
        entity=AGREEMENT_ENTITY,
        entity_id=a.id,
        action=AuditAction.CREATE,
        summary=f"restored {a.reference} {a.title}",
    )
    session.flush()
    return get_agreement(session, a.id)


def _by_field(data: AgreementInput) -> dict[str, object]:
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name != "terms"}
    values.update({f"terms.{k}": v for k, v in data.terms.items()})
    return values


def step_agreement(
    session: Session,
    agreement_id: int,
    frm: AgreementInput,
    to: AgreementInput,
    actor: str | None = None,
) -> AgreementView:
    """Undo or redo one saved edit: move the fields it changed from ``frm`` to ``to``.

    Only what that edit changed is written, so what changed later in other fields (the
    agreement renewed since, a colleague's new fee) stays. A field the edit changed that
    has changed again since is not overwritten: the step is refused and names it.
    """
    current = get_agreement(session, agreement_id)
    now = current.to_input()
    before, after, present = _by_field(frm), _by_field(to), _by_field(now)
    moved = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    since = sorted(k for k in moved if present.get(k) != before.get(k))
    if since:
        said = ", ".join(
            f"{k.removeprefix('terms.').replace('_', ' ')} is now {as_text(present.get(k)) or '—'}"
            for k in since
        )
        raise ConflictError(
            f"{current.reference} has changed since ({said}); going back would overwrite that"
        )
    if not moved:
        return current
    terms = dict(now.terms)
    terms.update({k[6:]: after.get(k) for k in moved if k.startswith("terms.")})
    plain: dict[str, Any] = {k: after[k] for k in moved if not k.startswith("terms.")}
    going_to = replace(now, **plain, terms=terms)
    return restore_agreement_values(session, agreement_id, going_to, actor)


# --- partners --------------------------------------------------------------------------


def revert_partner(
    session: Session, partner_id: int, data: PartnerInput, actor: str | None = None
) -> PartnerView:
    current = get_partner(session, partner_id)
    return update_partner(session, partner_id, data, current.version, actor)


def delete_partner_for_undo(session: Session, partner_id: int, actor: str | None = None) -> None:
    delete_partner(session, partner_id, None, actor)


def restore_partner(
    session: Session, partner_id: int, data: PartnerInput, actor: str | None = None
) -> PartnerView:
    """Re-create a partner removed by an undo, under its old id when that is still free."""
    errors = validate_partner(session, data)
    if errors:
        raise ValidationError(errors)
    p = Partner(roles=[], contacts=[])
    # The old id keeps older undo steps (and open editors) pointing at the partner.
    if session.get(Partner, partner_id) is None:
        p.id = partner_id
    _apply_partner(p, data)
    session.add(p)
    session.flush()
    record_event(
        session,
        actor=actor or current_actor(),
        entity=PARTNER_ENTITY,
        entity_id=p.id,
        action=AuditAction.CREATE,
        summary=f"restored {p.display_name}",
    )
    return get_partner(session, p.id)


# --- choices for the editors -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartnerChoice:
    id: int
    legal_name: str
    local_name: str | None

    @property
    def label(self) -> str:
        if self.local_name and self.local_name != self.legal_name:
            return f"{self.legal_name} ({self.local_name})"
        return self.legal_name


def partner_choices(
    session: Session,
    search: str | None = None,
    *,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[PartnerChoice]:
    """Partners by name, for a picker: names only, no per-partner counting.

    ``search``: those whose name contains it in either script; ``limit``: the first so
    many by name (a picker shows a screenful and asks again as the user types, rather
    than holding 50,000 names at a million agreements); ``ids``: these partners.
    """
    stmt = select(Partner.id, Partner.legal_name, Partner.local_name)
    if search:
        stmt = name_matches(stmt, search)
    if ids is not None:
        stmt = stmt.where(Partner.id.in_(list(ids)))
    stmt = stmt.order_by(Partner.legal_name, Partner.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [PartnerChoice(r[0], r[1], r[2]) for r in session.execute(stmt)]
