"""The first screen of every list sort reads an index in order: no scan of the whole
table, no sort of all its rows. A plan can be checked where a timing cannot: these plans
are what keeps a first screen at a million agreements in milliseconds (bench/bench_lists.py
measures them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.db import Database
from app.services.agreements import create_agreement
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids
from app.services.partners import PartnerInput, create_partner
from tests.conftest import TODAY, agreement_input


@contextmanager
def _statements(session: Session) -> Iterator[list[tuple[str, object]]]:
    """The SELECTs ``session`` runs meanwhile, with their parameters."""
    seen: list[tuple[str, object]] = []
    engine = session.get_bind()

    def record(_conn: object, _cursor: object, sql: str, params: object, *_: object) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((sql, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _plans(session: Session, statements: list[tuple[str, object]]) -> list[str]:
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    found = []
    for sql, params in statements:
        explain = ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql
        rows = connection.exec_driver_sql(explain, params)  # type: ignore[arg-type]
        found.append("\n".join(str(r[-1] if sqlite else r[0]) for r in rows))
    return found


def _some_agreements(session: Session) -> None:
    partner = create_partner(session, PartnerInput(legal_name="Plan Partner Ltd", country="GB"))
    for i in range(3):
        create_agreement(session, agreement_input(partner.id, title=f"Plan {i}"))


SORTS = sorted(SORT_COLUMNS)


def _first_screen_plans(session: Session, sort: str, descending: bool) -> list[str]:
    with _statements(session) as seen:
        agreement_ids(session, AgreementFilter(today=TODAY), sort=sort, descending=descending,
                      limit=100)  # fmt: skip
    return _plans(session, seen)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORTS)
def test_sqlite_reads_each_sorts_first_screen_from_an_index(
    session: Session, sort: str, descending: bool
) -> None:
    _some_agreements(session)
    for plan in _first_screen_plans(session, sort, descending):
        # Sorting the right part (the ids of one currency, of one partner's agreements) as
        # the index walk reaches each group stops with the first screen (50 ms at a
        # million): never a sort of the whole table.
        plan = plan.replace("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY", "")
        # (A "SCAN agreements" without a sort is a walk in id order, the table's own.)
        assert "TEMP B-TREE" not in plan, plan


@pytest.mark.postgres
def test_postgresql_reads_each_sorts_first_screen_from_an_index(pg_db: Database) -> None:
    with pg_db.session() as s:
        _some_agreements(s)
        # With three rows a sequential scan and a sort are cheapest: forbid them, and a
        # plan that still has one has no index to read in order.
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_sort = off"))
        for sort in SORTS:
            for descending in (False, True):
                for plan in _first_screen_plans(s, sort, descending):
                    # An incremental sort orders a group the index walk reached.
                    sorts = re.findall(r"(?<!Incremental )Sort  \(cost", plan)
                    assert not sorts and "Seq Scan on agreements" not in plan, (
                        sort, descending, plan,
                    )  # fmt: skip
