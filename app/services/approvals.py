"""Approvals: high-value agreements need named approvers before they become active.

A policy (per cooperation type, or every type, from a value in the base currency) says
how many distinct approvers an agreement needs and whether one must be an admin. An
approval holds a digest of the agreement's material terms when it was given: once value,
dates, partner or the type's terms change, the digest differs and the approval no longer
counts (nothing has to remember to withdraw it). Nobody approves the version they wrote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, AuditAction
from app.domain.models import (
    AGREEMENT_CLASSES,
    Agreement,
    Approval,
    ApprovalPolicy,
    AuditEntry,
    Person,
)
from app.domain.roles import Ability, Role, may
from app.domain.terms import TERMS
from app.errors import FieldError, NotFoundError, TransitionError, ValidationError
from app.services.agreement_store import BASE_FIELDS, audited
from app.services.audit import as_text, current_actor, record_event
from app.services.fx import RateInForce, convert, rate_in_force

# What an approver did not approve and may change without asking again.
NOT_MATERIAL = frozenset(
    {"reference", "title", "owner", "status", "signed_date", "description", "decision_date"}
)
# History lines that change no terms: nobody becomes an author by writing them.
NOT_AUTHORING = NOT_MATERIAL | {"approval", "milestones", "kpis", "attachments"}


def terms_digest(a: Agreement) -> str:
    """The agreement's material terms, as one hash."""
    return digest_of(a.type, audited(a))


def digest_of(agreement_type: AgreementType, values: Mapping[str, object]) -> str:
    """``terms_digest`` of an agreement stored with ``values`` (``audited``'s names; the
    demo loader writes rows, not ORM objects)."""
    text = "\n".join(
        f"{k}={as_text(v)}" for k, v in sorted(values.items()) if k not in NOT_MATERIAL
    )
    return hashlib.sha256(f"{agreement_type.value}\n{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Requirement:
    approvals: int
    admin_required: bool

    def describe(self) -> str:
        who = "approval" if self.approvals == 1 else "approvals by different people"
        admin = ", one of them by an admin" if self.admin_required else ""
        return f"{self.approvals} {who}{admin}"


@dataclass(frozen=True, slots=True)
class Decision:
    login: str
    who: str
    approved: bool
    comment: str
    at: datetime
    current: bool  # given on today's material terms


@dataclass(frozen=True, slots=True)
class ApprovalState:
    reference: str
    title: str
    author: str
    requirement: Requirement | None
    decisions: tuple[Decision, ...]

    @property
    def approvers(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.current and d.approved)

    @property
    def rejection(self) -> Decision | None:
        return next((d for d in self.decisions if d.current and not d.approved), None)


def set_policy(
    session: Session,
    agreement_type: AgreementType | None,
    min_value: Decimal,
    approvals: int,
    *,
    admin_required: bool = False,
) -> None:
    """Add or replace the policy for a type (None: every type) from ``min_value`` up."""
    errors = []
    if min_value < 0:
        errors.append(FieldError("min_value", "the value must not be negative"))
    if not 1 <= approvals <= 9:
        errors.append(FieldError("approvals", "an agreement needs 1 to 9 approvals"))
    if errors:
        raise ValidationError(errors)
    found = session.scalar(
        select(ApprovalPolicy).where(
            ApprovalPolicy.agreement_type.is_(None)
            if agreement_type is None
            else ApprovalPolicy.agreement_type == agreement_type,
            ApprovalPolicy.min_value == min_value,
        )
    )
    if found is None:
        found = ApprovalPolicy(agreement_type=agreement_type, min_value=min_value)
        session.add(found)
    found.approvals = approvals
    found.admin_required = admin_required
    session.flush()


class Policies:
    """The approval policies, the base currency and each currency's rate, read once (an
    import asks for every row it would create as active)."""

    def __init__(self, session: Session, on: date) -> None:
        from app.services.settings import base_currency

        self.session, self.on = session, on
        self.base = base_currency(session)
        self.policies = session.scalars(select(ApprovalPolicy)).all()
        self._rates: dict[str, RateInForce] = {}
        # Each type's policies as plain tuples: the dashboard asks this of every pending
        # agreement (tens of thousands at a million), ORM attribute reads were most of it.
        self._of_type = {
            kind: [(p.min_value, p.approvals, p.admin_required) for p in self.policies
                   if p.agreement_type is None or p.agreement_type == kind]
            for kind in AgreementType
        }  # fmt: skip

    def read_rates(self, currencies: Iterable[str]) -> None:
        """Read now the rates of ``currencies``: a copy pickled for another process (the
        demo draws its agreements on a second core) answers without a session."""
        for currency in currencies:
            if currency not in self._rates:
                try:
                    rate = rate_in_force(self.session, currency, self.base, self.on)
                except NotFoundError:
                    continue  # asked for there, it fails as it would here
                self._rates[currency] = rate

    def __getstate__(self) -> dict[str, Any]:
        # The answers without the session and its ORM rows (see read_rates).
        return {"on": self.on, "base": self.base, "_rates": self._rates,
                "_of_type": self._of_type}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def requirement(
        self, agreement_type: AgreementType, value: Decimal, currency: str
    ) -> Requirement | None:
        """The strictest policy that applies to such an agreement, or None."""
        policies = self._of_type[agreement_type]
        if not policies:
            return None
        rate = self._rates.get(currency)
        if rate is None:
            rate = self._rates[currency] = rate_in_force(self.session, currency, self.base, self.on)
        in_base = convert(value, rate)
        applying = [(approvals, admin) for least, approvals, admin in policies if in_base >= least]
        if not applying:
            return None
        return Requirement(max(a for a, _ in applying), any(admin for _, admin in applying))


def requirement(session: Session, a: Agreement, on: date) -> Requirement | None:
    """The strictest policy that applies to ``a`` (its value in the base currency)."""
    return Policies(session, on).requirement(a.type, a.value, a.currency)


def refuse_new_active(need: Requirement | None, what: str) -> str | None:
    """Why an agreement may not be created (or imported) as active: nobody can have
    approved terms that were not saved yet; None when no policy covers it."""
    if need is None:
        return None
    return (
        f"{what} cannot be created as active: the approval policy asks for {need.describe()} "
        "first; save it as pending_approval and ask for them"
    )


def author(session: Session, a: Agreement) -> str:
    """Who wrote the current material terms: the last to create or materially change it."""
    entries = session.execute(
        select(AuditEntry.actor, AuditEntry.field, AuditEntry.action)
        .where(AuditEntry.entity == "agreement", AuditEntry.entity_id == a.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    for actor, field, action in entries:
        if action is AuditAction.CREATE or (field and field not in NOT_AUTHORING):
            return str(actor)
    return ""


def approval_state(session: Session, a: Agreement, on: date) -> ApprovalState:
    return ApprovalState(a.reference, a.title, author(session, a), requirement(session, a, on),
                         decisions(session, a))  # fmt: skip


def approval_trail(session: Session, agreement_id: int, on: date) -> ApprovalState | None:
    """``approval_state`` for a report's sign-off block: None when no policy covers the
    agreement and nobody decided on it; without a rate to value it in the base currency
    the decisions still show (the requirement cannot be told)."""
    a = session.get(Agreement, agreement_id)
    if a is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    try:
        need = requirement(session, a, on)
    except NotFoundError:
        need = None
    given = decisions(session, a)
    if need is None and not given:
        return None
    return ApprovalState(a.reference, a.title, author(session, a), need, given)


def decisions(session: Session, a: Agreement) -> tuple[Decision, ...]:
    """Every decision on ``a``, oldest first, each said to be current or not."""
    digest = terms_digest(a)
    rows = session.execute(
        select(Approval, Person.name)
        .outerjoin(Person, Person.login == Approval.login)
        .where(Approval.agreement_id == a.id)
        .order_by(Approval.at, Approval.id)
    )
    return tuple(
        Decision(r.login, name or r.login, r.approved, r.comment, r.at, r.terms_digest == digest)
        for r, name in rows
    )


def check_activation(session: Session, a: Agreement, on: date) -> None:
    """Refuse ``pending_approval → active`` until the policy's approvals are in."""
    state = approval_state(session, a, on)
    if state.rejection is not None:
        r = state.rejection
        raise TransitionError(
            f"{a.reference} was rejected by {r.who}: {r.comment} (change its terms to ask again)"
        )
    need = state.requirement
    if need is None:
        return
    approvers = {d.login: d for d in state.approvers}
    admins = {
        p.login
        for p in session.scalars(select(Person).where(Person.login.in_(sorted(approvers))))
        if p.role is Role.ADMIN
    }
    if len(approvers) >= need.approvals and (admins or not need.admin_required):
        return
    have = ", ".join(d.who for d in approvers.values()) or "none"
    raise TransitionError(
        f"{a.reference} cannot become active: it needs {need.describe()}; it has {have}"
    )


def decide(
    session: Session,
    agreement_id: int,
    *,
    approve: bool,
    comment: str = "",
    actor: str | None = None,
) -> ApprovalState:
    """Approve or reject an agreement waiting for approval, as the connected person."""
    from app.services.people import connected_login

    a = session.get(Agreement, agreement_id)
    if a is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    login = actor or connected_login(session)
    comment = comment.strip()
    if a.status is not AgreementStatus.PENDING_APPROVAL:
        raise TransitionError(f"{a.reference} is {a.status.value}, not waiting for approval")
    if not approve and not comment:
        raise ValidationError([FieldError("comment", "say why the agreement is rejected")])
    person = session.scalar(select(Person).where(Person.login == login, Person.active.is_(True)))
    if person is None or not may(person.role, Ability.APPROVE):
        role = person.role.value if person is not None else "none"
        raise TransitionError(f"{login} (role: {role}) may not approve or reject agreements")
    if author(session, a) == login:
        raise TransitionError(
            f"{a.reference}: you wrote its current terms, so someone else must approve them"
        )
    digest = terms_digest(a)
    already = session.scalar(
        select(Approval.id).where(
            Approval.agreement_id == a.id, Approval.login == login, Approval.terms_digest == digest
        )
    )
    if already is not None:
        raise TransitionError(f"{a.reference}: you have already decided on these terms")
    session.add(Approval(agreement_id=a.id, login=login, approved=approve, comment=comment,
                         terms_digest=digest))  # fmt: skip
    verb = "approved" if approve else "rejected"
    record_event(session, actor=login or current_actor(), entity="agreement", entity_id=a.id,
                 action=AuditAction.UPDATE, field="approval",
                 summary=f"{verb}" + (f": {comment}" if comment else ""))  # fmt: skip
    session.flush()
    return approval_state(session, a, date.today())


def waiting(
    session: Session, on: date, *, mine: bool = False, required: bool = False
) -> list[ApprovalState]:
    """Agreements waiting for approval; ``mine``: those the connected person may decide;
    ``required``: only those a policy asks approvals for.

    What ``approval_state`` says of each, read a few queries for all of them at once (the
    dashboard and ``notify`` ask this of every pending agreement). Who must approve is
    worked out from plain columns first; a terms digest (which needs every material term)
    only for an agreement somebody decided on: at a million agreements building every
    pending one as an ORM object took 40 s.
    """
    from app.services.people import connected_login, connected_role

    login = connected_login(session)
    if mine:
        role = connected_role(session)
        if role is None or not may(role, Ability.APPROVE):
            return []
    policies = Policies(session, on)
    pending = [
        (r.id, r.reference, r.title, policies.requirement(r.type, r.value, r.currency))
        for r in session.execute(
            select(Agreement.id, Agreement.reference, Agreement.title, Agreement.type,
                   Agreement.value, Agreement.currency)
            .where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
            .order_by(Agreement.reference)
        )
    ]  # fmt: skip
    if required:
        pending = [p for p in pending if p[3] is not None]
    # Authors and decisions of every pending agreement in one query each (a subquery, not
    # chunks of ids: 56 round trips of 30 ms each on PostgreSQL at 100,000 agreements).
    of_pending = select(Agreement.id).where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
    wanted = {p[0] for p in pending}
    authors = _authors(session, of_pending)
    given = _decisions_of(session, of_pending, wanted)
    states = [
        ApprovalState(reference, title, authors.get(id_, ""), need, given.get(id_, ()))
        for id_, reference, title, need in pending
    ]
    if mine:
        states = [s for s in states if s.author != login and all(d.login != login or not d.current
                                                                 for d in s.decisions)]  # fmt: skip
    return states


_CHUNK = 500  # SQLite's bound-parameter limit, with room to spare


def _authors(session: Session, of: Any) -> dict[int, str]:
    """``author`` of each agreement ``of`` selects the ids of."""
    # Only the entries that make an author are read (newest first per agreement): the
    # rest of each agreement's history (status, approvals, notes) is most of it.
    found: dict[int, str] = {}
    entries = session.execute(
        select(AuditEntry.entity_id, AuditEntry.actor)
        .where(AuditEntry.entity == "agreement",
               AuditEntry.entity_id.in_(of),
               or_(AuditEntry.action == AuditAction.CREATE,
                   and_(AuditEntry.field != "",
                        AuditEntry.field.not_in(sorted(NOT_AUTHORING)))))
        .order_by(AuditEntry.entity_id, AuditEntry.at.desc(), AuditEntry.id.desc())
    )  # fmt: skip
    for entity_id, actor in entries:
        if entity_id not in found:
            found[entity_id] = str(actor)
    return found


def _decisions_of(session: Session, of: Any, wanted: set[int]) -> dict[int, tuple[Decision, ...]]:
    """``decisions`` of each agreement in ``wanted`` (``of`` selects a superset's ids)."""
    # Columns, not Approval objects: thousands of decisions at a million agreements.
    rows = [
        r
        for r in session.execute(
            select(Approval.agreement_id, Approval.login, Approval.approved,
                   Approval.comment, Approval.at, Approval.terms_digest, Person.name)
            .outerjoin(Person, Person.login == Approval.login)
            .where(Approval.agreement_id.in_(of))
            .order_by(Approval.agreement_id, Approval.at, Approval.id)
        )
        if r.agreement_id in wanted
    ]  # fmt: skip
    # A digest only for an agreement somebody decided on, from its columns: most pending
    # agreements have no decision yet.
    digests = _digests(session, sorted({r.agreement_id for r in rows}))
    found: dict[int, list[Decision]] = {}
    for r in rows:
        found.setdefault(r.agreement_id, []).append(
            Decision(r.login, r.name or r.login, r.approved, r.comment, r.at,
                     r.terms_digest == digests.get(r.agreement_id))
        )  # fmt: skip
    return {k: tuple(v) for k, v in found.items()}


def _digests(session: Session, ids: list[int]) -> dict[int, str]:
    """``terms_digest`` of each agreement in ``ids``, read as columns (no ORM objects)."""
    found: dict[int, str] = {}
    if not ids:
        return found
    kinds: dict[AgreementType, list[int]] = {}
    for start in range(0, len(ids), _CHUNK):
        for id_, kind in session.execute(
            select(Agreement.id, Agreement.type).where(
                Agreement.id.in_(ids[start : start + _CHUNK])
            )
        ):
            kinds.setdefault(kind, []).append(id_)
    for kind, of_kind in kinds.items():
        cls = AGREEMENT_CLASSES[kind]
        names = ("reference", *BASE_FIELDS, *(spec.name for spec in TERMS[kind]))
        columns = [getattr(cls, name) for name in names]
        for start in range(0, len(of_kind), _CHUNK):
            for row in session.execute(
                select(cls.id, *columns).where(cls.id.in_(of_kind[start : start + _CHUNK]))
            ):
                found[row[0]] = digest_of(kind, dict(zip(names, row[1:], strict=True)))
    return found
