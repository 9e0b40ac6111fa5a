"""bench/run: every bench of issue #15 on demo databases, each against its floor.

Builds (with `partnerdesk demo`) or reuses a database per size and engine, runs each bench
module's ``measure(target, size, engine)`` (see bench/measure.py) in a fresh interpreter,
prints the figures side by side and writes docs/performance.md (and its rows as
docs/performance.json, which `--keep` reads back to add sizes to a page).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench import machine
from bench.measure import Measurement
from bench.tables import Result, performance_page, text_table

REPO = Path(__file__).resolve().parents[1]

# The rows of issue #15's table, each measured by one module (written by whoever owns it).
BENCHES = (
    "bench.bench_startup",  # the command line: list --format json, --help
    "bench.bench_lists",  # agreements list filled, sort, search
    "bench.bench_figures",  # dashboard figures, renewals page
    "bench.bench_ui",  # the window: the GUI thread's longest stall per action
    "bench.bench_demo",  # demo data load
)

Measure = Callable[[str, str, int, str], list[Measurement]]


def missing_reason(module: str) -> str | None:
    """Why ``module`` cannot be measured (not written yet, no ``measure``), or None."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return f"{module}: not written yet, skipped"
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    if not any(isinstance(n, ast.FunctionDef) and n.name == "measure" for n in tree.body):
        return f"{module}: has no measure(target, size, engine) yet, skipped"
    return None


def in_subprocess(module: str, target: str, size: int, engine: str) -> list[Measurement]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "measurements.json"
        # The runner's own path (stand-in benches in tests), less bench/ itself: its files
        # are bench.* modules, not top-level ones to shadow others by name.
        paths = [str(REPO), *(p for p in sys.path if p and Path(p).resolve() != REPO / "bench")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        command = [sys.executable, "-m", "bench.child", module, target, str(size), engine]
        done = subprocess.run([*command, str(out)], env=env, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
            raise RuntimeError(lines[-1])
        return [Measurement(**m) for m in json.loads(out.read_text())]


def in_process(module: str, target: str, size: int, engine: str) -> list[Measurement]:
    measure: Callable[[str, int, str], list[Measurement]]
    measure = importlib.import_module(module).measure
    return measure(target, size, engine)


def run_benches(
    modules: Sequence[str],
    targets: Sequence[tuple[int, str, str]],
    measure: Measure = in_subprocess,
) -> tuple[list[Result], list[str]]:
    """Every module on every (size, engine, target); the results and what was not measured."""
    results: list[Result] = []
    notes: list[str] = []
    present = []
    for module in modules:
        reason = missing_reason(module)
        if reason is None:
            present.append(module)
        else:
            print(reason, flush=True)
            notes.append(reason)
    for size, engine, target in targets:
        for module in present:
            print(f"measuring {module} at {size:,} on {engine} …", flush=True)
            try:
                measurements = measure(module, target, size, engine)
            except Exception as exc:  # one failing bench must not lose the others' figures
                note = f"{module} at {size:,} on {engine} failed: {exc}"
                print(note, flush=True)
                notes.append(note)
                continue
            load = machine.load_average()
            results += [Result(m, load, module=module) for m in measurements]
    return side_by_side(results), notes


def kept(record: Path, fresh: Sequence[Result]) -> list[Result]:
    """The rows of the run recorded in ``record`` that ``fresh`` does not measure again.

    A bench module measured again at a size and engine replaces every earlier row it wrote
    there, not only the rows of the same name: an action named after what it found ("filter
    by type, slowest sort: value") would otherwise keep last run's name beside this one's.
    """
    if not record.exists():
        return []
    again = {r.key for r in fresh}
    scopes = {r.scope for r in fresh if r.module is not None}
    earlier = [Result.from_record(r) for r in json.loads(record.read_text(encoding="utf-8"))]
    return [r for r in earlier if r.key not in again and r.scope not in scopes]


def side_by_side(results: Sequence[Result]) -> list[Result]:
    """Each action's sizes and engines next to each other, actions in the order measured."""
    first: dict[str, int] = {}
    for r in results:
        first.setdefault(r.measurement.action, len(first))
    return sorted(
        results,
        key=lambda r: (first[r.measurement.action], r.measurement.size, r.measurement.engine),
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--size", type=int, action="append", metavar="N", help="(default 1000)")
    p.add_argument("--engine", action="append", choices=["sqlite", "postgresql"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    p.add_argument("--dir", type=Path, default=cache / "partnerdesk-bench", help="SQLite databases")
    p.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get("PARTNERDESK_BENCH_PG"),
        help="a PostgreSQL server as a database URL ($PARTNERDESK_BENCH_PG); the runner "
        "creates its own databases there",
    )
    p.add_argument(
        "--pg-prefix",
        default="partnerdesk_bench_",
        help="names of the runner's PostgreSQL databases: PREFIX1000, … (default %(default)s)",
    )
    p.add_argument("--only", action="append", metavar="MODULE", help="e.g. bench.bench_startup")
    p.add_argument("--fresh", action="store_true", help="rebuild the databases")
    p.add_argument(
        "--keep",
        action="store_true",
        help="keep the rows of the last run (the page's .json beside it) that this run does "
        "not measure again, e.g. to add --size 1000000 to a page of 1,000 and 100,000",
    )
    p.add_argument(
        "--out", type=Path, default=REPO / "docs" / "performance.md", help="the page to write"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = args.size or [1000]
    engines = args.engine or (["sqlite", "postgresql"] if args.pg else ["sqlite"])
    if "postgresql" in engines and not args.pg:
        print("bench/run: --engine postgresql needs --pg URL (or $PARTNERDESK_BENCH_PG)")
        return 2
    from bench import databases  # SQLAlchemy's URL parsing: not needed for --help

    started, load_before = datetime.now(UTC), machine.load_text()
    targets = []
    for size in sizes:
        for engine in engines:
            if engine == "sqlite":
                target = databases.sqlite_database(args.dir, size, fresh=args.fresh)
            else:
                target = databases.postgresql_database(
                    args.pg, size, fresh=args.fresh, prefix=args.pg_prefix
                )
            targets.append((size, engine, databases.upgraded(target)))
    modules = [m if "." in m else f"bench.{m}" for m in args.only or BENCHES]
    when = started.strftime("%Y-%m-%d %H:%M UTC")
    results, notes = run_benches(modules, targets)
    results = [replace(r, measured=when[:-4]) for r in results]
    record = args.out.with_suffix(".json")
    if args.keep:
        results = side_by_side(kept(record, results) + results)
    print()
    print(text_table(results), end="")
    pg_version = databases.postgresql_version(args.pg) if "postgresql" in engines else None
    facts = machine.describe(pg_version)
    facts.append(
        ("load average (1, 5, 15 min)", f"{load_before} at start, {machine.load_text()} at end")
    )
    command = "bench/run " + " ".join(
        [*(f"--size {s}" for s in sizes), *(f"--engine {e}" for e in engines)]
        + (["--keep"] if args.keep else [])
    )
    args.out.write_text(performance_page(results, facts, when, command, notes), encoding="utf-8")
    record.write_text(
        json.dumps([r.as_record() for r in results], indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"\nwritten to {args.out}")
    return 0
