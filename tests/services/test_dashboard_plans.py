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
