"""The demo loader: the same seed gives the same database, on SQLite and on PostgreSQL, and
a load into a new database leaves it with every index it had (they are built after)."""

from __future__ import annotations

import copy
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Table, create_engine, make_url, select, text
from sqlalchemy.orm import Session

from app.db import Database, bulk, open_database
from app.db.bulk import BULK_LOAD_HOOKS, bulk_load, secondary_indexes
from app.domain.models import Agreement, Base
from app.domain.types import UTCDateTime
from app.services import demo, demo_agreements, demo_worker
from app.services.demo import load_demo
from app.services.demo_agreements import Chunk, Plan
from tests.conftest import drop_test_databases, postgres_url

TODAY = date(2026, 11, 30)
SIZE = 400


def contents(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in id order, without the moments of the load (``utcnow``)."""
    tables = {}
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if not isinstance(c.type, UTCDateTime)]
        query = select(*columns).order_by(*table.primary_key.columns)
        tables[table.name] = [tuple(row) for row in session.execute(query)]
    return tables


def loaded(db: Database, seed: int, size: int = SIZE) -> dict[str, list[tuple[Any, ...]]]:
    with db.session() as s:
        load_demo(s, size, seed, today=TODAY)
    with db.session() as s:
        return contents(s)


def assert_same(one: dict[str, list[Any]], other: dict[str, list[Any]]) -> None:
    assert one.keys() == other.keys()
    for name, rows in one.items():
        assert rows == other[name], name


@pytest.fixture
def two_dbs(db: Database, db_path: Any, tmp_path: Any) -> Iterator[tuple[Database, Database]]:
    import shutil

    copy = tmp_path / "second.db"
    shutil.copyfile(db_path, copy)
    second = open_database(copy)
    yield db, second
    second.dispose()


def test_one_seed_gives_the_same_rows(two_dbs: tuple[Database, Database]) -> None:
    first, second = two_dbs
    one = loaded(first, seed=7)
    assert len(one["agreements"]) == SIZE
    assert len(one["kpi_actuals"]) > SIZE and len(one["milestones"]) >= SIZE
    assert_same(one, loaded(second, seed=7))


def test_another_seed_gives_other_rows(two_dbs: tuple[Database, Database]) -> None:
    first, second = two_dbs
    assert loaded(first, seed=7)["agreements"] != loaded(second, seed=8)["agreements"]


def test_rows_written_in_chunks_are_the_rows_written_at_once(
    two_dbs: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million agreements are written every CHUNK of them; the ids and rows are those
    of one write at the end."""
    first, second = two_dbs
    at_once = loaded(first, seed=7)
    monkeypatch.setattr(demo, "CHUNK", 37)
    monkeypatch.setattr(bulk, "BATCH", 11)
    assert_same(at_once, loaded(second, seed=7))


def test_rows_drawn_on_a_second_core_are_the_rows_drawn_here(
    two_dbs: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From WORKER_MIN_AGREEMENTS on, a worker process draws the agreements while this
    one writes them: the same rows, and the worker did send them."""
    first, second = two_dbs
    monkeypatch.setattr(demo, "CHUNK", 97)
    here = loaded(first, seed=7)
    sent: list[int] = []
    from_worker = demo_worker._from_worker

    def counted(plan: Plan) -> Iterator[Chunk]:
        for chunk in from_worker(plan):
            sent.append(chunk.drawn)
            yield chunk

    monkeypatch.setattr(demo_worker, "ALWAYS", True)
    monkeypatch.setattr(demo_worker, "_from_worker", counted)
    assert_same(here, loaded(second, seed=7))
    assert sent == [*range(97, SIZE, 97), SIZE]


def test_a_lost_worker_leaves_the_same_rows(
    two_dbs: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that dies after sending some chunks: the rest are drawn here, the same."""
    first, second = two_dbs
    monkeypatch.setattr(demo, "CHUNK", 97)
    here = loaded(first, seed=7)

    def dies(plan: Plan) -> Iterator[Chunk]:
        for n, chunk in enumerate(demo_agreements.draw(copy.deepcopy(plan))):
            if n == 2:
                raise demo_worker._WorkerLostError("killed")
            yield chunk

    monkeypatch.setattr(demo_worker, "ALWAYS", True)
    monkeypatch.setattr(demo_worker, "_from_worker", dies)
    assert_same(here, loaded(second, seed=7))


def indexes(session: Session) -> list[tuple[str, str]]:
    return sorted(secondary_indexes(session.connection(), frozenset(Base.metadata.tables)))


def test_a_load_into_a_new_database_keeps_every_index(db: Database) -> None:
    with db.session() as s:
        before = indexes(s)
    assert ("ix_agreements_title", "CREATE INDEX ix_agreements_title ON agreements (title)") \
        in before  # fmt: skip
    with db.session() as s:
        load_demo(s, 50, 7, today=TODAY)
        # Built again inside the load's transaction: a reader after it finds them all.
        assert indexes(s) == before
    with db.session() as s:
        assert indexes(s) == before
        plan = (
            s.connection()
            .exec_driver_sql("EXPLAIN QUERY PLAN SELECT id FROM agreements WHERE title = 'x'")
            .all()
        )
        assert "ix_agreements_title" in str(plan)


def test_a_failed_bulk_load_leaves_the_indexes_and_no_rows(db: Database) -> None:
    with db.session() as s:
        before = indexes(s)
    with pytest.raises(RuntimeError), db.session() as s, bulk_load(s, ["agreements"]):
        assert ("ix_agreements_title", "") not in indexes(s)
        assert all(not name.startswith("ix_agreements_") for name, _ in indexes(s))
        raise RuntimeError("the load failed")
    with db.session() as s:
        assert indexes(s) == before
        assert s.scalar(select(Agreement.id).limit(1)) is None


def test_bulk_load_hooks_run_around_the_load(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, frozenset[str], int]] = []

    @contextmanager
    def derived(session: Session, tables: frozenset[str]) -> Iterator[None]:
        count = "SELECT count(*) FROM agreements"
        seen.append(("before", tables, session.connection().exec_driver_sql(count).scalar_one()))
        yield
        seen.append(("after", tables, session.connection().exec_driver_sql(count).scalar_one()))

    monkeypatch.setattr(bulk, "BULK_LOAD_HOOKS", [*BULK_LOAD_HOOKS, derived])
    with db.session() as s:
        load_demo(s, 30, 7, today=TODAY)
    assert [step for step, _, _ in seen] == ["before", "after"]
    assert "agreements" in seen[0][1] and "kpi_actuals" in seen[0][1]
    assert (seen[0][2], seen[1][2]) == (0, 30)


@pytest.fixture
def two_pg_databases() -> Iterator[tuple[Database, Database]]:
    admin_url = postgres_url()
    if admin_url is None:
        if os.environ.get("CI"):
            pytest.fail("PARTNERDESK_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    names = [f"pd_test_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    opened: list[Database] = []
    try:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        opened = [open_database(make_url(admin_url).set(database=name)) for name in names]
        yield opened[0], opened[1]
    finally:
        for database in opened:
            database.dispose()
        drop_test_databases(admin, names)


@pytest.mark.postgres
def test_one_seed_gives_the_same_rows_on_postgres(
    two_pg_databases: tuple[Database, Database],
) -> None:
    first, second = two_pg_databases
    one = loaded(first, seed=7)
    assert len(one["agreements"]) == SIZE
    assert_same(one, loaded(second, seed=7))
    with first.session() as s:
        assert sorted(secondary_indexes(s.connection(), frozenset(["agreements"])))
        table = Agreement.__table__
        assert isinstance(table, Table)
        # The id sequences follow the explicit ids: the editor's next agreement is new.
        next_id = s.scalar(text("SELECT nextval(pg_get_serial_sequence('agreements', 'id'))"))
        assert next_id == SIZE + 1
