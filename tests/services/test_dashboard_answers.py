"""The dashboard's and renewals page's lists give the answers of their plain definitions.

The services read them the fast way (one query per status merged, who must approve from
plain columns, digests only where someone decided); each test here works the same answer
out the obvious way on a seeded demo, on both engines, and compares.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

import app.services.people as people
from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, AuditAction
from app.domain.models import Agreement, Approval, AuditEntry, Person
from app.domain.roles import Role
from app.services.approval_desk import WaitingRow, waiting_for_me
from app.services.approvals import ApprovalState, approval_state, terms_digest, waiting
from app.services.dashboard import OPEN_STATUSES, DecisionDue, decisions_due
from app.services.demo import load_demo
from app.services.listing import AgreementFilter

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo_db(any_db: Database) -> Database:
    with any_db.session() as s:
        load_demo(s, 600, seed=11, today=TODAY)
    return any_db


def one_by_one(s: Session) -> list[ApprovalState]:
    """``approval_state`` of every pending agreement, each read on its own."""
    pending = s.scalars(
        select(Agreement)
        .where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
        .order_by(Agreement.reference)
    )
    return [approval_state(s, a, TODAY) for a in pending]


def test_waiting_is_every_pending_agreements_own_approval_state(demo_db: Database) -> None:
    with demo_db.session() as s:
        # A decision on today's terms and one on older terms, beside the demo's own, so
        # the digests are compared (the demo decides on few pending agreements).
        first, second = s.scalars(
            select(Agreement)
            .where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
            .order_by(Agreement.id)
            .limit(2)
        )
        who = s.scalars(select(Person.login).order_by(Person.login)).first()
        assert who is not None
        s.add_all([
            Approval(agreement_id=first.id, login=who, approved=True, comment="",
                     terms_digest=terms_digest(first)),
            Approval(agreement_id=second.id, login=who, approved=False, comment="no",
                     terms_digest="0" * 64),
        ])  # fmt: skip
        s.flush()
        expected = one_by_one(s)
        assert any(d.current for st in expected for d in st.decisions)
        assert any(not d.current for st in expected for d in st.decisions)
        assert waiting(s, TODAY) == expected
        assert waiting(s, TODAY, required=True) == [
            st for st in expected if st.requirement is not None
        ]


def test_waiting_for_me_leaves_out_what_i_wrote_decided_or_nobody_must_approve(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_db.session() as s:
        deciders = set(s.scalars(select(Approval.login)))
        expected_all = one_by_one(s)
    for login in sorted(deciders)[:3]:
        monkeypatch.setattr(people, "connected_login", lambda _s, who=login: who)
        monkeypatch.setattr(people, "connected_role", lambda _s: Role.ADMIN)
        expected = [
            st.reference
            for st in expected_all
            if st.requirement is not None
            and st.rejection is None
            and st.author != login
            and not any(d.login == login and d.current for d in st.decisions)
        ]
        with demo_db.session() as s:
            found = waiting_for_me(s, TODAY, limit=None).rows
            assert sorted(r.reference for r in found) == sorted(expected)
            assert [r.since for r in found] == sorted(r.since for r in found)
            mine = waiting(s, TODAY, mine=True)
        assert [st.reference for st in mine] == [
            st.reference
            for st in expected_all
            if st.author != login and not any(d.login == login and d.current for d in st.decisions)
        ]


def waiting_for_me_in_python(s: Session) -> list[WaitingRow]:
    """ "Waiting for my approval" as it was read before: every pending agreement's
    ``ApprovalState`` (``waiting``), the rules applied in Python, sorted by request time."""
    from app.domain.models import Partner
    from app.services.approval_desk import _display
    from app.services.fx import convert, rate_in_force
    from app.services.settings import base_currency

    states = [st for st in waiting(s, TODAY, mine=True, required=True) if st.rejection is None]
    base = base_currency(s)
    rows = []
    for st in states:
        a = s.execute(
            select(Agreement.id, Agreement.title, Agreement.value, Agreement.currency,
                   Agreement.created_at, Partner.legal_name, Partner.local_name)
            .join(Partner, Partner.id == Agreement.partner_id)
            .where(Agreement.reference == st.reference)
        ).one()  # fmt: skip
        moved = s.scalar(
            select(func.max(AuditEntry.at)).where(
                AuditEntry.entity == "agreement", AuditEntry.entity_id == a.id,
                AuditEntry.field == "status", AuditEntry.new_value == "pending_approval")
        )  # fmt: skip
        rate = rate_in_force(s, a.currency, base, TODAY)
        names = people.display_names(s, {st.author}) if st.author else {}
        rows.append(WaitingRow(
            a.id, st.reference, a.title, _display(a.legal_name, a.local_name), a.value,
            a.currency, convert(a.value, rate), base, names.get(st.author, st.author),
            moved or a.created_at,
        ))  # fmt: skip
    rows.sort(key=lambda r: r.since)
    return rows


def test_waiting_for_me_in_sql_gives_the_rows_of_the_rules_in_python(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from app.services.agreements import change_status
    from app.services.approvals import set_policy

    me = "wang.fang"
    monkeypatch.setattr(people, "connected_login", lambda _s: me)
    monkeypatch.setattr(people, "connected_role", lambda _s: Role.APPROVER)
    with demo_db.session() as s:
        if demo_db.engine.dialect.name == "postgresql":
            # The server names the approver and the history's actor (session_user, the
            # one login of this test): its triggers are off in this transaction, so that
            # other people's decisions and terms can be written, and the demo's history
            # is given to someone else.
            s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_actor"))
            s.execute(text("ALTER TABLE approvals DISABLE TRIGGER approvals_login"))
            s.execute(update(AuditEntry).values(actor="li.wei"))
        # A policy of one type beside the demo's (several thresholds per currency).
        set_policy(s, AgreementType.LOGISTICS, Decimal("800000"), 1)
        # Covered, undecided and written by somebody else: each decision below tells.
        free = [
            st.reference
            for st in waiting(s, TODAY, required=True)
            if not st.decisions and st.author != me
        ]
        pending = [
            s.scalars(select(Agreement).where(Agreement.reference == r)).one() for r in free[:7]
        ]
        a, b, c, d, e, f, g = pending[:7]
        s.add_all([
            # Mine on today's terms (left out) and on older terms (it waits again).
            Approval(agreement_id=a.id, login=me, approved=True, comment="",
                     terms_digest=terms_digest(a)),
            Approval(agreement_id=b.id, login=me, approved=True, comment="",
                     terms_digest="0" * 64),
            # Someone else's rejection on today's terms (out) and on older terms (in).
            Approval(agreement_id=c.id, login="zhang.min", approved=False, comment="no",
                     terms_digest=terms_digest(c)),
            Approval(agreement_id=d.id, login="zhang.min", approved=False, comment="no",
                     terms_digest="1" * 64),
            # Someone else's approval: it still waits for mine.
            Approval(agreement_id=e.id, login="zhang.min", approved=True, comment="",
                     terms_digest=terms_digest(e)),
            # I changed its value last: I wrote its terms (out); a title is not terms.
            AuditEntry(actor=me, entity="agreement", entity_id=f.id, action=AuditAction.UPDATE,
                       field="value", old_value="1", new_value="2"),
            AuditEntry(actor=me, entity="agreement", entity_id=g.id, action=AuditAction.UPDATE,
                       field="title", old_value="x", new_value="y"),
        ])  # fmt: skip
        # Sent for approval later, from a draft: its request time is that status change.
        draft = s.scalars(
            select(Agreement)
            .where(Agreement.status == AgreementStatus.DRAFT, Agreement.currency == "CNY")
            .order_by(Agreement.value.desc())
            .limit(1)
        ).one()
        change_status(s, draft.id, AgreementStatus.NEGOTIATION, draft.version, actor="li.wei")
        change_status(s, draft.id, AgreementStatus.PENDING_APPROVAL, draft.version,
                      actor="li.wei")  # fmt: skip
        s.flush()
        expected = waiting_for_me_in_python(s)
        refs = {r.reference for r in expected}
        assert {b.reference, d.reference, e.reference, g.reference, draft.reference} <= refs
        assert not {a.reference, c.reference, f.reference} & refs
        assert len({r.since for r in expected}) > 1
        everything = waiting_for_me(s, TODAY, limit=None)
        assert list(everything.rows) == expected
        assert everything.total == len(expected) > 10
        first = waiting_for_me(s, TODAY, limit=7)
        assert list(first.rows) == expected[:7]
        assert first.total == len(expected)


def in_one_query(s: Session, where: list[object], limit: int) -> list[tuple[object, ...]]:
    """The decisions as one query over both live statuses, as they were read before."""
    stmt = (
        select(Agreement.reference, Agreement.decision_date, Agreement.status)
        .where(Agreement.status.in_(sorted(OPEN_STATUSES)), *where)  # type: ignore[arg-type]
        .order_by(Agreement.decision_date, Agreement.reference)
        .limit(limit)
    )
    return [tuple(r) for r in s.execute(stmt)]


def shown(found: list[DecisionDue]) -> list[tuple[object, ...]]:
    return [(d.reference, d.decision_date, d.status) for d in found]


@pytest.mark.parametrize("limit", [1, 7, 10_000])
def test_decisions_due_are_the_one_query_answer_at_any_limit(demo_db: Database, limit: int) -> None:
    from datetime import timedelta

    with demo_db.session() as s:
        # Some of each part waiting for approval, so two statuses are merged in each.
        for part, nearest in (
            (Agreement.decision_date < TODAY, Agreement.decision_date.desc()),
            (Agreement.decision_date >= TODAY, Agreement.decision_date),
        ):
            some = s.scalars(
                select(Agreement.id)
                .where(Agreement.status == AgreementStatus.ACTIVE, part)
                .order_by(nearest)
                .limit(3)
            ).all()
            s.execute(
                update(Agreement)
                .where(Agreement.id.in_(some))
                .values(status=AgreementStatus.PENDING_APPROVAL)
            )
        upcoming = in_one_query(
            s,
            [Agreement.decision_date >= TODAY,
             Agreement.decision_date <= TODAY + timedelta(days=90)],
            limit,
        )  # fmt: skip
        missed = in_one_query(s, [Agreement.decision_date < TODAY], limit)
        if limit > 1000:  # both statuses among the answers: the merge is exercised
            assert (
                {st for _r, _d, st in missed}
                == {st for _r, _d, st in upcoming}
                == set(OPEN_STATUSES)
            )
        assert shown(decisions_due(s, TODAY, 90, AgreementFilter(), limit=limit)) == upcoming
        assert (
            shown(decisions_due(s, TODAY, 90, limit=limit, include_overdue=True))
            == missed + upcoming
        )


def test_overdue_milestones_and_expiring_documents_are_the_joined_answers(
    demo_db: Database,
) -> None:
    from datetime import timedelta

    from app.domain.enums import MilestoneStatus
    from app.domain.models import Attachment, Milestone
    from app.services.attachments import expiring_documents
    from app.services.milestones import LIVE_STATUSES, overdue_milestones
    from app.services.overview import attention_counts
    from app.services.scope import not_ended

    with demo_db.session() as s:
        milestones = [
            tuple(r)
            for r in s.execute(
                select(Milestone.id, Agreement.reference, Milestone.due_date)
                .join(Agreement, Agreement.id == Milestone.agreement_id)
                .where(
                    Milestone.status == MilestoneStatus.OPEN,
                    Milestone.due_date < TODAY,
                    Agreement.status.in_(LIVE_STATUSES),
                )
                .order_by(Milestone.due_date, Milestone.id)
            )
        ]
        documents = [
            tuple(r)
            for r in s.execute(
                select(Attachment.id, Agreement.reference, Attachment.expires_on)
                .join(Agreement, Agreement.id == Attachment.agreement_id)
                .where(
                    Attachment.expires_on.is_not(None),
                    Attachment.expires_on <= TODAY + timedelta(days=60),
                    not_ended(TODAY),
                )
                .order_by(Attachment.expires_on, Attachment.id)
            )
        ]
        assert len(milestones) > 5
        assert len(documents) > 0
        found = overdue_milestones(s, TODAY, limit=10_000)
        assert [(m.milestone_id, m.reference, m.due_date) for m in found] == milestones
        first = overdue_milestones(s, TODAY, limit=5)
        assert [(m.milestone_id, m.reference, m.due_date) for m in first] == milestones[:5]
        docs = expiring_documents(s, TODAY, 60, limit=10_000)
        assert [(d.attachment_id, d.reference, d.expires_on) for d in docs] == documents
        counts = attention_counts(s, TODAY)
        assert counts.overdue_milestones == len(milestones)


@pytest.mark.parametrize(
    ("least", "rate"),
    [("5000000", "7.72714800"), ("20000000", "0.00514700"), ("0", "1"), ("1", "0.00000001")],
)
def test_a_policys_edge_in_a_currency_is_the_first_amount_it_covers(least: str, rate: str) -> None:
    from decimal import Decimal

    from app.services.approval_queue import least_covered
    from app.services.fx import RateInForce, convert

    r = RateInForce("EUR", "CNY", Decimal(rate), TODAY)
    edge = least_covered(Decimal(least), r)
    assert edge is not None
    assert convert(edge, r) >= Decimal(least) > convert(edge - Decimal("0.01"), r)
