"""``partnerdesk approvals`` on a desk's own SQLite file (its OS login is the admin)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.db import open_database
from app.domain.enums import AgreementStatus
from app.domain.roles import Role
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person
from tests.conftest import TODAY, agreement_input


def test_policy_list_mine_approve_and_reject(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.agreements import create_agreement

    db = str(db_path)
    assert main(["--db", db, "approvals", "policy", "all", "--from", "1000000",
                 "--approvals", "1"]) == 0  # fmt: skip
    assert capsys.readouterr().out == "all agreements from CNY 1,000,000.00: 1 approval\n"
    database = open_database(db_path)
    with database.session() as s:
        add_person(s, "ava", "Ava Author", role=Role.EDITOR)
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        big = create_agreement(s, agreement_input(
            p.id, currency="CNY", value=Decimal("2000000"), signed_date=TODAY,
            status=AgreementStatus.PENDING_APPROVAL, title="Big",
        ), actor="ava")  # fmt: skip
    database.dispose()

    assert main(["--db", db, "approvals", "list", "--mine", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{
        "reference": big.reference, "title": "Big", "author": "ava", "needs": 1,
        "admin_required": False, "approved_by": [], "rejected_by": None,
    }]  # fmt: skip
    code = main(["--db", db, "approvals", "reject", big.reference, "--comment", "too big"])
    assert code == 0
    assert capsys.readouterr().out == f"{big.reference} rejected; approvals on its terms: none\n"
    assert main(["--db", db, "approvals", "list", "--mine", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # decided: no longer waiting for me
    assert main(["--db", db, "approvals", "approve", big.reference]) == 1
    assert capsys.readouterr().err == (
        f"partnerdesk: error: {big.reference}: you have already decided on these terms\n"
    )
