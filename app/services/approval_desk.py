"""Approvals as the window shows them: one agreement's trail and who may decide now, and
the agreements waiting for the connected person's decision.

Built on ``app.services.approvals`` (which decides and enforces); this only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus
from app.domain.models import Agreement, AuditEntry, Partner
from app.domain.roles import Ability, may
from app.errors import NotFoundError, PartnerDeskError
from app.services.approvals import ApprovalState, approval_state, waiting
from app.services.people import connected_login, connected_role, display_names


class Blocker(StrEnum):
    """Why the connected person may not approve or reject the agreement now."""

    NOT_WAITING = "not_waiting"  # its status is not pending approval
    ROLE = "role"  # their role does not approve
    AUTHOR = "author"  # they wrote its current terms
    DECIDED = "decided"  # they already decided on these terms


@dataclass(frozen=True, slots=True)
class AgreementApprovals:
    agreement_id: int
    state: ApprovalState
    status: AgreementStatus
    author_name: str  # the author's display name (the login when not in the register)
    blocker: Blocker | None  # None: the connected person may approve or reject now


def agreement_approvals(session: Session, agreement_id: int, on: date) -> AgreementApprovals:
    a = session.get(Agreement, agreement_id)
    if a is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    state = approval_state(session, a, on)
    login = connected_login(session)
    role = connected_role(session)
    blocker: Blocker | None = None
    if a.status is not AgreementStatus.PENDING_APPROVAL:
        blocker = Blocker.NOT_WAITING
    elif role is None or not may(role, Ability.APPROVE):
        blocker = Blocker.ROLE
    elif state.author == login:
        blocker = Blocker.AUTHOR
    elif any(d.login == login and d.current for d in state.decisions):
        blocker = Blocker.DECIDED
    names = display_names(session, {state.author}) if state.author else {}
    return AgreementApprovals(a.id, state, a.status, names.get(state.author, state.author), blocker)


@dataclass(frozen=True, slots=True)
class WaitingRow:
    """An agreement waiting for the connected person's approval (the dashboard's list)."""

    agreement_id: int
    reference: str
    title: str
    partner: str
    value: Decimal
    currency: str
    base_value: Decimal | None  # in the base currency; None without a rate
    base_currency: str
    requested_by: str  # who wrote the terms waiting for approval
    since: datetime  # when it went to pending approval


def waiting_for_me(session: Session, on: date) -> list[WaitingRow]:
    from app.services.fx import RateInForce, convert, rate_in_force
    from app.services.settings import base_currency

    role = connected_role(session)
    if role is None or not may(role, Ability.APPROVE):
        return []  # before reading every pending agreement's trail
    # Those a policy asks approvals for and nobody has rejected: the rest need nobody.
    states = [st for st in waiting(session, on, mine=True, required=True) if st.rejection is None]
    if not states:
        return []
    base = base_currency(session)
    # The columns the rows show, not whole agreements: the list can run to thousands.
    found = {
        a.reference: a
        for a in session.execute(
            select(Agreement.id, Agreement.reference, Agreement.title, Agreement.value,
                   Agreement.currency, Agreement.created_at, Partner.legal_name,
                   Partner.local_name)
            .join(Partner, Partner.id == Agreement.partner_id)
            .where(Agreement.reference.in_([s.reference for s in states]))
        )
    }  # fmt: skip
    names = display_names(session, {s.author for s in states if s.author})
    since = _pending_since(session, [a.id for a in found.values()])
    rates: dict[str, RateInForce | None] = {}  # each currency's rate, asked once
    rows: list[WaitingRow] = []
    for state in states:
        a = found[state.reference]
        if a.currency not in rates:
            try:
                rates[a.currency] = rate_in_force(session, a.currency, base, on)
            except PartnerDeskError:
                rates[a.currency] = None
        rate = rates[a.currency]
        base_value = None if rate is None else convert(a.value, rate)
        rows.append(
            WaitingRow(
                a.id, a.reference, a.title, _display(a.legal_name, a.local_name), a.value,
                a.currency,
                base_value, base, names.get(state.author, state.author),
                since.get(a.id, a.created_at),
            )
        )  # fmt: skip
    rows.sort(key=lambda r: r.since)
    return rows


def _display(legal_name: str, local_name: str | None) -> str:
    """``Partner.display_name`` of a partner read as columns."""
    if local_name and local_name != legal_name:
        return f"{legal_name} ({local_name})"
    return legal_name


def _pending_since(session: Session, ids: list[int]) -> dict[int, datetime]:
    """When each agreement last went to pending approval; absent: it was created so (its
    creation time is the answer)."""
    rows = session.execute(
        select(AuditEntry.entity_id, func.max(AuditEntry.at))
        .where(
            AuditEntry.entity == "agreement",
            AuditEntry.entity_id.in_(ids),
            AuditEntry.field == "status",
            AuditEntry.new_value == AgreementStatus.PENDING_APPROVAL.value,
        )
        .group_by(AuditEntry.entity_id)
    )
    return {entity_id: at for entity_id, at in rows}  # noqa: C416 (rows are Row objects)
