"""A filter by type, status or operating model sorted by value or base value: its first
screen is the whole sorted list's beginning, and on PostgreSQL each (type, currency)'s
rows come in value order from one index (migration 0024), never from a scan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids
from tests.services.test_list_plans import _plans, _statements

TODAY = date(2026, 11, 26)

FILTERS = {
    "operating model": AgreementFilter(operating_model=OperatingModel.PLATFORM),
    "other model": AgreementFilter(operating_model=OperatingModel.DIRECT),
    "a type": AgreementFilter(types=frozenset({AgreementType.LOGISTICS})),
    "two types": AgreementFilter(types=frozenset({AgreementType.BRAND, AgreementType.PAYMENT})),
    "model and status": AgreementFilter(
        operating_model=OperatingModel.PLATFORM, statuses=frozenset({AgreementStatus.ACTIVE})
    ),
    "a status": AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT})),
}


@pytest.fixture
def demo_db(any_db: Database) -> Database:
    with any_db.session() as s:
        load_demo(s, 300, seed=7, today=TODAY)
    return any_db


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_kind_of_agreements_by_value_begins_as_its_whole_list(
    demo_db: Database, name: str
) -> None:
    f = replace(FILTERS[name], today=TODAY)
    with demo_db.session() as s:
        for sort in ("value", "base_value"):
            for descending in (False, True):
                whole = agreement_ids(s, f, sort=sort, descending=descending)
                assert whole, (name, sort)
                for limit in (1, 7, 100):
                    first = agreement_ids(s, f, sort=sort, descending=descending, limit=limit)
                    assert first == whole[:limit], (name, sort, descending, limit)


@pytest.mark.postgres
def test_postgresql_reads_a_models_agreements_by_value_from_the_type_currency_index(
    pg_db: Database,
) -> None:
    with pg_db.session() as s:
        load_demo(s, 120, seed=3, today=TODAY)
        s.execute(text("ANALYZE agreements"))
        # (Its few rows would be read whole otherwise, as they should at this size.)
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_sort = off"))
        f = AgreementFilter(operating_model=OperatingModel.PLATFORM, today=TODAY)
        for sort in ("value", "base_value"):
            with _statements(s) as seen:
                agreement_ids(s, f, sort=sort, limit=100)
            plans = "\n".join(_plans(s, seen))
            assert "ix_agreements_type_currency_value" in plans, (sort, plans)
            assert "Seq Scan on agreements" not in plans, (sort, plans)
