"""No way around the approval policy: creating, importing or saving an agreement as
active is held to it as the move pending_approval → active is."""

from __future__ import annotations

import re
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
def test_an_import_brings_covered_active_rows_in_as_pending_approval(
    session: Session, tmp_path: Path
) -> None:
    signed = "2025-12-01"
    path = write_csv(tmp_path / "active.csv", [
        row(title="Small", status="active", currency="CNY", value="100000", signed_date=signed),
        row(title="Big", status="active", currency="CNY", value="6000000", signed_date=signed),
        row(title="Big, waiting", status="pending_approval", currency="CNY", value="6000000"),
    ])  # fmt: skip
    report = import_file(session, path)
    assert report.ok and report.creates == 3
    assert report.notes == (
        "row 3: “Big” goes in as pending approval, not active: the approval policy asks for "
        "2 approvals by different people, one of them by an admin (Approvals)",
    )
    statuses = dict(session.execute(select(Agreement.title, Agreement.status)).all())
    assert statuses == {"Small": AgreementStatus.ACTIVE, "Big": AgreementStatus.PENDING_APPROVAL,
                        "Big, waiting": AgreementStatus.PENDING_APPROVAL}  # fmt: skip


def test_an_export_imported_into_a_team_database_under_policy_waits_for_its_approvers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main
    from app.db import open_database
    from app.services.agreements import agreement_id_for_reference
    from app.services.approvals import decide, waiting
    from app.services.people import add_person

    source, team = tmp_path / "desk.db", tmp_path / "team.db"
    assert main(["--db", str(source), "demo", "--agreements", "60"]) == 0
    exported = tmp_path / "agreements.csv"
    assert main(["--db", str(source), "export", str(exported)]) == 0
    db = open_database(team)
    with db.session() as s:
        set_policy(s, None, Decimal("5000000"), 1)
    db.dispose()
    capsys.readouterr()
    # Without the rates the policy cannot tell what an agreement is worth: said per row.
    assert main(["--db", str(team), "import", str(exported)]) == 1
    out, err = capsys.readouterr()
    assert re.search(r"row \d+, currency: no \w{3}→CNY exchange rate on or before "
                     r"\d{4}-\d\d-\d\d, and the approval policy needs the value in CNY: add "
                     r"the rate first \(Settings ▸ Exchange rates, or partnerdesk fx import\)",
                     err), err  # fmt: skip
    rates = tmp_path / "rates.csv"
    assert main(["--db", str(source), "fx", "list", "--format", "csv"]) == 0
    rates.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["--db", str(team), "fx", "import", str(rates)]) == 0
    capsys.readouterr()
    assert main(["--db", str(team), "import", str(exported)]) == 0
    out, err = capsys.readouterr()
    db = open_database(source)
    with db.session() as s:
        active = {
            ref: value
            for ref, value, currency in s.execute(
                select(Agreement.reference, Agreement.value, Agreement.currency).where(
                    Agreement.status == AgreementStatus.ACTIVE
                )
            )
        }
    db.dispose()
    db = open_database(team)
    with db.session() as s:
        now = dict(s.execute(select(Agreement.reference, Agreement.status)).all())
        held = {w.reference for w in waiting(s, date.today())}
    db.dispose()
    moved = {ref for ref in active if now[ref] is AgreementStatus.PENDING_APPROVAL}
    assert moved and moved < set(active)  # the small ones stay active
    assert moved <= held  # and the others wait for an approver, as any pending agreement
    # One line per row moved, naming it, on the importer's screen.
    for ref in moved:
        assert (
            f": {ref} goes in as pending approval, not active: the approval policy asks "
            "for 1 approval (Approvals)" in err
        )
    assert f"imported {len(now)} row(s)" in out

    # The same file again: those waiting keep waiting, nothing refused; once approved, active.
    first, *_ = sorted(moved)
    db = open_database(team)
    with db.session() as s:
        add_person(s, "ann", "Ann Approver", role=Role.APPROVER)
        decide(s, agreement_id_for_reference(s, first), approve=True, actor="ann")
    db.dispose()
    assert main(["--db", str(team), "import", str(exported)]) == 0
    out, err = capsys.readouterr()
    db = open_database(team)
    with db.session() as s:
        again = dict(s.execute(select(Agreement.reference, Agreement.status)).all())
    db.dispose()
    assert again[first] is AgreementStatus.ACTIVE
    assert {ref for ref, st in again.items() if st is AgreementStatus.PENDING_APPROVAL} == (
        {ref for ref, st in now.items() if st is AgreementStatus.PENDING_APPROVAL} - {first}
    )
    for ref in moved - {first}:
        assert (
            f": {ref} cannot become active: it needs 1 approval; it has none; it stays "
            "pending approval (Approvals)" in err
        )
    assert f"1 update(s), {len(now) - 1} unchanged" in out


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
