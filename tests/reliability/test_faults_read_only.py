"""A database on a read-only mount: everything can be read, every write says why not.

Root ignores file modes, so the trial mounts a small tmpfs and remounts it read-only;
where mounting is not allowed the trial is skipped (the decision itself is unit-tested in
tests/db/test_read_only.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import open_database
from tests.reliability.faults_support import (
    assert_one_line_refusal,
    make_demo,
    remount_read_only,
    run,
    snapshot,
    tmpfs,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("ro-template") / "demo.db")


@pytest.fixture
def read_only_db(demo: Path, tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "mnt", "4m") as folder:
        shutil.copyfile(demo, folder / "shared.db")
        remount_read_only(folder)
        yield folder / "shared.db"


def test_every_reading_command_works_on_a_read_only_mount(
    read_only_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(read_only_db.parent)
    db = str(read_only_db)
    code, out, _ = run(capsys, "--db", db, "list", "agreements", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 40
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "ok — schema" in out
    assert run(capsys, "--db", db, "export", str(tmp_path / "all.xlsx"))[0] == 0
    assert run(capsys, "--db", db, "report", "portfolio", "--out", str(tmp_path / "p.pdf"))[0] == 0
    code, out, _ = run(capsys, "--db", db, "backup", str(tmp_path / "copy.db"))
    assert code == 0 and "40 agreements" in out
    assert snapshot(read_only_db.parent) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--agreements", "3"],
        ["import", "{csv}"],
        ["restore", "{backup}", "--force"],
    ],
)
def test_every_write_says_the_file_is_read_only_in_one_line(
    argv: list[str], read_only_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv, backup = tmp_path / "in.csv", tmp_path / "in.bak"
    assert run(capsys, "--db", str(read_only_db), "export", str(csv))[0] == 0
    assert run(capsys, "--db", str(read_only_db), "backup", str(backup))[0] == 0
    before = snapshot(read_only_db.parent)
    command = [a.format(csv=csv, backup=backup) for a in argv]
    code, _, err = run(capsys, "--db", str(read_only_db), *command)
    assert_one_line_refusal(code, err, f"the database file {read_only_db} is read-only")
    assert snapshot(read_only_db.parent) == before


def test_the_window_is_told_why_editing_is_off(read_only_db: Path) -> None:
    db = open_database(read_only_db)  # as the desktop application opens it
    try:
        assert db.read_only_reason == f"the database file {read_only_db} is read-only"
    finally:
        db.dispose()


READ_ONLY = "Read-only file system"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["backup", "{folder}/copy.db"], f"{{folder}}/copy.db: {READ_ONLY}"),
        (["report", "portfolio", "--out", "{folder}/p.pdf"], f"{{folder}}/p.pdf: {READ_ONLY}"),
        (["--db", "{folder}/new.db", "demo"],
         "cannot create a database in {folder}: the folder is read-only"),
    ],
)  # fmt: skip
def test_writing_into_a_read_only_folder_names_the_file_the_user_asked_for(
    argv: list[str], named: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "mnt", "1m") as folder:
        remount_read_only(folder)
        command = [a.format(folder=folder) for a in argv]
        code, _, err = run(capsys, "--db", str(demo), *command)
        assert_one_line_refusal(code, err, named.format(folder=folder))
