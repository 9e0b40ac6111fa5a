"""Approvals as the window shows them: one agreement's trail and who may decide now, and
the agreements waiting for the connected person's decision.

Built on ``app.services.approvals`` (which decides and enforces); this only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus
from app.domain.models import Agreement, Partner
from app.domain.roles import Ability, may
from app.errors import NotFoundError, PartnerDeskError
from app.services.approvals import ApprovalState, approval_state
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


@dataclass(frozen=True, slots=True)
class WaitingForMe:
    """The dashboard's "Waiting for my approval": a first screen and how many there are."""

    rows: tuple[WaitingRow, ...]
    total: int


SCREEN = 200  # rows the dashboard shows (its other lists stop there too)


def waiting_for_me(session: Session, on: date, limit: int | None = SCREEN) -> WaitingForMe:
    """Agreements a policy asks approvals for, waiting for the connected person's decision
    (not written by them, not decided by them on today's terms, not rejected), the longest
    waiting first: ``limit`` of them (None: all) and the count."""
    # The people functions looked up when called, as ``approvals.waiting`` does.
    from app.services import people
    from app.services.approval_queue import requested, waiting_queue
    from app.services.fx import RateInForce, convert, rate_in_force
    from app.services.settings import base_currency

    role = people.connected_role(session)
    if role is None or not may(role, Ability.APPROVE):
        return WaitingForMe((), 0)
    # The rules are applied by the database (approval_queue): only the screen is read.
    queue = waiting_queue(session, people.connected_login(session), on, limit)
    if not queue.ids:
        return WaitingForMe((), queue.total)
    base = base_currency(session)
    found = {
        a.id: a
        for a in session.execute(
            select(Agreement.id, Agreement.reference, Agreement.title, Agreement.value,
                   Agreement.currency, Partner.legal_name, Partner.local_name)
            .join(Partner, Partner.id == Agreement.partner_id)
            .where(Agreement.id.in_(queue.ids))
        )
    }  # fmt: skip
    asked = requested(session, list(queue.ids))
    names = display_names(session, {author for author, _at in asked.values() if author})
    rates: dict[str, RateInForce | None] = {}  # each currency's rate, asked once
    rows: list[WaitingRow] = []
    for id_ in queue.ids:
        a = found[id_]
        author, since = asked[id_]
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
                a.currency, base_value, base, names.get(author, author), since,
            )
        )  # fmt: skip
    return WaitingForMe(tuple(rows), queue.total)


def _display(legal_name: str, local_name: str | None) -> str:
    """``Partner.display_name`` of a partner read as columns."""
    if local_name and local_name != legal_name:
        return f"{legal_name} ({local_name})"
    return legal_name
