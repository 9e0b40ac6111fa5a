"""Approvals: named approvers before a high-value agreement becomes active."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.roles import Role
from app.errors import TransitionError, ValidationError
from app.services.agreements import (
    AgreementView,
    change_status,
    create_agreement,
    get_agreement,
    update_agreement,
)
from app.services.approvals import decide, set_policy, waiting
from app.services.audit import agreement_history
from app.services.partners import PartnerView
from app.services.people import add_person
from tests.conftest import TODAY, agreement_input

NEEDS_TWO = "needs 2 approvals by different people, one of them by an admin"


@pytest.fixture
def pending(session: Session, partner: PartnerView) -> AgreementView:
    for login, name, role in (
        ("author", "Ava Author", Role.APPROVER), ("ann", "Ann Approver", Role.APPROVER),
        ("adm", "Adam Admin", Role.ADMIN), ("vic", "Vic Viewer", Role.VIEWER),
    ):  # fmt: skip
        add_person(session, login, name, role=role)
    set_policy(session, AgreementType.BRAND, Decimal("5000000"), 2, admin_required=True)
    data = agreement_input(partner.id, currency="CNY", value=Decimal("6000000"),
                           status=AgreementStatus.PENDING_APPROVAL, signed_date=TODAY)  # fmt: skip
    return create_agreement(session, data, actor="author")


def activate(session: Session, a: AgreementView) -> AgreementView:
    return change_status(
        session, a.id, AgreementStatus.ACTIVE, get_agreement(session, a.id).version
    )


def test_two_approvers_one_an_admin_activate_a_high_value_brand_agreement(
    session: Session, pending: AgreementView
) -> None:
    with pytest.raises(TransitionError, match=f"{NEEDS_TWO}; it has none"):
        activate(session, pending)
    decide(session, pending.id, approve=True, comment="fine", actor="ann")
    with pytest.raises(TransitionError, match=f"{NEEDS_TWO}; it has Ann Approver"):
        activate(session, pending)
    assert [s.reference for s in waiting(session, TODAY)] == [pending.reference]
    decide(session, pending.id, approve=True, actor="adm")
    assert activate(session, pending).status is AgreementStatus.ACTIVE
    trail = [(e.who, e.field, e.new_value) for e in agreement_history(session, pending.id)]
    assert ("Ann Approver", "approval", "approved: fine") in trail
    assert ("Adam Admin", "approval", "approved") in trail


def test_the_author_a_viewer_and_a_second_vote_are_refused(
    session: Session, pending: AgreementView
) -> None:
    with pytest.raises(TransitionError, match="you wrote its current terms"):
        decide(session, pending.id, approve=True, actor="author")
    with pytest.raises(TransitionError, match=r"vic \(role: viewer\) may not approve"):
        decide(session, pending.id, approve=True, actor="vic")
    decide(session, pending.id, approve=True, actor="ann")
    with pytest.raises(TransitionError, match="already decided on these terms"):
        decide(session, pending.id, approve=True, actor="ann")


def test_a_material_change_withdraws_the_approvals_given_before_it(
    session: Session, pending: AgreementView
) -> None:
    decide(session, pending.id, approve=True, actor="ann")
    current = get_agreement(session, pending.id)
    # A new title is not material: the approval stands.
    update_agreement(session, pending.id, replace(current.to_input(), title="Renamed"),
                     current.version, actor="author")  # fmt: skip
    decide(session, pending.id, approve=True, actor="adm")
    current = get_agreement(session, pending.id)
    update_agreement(session, pending.id, replace(current.to_input(), value=Decimal("7000000")),
                     current.version, actor="author")  # fmt: skip
    with pytest.raises(TransitionError, match=f"{NEEDS_TWO}; it has none"):
        activate(session, pending)


def test_a_rejection_needs_a_reason_and_blocks_activation(
    session: Session, pending: AgreementView
) -> None:
    with pytest.raises(ValidationError, match="say why the agreement is rejected"):
        decide(session, pending.id, approve=False, actor="ann")
    decide(session, pending.id, approve=False, comment="exclusivity too wide", actor="ann")
    decide(session, pending.id, approve=True, actor="adm")
    with pytest.raises(TransitionError, match="rejected by Ann Approver: exclusivity too wide"):
        activate(session, pending)


@pytest.mark.usefixtures("pending")  # its policy: brand agreements from CNY 5M
def test_an_agreement_below_every_policy_needs_no_approval(
    session: Session, partner: PartnerView
) -> None:
    small = create_agreement(session, agreement_input(
        partner.id, currency="CNY", value=Decimal("4999999.99"),
        status=AgreementStatus.PENDING_APPROVAL, signed_date=TODAY,
    ), actor="author")  # fmt: skip
    assert activate(session, small).status is AgreementStatus.ACTIVE
