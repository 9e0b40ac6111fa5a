"""The dashboard's tile counts agree with the attention lists wherever those are complete."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.domain.enums import AgreementType
from app.services.dashboard import attention, decisions_due
from app.services.demo import load_demo
from app.services.listing import AgreementFilter
from app.services.overview import attention_counts, count_decisions_due, renewal_pipeline

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


def test_the_renewal_pipeline_lists_a_few_and_counts_them_all(session: Session) -> None:
    """The renewals page lists at most a limit of each part (missed, to come) and says how
    many there are in all, of the type it shows."""
    load_demo(session, 1500, seed=5, today=TODAY)
    brand = AgreementFilter(types=frozenset({AgreementType.BRAND}))
    for f in (None, brand):
        whole = decisions_due(session, TODAY, 90, f, include_overdue=True)
        missed = [d for d in whole if d.days_left < 0]
        due = [d for d in whole if d.days_left >= 0]
        assert len(missed) > 5 and len(due) > 5, f
        pipeline = renewal_pipeline(session, TODAY, 90, f, limit=5)
        assert list(pipeline.decisions) == missed[:5] + due[:5]
        assert (pipeline.due, pipeline.missed) == (len(due), len(missed))
        roomy = renewal_pipeline(session, TODAY, 90, f, limit=100_000)
        assert list(roomy.decisions) == whole
        assert (roomy.due, roomy.missed) == (len(due), len(missed))
