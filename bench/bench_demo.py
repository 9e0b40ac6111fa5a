"""How long `partnerdesk demo` takes to load N agreements, and how the lists then answer.

    python bench/bench_demo.py [N]        (default 100000)

Prints one line per measurement; run on an otherwise idle machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.db import open_database
from app.services.dashboard import attention
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids, agreement_rows, count_agreements
from app.services.portfolio import portfolio_figures


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        started = time.perf_counter()
        with db.session() as s:
            result = load_demo(s, n, seed=7)
        elapsed = time.perf_counter() - started
        print(
            f"demo load: {n:,} agreements, {result.partners:,} partners, "
            f"{result.kpi_actuals:,} KPI actuals, {result.milestones:,} milestones "
            f"in {elapsed:.1f} s ({n / elapsed:,.0f} agreements/s)"
        )
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
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
