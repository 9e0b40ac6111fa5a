"""What the dashboard's approval queue and minimum purchases read is kept by the database
(migration 0022): one row per agreement waiting for approval with its request time, its
author and whether anybody decided on it; minimum purchases summed. After each
kind of write — the services, decisions, history lines, undo, an import and plain SQL —
the kept rows equal a recount (``assert_kept_right``) and the queue equals the approval
rules applied in Python, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

import app.services.people as people
from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.models import Agreement, Approval, BrandAgreement
from app.domain.roles import Role
from app.domain.tally_models import ApprovalRequest
from app.services import approval_queue
from app.services.agreements import change_status, create_agreement, get_agreement, update_agreement
from app.services.approval_desk import waiting_for_me
from app.services.approvals import terms_digest
from app.services.demo import load_demo
from app.services.editing import delete_with_snapshot, restore_agreement
from app.services.importing import import_file
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input
from tests.services.test_dashboard_answers import TODAY, waiting_for_me_in_python
from tests.services.test_tallies import (
    assert_kept_right,
    purchases_kept,
    requests_kept,
)

ME = "wang.fang"


def _same_queue(db: Database) -> int:
    """The kept rows equal a recount, and the queue the rules in Python (the agreements
    decided on left out by an IN list, and as one array or JSON list, as past 500 of
    them); its length."""
    assert_kept_right(db)
    with db.session() as s:
        expected = waiting_for_me_in_python(s)
        for few in (approval_queue._FEW, 0):
            with pytest.MonkeyPatch.context() as m:
                m.setattr(approval_queue, "_FEW", few)
                found = waiting_for_me(s, TODAY, limit=None)
                assert list(found.rows) == expected
                assert found.total == len(expected)
                first = waiting_for_me(s, TODAY, limit=3)
                assert list(first.rows) == expected[:3]
                assert first.total == len(expected)
    return len(expected)


def _pending(s: Session, **where: object) -> Agreement:
    stmt = select(Agreement).where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
    for name, value in where.items():
        stmt = stmt.where(getattr(Agreement, name) == value)
    found = s.scalars(stmt.order_by(Agreement.id)).first()
    assert found is not None
    return found


def test_the_queue_and_purchases_equal_a_recount_after_each_kind_of_write(
    any_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = any_db
    monkeypatch.setattr(people, "connected_login", lambda _s: ME)
    monkeypatch.setattr(people, "connected_role", lambda _s: Role.APPROVER)
    with db.session() as s:
        load_demo(s, 300, seed=11, today=TODAY)
    with db.session() as s:
        assert requests_kept(s), "the demo should have agreements waiting for approval"
        assert purchases_kept(s), "the demo should have minimum purchases"
    assert _same_queue(db) > 5

    # A covered agreement sent for approval, with a minimum purchase, then its terms
    # changed by someone else (a new author) and its title (no new author).
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Queue Trading Ltd", country="GB"))
        data = agreement_input(
            p.id, status=AgreementStatus.PENDING_APPROVAL, currency="CNY",
            value=Decimal("900000000.00"),
            terms={"operating_model": "direct", "annual_minimum_purchase": "1200000"},
        )  # fmt: skip
        made = create_agreement(s, data, actor="li.wei")
    _same_queue(db)
    with db.session() as s:
        view = get_agreement(s, made.id)
        changed = replace(data, value=Decimal("950000000.00"), title="Queue launch")
        view = update_agreement(s, made.id, changed, view.version, actor="zhang.min")
        view = update_agreement(s, made.id, replace(changed, title="Queue relaunch"),
                                view.version, actor="chen.jing")  # fmt: skip
    _same_queue(db)

    # Back to negotiation and sent again: a new request time.
    with db.session() as s:
        view = change_status(s, made.id, AgreementStatus.NEGOTIATION, view.version)
    _same_queue(db)
    with db.session() as s:
        view = change_status(s, made.id, AgreementStatus.PENDING_APPROVAL, view.version)
    _same_queue(db)

    # Decisions: mine on today's terms (out), a rejection (out), one on older terms (in).
    with db.session() as s:
        first, second, third = (
            s.scalars(
                select(Agreement)
                .where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
                .order_by(Agreement.value.desc())
                .limit(3)
            )
        )  # fmt: skip
        s.add_all([
            Approval(agreement_id=first.id, login=ME, approved=True, comment="",
                     terms_digest=terms_digest(first)),
            Approval(agreement_id=second.id, login="zhang.min", approved=False, comment="no",
                     terms_digest=terms_digest(second)),
            Approval(agreement_id=third.id, login=ME, approved=True, comment="",
                     terms_digest="0" * 64),
        ])  # fmt: skip
    _same_queue(db)
    with db.session() as s:
        decided = s.scalars(select(ApprovalRequest.agreement_id).where(ApprovalRequest.decided))
        assert {first.id, second.id, third.id} <= set(decided)

    # Activated by plain SQL: out of the queue, its decisions no longer on a waiting one;
    # and back again.
    with db.session() as s:
        s.execute(text(f"UPDATE agreements SET status = 'active' WHERE id = {first.id}"))
    _same_queue(db)
    with db.session() as s:
        s.execute(text(f"UPDATE agreements SET status = 'pending_approval' WHERE id = {first.id}"))
    _same_queue(db)

    # A decision moved to another agreement, one removed.
    with db.session() as s:
        other = _pending(s, currency="CNY")
        s.execute(
            text(f"UPDATE approvals SET agreement_id = {other.id} WHERE agreement_id = {third.id}")
        )
        s.execute(text(f"DELETE FROM approvals WHERE agreement_id = {second.id}"))
    _same_queue(db)

    # History lines written, changed and removed by plain SQL: the author and the request
    # time follow them.
    with db.session() as s:
        if s.connection().dialect.name == "postgresql":
            # The server names the actor (session_user): off here, so a person is named.
            s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_actor"))
        target = _pending(s, currency="CNY")
        s.execute(
            text(
                "INSERT INTO audit_log (at, actor, entity, entity_id, action, field, old_value,"
                " new_value) VALUES (:at, :me, 'agreement', :id, 'update', 'value', '1', '2'),"
                " (:later, 'li.wei', 'agreement', :id, 'update', 'status', 'draft',"
                " 'pending_approval')"
            ),
            {"at": "2030-01-01 10:00:00", "later": "2030-01-02 10:00:00", "me": ME,
             "id": target.id},
        )  # fmt: skip
    _same_queue(db)
    with db.session() as s:
        s.execute(
            text(
                "UPDATE audit_log SET actor = 'zhao.lei' WHERE entity_id = :id AND field = 'value'"
            ),
            {"id": target.id},
        )
    _same_queue(db)
    with db.session() as s:
        s.execute(
            text("DELETE FROM audit_log WHERE entity = 'agreement' AND entity_id = :id"),
            {"id": target.id},
        )
    _same_queue(db)

    # Brand terms: the minimum and the model changed; an agreement made another type.
    with db.session() as s:
        direct = s.scalars(
            select(BrandAgreement).where(BrandAgreement.annual_minimum_purchase.is_not(None))
        ).first()
        assert direct is not None
        s.execute(
            text("UPDATE brand_terms SET annual_minimum_purchase = annual_minimum_purchase * 2"
                 " WHERE id = :id"),
            {"id": direct.id},
        )  # fmt: skip
        s.execute(
            text("UPDATE brand_terms SET operating_model = 'platform' WHERE id IN"
                 " (SELECT id FROM brand_terms WHERE annual_minimum_purchase IS NOT NULL"
                 " ORDER BY id DESC LIMIT 2)"),
        )  # fmt: skip
        s.execute(text(f"UPDATE agreements SET type = 'logistics' WHERE id = {made.id}"))
    _same_queue(db)
    with db.session() as s:
        s.execute(text(f"UPDATE agreements SET type = 'brand' WHERE id = {made.id}"))
        s.execute(text("UPDATE brand_terms SET annual_minimum_purchase = NULL WHERE id = :id"),
                  {"id": direct.id})  # fmt: skip
    _same_queue(db)

    # Deleted, then brought back by undo.
    with db.session() as s:
        snap = delete_with_snapshot(s, made.id)
    _same_queue(db)
    with db.session() as s:
        restore_agreement(s, snap)
    _same_queue(db)

    # An import (the bulk write path): covered rows go in waiting for approval.
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["title", "type", "partner", "partner_country", "status", "currency",
                      "value", "start_date", "end_date", "signed_date", "notice_days",
                      "operating_model", "annual_minimum_purchase"])  # fmt: skip
        for i in range(4):
            out.writerow([f"Imported {i}", "brand", "Queue Trading Ltd", "GB", "active", "CNY",
                          f"{900_000_000 + i}.50", "2026-01-01", f"2027-0{i + 1}-15",
                          "2025-12-20", "30", "direct", "50000"])  # fmt: skip
    with db.session() as s:
        report = import_file(s, path)
        assert not report.problems
        imported = s.scalars(select(Agreement).where(Agreement.title.like("Imported %"))).all()
        assert {a.status for a in imported} == {AgreementStatus.PENDING_APPROVAL}
    _same_queue(db)

    # Plain SQL over many rows at once; agreements deleted.
    with db.session() as s:
        s.execute(text("UPDATE agreements SET status = 'pending_approval' WHERE type = 'payment'"))
        s.execute(text("UPDATE agreements SET value = value + 1 WHERE currency = 'EUR'"))
    _same_queue(db)
    with db.session() as s:
        s.execute(text("DELETE FROM agreements WHERE currency = 'USD'"))
    _same_queue(db)


def test_the_migrations_rules_are_the_services() -> None:
    """Migration 0022 wrote the authoring rule into its triggers, and derived.py into its
    rebuild: both must say what ``approvals.NOT_AUTHORING`` says."""
    from importlib import import_module

    from app.db import derived
    from app.services.approvals import NOT_AUTHORING

    m = import_module("app.db.migrations.versions.0022_approval_queue_and_purchases_kept")
    rule = "(" + ", ".join(f"'{field}'" for field in sorted(NOT_AUTHORING)) + ")"
    assert rule == m.NOT_AUTHORING
    assert rule == derived._NOT_AUTHORING
    assert AgreementType.BRAND.value in m.PURCHASES_NOW
