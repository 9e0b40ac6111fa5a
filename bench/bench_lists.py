"""The agreements list at any size: search, every sort and filter (first screen), all ids.

    .venv/bin/python bench/bench_lists.py TARGET [--engine sqlite|postgresql] [--runs 3]

TARGET is a demo database (a path, or a PostgreSQL URL) already at this version's schema
or upgradable to it (opening it upgrades it: use a copy). ``measure`` is what `bench/run`
calls. Each figure is the best of ``runs``; its floor is the same SQL statements the
service ran, replayed through the raw driver (sqlite3 / psycopg) in the same run, so what
the service adds (SQLAlchemy, choosing a plan) shows as the ratio.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, make_url, text
from sqlalchemy.orm import Session

from app.db import open_database
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids
from bench.measure import Measurement

FIRST_SCREEN = 100
SEARCH_TARGET = 0.100
SORT_TARGET = 0.300


class _Recorder:
    """The statements a session runs, to replay them through the raw driver."""

    def __init__(self, engine: Any) -> None:
        self.seen: list[tuple[str, Any]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if self.on:
            self.seen.append((sql, params))


def _raw_connection(target: str, engine: str) -> Any:
    if engine == "sqlite":
        return sqlite3.connect(target)
    import psycopg

    url = make_url(target)
    return psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
        password=url.password, dbname=url.database, autocommit=True,
    )  # fmt: skip


def _replay(raw: Any, statements: list[tuple[str, Any]]) -> float:
    start = time.perf_counter()
    # In one transaction on PostgreSQL, as the session ran them: a SET LOCAL (jit) holds.
    with raw.transaction() if hasattr(raw, "transaction") else nullcontext():
        cursor = raw.cursor()
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
    return time.perf_counter() - start


def _terms(session: Session) -> dict[str, str]:
    """Search terms this database holds: rare and common, Latin and Chinese, long and short."""
    newest = session.execute(
        text(
            "SELECT a.reference, p.legal_name, coalesce(p.local_name, '') FROM agreements a"
            " JOIN partners p ON p.id = a.partner_id ORDER BY a.id DESC LIMIT 1"
        )
    ).one()
    terms = {
        "rare reference": newest[0],
        "rare Latin partner name": newest[1],
        "common Latin word": "flagship",
        "one Latin letter": "a",
    }
    latin = newest[1].lower()
    pairs = {latin[i : i + 2] for i in range(len(latin) - 1)}
    pairs = {p for p in pairs if p.isascii() and p.isalpha()}
    names = [(str(a).lower(), str(b or "")) for a, b in
             session.execute(text("SELECT legal_name, local_name FROM partners"))]  # fmt: skip
    every_pair = {n[i : i + 2] for n, _ in names for i in range(len(n) - 1)}
    if pairs:
        # (All of a name's pairs can be common: 'be' of 'Belle' is in 8% of a million.)
        terms["two Latin letters of that name"] = _rarest(session, pairs)
    rare_pairs = {p for p in every_pair if p.isascii() and p.isalpha()}
    if rare_pairs:
        terms["rare two Latin letters"] = _rarest(session, rare_pairs, names)
    if newest[2]:
        terms["rare Chinese partner name"] = newest[2]
        local = newest[2]
        terms["rare two Chinese characters"] = _rarest(
            session, {local[i : i + 2] for i in range(len(local) - 1)}
        )
        terms["one Chinese character of that name"] = _rarest(session, set(local))
        chinese = {c for _, n in names for c in n if not c.isascii()}
        if chinese:
            terms["rare Chinese character"] = _rarest(session, chinese, names)
    return terms


def _rarest(
    session: Session, grams: set[str], names: list[tuple[str, str]] | None = None, among: int = 4
) -> str:
    """Of ``grams``, the one the fewest agreements hold in any searched field.

    The ``among`` held by the fewest partners (``names``: their lower-case legal and local
    names, read here if not given) are counted in one pass over the agreements (a few
    seconds at a million, once per run).
    """
    if names is None:
        names = [(str(a).lower(), str(b or "")) for a, b in
                 session.execute(text("SELECT legal_name, local_name FROM partners"))]  # fmt: skip
    partners = {g: sum(1 for a, b in names if g in a or g in b) for g in grams}
    chosen = sorted(grams, key=lambda g: (partners[g], g))[:among]
    sums = ", ".join(
        f"sum(CASE WHEN lower(a.reference || ' ' || a.title || ' ' || a.owner || ' ' ||"
        f" a.description || ' ' || p.legal_name || ' ' || coalesce(p.local_name, ''))"
        f" LIKE :g{i} THEN 1 ELSE 0 END)"
        for i in range(len(chosen))
    )
    counts = session.execute(
        text(f"SELECT {sums} FROM agreements a JOIN partners p ON p.id = a.partner_id"),
        {f"g{i}": f"%{g}%" for i, g in enumerate(chosen)},
    ).one()
    return min(zip(counts, chosen, strict=True), key=lambda c: (c[0] or 0, c[1]))[1]


def _filters(session: Session) -> dict[str, AgreementFilter]:
    owner, partner_id = session.execute(
        text("SELECT owner, partner_id FROM agreements ORDER BY id LIMIT 1")
    ).one()
    partner = session.scalar(
        text("SELECT legal_name FROM partners WHERE id = :i"), {"i": partner_id}
    )
    today = date.today()
    return {
        "type": AgreementFilter(types=frozenset({AgreementType.LOGISTICS})),
        "status": AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})),
        "owner": AgreementFilter(owner=owner),
        "partner": AgreementFilter(partner_id=partner_id),
        "partner name": AgreementFilter(partner=str(partner).split()[0]),
        "expiring within 90 days": AgreementFilter(expiring_within=90, today=today),
        "operating model": AgreementFilter(operating_model=OperatingModel.PLATFORM),
        "decision dates": AgreementFilter(
            decision_from=date(today.year + 1, 1, 1), decision_to=date(today.year + 1, 3, 31)
        ),
        "start from": AgreementFilter(start_from=date(today.year, 6, 1)),
        "end to": AgreementFilter(end_to=date(today.year - 1, 12, 31)),
    }


def _first_screen(
    f: AgreementFilter, sort: str = "reference", descending: bool = False
) -> Callable[[Session], object]:
    def work(session: Session) -> object:
        return agreement_ids(session, f, sort=sort, descending=descending, limit=FIRST_SCREEN)

    return work


def _all_ids(session: Session) -> object:
    return agreement_ids(session)


def measure(
    target: str,
    size: int,
    engine: str,
    runs: int = 3,
    detail: list[Measurement] | None = None,
    *,
    searches_only: bool = False,
) -> list[Measurement]:
    """Each row of the list's part of issue #15; ``detail`` gets every filter and sort."""
    db = open_database(target)
    recorder = _Recorder(db.engine)
    raw = _raw_connection(target, engine)
    found: list[Measurement] = []

    def timed(action: str, work: Callable[[Session], object], goal: float | None) -> None:
        best = floor = float("inf")
        for _ in range(runs):
            with db.session() as s:
                recorder.seen, recorder.on = [], True
                start = time.perf_counter()
                work(s)
                best = min(best, time.perf_counter() - start)
                recorder.on = False
                s.rollback()
            floor = min(floor, _replay(raw, [st for st in recorder.seen if st[0] != "BEGIN"]))
        found.append(Measurement(action, size, engine, best, floor, goal))

    try:
        with db.session() as s:
            terms, filters = _terms(s), _filters(s)
        worst: list[Measurement] = []
        for kind, term in terms.items():
            timed(
                f"search (first screen): {kind} {term!r}",
                _first_screen(AgreementFilter(search=term)),
                SEARCH_TARGET,
            )
            worst.append(found[-1])
        slowest = max(worst, key=lambda m: m.seconds)
        found.append(Measurement("search (first screen)", size, engine, slowest.seconds,
                                 slowest.floor_seconds, SEARCH_TARGET))  # fmt: skip
        if searches_only:
            return found
        for sort in SORT_COLUMNS:
            for descending in (False, True):
                timed(
                    f"sort {sort}{' descending' if descending else ''} (first screen)",
                    _first_screen(AgreementFilter(), sort, descending),
                    SORT_TARGET,
                )
        every: list[Measurement] = []
        for name, f in filters.items():
            timed(f"filter {name} (first screen)", _first_screen(f), SORT_TARGET)
            # The same filter under every sort both ways (#15.4: every sortable column and
            # filter): dates cluster with dates and the status, a type with its titles.
            combined = {"reference": found[-1]}
            for sort in SORT_COLUMNS:
                for descending in (False, True):
                    if sort == "reference" and not descending:
                        continue
                    label = f"{sort}{' descending' if descending else ''}"
                    timed(f"filter {name}, sort {label} (first screen)",
                          _first_screen(f, sort, descending), SORT_TARGET)  # fmt: skip
                    combined[label] = found.pop()
                    if detail is not None:
                        detail.append(combined[label])
            label = max(combined, key=lambda k: combined[k].seconds)
            slowest = replace(combined[label], action=f"filter {name}, slowest sort: {label}")
            found.append(slowest)
            every.append(slowest)
        slowest = max(every, key=lambda m: m.seconds)
        found.append(replace(slowest, action="filter (first screen), slowest of all"))
        timed("agreements list filled (all ids)", _all_ids, None)
    finally:
        raw.close()
        db.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--searches", action="store_true", help="the searches only")
    args = parser.parse_args()
    engine = args.engine or ("postgresql" if args.target.startswith("postgresql") else "sqlite")
    db = open_database(args.target)
    with db.session() as s:
        size = s.scalar(text("SELECT count(*) FROM agreements")) or 0
    db.dispose()
    detail: list[Measurement] = []
    found = measure(args.target, size, engine, args.runs, detail, searches_only=args.searches)
    for m in [*found, *detail]:
        floor = f"{m.floor_seconds * 1000:8.1f}" if m.floor_seconds is not None else "       -"
        target = f"{m.target_seconds * 1000:5.0f}" if m.target_seconds else "    -"
        ratio = f"{m.ratio:5.2f}" if m.ratio else "    -"
        print(f"{m.action[:70]:70} {m.seconds * 1000:8.1f} ms  floor {floor} ms  "
              f"x{ratio}  target {target} ms")  # fmt: skip


if __name__ == "__main__":
    main()
