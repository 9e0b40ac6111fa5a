"""SIGKILL during import, demo, backup and restore: the database is always whole after.

Each operation is killed at two moments found by watching its files (early: as soon as it
writes; late: once it has written a megabyte), never by the clock. Afterwards ``check``
finds the database whole and all or nothing of the operation in it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.services.backup import check_backup
from tests.reliability.faults_support import make_demo, run

ROOT = Path(__file__).resolve().parents[2]
ROWS = 2_000
MB = 1_000_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("kill-template") / "big.db", agreements=ROWS)


@pytest.fixture(scope="module")
def whole(big: Path) -> str:
    """What ``check`` counts in the demo of ROWS agreements: "N partners, M agreements"."""
    found = check_backup(big)
    return f"{found.partners:,} partners, {found.agreements:,} agreements"


@pytest.fixture(scope="module")
def big_csv(big: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill-csv") / "agreements.csv"
    from app.cli import main

    assert main(["--db", str(big), "export", str(path)]) == 0
    return path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


def _kill_when(argv: list[str], ready: Callable[[], bool]) -> None:
    """Start ``partnerdesk argv``, SIGKILL it the moment ``ready()`` holds."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", *argv],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while process.poll() is None and not ready():
            time.sleep(0.005)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    finally:
        code = process.wait()
    assert code == -signal.SIGKILL, "the operation ended before the moment to kill it"


def _counts(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    code, out, err = run(capsys, "--db", str(db), "check")
    assert code == 0 and ": ok — schema" in out, err
    return out.split(", ", 1)[1].strip()  # "N partners, M agreements"


MOMENTS = {"early": 0, "late": MB // 2}  # bytes written before the kill


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_demo_leaves_a_whole_database(
    moment: str, whole: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    wal = tmp_path / "demo.db-wal"
    _kill_when(["--db", str(db), "demo", "--agreements", str(ROWS), "--seed", "3"],
               lambda: _size(wal) > MOMENTS[moment])  # fmt: skip
    if not db.exists():
        return  # killed before SQLite made the file: nothing to damage
    code, out, err = run(capsys, "--db", str(db), "check")
    if code == 1:
        # Killed while the schema was being made: that transaction rolled back, leaving an
        # SQLite file with nothing in it, which the next writing command sets up.
        assert err.strip().endswith("holds no PartnerDesk database yet"), err
        assert run(capsys, "--db", str(db), "demo", "--agreements", "1")[0] == 0
        return
    assert out.split(", ", 1)[1].strip() in {"0 partners, 0 agreements", whole}


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_import_leaves_all_or_nothing(
    moment: str, big_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_demo(tmp_path / "target.db", agreements=0)
    wal = tmp_path / "target.db-wal"
    _kill_when(["--db", str(db), "import", str(big_csv)], lambda: _size(wal) > MOMENTS[moment])
    assert _counts(capsys, db).endswith((" 0 agreements", f" {ROWS:,} agreements"))


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_backup_leaves_the_database_and_no_false_backup(
    moment: str, big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "live.db"
    shutil.copyfile(big, db)
    before = _counts(capsys, db)
    target = tmp_path / "out" / "copy.db"
    partial = tmp_path / "out" / ".copy.db.partial"
    _kill_when(["--db", str(db), "backup", str(target)], lambda: _size(partial) > MOMENTS[moment])
    assert _counts(capsys, db) == before
    if target.exists():  # only ever a whole, checked backup under the real name
        assert check_backup(target).agreements == ROWS


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_restore_leaves_the_old_or_the_restored_database(
    moment: str, big: Path, whole: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "big.bak"
    assert run(capsys, "--db", str(big), "backup", str(backup))[0] == 0
    db = make_demo(tmp_path / "live.db", agreements=10)
    before = _counts(capsys, db)
    wal = tmp_path / "live.db-wal"
    _kill_when(["--db", str(db), "restore", str(backup), "--force"],
               lambda: _size(wal) > MOMENTS[moment])  # fmt: skip
    assert _counts(capsys, db) in {before, whole}
