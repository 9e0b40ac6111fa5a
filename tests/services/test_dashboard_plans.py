"""The dashboard's and renewals page's first screens read an index in the list's order:
no sort of every matching row, no walk of every live agreement. A plan can be checked
where a timing cannot (bench/bench_figures.py measures them at a million agreements)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.services.attachments import expiring_documents
from app.services.dashboard import decisions_due
from app.services.listing import AgreementFilter
from app.services.milestones import overdue_milestones
from tests.conftest import TODAY
from tests.services.test_list_plans import _plans, _some_agreements, _statements

FIRST_SCREENS: dict[str, Callable[[Session], object]] = {
    "renewals": lambda s: decisions_due(s, TODAY, 90, AgreementFilter(), limit=2001,
                                        include_overdue=True),
    "overdue milestones": lambda s: overdue_milestones(s, TODAY, limit=200),
    "expiring documents": lambda s: expiring_documents(s, TODAY, 60, limit=200),
}  # fmt: skip


def _first_screen_plans(session: Session, name: str) -> list[str]:
    with _statements(session) as seen:
        FIRST_SCREENS[name](session)
    assert seen
    return _plans(session, seen)


@pytest.mark.parametrize("name", sorted(FIRST_SCREENS))
def test_sqlite_reads_each_first_screen_in_order_from_an_index(session: Session, name: str) -> None:
    _some_agreements(session)
    for plan in _first_screen_plans(session, name):
        # A sort of the right part (one decision date's references) as the walk reaches
        # it stops with the first screen; a sort of the whole range does not.
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
        assert "USING INDEX" in plan, plan
        # Not every live agreement searched for its milestones or documents.
        assert not re.search(r"SEARCH agreements USING INDEX \w+ \(status=\?\)", plan), plan
        assert "SCAN" not in plan, plan


@pytest.mark.postgres
def test_postgresql_reads_each_first_screen_in_order_from_an_index(pg_db: Database) -> None:
    with pg_db.session() as s:
        _some_agreements(s)
        # With three rows a sequential scan and a sort are cheapest: forbid them, and a
        # plan that still has one has no index to read in order.
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_sort = off"))
        for name in sorted(FIRST_SCREENS):
            for plan in _first_screen_plans(s, name):
                sorts = re.findall(r"(?<!Incremental )Sort  \(cost", plan)
                assert not sorts and "Seq Scan" not in plan, (name, plan)


def _queue_plans(session: Session, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The plans of "Waiting for my approval" and of the portfolio figures' renewed
    agreements of this month, by the table each statement reads first."""
    from decimal import Decimal

    import app.services.people as people
    from app.domain.enums import AgreementStatus
    from app.domain.roles import Role
    from app.services.agreements import create_agreement
    from app.services.approval_desk import waiting_for_me
    from app.services.approvals import set_policy
    from app.services.partners import PartnerInput, create_partner
    from app.services.portfolio import portfolio_figures
    from app.services.scope import Scope
    from tests.conftest import agreement_input

    monkeypatch.setattr(people, "connected_login", lambda _s: "wang.fang")
    monkeypatch.setattr(people, "connected_role", lambda _s: Role.APPROVER)
    partner = create_partner(session, PartnerInput(legal_name="Queue Plan Ltd", country="GB"))
    set_policy(session, None, Decimal("0"), 1)
    for i in range(3):
        pending = agreement_input(partner.id, title=f"Wait {i}", currency="CNY",
                                  status=AgreementStatus.PENDING_APPROVAL)  # fmt: skip
        create_agreement(session, pending)
    with _statements(session) as seen:
        waiting = waiting_for_me(session, TODAY)
        portfolio_figures(session, TODAY, scope=Scope.IN_FORCE)
    assert waiting.total == 3
    plans = {}
    for (sql, _params), plan in zip(seen, _plans(session, seen), strict=True):
        for name, marker in (
            ("page", "SELECT approval_requests.agreement_id FROM"),
            ("count", "SELECT count(*) AS count_1 FROM approval_requests"),
            ("decisions", "FROM approvals WHERE approvals.agreement_id IN"),
            ("renewed", "FROM agreements LEFT OUTER JOIN brand_terms"),
        ):
            if marker in " ".join(sql.split()):
                plans[name] = plan
    return plans


def test_sqlite_reads_the_approval_queue_from_its_indexes(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = _queue_plans(session, monkeypatch)
    assert set(plans) == {"page", "count", "decisions", "renewed"}, plans
    # The screen walks the queue's index in its order and stops after it.
    assert "COVERING INDEX ix_approval_requests_queue" in plans["page"], plans["page"]
    assert "TEMP B-TREE" not in plans["page"], plans["page"]
    assert "agreements" not in plans["count"], plans["count"]
    # Only the decisions on waiting agreements somebody decided on, not every waiting
    # agreement's decisions looked for.
    assert "ix_approval_requests_decided" in plans["decisions"], plans["decisions"]
    assert "SEARCH approvals USING INDEX" in plans["decisions"], plans["decisions"]
    # This month's renewed agreements: a range of end dates, not every renewed agreement.
    assert "ix_agreements_end_date_id_reference" in plans["renewed"], plans["renewed"]


@pytest.mark.postgres
def test_postgresql_reads_the_approval_queue_in_order_from_its_index(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_db.session() as s:
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_sort = off"))
        plans = _queue_plans(s, monkeypatch)
        page = plans["page"]
        assert "ix_approval_requests_queue" in page and "Sort  (cost" not in page, page
        assert "ix_approval_requests_decided" in plans["decisions"], plans["decisions"]
