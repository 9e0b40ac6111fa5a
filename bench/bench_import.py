"""Import speed and memory: 100,000 agreements from CSV against the raw sqlite3 floor.

    /work/venv/bin/python bench/bench_import.py [--rows 100000] [--runs 3]

The floor is the least any importer must do with the same file in the same run: read it
with the csv module and ``executemany`` its rows into one SQLite table in one transaction
(same pragmas as PartnerDesk: WAL, synchronous=NORMAL). The import does everything the
product promises on top: detection, parsing of human values, validation of every row
with the editor's rules, partners, agreements + terms + default KPIs + audit entries.
Both are run ``--runs`` times, alternately; the medians are compared.

A large import parses and checks its rows in a worker process while the importing process
writes them (app/services/importing/second_core.py), so CPU time is reported for each.
Each run also imports the file in one process (no worker, ``--one-process``): whether the
worker still pays on this machine is the difference. On a shared machine compare CPU
seconds (and callgrind's instructions, see docs/DEVELOPING.md) rather than wall time.
Peak memory (ru_maxrss) of each process is measured in a fresh process per size: growth
with the file shows up as a difference between sizes.

``--pg URL`` (a login that may create databases): the same file imported into fresh
PostgreSQL databases, alternately with and without the indexes ``--without`` names (by
default migration 0019's gram indexes), ``--runs`` times each: what those indexes cost an
import. Each database is a copy of one migrated here, dropped after its run.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

HEADER = [
    "reference", "title", "type", "status", "partner", "partner_local_name", "partner_country",
    "owner", "currency", "value", "signed_date", "start_date", "end_date", "notice_days",
    "auto_renew", "renewal_months", "governing_law", "territories", "description",
    "operating_model", "brands", "commission_rate_pct", "services", "routes",
    "delivery_sla_days", "channels", "budget", "payment_methods", "fee_rate_pct",
    "partner_platform", "revenue_share_pct",
]  # fmt: skip
TYPES = ["brand", "logistics", "marketing", "payment", "platform"]
COUNTRIES = ["CN", "JP", "KR", "US", "FR", "DE", "AU", "GB", "IT", "NZ"]


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    partners = [(f"Partner {i:04d} Co., Ltd.", f"合作伙伴{i:04d}有限公司", rng.choice(COUNTRIES))
                for i in range(1000)]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        for i in range(rows):
            t = TYPES[i % 5]
            name, local, country = partners[i % len(partners)]
            start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
            end = start + timedelta(days=rng.randint(180, 1100))
            status = rng.choice(["draft", "negotiation", "active", "expired"])
            signed = (
                (start - timedelta(days=10)).isoformat() if status in ("active", "expired") else ""
            )
            terms = {
                "brand": {
                    "operating_model": rng.choice(["direct", "platform"]),
                    "brands": "Alpha; Beta",
                    "commission_rate_pct": "5.5",
                },
                "logistics": {
                    "services": "first_mile; customs_clearance",
                    "routes": "Shanghai - Paris",
                    "delivery_sla_days": "7",
                },
                "marketing": {"channels": "livestream; social_kol", "budget": "¥500,000"},
                "payment": {"payment_methods": "alipay; card", "fee_rate_pct": "0.6"},
                "platform": {"partner_platform": "Shopee", "revenue_share_pct": "12"},
            }[t]
            values = {
                "reference": "", "title": f"{name} {t} agreement {i}", "type": t,
                "status": status, "partner": name, "partner_local_name": local,
                "partner_country": country, "owner": rng.choice(["Li Wei", "Wang Fang"]),
                "currency": "CNY", "value": f"{rng.randint(10_000, 50_000_000):,}.00",
                "signed_date": signed, "start_date": start.isoformat(),
                "end_date": end.strftime("%Y/%-m/%-d"), "notice_days": "90",
                "auto_renew": "否", "renewal_months": "", "governing_law": "PRC law",
                "territories": "Mainland China", "description": "",
            } | terms  # fmt: skip
            w.writerow([values.get(h, "") for h in HEADER])


def floor(path: Path, db: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"CREATE TABLE rows ({', '.join(HEADER)})")
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * len(HEADER))})", reader)
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


SCHEMA_TABLES = (
    "people", "partners", "partner_roles", "agreements", "brand_terms", "logistics_terms",
    "marketing_terms", "payment_terms", "platform_terms", "kpi_definitions", "audit_log",
)  # fmt: skip


def schema_floor(imported: Path, work: Path) -> float:
    """The rows the import wrote, inserted raw into an empty PartnerDesk schema: what
    SQLite itself needs for these tables and their indexes, with no Python work at all
    (the import's page cache, the import's pragmas)."""
    from app.db import open_database
    from app.services.importing.writing import IMPORT_CACHE_KIB

    target = work / "schema-floor.db"
    open_database(target).dispose()
    src = sqlite3.connect(imported)
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in SCHEMA_TABLES}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    started = time.perf_counter()
    dst.execute("BEGIN")
    for table, values in rows.items():
        if values:
            marks = ", ".join("?" * len(values[0]))
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - started
    dst.close()
    return elapsed


def import_once(path: Path, db: Path | str, *, one_process: bool = False) -> None:
    """In a child process: import, print seconds, CPU seconds and peak RSS (MB) of this
    process and of its worker (``one_process``: without a worker, whatever the size)."""
    from app.db import open_database
    from app.services.importing import import_file, second_core

    if one_process:
        second_core.WORKER_MIN_ROWS = sys.maxsize

    database = open_database(db)
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with database.session() as s:
        report = import_file(s, path)
    elapsed = time.perf_counter() - started
    database.dispose()
    assert report.ok and report.creates > 0, report.problems[:3]
    me = resource.getrusage(resource.RUSAGE_SELF)
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime - before.ru_utime + me.ru_stime - before.ru_stime
    print(elapsed, cpu, worker.ru_utime + worker.ru_stime, me.ru_maxrss / 1024,
          worker.ru_maxrss / 1024)  # fmt: skip


class Measured(NamedTuple):
    seconds: float
    cpu: float  # the importing process
    worker_cpu: float
    peak: float  # MB, the importing process
    worker_peak: float


def measure(path: Path, work: Path, name: str, *, one_process: bool = False) -> Measured:
    db = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(db),
         *(["--one-process"] if one_process else [])],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return Measured(*map(float, out))


def postgres(path: Path, admin_url: str, runs: int, without: list[str] | None) -> None:
    """Import ``path`` into fresh databases on the server of ``admin_url``, alternately with
    every index and without the ones named ``without``; print the medians."""
    import uuid

    from sqlalchemy import create_engine, make_url, text

    from app.db import open_database
    from app.db.search_terms import PG_GRAM_INDEXES

    dropped = without or list(PG_GRAM_INDEXES)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    prefix = f"bench_import_{uuid.uuid4().hex[:6]}"
    templates = {"with": f"{prefix}_with", "without": f"{prefix}_without"}
    made: list[str] = []

    def create(name: str, template: str | None = None) -> str:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'
                              + (f' TEMPLATE "{template}"' if template else "")))  # fmt: skip
        made.append(name)
        return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop(name: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        made.remove(name)

    results: dict[str, list[Measured]] = {"with": [], "without": []}
    try:
        open_database(create(templates["with"])).dispose()
        url = create(templates["without"], templates["with"])
        engine = create_engine(url)
        with engine.begin() as conn:
            for index in dropped:
                conn.execute(text(f'DROP INDEX "{index}"'))
        engine.dispose()
        for i in range(runs):
            for variant in ("with", "without"):
                name = f"{prefix}_{variant}_{i}"
                target = create(name, templates[variant])
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), target],
                    check=True, capture_output=True, text=True,
                ).stdout.split()  # fmt: skip
                results[variant].append(Measured(*map(float, out)))
                drop(name)
    finally:
        for name in list(reversed(made)):
            drop(name)
        admin.dispose()
    print(f"rows                   {sum(1 for _ in path.open()) - 1:,}, PostgreSQL, "
          f"medians of {runs} runs, without: {', '.join(dropped)}")  # fmt: skip
    for variant, measured in results.items():
        run = sorted(measured)[len(measured) // 2]
        print(f"{variant:8} {run.seconds:6.2f} s wall, {run.cpu:6.2f} s CPU importing "
              f"(runs {', '.join(f'{m.seconds:.2f}' for m in measured)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("CSV", "DB"))
    parser.add_argument("--one-process", action="store_true", help="(--child) no worker")
    parser.add_argument("--pg", metavar="URL", help="import into PostgreSQL databases made here")
    parser.add_argument("--without", action="append", metavar="INDEX",
                        help="(--pg) indexes the second database goes without")  # fmt: skip
    args = parser.parse_args()
    if args.child:
        target = args.child[1]
        db = target if target.startswith("postgresql") else Path(target)
        import_once(Path(args.child[0]), db, one_process=args.one_process)
        return
    if args.pg:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "big.csv"
            make_csv(big, args.rows)
            postgres(big, args.pg, args.runs, args.without or None)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big.csv"
        make_csv(big, args.rows)
        floors, runs, alone = [], [], []
        for i in range(args.runs):
            floors.append(floor(big, work / f"floor{i}.db"))
            runs.append(measure(big, work, "big"))
            alone.append(measure(big, work, "alone", one_process=True))
        raw = statistics.median(floors)
        run = sorted(runs)[len(runs) // 2]  # the median run
        sizes = {args.rows: run}
        for rows in (args.rows // 2, args.rows * 2):
            path = work / f"rows{rows}.csv"
            make_csv(path, rows)
            sizes[rows] = measure(path, work, f"rows{rows}")
        # Last: it holds every row in this process, and a child started after that would
        # report this process's peak as its own (Linux keeps ru_maxrss across exec).
        schema = schema_floor(work / "big.db", work)
        print(f"rows                   {args.rows:,} ({big.stat().st_size / 1e6:.1f} MB CSV), "
              f"medians of {args.runs} runs")  # fmt: skip
        print(f"raw sqlite3 floor      {raw:.2f} s  (csv.reader + executemany, one table; "
              f"{', '.join(f'{f:.2f}' for f in floors)})")  # fmt: skip
        print(f"raw into our schema    {schema:.2f} s  (the same rows the import wrote, "
              "executemany into the real tables and indexes)")  # fmt: skip
        print(f"partnerdesk import     {run.seconds:.2f} s  = {run.seconds / raw:.1f}x the floor "
              f"({args.rows / run.seconds:,.0f} rows/s; "
              f"{', '.join(f'{r.seconds:.2f}' for r in runs)})")  # fmt: skip
        # Each import against the floor run just before it: on a machine whose speed drifts
        # (a shared VM), neighbours in time are the fairer comparison.
        ratios = [r.seconds / f for r, f in zip(runs, floors, strict=True)]
        print(f"  run by run           {', '.join(f'{x:.1f}x' for x in ratios)} "
              f"(median {statistics.median(ratios):.1f}x)")  # fmt: skip
        print(f"  CPU                  {run.cpu:.2f} s importing, {run.worker_cpu:.2f} s in "
              "the worker that reads and checks the rows")  # fmt: skip
        one = sorted(alone)[len(alone) // 2]
        ratios = [r.seconds / f for r, f in zip(alone, floors, strict=True)]
        print(f"in one process         {one.seconds:.2f} s  = {one.seconds / raw:.1f}x the floor "
              f"(run by run {', '.join(f'{x:.1f}x' for x in ratios)}; CPU {one.cpu:.2f} s, "
              f"peak {one.peak:.0f} MB)")  # fmt: skip
        for rows, m in sorted(sizes.items()):
            print(f"peak memory {rows:>9,} rows  {m.peak:.0f} MB importing + "
                  f"{m.worker_peak:.0f} MB worker  ({m.seconds:.2f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
