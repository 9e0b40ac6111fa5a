"""How long `partnerdesk demo` takes to load N agreements, and how the lists then answer.

    python bench/bench_demo.py [N] [--engine sqlite|postgresql] [--url URL]   (N: 100000)

Prints one line per measurement; run on an otherwise idle machine (or read the floor).

``measure(target, size, engine)`` is issue #15's row "demo data" for ``bench/run``: ``size``
demo agreements loaded into a fresh database beside ``target`` (a temporary file in its
folder; a temporary database on its server), against a floor measured in the same run:
the same rows, table by table, inserted into another fresh database of the same schema by
the raw driver from prepared tuples (``executemany`` on SQLite, ``COPY`` on PostgreSQL),
its secondary indexes built after as the loader builds them. The floor is the database's
own share of the work; the loader's time above it is drawing the data in Python.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from app.db import open_database
from app.db.bulk import BULK_LOAD_HOOKS, secondary_indexes
from app.domain import tally_models
from app.domain.models import Base
from app.services.dashboard import attention
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids, agreement_rows, count_agreements
from app.services.portfolio import portfolio_figures
from bench.measure import Measurement

TARGET_SECONDS = 180.0  # issue #15: a million demo agreements in under 3 minutes
FETCH = 5000
Rows = list[tuple[object, ...]]


def measure(target: str, size: int, engine: str) -> list[Measurement]:
    """The "demo data" row: ``size`` agreements loaded beside ``target``, and its floor."""
    with fresh_database(target, engine) as loaded, fresh_database(target, engine) as floor_db:
        seconds = load(loaded, size)
        floor = raw_insert(loaded, floor_db, engine)
    return [
        Measurement("demo data", size, engine, seconds, floor_seconds=floor,
                    target_seconds=TARGET_SECONDS if size >= 1_000_000 else None)
    ]  # fmt: skip


def load(url: str, size: int, seed: int = 7) -> float:
    """Seconds to load ``size`` demo agreements into the empty database at ``url``, as the
    command does (one transaction, its commit included)."""
    return load_with_cpu(url, size, seed)[0]


def load_with_cpu(url: str, size: int, seed: int = 7) -> tuple[float, float, float]:
    """``load``'s seconds, and the CPU seconds of this process and of the process that
    drew the agreements (demo_worker; 0 when they were drawn here). On a shared machine
    the wall time follows the load; the CPU of each process, and the larger of the two,
    do not."""
    db = open_database(url)
    try:
        cpu, drawn = time.process_time(), _children_cpu()
        started = time.perf_counter()
        with db.session() as s:
            load_demo(s, size, seed=seed)
        wall = time.perf_counter() - started
        return wall, time.process_time() - cpu, _children_cpu() - drawn
    finally:
        db.dispose()


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def raw_insert(source: str, destination: str, engine: str) -> float:
    """Seconds for the raw driver to insert every row of ``source``'s tables (those the
    fresh ``destination`` holds none of) in one transaction, its secondary indexes built
    after; fetching the rows from ``source`` is not counted.

    What the database keeps from those rows (the search index, the tallies, the approval
    queue: ``bulk.BULK_LOAD_HOOKS``) is rebuilt once at the end, as the loader has it
    rebuilt; the kept tables are not copied. Row by row their triggers would both cost
    what the loader does not pay and fail (an approval request's time comes from history
    lines inserted after the agreements)."""
    src_db, dst_db = open_database(source), open_database(destination)
    try:
        with src_db.engine.connect() as src, dst_db.engine.connect() as dst:
            has_rows = 'SELECT 1 FROM "{}" LIMIT 1'
            tables = [t.name for t in Base.metadata.sorted_tables
                      if t.name not in _kept_tables()
                      and dst.exec_driver_sql(has_rows.format(t.name)).first() is None
                      and src.exec_driver_sql(has_rows.format(t.name)).first()]  # fmt: skip
            indexes = secondary_indexes(dst, frozenset(tables))
            dst.commit()
            driver = dst.connection.driver_connection
            reader = src.connection.driver_connection
            assert driver is not None and reader is not None
            spent = 0.0
            dst.exec_driver_sql("SELECT 1")  # the transaction is the connection's, not the
            # session's: closing the session below then leaves it open (nothing rolled back)
            with Session(bind=dst) as session, ExitStack() as kept:
                for hook in BULK_LOAD_HOOKS:
                    kept.enter_context(hook(session, frozenset(tables)))
                started = time.perf_counter()
                for name, _create in indexes:
                    dst.exec_driver_sql(f'DROP INDEX "{name}"')
                spent += time.perf_counter() - started
                for table in tables:
                    with _inserter(driver, table, engine) as insert:
                        for rows in _fetched(reader, table, engine):
                            started = time.perf_counter()
                            insert(rows)
                            spent += time.perf_counter() - started
                        started = time.perf_counter()  # the end of a COPY: the last rows
                    spent += time.perf_counter() - started
                started = time.perf_counter()
                for _name, create in indexes:
                    dst.exec_driver_sql(create)
            # Leaving the hooks rebuilt what they keep (with the indexes back, as the
            # loader does): timed from the last row on.
            dst.commit()
            return spent + time.perf_counter() - started
    finally:
        src_db.dispose()
        dst_db.dispose()


def _kept_tables() -> set[str]:
    """The tables the database fills itself from agreements (``app.domain.tally_models``)."""
    return {m.class_.__tablename__ for m in Base.registry.mappers
            if m.class_.__module__ == tally_models.__name__}  # fmt: skip


def _fetched(reader: object, table: str, engine: str) -> Iterator[Rows]:
    cursor = reader.cursor(name=f"read_{table}") if engine == "postgresql" else reader.cursor()  # type: ignore[attr-defined]
    cursor.execute(f'SELECT * FROM "{table}"')
    while rows := cursor.fetchmany(FETCH):
        yield rows
    cursor.close()


@contextmanager
def _inserter(driver: object, table: str, engine: str) -> Iterator[Callable[[Rows], None]]:
    """Insert rows into ``table``: one COPY for the whole table, or executemany batches."""
    cursor = driver.cursor()  # type: ignore[attr-defined]
    if engine == "postgresql":
        with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
            write_row = copy.write_row

            def write(rows: Rows) -> None:
                for row in rows:
                    write_row(row)

            yield write
        return
    columns = len(cursor.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
    sql = f'INSERT INTO "{table}" VALUES ({", ".join("?" * columns)})'
    yield lambda rows: cursor.executemany(sql, rows)


@contextmanager
def fresh_database(target: str, engine: str) -> Iterator[str]:
    """A new, empty database beside ``target``: a file in its folder, or a database on
    its server; removed afterwards."""
    tag = f"pd_bench_demo_{uuid.uuid4().hex[:10]}"
    if engine == "sqlite":
        folder = Path(target).parent if target else Path(tempfile.gettempdir())
        path = folder / f"{tag}.db"
        try:
            yield str(path)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    url = make_url(target)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{tag}"'))
        yield url.set(database=tag).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{tag}" WITH (FORCE)'))
        admin.dispose()


def main(n: int, engine: str = "sqlite", url: str | None = None) -> None:
    base = url or str(Path(tempfile.gettempdir()) / "bench.db")
    with fresh_database(base, engine) as target, fresh_database(base, engine) as floor_db:
        load_avg = os.getloadavg()[0]
        seconds, cpu, drawing_cpu = load_with_cpu(target, n)
        db = open_database(target)
        with db.session() as s:
            print(
                f"demo load: {n:,} agreements, {count_agreements(s):,} stored, "
                f"in {seconds:.1f} s ({n / seconds:,.0f} agreements/s); CPU: this process "
                f"{cpu:.1f} s, the drawing process {drawing_cpu:.1f} s; load average "
                f"{load_avg:.1f} before, {os.getloadavg()[0]:.1f} after"
            )
        floor = raw_insert(target, floor_db, engine)
        print(f"floor (the same rows by the raw driver): {floor:.1f} s; "
              f"ratio {seconds / floor:.2f}")  # fmt: skip
        with db.session() as s:
            checks: list[tuple[str, Callable[[], object]]] = [
                ("count all", lambda: count_agreements(s)),
                ("sorted ids by partner", lambda: agreement_ids(s, sort="partner")),
                (
                    "sorted ids by value desc",
                    lambda: agreement_ids(s, sort="value", descending=True),
                ),
                ("search 'Sakura'", lambda: agreement_ids(s, AgreementFilter(search="Sakura"))),
                ("search '樱'", lambda: agreement_ids(s, AgreementFilter(search="樱"))),
                ("rows for 100 ids", lambda: agreement_rows(s, list(range(n - 100, n)))),
                (
                    "expiring within 90",
                    lambda: agreement_ids(s, AgreementFilter(expiring_within=90)),
                ),
                ("dashboard attention", lambda: attention(s, date.today())),
                ("portfolio figures", lambda: portfolio_figures(s, date.today())),
            ]
            for label, run in checks:
                t = time.perf_counter()
                run()
                print(f"{label}: {(time.perf_counter() - t) * 1000:,.0f} ms")
        db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--url", help="PostgreSQL server (a database on it) or SQLite folder")
    args = parser.parse_args()
    main(args.n, args.engine, args.url)
