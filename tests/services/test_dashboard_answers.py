"""The dashboard's and renewals page's lists give the answers of their plain definitions.

The services read them the fast way (one query per status merged, who must approve from
plain columns, digests only where someone decided); each test here works the same answer
out the obvious way on a seeded demo, on both engines, and compares.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import app.services.people as people
from app.db import Database
from app.domain.enums import AgreementStatus
from app.domain.models import Agreement, Approval, Person
from app.domain.roles import Role
from app.services.approval_desk import waiting_for_me
from app.services.approvals import ApprovalState, approval_state, terms_digest, waiting
from app.services.dashboard import OPEN_STATUSES, DecisionDue, decisions_due
from app.services.demo import load_demo
from app.services.listing import AgreementFilter

TODAY = date(2026, 11, 26)


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_db(request: pytest.FixtureRequest) -> Database:
    name = "db" if request.param == "sqlite" else "pg_db"
    found: Database = request.getfixturevalue(name)
    with found.session() as s:
        load_demo(s, 600, seed=11, today=TODAY)
    return found


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
            found = waiting_for_me(s, TODAY)
            assert sorted(r.reference for r in found) == sorted(expected)
            assert [r.since for r in found] == sorted(r.since for r in found)
            mine = waiting(s, TODAY, mine=True)
        assert [st.reference for st in mine] == [
            st.reference
            for st in expected_all
            if st.author != login and not any(d.login == login and d.current for d in st.decisions)
        ]


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
