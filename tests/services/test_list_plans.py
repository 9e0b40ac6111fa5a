"""The first screen of every list sort reads an index in order: no scan of the whole
table, no sort of all its rows. A plan can be checked where a timing cannot: these plans
are what keeps a first screen at a million agreements in milliseconds (bench/bench_lists.py
measures them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.services import query_plans
from app.services.agreements import create_agreement
from app.services.fx import set_rate
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids, first_screens
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


WIDE_FILTERS = {
    "type": (
        AgreementFilter(types=frozenset({AgreementType.BRAND})),
        "ix_agreements_type_reference",
    ),
    "status": (
        AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT})),
        "ix_agreements_status_reference",
    ),
    "decision dates": (
        AgreementFilter(decision_from=TODAY, decision_to=TODAY + timedelta(days=3650)),
        "ix_agreements_decision_date_id_reference",
    ),
    "start from": (
        AgreementFilter(start_from=TODAY - timedelta(days=3650)),
        "ix_agreements_start_date_id_reference",
    ),
}


@pytest.mark.parametrize("name", sorted(WIDE_FILTERS))
def test_sqlite_reads_a_wide_filters_first_screen_in_reference_order_from_an_index(
    session: Session, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A filter that keeps hundreds of thousands of rows, all sorting after the first ones
    (a type's references, next year's dates): its rows in reference order come from an
    index of (filter column, reference), never from visiting and sorting every row kept."""
    f, index = WIDE_FILTERS[name]
    _some_agreements(session)
    # Three rows count as wide when nothing counts as narrow.
    monkeypatch.setattr(first_screens, "_FEW", 0)
    with _statements(session) as seen:
        found = agreement_ids(session, f, limit=100)
    assert found == agreement_ids(session, f)
    assert len(found) == 3
    last = _plans(session, seen)[-1]
    assert f"USING COVERING INDEX {index}" in last, last
    if name in ("type", "status"):
        # In order: the walk stops at the first screen.
        assert "TEMP B-TREE" not in last, last


@pytest.mark.postgres
def test_postgresql_finds_a_dense_searchs_first_screen_walking_the_sort_order(
    pg_db: Database,
) -> None:
    """A term most rows hold ("a", a common word): its first screen lies in the first rows
    of the sort order, read by id through the primary key. A one-letter term has no
    trigram to look up: without the walk it would be a scan of every agreement."""
    with pg_db.session() as s:
        _some_agreements(s)
        s.execute(text("SET LOCAL enable_seqscan = off"))
        for needle in ("a", "Plan", "lan 1"):
            f = AgreementFilter(search=needle)
            everything = agreement_ids(s, f)
            for sort in ("reference", "title", "decision_date"):
                for descending in (False, True):
                    ordered = agreement_ids(s, f, sort=sort, descending=descending)
                    with _statements(s) as seen:
                        first = agreement_ids(s, f, sort=sort, descending=descending, limit=1)
                    assert first == ordered[:1] and set(ordered) == set(everything)
                    for plan in _plans(s, seen):
                        assert "Seq Scan on agreements" not in plan, (needle, sort, plan)


@pytest.mark.postgres
def test_postgresql_first_screens_by_a_column_of_few_values_are_the_lists_first_rows(
    pg_db: Database,
) -> None:
    """Type, status, currency and owner take each value's first rows in turn: the same
    rows, in the same order, as the whole sorted list begins with."""
    with pg_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Plan Partner Ltd", country="GB"))
        for i, (owner, currency) in enumerate(
            [("Li Wei", "EUR"), ("Ann Lee", "USD"), ("Li Wei", "USD"), ("Bo Chen", "EUR")]
        ):
            create_agreement(
                s, agreement_input(partner.id, title=f"Plan {i}", owner=owner, currency=currency)
            )
        for sort in ("type", "status", "currency", "owner"):
            for descending in (False, True):
                whole = agreement_ids(s, sort=sort, descending=descending)
                for limit in (1, 2, 3):
                    first = agreement_ids(s, sort=sort, descending=descending, limit=limit)
                    assert first == whole[:limit], (sort, descending, limit)


CLUSTERED = {
    # A status's rows sorted by another date: the status's date index holds them all.
    "status by start date": (
        AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT})),
        "start_date",
        "ix_agreements_status_decision_date",
    ),
    "start from, by end date": (
        AgreementFilter(start_from=TODAY - timedelta(days=3650)),
        "end_date",
        "ix_agreements_start_date_id_reference",
    ),
    "end to, by decision date": (
        AgreementFilter(end_to=TODAY + timedelta(days=3650)),
        "decision_date",
        "ix_agreements_end_date_id_reference",
    ),
    "decision dates, by status": (
        AgreementFilter(decision_from=TODAY, decision_to=TODAY + timedelta(days=3650)),
        "status",
        "ix_agreements_decision_date_id_reference",
    ),
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("name", sorted(CLUSTERED))
def test_sqlite_sorts_a_wide_date_or_status_filter_by_another_date_from_its_index_alone(
    session: Session, monkeypatch: pytest.MonkeyPatch, name: str, descending: bool
) -> None:
    """Dates cluster with dates and the status (the active agreements all end late): the
    first rows of one date's order hold none of another's range, and walking it visits
    most of a million rows. The filter's own index holds the other dates and the status
    (migration 0020): its rows are sorted from index entries, no row is read."""
    f, sort, index = CLUSTERED[name]
    _some_agreements(session)
    monkeypatch.setattr(first_screens, "_FEW", 0)
    with _statements(session) as seen:
        found = agreement_ids(session, f, sort=sort, descending=descending, limit=2)
    assert found == agreement_ids(session, f, sort=sort, descending=descending)[:2]
    last = _plans(session, seen)[-1]
    assert f"USING COVERING INDEX {index}" in last, last
    assert "USING INDEX" not in last.replace("COVERING INDEX", ""), last


def test_sqlite_walks_a_statuss_rows_in_decision_date_order(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One status by decision date (the renewals' question) is a walk of its index that
    stops at the first screen: nothing is sorted."""
    _some_agreements(session)
    monkeypatch.setattr(first_screens, "_FEW", 0)
    f = AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT}))
    with _statements(session) as seen:
        found = agreement_ids(session, f, sort="decision_date", limit=2)
    assert found == agreement_ids(session, f, sort="decision_date")[:2]
    last = _plans(session, seen)[-1]
    assert "ix_agreements_status_decision_date (status=?)" in last, last
    assert "TEMP B-TREE" not in last, last


@pytest.mark.postgres
def test_postgresql_first_screens_of_a_filter_by_a_column_of_few_values(pg_db: Database) -> None:
    """A type, status or owner filter sorted by type, status, currency or owner: only the
    values the filter keeps are looked at, and the rows are the whole list's first."""
    with pg_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Plan Partner Ltd", country="GB"))
        for i, (owner, status) in enumerate(
            [("Li Wei", AgreementStatus.DRAFT), ("Ann Lee", AgreementStatus.NEGOTIATION),
             ("Li Wei", AgreementStatus.NEGOTIATION), ("Bo Chen", AgreementStatus.DRAFT)]
        ):  # fmt: skip
            create_agreement(
                s, agreement_input(partner.id, title=f"Plan {i}", owner=owner, status=status)
            )
        filters = [
            AgreementFilter(owner="li WEI"),
            AgreementFilter(owner="nobody"),
            AgreementFilter(statuses=frozenset({AgreementStatus.NEGOTIATION})),
            AgreementFilter(types=frozenset({AgreementType.BRAND})),
            AgreementFilter(operating_model=OperatingModel.DIRECT),
        ]
        for f in filters:
            for sort in ("type", "status", "currency", "owner", "reference"):
                for descending in (False, True):
                    whole = agreement_ids(s, f, sort=sort, descending=descending)
                    for limit in (1, 2):
                        first = agreement_ids(s, f, sort=sort, descending=descending, limit=limit)
                        assert first == whole[:limit], (f, sort, descending, limit)


def _typed_agreements(session: Session) -> None:
    """Agreements of two types and two statuses in two currencies that convert."""
    set_rate(session, "EUR", "CNY", Decimal("7.8"), TODAY - timedelta(days=30))
    partner = create_partner(session, PartnerInput(legal_name="Plan Partner Ltd", country="GB"))
    for i in range(8):
        kind = (AgreementType.BRAND, AgreementType.PAYMENT)[i % 2]
        terms = {"operating_model": "direct"} if kind is AgreementType.BRAND else {}
        status = (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION)[i // 4]
        create_agreement(
            session,
            agreement_input(partner.id, title=f"Plan {i % 3}", type=kind, terms=terms,
                            status=status, currency=("EUR", "CNY")[i % 3 % 2],
                            value=Decimal(1000 + 10 * (i % 4))),
        )  # fmt: skip


BY_GROUPS = {
    "type": AgreementFilter(types=frozenset({AgreementType.PAYMENT}), today=TODAY),
    "status": AgreementFilter(statuses=frozenset({AgreementStatus.NEGOTIATION}), today=TODAY),
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("name", sorted(BY_GROUPS))
def test_sqlite_reads_a_type_or_status_by_base_value_from_the_portfolio_index(
    session: Session, monkeypatch: pytest.MonkeyPatch, name: str, descending: bool
) -> None:
    """A type's or status's values may cluster low (logistics agreements are small): a
    walk of each currency's values passed the other types' rows first (0.6 s at a million).
    Each (type, status, currency) of the filter has its rows in value order in
    ix_agreements_portfolio, read from index entries alone."""
    _typed_agreements(session)
    monkeypatch.setattr(first_screens, "_FEW", 0)
    f = BY_GROUPS[name]
    with _statements(session) as seen:
        found = agreement_ids(session, f, sort="base_value", descending=descending, limit=2)
    assert found == agreement_ids(session, f, sort="base_value", descending=descending)[:2]
    groups = [p for p in _plans(session, seen) if "ix_agreements_portfolio" in p]
    assert groups, _plans(session, seen)
    for plan in groups:
        reads = [line for line in plan.splitlines() if line.startswith("SEARCH agreements")]
        assert reads and all(
            "COVERING INDEX ix_agreements_portfolio (type=? AND status=? AND currency=?)" in r
            for r in reads
        ), plan
        # Only the hundred-odd rows the groups give are sorted, to merge them.
        assert "RIGHT PART" not in plan, plan


def test_sqlite_walks_a_types_rows_in_title_order(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A type's titles cluster (its own words): a type by title is a walk of
    ix_agreements_type_title (migration 0023) that stops at the first screen, not a walk of
    the titles past the other types' (nor all of the type's rows sorted)."""
    _typed_agreements(session)
    monkeypatch.setattr(first_screens, "_FEW", 0)
    f = BY_GROUPS["type"]
    for descending in (False, True):
        with _statements(session) as seen:
            found = agreement_ids(session, f, sort="title", descending=descending, limit=2)
        assert found == agreement_ids(session, f, sort="title", descending=descending)[:2]
        last = _plans(session, seen)[-1]
        assert "ix_agreements_type_title (type=?)" in last, last
        assert "TEMP B-TREE" not in last, last


@pytest.mark.postgres
def test_postgresql_walks_a_types_rows_in_title_order(pg_db: Database) -> None:
    with pg_db.session() as s:
        _typed_agreements(s)
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_bitmapscan = off"))
        f = BY_GROUPS["type"]
        for descending in (False, True):
            whole = agreement_ids(s, f, sort="title", descending=descending)
            with _statements(s) as seen:
                first = agreement_ids(s, f, sort="title", descending=descending, limit=2)
            assert first == whole[:2]
            last = _plans(s, seen)[-1]
            assert "ix_agreements_type_title" in last and "Sort Key" not in last, last


def test_a_postgresql_walk_that_checks_the_filter_on_each_row_is_told_apart() -> None:
    """What EXPLAIN (FORMAT JSON) says of the walks a date range's first screen may take."""
    reference_walk: dict[str, Any] = {
        "Node Type": "Index Scan", "Relation Name": "agreements",
        "Index Name": "uq_agreements_reference", "Filter": "(start_date >= '2026-06-01'::date)",
    }  # fmt: skip
    walk_past = {
        "Node Type": "Limit",
        "Plans": [{"Node Type": "Incremental Sort", "Plans": [reference_walk]}],
    }
    own_index = {
        "Node Type": "Limit",
        "Plans": [{"Node Type": "Index Only Scan", "Relation Name": "agreements",
                   "Index Cond": "(decision_date >= '2027-01-01'::date)"}],
    }  # fmt: skip
    sorted_ = {
        "Node Type": "Limit",
        "Plans": [{"Node Type": "Sort", "Plans": [reference_walk]}],
    }
    assert query_plans.walks_past_rejected(walk_past)
    assert not query_plans.walks_past_rejected(own_index)
    assert not query_plans.walks_past_rejected(sorted_)


DATED = [
    AgreementFilter(start_from=TODAY - timedelta(days=3650)),
    AgreementFilter(end_to=TODAY + timedelta(days=3650)),
    AgreementFilter(decision_from=TODAY, decision_to=TODAY + timedelta(days=3650)),
    AgreementFilter(expiring_within=3650, today=TODAY),
]


@pytest.mark.postgres
def test_postgresql_sorts_a_date_ranges_rows_rather_than_walk_past_others(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dates cluster with the references: when PostgreSQL's plan walks the reference (or
    another date's) index checking the range on each row, the range's rows are sorted
    instead, by an ORDER BY no index answers; the rows are the whole list's first."""
    with pg_db.session() as s:
        _typed_agreements(s)
        for f in DATED:
            for sort in ("reference", "start_date", "end_date", "decision_date"):
                for descending in (False, True):
                    whole = agreement_ids(s, f, sort=sort, descending=descending)
                    assert whole, f
                    with monkeypatch.context() as m:
                        m.setattr(first_screens, "walks_past_rejected", lambda _plan: True)
                        with _statements(s) as seen:
                            first = agreement_ids(s, f, sort=sort, descending=descending,
                                                  limit=3)  # fmt: skip
                    assert first == whole[:3], (f, sort, descending)
                    last = seen[-1][0]
                    assert "|| ''" in last or "+ 0" in last, last
