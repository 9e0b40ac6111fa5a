"""No way around the approval policy: creating, importing or saving an agreement as
active is held to it as the move pending_approval → active is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.models import Agreement, Approval, Person
from app.domain.roles import Role
from app.errors import TransitionError
from app.services.agreements import create_agreement, update_agreement
from app.services.approvals import approval_state, check_activation, set_policy
from app.services.demo import load_demo
from app.services.importing import import_file
from app.services.partners import PartnerView
from tests.conftest import TODAY, agreement_input
from tests.services.test_importing import row, write_csv

HIGH = {"currency": "CNY", "value": Decimal("6000000"), "signed_date": TODAY}


@pytest.fixture
def policy(session: Session) -> None:
    set_policy(session, AgreementType.BRAND, Decimal("5000000"), 2, admin_required=True)


@pytest.mark.usefixtures("policy")
def test_an_agreement_the_policy_covers_cannot_be_created_as_active(
    session: Session, partner: PartnerView
) -> None:
    data = agreement_input(partner.id, status=AgreementStatus.ACTIVE, reference="BR-2026-0042",
                           **HIGH)  # fmt: skip
    with pytest.raises(TransitionError) as refused:
        create_agreement(session, data)
    assert str(refused.value) == (
        "BR-2026-0042 cannot be created as active: the approval policy asks for 2 approvals "
        "by different people, one of them by an admin first; save it as pending_approval "
        "and ask for them"
    )
    small = replace(data, value=Decimal("4999999.99"), reference=None)
    assert create_agreement(session, small).status is AgreementStatus.ACTIVE
    pending = create_agreement(
        session, replace(data, status=AgreementStatus.PENDING_APPROVAL, reference=None)
    )
    # The editor's Save with the status set to active is the same move as change_status.
    with pytest.raises(TransitionError, match="cannot become active: it needs 2 approvals"):
        update_agreement(session, pending.id, replace(pending.to_input(),
                         status=AgreementStatus.ACTIVE), pending.version)  # fmt: skip


@pytest.mark.usefixtures("policy")
def test_an_import_says_which_row_would_skip_the_policy(session: Session, tmp_path: Path) -> None:
    signed = "2025-12-01"
    path = write_csv(tmp_path / "active.csv", [
        row(title="Small", status="active", currency="CNY", value="100000", signed_date=signed),
        row(title="Big", status="active", currency="CNY", value="6000000", signed_date=signed),
        row(title="Big, waiting", status="pending_approval", currency="CNY", value="6000000"),
    ])  # fmt: skip
    report = import_file(session, path)
    assert [str(p) for p in report.problems] == [
        "row 3, status: a new agreement cannot be created as active: the approval policy asks "
        "for 2 approvals by different people, one of them by an admin first; save it as "
        "pending_approval and ask for them"
    ]
    assert session.scalar(select(func.count()).select_from(Agreement)) == 0  # all or nothing


def test_the_demo_records_the_approvals_its_active_agreements_needed(session: Session) -> None:
    on = date(2026, 12, 3)
    load_demo(session, 200, today=on)
    people = {p.login: p for p in session.scalars(select(Person))}
    covered = 0
    for a in session.scalars(select(Agreement).where(Agreement.status == AgreementStatus.ACTIVE)):
        state = approval_state(session, a, on)
        if state.requirement is None:
            continue
        covered += 1
        check_activation(session, a, on)  # the approvals are there, on today's terms
        assert all(people[d.login].role in (Role.APPROVER, Role.ADMIN) for d in state.approvers)
    assert covered > 10
    names = {p.name for p in people.values()}
    assert {"Zhang Min", "Chen Jing"} <= names
    assert (session.scalar(select(func.count()).select_from(Approval)) or 0) >= 2 * covered
