"""A search's first screen is the whole searched list's beginning, whichever plan finds it.

The first screen of a search is found one of several ways
(``listing.first_screens.first_ids``): among the first rows of the sort order, by walking
the sort order checking each row, or by reading the term's candidates from the text index
and sorting them (on PostgreSQL in two halves, counted first). Which one depends on how
many rows the term matches and where they lie; here the thresholds are forced so that each
way answers every sort, both ways, and must show the rows a user sees in the whole list,
in the same order.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import OperatingModel
from app.services import search
from app.services.demo import load_demo
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids, first_screens
from tests.services.test_list_plans import _plans, _statements

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo_db(any_db: Database) -> Database:
    with any_db.session() as s:
        load_demo(s, 300, seed=5, today=TODAY)
    return any_db


def _terms(s: Session) -> list[str]:
    """A rare term (the newest reference), a partner's local name's first two characters
    (its agreements only: many candidates that cluster by type), a Latin word part, a
    letter most rows hold."""
    reference, local = s.execute(
        text(
            "SELECT a.reference, p.local_name FROM agreements a JOIN partners p"
            " ON p.id = a.partner_id WHERE p.local_name IS NOT NULL ORDER BY a.id DESC LIMIT 1"
        )
    ).one()
    return [reference, reference[:-1], local[:2], "ion", "a"]


# How each way is forced: the first rows of the sort order looked at (``_FEW // 20``), the
# candidates PostgreSQL fetches by id before counting them (_PG_FEW), and the candidates
# a term may have to be read and sorted rather than walked past (DENSE).
PLANS = {
    "as chosen": {},
    "candidates fetched and sorted": {"_FEW": 0},
    "candidates counted, read and sorted": {"_FEW": 0, "_PG_FEW": 0},
    "sort order walked": {"_FEW": 0, "_PG_FEW": 0, "DENSE": 0},
}


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_every_sorts_first_screen_of_a_search_is_the_lists_beginning(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, plan: str
) -> None:
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(first_screens, name, value)
        if name == "DENSE":
            monkeypatch.setattr(search, name, value)
    with demo_db.session() as s:
        for needle in _terms(s):
            for model in (None, OperatingModel.PLATFORM):
                f = AgreementFilter(search=needle, operating_model=model, today=TODAY)
                for sort in SORT_COLUMNS:
                    for descending in (False, True):
                        with monkeypatch.context() as m:
                            # The whole list as it always was: its candidates, all sorted.
                            m.setattr(search, "DENSE", 40_000)
                            whole = agreement_ids(s, f, sort=sort, descending=descending)
                        for limit in (1, 7):
                            first = agreement_ids(
                                s, f, sort=sort, descending=descending, limit=limit
                            )
                            assert first == whole[:limit], (needle, model, sort, descending)
                        if model is None:
                            assert whole, needle  # (each term finds rows)


@pytest.mark.postgres
def test_postgresql_reads_a_partner_names_agreements_by_reference_from_an_index(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term in partners' names, with too many candidates to fetch by id: their
    agreements' first screen by reference comes from ix_agreements_partner_reference
    (migration 0025), whose entries hold the reference, not from a visit of each row."""
    monkeypatch.setattr(first_screens, "_FEW", 0)
    monkeypatch.setattr(first_screens, "_PG_FEW", 0)
    with pg_db.session() as s:
        load_demo(s, 200, seed=5, today=TODAY)
    # As autovacuum leaves a table: its pages marked all-visible, so that an index's
    # entries answer without a visit of each row.
    with pg_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE agreements"))
    with pg_db.session() as s:
        # (A few hundred rows would be read whole otherwise, as they should at this size.)
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_bitmapscan = off"))
        needle = _terms(s)[2]  # a partner's local name's first two characters
        f = AgreementFilter(search=needle, today=TODAY)
        whole = agreement_ids(s, f)
        with _statements(s) as seen:
            first = agreement_ids(s, f, limit=7)
        sorted_plans = [p for p in _plans(s, seen) if "Sort Key" in p]
    assert first == whole[:7] and whole, needle
    index_alone = "Index Only Scan using ix_agreements_partner_reference"
    assert any(index_alone in p for p in sorted_plans), sorted_plans
