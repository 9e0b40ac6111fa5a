"""The PostgreSQL server lost in the middle of an import: one line, and nothing imported.

The trial needs a server it may stop, so it creates a cluster of its own next to the
shared one (``pg_createcluster``, trust authentication on 127.0.0.1, a free port) and
drops it afterwards; the shared cluster is never touched. Skipped where clusters cannot
be created (not root, no PostgreSQL server packages).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.reliability.faults_support import make_demo, run

ROOT = Path(__file__).resolve().parents[2]
ROWS = 5_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _version() -> str | None:
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False)
    versions = sorted({line.split()[0] for line in listed.stdout.splitlines() if line.strip()})
    return versions[-1] if versions else None


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[tuple[str, str, int]]:
    """(version, name, port) of a PostgreSQL cluster made for this trial alone."""
    if shutil.which("pg_createcluster") is None or os.geteuid() != 0:
        pytest.skip("creating a PostgreSQL cluster needs root and postgresql-common")
    version = _version()
    if version is None:
        pytest.skip("no PostgreSQL server installed to create a cluster with")
    name, port = f"pdfaults{os.getpid()}", _free_port()
    made = subprocess.run(
        ["pg_createcluster", version, name, "--port", str(port), "--start", "--",
         "--auth-local=trust", "--auth-host=trust"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"cannot create a PostgreSQL cluster here: {made.stderr.strip()[:200]}")
    try:
        yield version, name, port
    finally:
        subprocess.run(["pg_dropcluster", "--stop", version, name], capture_output=True,
                       check=False)  # fmt: skip


@pytest.fixture(scope="module")
def agreements_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pg-lost")
    db = make_demo(folder / "source.db", agreements=ROWS)
    path = folder / "agreements.csv"
    from app.cli import main

    assert main(["--db", str(db), "export", str(path)]) == 0
    return path


def _inserting(admin: psycopg.Connection[tuple[object, ...]]) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'pd' AND state = 'active' "
        # The import's rows go by COPY where it may, by INSERT where row security applies.
        "AND pid <> pg_backend_pid() AND (query ILIKE 'insert%' OR query ILIKE 'copy%')"
    ).fetchone()
    return bool(row and row[0])


def test_losing_the_server_mid_import_is_one_line_and_imports_nothing(
    own_cluster: tuple[str, str, int], agreements_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version, name, port = own_cluster
    admin_url = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute("CREATE DATABASE pd")
    url = f"postgresql://postgres@127.0.0.1:{port}/pd"
    assert run(capsys, "--db", url, "demo", "--agreements", "0")[0] == 0  # the schema

    importing = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", url, "import", str(agreements_csv)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with psycopg.connect(admin_url, autocommit=True) as admin:
        while importing.poll() is None and not _inserting(admin):
            time.sleep(0.01)
        subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "immediate"], check=True)
    _, err = importing.communicate()
    assert importing.returncode == 1, err
    assert err.splitlines() == [
        f"partnerdesk: error: the connection to postgresql+psycopg://postgres@127.0.0.1:{port}/pd"
        " was lost; nothing of this action was saved — check the server and try again"
    ]

    subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
    code, out, _ = run(capsys, "--db", url, "check")
    assert code == 0 and "0 partners, 0 agreements" in out
