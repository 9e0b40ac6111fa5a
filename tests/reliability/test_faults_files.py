"""Damaged and unusual database files: every command answers in one line, nothing changes.

Each kind of file is given to every command; the answer is exit 1 and one sentence that
names the fault, and the folder holding the file is byte for byte as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.faults_support import (
    assert_one_line_refusal,
    make_demo,
    run,
    snapshot,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("faults-template") / "demo.db")


def _truncated(demo: Path, path: Path) -> None:
    path.write_bytes(demo.read_bytes()[:20_000])


def _garbled(demo: Path, path: Path) -> None:
    data = bytearray(demo.read_bytes())
    data[5_000:9_000] = b"\xff" * 4_000  # the schema's and the first tables' pages
    path.write_bytes(bytes(data))


def _text(_demo: Path, path: Path) -> None:
    path.write_bytes(b"legal_name,country\r\nRhein Logistik GmbH,DE\r\n")


def _newer(demo: Path, path: Path) -> None:
    shutil.copyfile(demo, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()


def _folder(_demo: Path, path: Path) -> None:
    path.mkdir()


def _empty(_demo: Path, path: Path) -> None:
    path.write_bytes(b"")


KINDS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "truncated": (_truncated, "is damaged"),
    "garbled": (_garbled, "is damaged"),
    "text": (_text, "not a PartnerDesk database"),
    "newer schema": (_newer, "newer version of PartnerDesk"),
    "folder": (_folder, "is a folder"),
    "empty": (_empty, "is empty"),
}
# What each command does with the file; OUT is a folder of its own, so the database's
# folder can be compared before and after.
COMMANDS = {
    "list": ["list", "agreements"],
    "check": ["check"],
    "export": ["export", "{out}/agreements.csv"],
    "report": ["report", "portfolio", "--out", "{out}/portfolio.pdf"],
    "import dry run": ["import", "{csv}", "--dry-run"],
    "demo": ["demo", "--agreements", "3"],
    "import": ["import", "{csv}"],
    "backup": ["backup", "{out}/copy.db"],
}
# Writing into an empty file is creating a database, as with a missing one; a backup of
# a newer database is a backup (only restoring it needs that version); a dry run checks
# the file against an empty database, as for a missing one.
WORKS = {
    ("empty", "demo"), ("empty", "import"), ("empty", "import dry run"), ("newer schema", "backup"),
}  # fmt: skip
CASES = [(k, c) for k in KINDS for c in COMMANDS if (k, c) not in WORKS]


@pytest.fixture(scope="module")
def agreements_csv(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults-csv") / "agreements.csv"
    from app.cli import main

    assert main(["--db", str(demo), "export", str(path)]) == 0
    return path


@pytest.mark.parametrize(("kind", "command"), CASES)
def test_every_command_refuses_an_unusable_file_in_one_line_and_leaves_it(
    kind: str,
    command: str,
    demo: Path,
    agreements_csv: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, expected = KINDS[kind]
    folder = tmp_path / "db"
    folder.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    target = folder / "partnerdesk.db"
    make(demo, target)
    before = snapshot(folder)
    argv = [a.format(out=out, csv=agreements_csv) for a in COMMANDS[command]]
    code, _, err = run(capsys, "--db", str(target), *argv)
    assert_one_line_refusal(code, err, expected)
    assert snapshot(folder) == before
    assert [p.name for p in folder.iterdir()] == [target.name]  # no -wal, -shm, partial
    assert list(out.iterdir()) == []


def test_reading_an_empty_file_leaves_it_empty_and_writing_creates_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.db"
    path.write_bytes(b"")
    for argv in (["list", "agreements"], ["check"], ["list", "partners", "--format", "json"]):
        code, _, err = run(capsys, "--db", str(path), *argv)
        assert_one_line_refusal(code, err, "is empty: no PartnerDesk database in it yet")
    assert path.read_bytes() == b"" and sorted(tmp_path.iterdir()) == [path]
    code, out, _ = run(capsys, "--db", str(path), "demo", "--agreements", "4")
    assert code == 0 and "added 4 agreements" in out
    assert run(capsys, "--db", str(path), "check")[0] == 0


def test_reading_commands_never_migrate_an_older_database(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(demo, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.close()
    before = path.read_bytes()
    code, _, err = run(capsys, "--db", str(path), "list", "agreements")
    assert_one_line_refusal(code, err, "has an older schema (0003)", "open it in PartnerDesk")
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [path]


def test_a_reading_command_leaves_no_file_beside_the_database(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    for argv in (["list", "agreements"], ["check"], ["export", str(tmp_path / "x.csv")]):
        assert run(capsys, "--db", str(path), *argv)[0] == 0
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "x.csv"]


def test_a_damaged_database_is_repaired_by_restoring_a_backup(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "good.bak"
    assert run(capsys, "--db", str(demo), "backup", str(backup))[0] == 0
    path = tmp_path / "partnerdesk.db"
    _truncated(demo, path)
    damaged = path.read_bytes()
    code, _, err = run(capsys, "--db", str(path), "restore", str(backup))
    assert_one_line_refusal(code, err, "is damaged; restoring replaces it — use --force")
    code, out, _ = run(capsys, "--db", str(path), "restore", str(backup), "--force")
    assert code == 0 and "restored" in out
    assert [p.read_bytes() for p in tmp_path.glob("partnerdesk.damaged-*.db")] == [damaged]
    code, out, _ = run(capsys, "--db", str(path), "check")
    assert code == 0 and "40 agreements" in out


def test_a_restore_never_overwrites_a_file_that_is_not_a_database(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "good.bak"
    assert run(capsys, "--db", str(demo), "backup", str(backup))[0] == 0
    path = tmp_path / "notes.db"
    _text(demo, path)
    code, _, err = run(capsys, "--db", str(path), "restore", str(backup), "--force")
    assert_one_line_refusal(code, err, "not a PartnerDesk database")
    assert path.read_bytes().startswith(b"legal_name,country")
