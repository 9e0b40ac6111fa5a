"""How soon a command answers: the whole `partnerdesk` process, against `python -c pass`.

    python -m bench.bench_startup DATABASE [SIZE] [ENGINE]

Issue #15 asks `partnerdesk list …` on a small database for 0.35 s (agreements, partners
and sellers, as JSON) and `partnerdesk --help` (and `list --help`) for 0.2 s, start to end
of the process. Most of that is importing; `python -X importtime -m app.cli …` shows where it goes.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.measure import Measurement

RUNS = 7
SMALL = 1000  # the target holds on a small database; beyond it the rows dominate
LISTS = ("agreements", "partners", "sellers")
LIST_TARGET = 0.35
HELP_TARGET = 0.2


def best_of(
    command: Sequence[str], runs: int = RUNS, env: Mapping[str, str] | None = None
) -> float:
    """The fastest of ``runs`` runs, after one to warm the file cache."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - started)
    return min(times[1:])


def partnerdesk() -> list[str]:
    """The command a user runs: the installed entry point, else the module."""
    script = Path(sys.executable).with_name("partnerdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def without_password(target: str) -> tuple[str, dict[str, str]]:
    """The target as a user gives it: a server's password in PGPASSWORD, not in --db
    (which would print a warning about it on every run)."""
    parts = urlsplit(target)
    if "://" not in target or parts.password is None:
        return target, dict(os.environ)
    netloc = parts.netloc.rpartition("@")[2]
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit(parts._replace(netloc=netloc)), {**os.environ, "PGPASSWORD": parts.password}


def measure(target: str, size: int, engine: str) -> list[Measurement]:
    import app

    # As installed: an interpreter run with PYTHONDONTWRITEBYTECODE would otherwise compile
    # every module of the application from source on every start.
    compileall.compile_dir(Path(app.__file__).parent, quiet=1)
    floor = best_of([sys.executable, "-c", "pass"])
    database, env = without_password(target)
    listed = {
        what: best_of([*partnerdesk(), "--db", database, "list", what, "--format", "json"], env=env)
        for what in LISTS
    }
    shown = best_of([*partnerdesk(), "--help"])
    list_help = best_of([*partnerdesk(), "list", "--help"])
    # Not a product figure: what any command reading through the ORM pays before it starts.
    orm = best_of([sys.executable, "-c", "import sqlalchemy.orm"])
    # What the list through psycopg cannot do without (PostgreSQL only).
    driver = best_of([sys.executable, "-c", "import psycopg"]) if "://" in database else None
    return [
        *(
            Measurement(
                f"`list {what} --format json` whole command",
                size,
                engine,
                seconds,
                floor,
                LIST_TARGET if size <= SMALL else None,
            )
            for what, seconds in listed.items()
        ),
        Measurement("`partnerdesk --help`", size, engine, shown, floor, HELP_TARGET),
        Measurement("`partnerdesk list --help`", size, engine, list_help, floor, HELP_TARGET),
        Measurement("(reference) `python -c 'import sqlalchemy.orm'`", size, engine, orm, floor),
        *(
            [Measurement("(reference) `python -c 'import psycopg'`", size, engine, driver, floor)]
            if driver is not None
            else []
        ),
    ]


if __name__ == "__main__":
    database = sys.argv[1]
    for m in measure(
        database,
        int(sys.argv[2]) if len(sys.argv) > 2 else SMALL,
        sys.argv[3] if len(sys.argv) > 3 else "sqlite",
    ):
        print(f"{m.action}: {m.seconds:.3f} s (python -c pass: {m.floor_seconds or 0:.3f} s)")
