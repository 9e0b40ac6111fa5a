"""The dashboard's figures, the renewals page's data and the red-KPI list at any size.

    python bench/bench_figures.py TARGET [--size N]
    (TARGET: a database path or URL holding N demo agreements; it is upgraded if older)
    BENCH_WHY=1: also each action's statements, slowest first, with the service that sent
    each and its time replayed through the driver (best of three)

``measure`` is what ``bench/run`` calls (see ``bench/measure.py``). Each row times what the
window's worker asks the services for, best of a few runs, and its floor: the very same
statements with the same parameters, recorded while the product ran and replayed straight
through the database driver in the same run. The ratio is what the product adds to the
SQL (building rows, converting currencies); the seconds are what a manager waits for.
"""

from __future__ import annotations

import argparse
import os
import time
import traceback
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.db import Database, open_database
from app.services.approval_desk import waiting_for_me
from app.services.dashboard import attention, red_kpis
from app.services.listing import AgreementFilter
from app.services.overview import attention_counts, renewal_pipeline
from app.services.portfolio import portfolio_figures
from app.services.scope import Scope
from bench.measure import Measurement

TARGET_SECONDS = 1.0  # issue #15.5: figures in under a second at a million agreements
RUNS = 3
BIG = 500_000  # from this size one timed run each: a slow figure takes minutes otherwise
RENEWALS_LIMIT = 2000  # ui/pages/renewals.py LIMIT: each part is read to LIMIT, and counted


def dashboard_figures(db: Database, today: date) -> None:
    """What the dashboard's workers read: ui/pages/dashboard.py ``load_dashboard`` and
    ui/pages/dashboard_approvals.py ``load_waiting`` (the charts are drawn from the same
    ``PortfolioFigures``)."""
    with db.session() as s:
        attention(s, today, 90)
        attention_counts(s, today)
        portfolio_figures(s, today, scope=Scope.IN_FORCE)
    with db.session() as s:
        waiting_for_me(s, today)


def renewals_page(db: Database, today: date) -> None:
    """ui/pages/renewals.py ``load``: 90 days ahead, every type, missed dates first."""
    with db.session() as s:
        renewal_pipeline(s, today, 90, AgreementFilter(), limit=RENEWALS_LIMIT)


def red_kpi_list(db: Database, _today: date) -> None:
    with db.session() as s:
        red_kpis(s, 200)


ACTIONS: dict[str, Callable[[Database, date], None]] = {
    "dashboard figures": dashboard_figures,
    "renewals page data": renewals_page,
    "red KPIs": red_kpi_list,
}

Statement = tuple[str, Any]


def _recorded(db: Database, action: Callable[[], None]) -> list[Statement]:
    """The statements ``action`` sends to the driver, with their parameters."""
    sent: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        sent.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


def _replay(db: Database, statements: list[Statement]) -> float:
    """The floor: the same statements through the bare DB-API connection, rows fetched."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        for statement, params in statements:
            if statement.strip().upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
                continue
            cursor.execute(statement, params)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = time.perf_counter() - started
        raw.rollback()
        return elapsed
    finally:
        raw.close()


def _best(action: Callable[[], None], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def measure(target: str, size: int, engine: str) -> list[Measurement]:
    today = date.today()
    db = open_database(target, create=False)
    try:
        found = []
        for name, action in ACTIONS.items():
            run = partial(action, db, today)
            # The first look warms the caches (every later look reads the same pages) and
            # records the statements for the floor.
            statements = _recorded(db, run)
            runs = RUNS if size < BIG else 1
            seconds = _best(run, runs)
            floor = min(_replay(db, statements) for _ in range(runs))
            found.append(Measurement(name, size, engine, seconds, floor, TARGET_SECONDS))
        return found
    finally:
        db.dispose()


def _service(stack: list[traceback.FrameSummary]) -> str:
    """The innermost functions of app/services/ on ``stack``, outermost last."""
    found = [f"{Path(f.filename).stem}.{f.name}" for f in reversed(stack)
             if f"{os.sep}app{os.sep}services{os.sep}" in f.filename]  # fmt: skip
    return " < ".join(found[:3]) or "?"


def _sent_by(db: Database, action: Callable[[], None]) -> list[tuple[str, str, Any]]:
    """(service, statement, parameters) of each statement ``action`` sends."""
    sent: list[tuple[str, str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        sent.append((_service(traceback.extract_stack()), statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return [s for s in sent if s[1].strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]


def why(target: str) -> None:
    """``BENCH_WHY=1``: where each action's time goes, statement by statement."""
    today = date.today()
    db = open_database(target, create=False)
    try:
        for name, action in ACTIONS.items():
            run = partial(action, db, today)
            run()  # warm, as measure() does
            timed = sorted(
                ((min(_replay(db, [(st, params)]) for _ in range(3)), who, st)
                 for who, st, params in _sent_by(db, run)),
                reverse=True,
            )  # fmt: skip
            print(f"\n{name}: {len(timed)} statements, {sum(t for t, _, _ in timed):.3f} s")
            for seconds, who, statement in timed[:10]:
                print(f"  {seconds * 1000:8.1f} ms  {who}")
                print(f"             {' '.join(statement.split())[:110]}")
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="database path or URL")
    parser.add_argument("--size", type=int, default=0, help="agreements it holds (labels only)")
    args = parser.parse_args()
    engine = "postgresql" if args.target.startswith("postgresql") else "sqlite"
    print(f"load {os.getloadavg()[0]:.2f}")
    print(f"{'action':<20} {'size':>9} {'engine':<10} {'s':>7} {'floor s':>8} {'ratio':>6} target")
    for m in measure(args.target, args.size, engine):
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "—"
        print(
            f"{m.action:<20} {m.size:>9,} {m.engine:<10} {m.seconds:>7.3f} "
            f"{m.floor_seconds or 0:>8.3f} {ratio:>6} {'ok' if m.meets_target else 'MISSED'} "
            f"(< {m.target_seconds:.1f} s)"
        )
    if os.environ.get("BENCH_WHY"):
        why(args.target)


if __name__ == "__main__":
    main()
