"""The approval trail on the agreement report's sign-off block, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.roles import Role
from app.reports import render
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.approvals import decide, set_policy
from app.services.partners import PartnerView
from app.services.people import add_person
from app.services.reporting import agreement_report
from tests.conftest import TODAY, agreement_input
from tests.reports.conftest import REPORT_TODAY, read_pdf


def test_who_approved_and_rejected_and_whether_it_still_holds(
    session: Session, partner: PartnerView
) -> None:
    for login, name, local, role in (
        ("ann", "Ann Approver", "安安", Role.APPROVER), ("adm", "Adam Admin", None, Role.ADMIN),
        ("bob", "Bob Checker", None, Role.APPROVER),
    ):  # fmt: skip
        add_person(session, login, name, name_local=local, role=role)
    set_policy(session, AgreementType.BRAND, Decimal("5000000"), 2, admin_required=True)
    a = create_agreement(session, agreement_input(
        partner.id, currency="CNY", value=Decimal("6000000"), signed_date=TODAY,
        status=AgreementStatus.PENDING_APPROVAL), actor="author")  # fmt: skip
    decide(session, a.id, approve=True, comment="Fee in line with the market", actor="ann")
    # A material change withdraws Ann's approval; Bob rejects the new terms.
    a = get_agreement(session, a.id)
    update_agreement(session, a.id, replace(a.to_input(), value=Decimal("6500000")), a.version,
                     actor="author")  # fmt: skip
    decide(session, a.id, approve=False, comment="Exclusivity too broad", actor="bob")
    data = agreement_report(session, a.reference, as_of=REPORT_TODAY)
    assert data.approvals is not None
    assert [(d.who, d.approved, d.current) for d in data.approvals.decisions] == [
        ("Ann Approver", True, False),
        ("Bob Checker", False, True),
    ]
    english = " ".join(read_pdf(render(data)).pages).replace("\n", " ")
    assert (
        "The approval policy asks for 2 approvals by different people, one of them by an" in english
    )
    for seen in ("Approved", "Ann Approver", "Fee in line with the market", "No: terms changed",
                 "Rejected", "Bob Checker", "Exclusivity too broad", "Yes"):  # fmt: skip
        assert seen in english, seen
    chinese = " ".join(read_pdf(render(agreement_report(
        session, a.reference, "zh", as_of=REPORT_TODAY))).pages)  # fmt: skip
    for seen in ("审批记录", "批准", "驳回", "否：此后条款已变更", "其中一位须为管理员"):
        assert seen in chinese, seen


def test_an_agreement_no_policy_covers_has_no_approval_block(
    session: Session, partner: PartnerView
) -> None:
    a = create_agreement(session, agreement_input(partner.id))
    data = agreement_report(session, a.reference, as_of=date(2026, 12, 3))
    assert data.approvals is None
    assert "Approvals" not in " ".join(read_pdf(render(data)).pages)
