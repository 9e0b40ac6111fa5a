"""The dashboard's tile counts agree with the attention lists wherever those are complete."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.services.dashboard import attention, decisions_due
from app.services.demo import load_demo
from app.services.overview import attention_counts, count_decisions_due

TODAY = date(2026, 11, 26)


def test_counts_match_the_uncapped_lists(session: Session) -> None:
    load_demo(session, 400, seed=5, today=TODAY)
    lists = attention(session, TODAY, 90, limit=100_000)
    counts = attention_counts(session, TODAY)
    assert counts.decisions_30 == len(lists.decisions_within(30)) > 0
    assert counts.decisions_90 == len(lists.upcoming_decisions) > counts.decisions_30
    assert counts.overdue_milestones == len(lists.overdue_milestones) > 0
    assert counts.red_kpis == len(lists.red_kpis) > 0
    assert counts.expiring_documents == len(lists.expiring_documents) + len(
        lists.expiring_seller_documents
    )


def test_counts_are_not_capped_by_the_list_limit(session: Session) -> None:
    load_demo(session, 3000, seed=5, today=TODAY)
    capped = attention(session, TODAY, 90, limit=50)
    assert len(capped.upcoming_decisions) == 50
    assert count_decisions_due(session, TODAY, 90) == len(decisions_due(session, TODAY, 90)) > 50
