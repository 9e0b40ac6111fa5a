"""A database another program holds locked: one line, nothing changed, and no long hang.

The other program takes SQLite's exclusive lock (``locking_mode=EXCLUSIVE`` and a write),
which keeps even readers out. The waits are shortened for the trial; what is checked is
the answer, never how long it took.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import engine
from app.services import backup
from tests.reliability.faults_support import assert_one_line_refusal, make_demo, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("locked-template") / "demo.db")


@pytest.fixture
def locked(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    defaults = engine.open_database.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "busy_timeout", 0.2)
    monkeypatch.setattr(backup, "LOCK_WAIT", 0.2)
    path = tmp_path / "partnerdesk.db"
    shutil.copyfile(demo, path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE partners SET notes = notes || ''")
    try:
        yield path
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "agreements"],
        ["check"],
        ["export", "{out}/a.csv"],
        ["report", "renewals", "--within", "90", "--out", "{out}/r.pdf"],
        ["demo", "--agreements", "3"],
        ["import", "{csv}"],
        ["backup", "{out}/copy.db"],
        ["restore", "{bak}", "--force"],
    ],
)
def test_a_locked_database_is_in_use_in_one_line(
    argv: list[str],
    locked: Path,
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    csv, bak = tmp_path / "in.csv", tmp_path / "in.bak"
    assert run(capsys, "--db", str(demo), "export", str(csv))[0] == 0
    assert run(capsys, "--db", str(demo), "backup", str(bak))[0] == 0
    command = [a.format(out=out, csv=csv, bak=bak) for a in argv]
    code, _, err = run(capsys, "--db", str(locked), *command)
    assert_one_line_refusal(code, err, "is in use by another program (it is locked)")
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if "before-restore" in p.name) == []
