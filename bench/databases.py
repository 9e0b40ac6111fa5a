"""The demo databases the benches read: built once with `partnerdesk demo`, then reused.

A database is built under a temporary name and renamed when the demo load has finished,
so an interrupted build is never mistaken for a finished one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

PREFIX = "partnerdesk_bench_"  # PostgreSQL databases the runner owns, unless told another


def _demo(target: str, size: int) -> None:
    command = [sys.executable, "-m", "app.cli", "--db", target, "demo", "--agreements", str(size)]
    print(f"building {size:,} demo agreements: partnerdesk demo --agreements {size}", flush=True)
    subprocess.run(command, check=True)


def sqlite_database(folder: Path, size: int, *, fresh: bool = False) -> str:
    """The path of a SQLite file holding ``size`` demo agreements under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"s{size}.db"
    if path.exists() and not fresh:
        return str(path)
    building = folder / f"s{size}.db.building"
    for leftover in (building, *folder.glob(f"s{size}.db.building-*")):
        leftover.unlink(missing_ok=True)
    _demo(str(building), size)
    building.replace(path)
    for sidecar in folder.glob(f"s{size}.db.building-*"):  # -wal, -shm after a clean close
        sidecar.unlink(missing_ok=True)
    return str(path)


def upgraded(target: str) -> str:
    """``target`` at this version's schema: a reused database may have been built by an
    older one, and the commands the benches run only read (they refuse an old schema)."""
    from app.db import open_database

    open_database(target, create=False).dispose()
    return target


def _libpq(url: str) -> str:
    # psycopg takes the URL without SQLAlchemy's "+driver" part.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def postgresql_database(
    server: str, size: int, *, fresh: bool = False, prefix: str = PREFIX
) -> str:
    """A URL of a PostgreSQL database holding ``size`` demo agreements on ``server``.

    ``server`` is any database URL on the server (its database is only used to connect).
    """
    import psycopg
    from psycopg import sql

    name, building = f"{prefix}{size}", f"{prefix}{size}_building"
    with psycopg.connect(_libpq(server), autocommit=True) as conn:
        present = {
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname IN (%s, %s)", (name, building)
            )
        }
        if name in present and not fresh:
            return with_database(server, name)
        for stale in present:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(stale)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
    _demo(with_database(server, building), size)
    with psycopg.connect(_libpq(server), autocommit=True) as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(building), sql.Identifier(name)
            )
        )
    return with_database(server, name)


def postgresql_version(server: str) -> str | None:
    """The server's version and its buffer cache ("15.18 (…), shared_buffers 128MB"): a
    million agreements' table outgrows Debian's default 128 MB, and a search that reads
    40,000 rows takes twice as long from the OS cache as from the server's own."""
    import psycopg

    try:
        with psycopg.connect(_libpq(server)) as conn:
            version = conn.execute("SHOW server_version").fetchone()
            buffers = conn.execute("SHOW shared_buffers").fetchone()
    except psycopg.Error:
        return None
    if version is None:
        return None
    return str(version[0]) + ("" if buffers is None else f", shared_buffers {buffers[0]}")
