"""A full disk during backup, demo and import: one line, and the database stays whole.

The disk is a 3 MB tmpfs mounted by the trial (skipped where mounting is not allowed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.faults_support import assert_one_line_refusal, make_demo, run, tmpfs


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database larger than the small disk."""
    return make_demo(tmp_path_factory.mktemp("full-template") / "big.db", agreements=3_000)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "3m") as folder:
        yield folder


def test_a_backup_onto_a_full_disk_leaves_no_file_behind(
    big: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(big), "backup", str(small_disk / "copy.db"))
    assert_one_line_refusal(code, err, "full")
    assert list(small_disk.iterdir()) == []


def test_demo_data_filling_the_disk_is_rolled_back(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_disk / "partnerdesk.db"
    code, _, err = run(capsys, "--db", str(path), "demo", "--agreements", "3000")
    assert_one_line_refusal(code, err, f"the disk holding {path} is full; nothing was saved")
    code, out, _ = run(capsys, "--db", str(path), "check")
    assert code == 0 and "0 partners, 0 agreements" in out


def test_an_import_filling_the_disk_changes_nothing(
    big: Path, small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "agreements.csv"
    assert run(capsys, "--db", str(big), "export", str(csv))[0] == 0
    path = small_disk / "partnerdesk.db"
    make_demo(path, agreements=0)
    # Leave 200 kB: the schema fits, 3,000 agreements do not.
    stat = os.statvfs(small_disk)
    (small_disk / "ballast").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 200_000))
    code, _, err = run(capsys, "--db", str(path), "import", str(csv))
    assert_one_line_refusal(code, err, "is full; nothing was saved")
    code, out, _ = run(capsys, "--db", str(path), "check")
    assert code == 0 and "0 partners, 0 agreements" in out


@pytest.mark.parametrize(
    "argv", [["export", "{disk}/agreements.csv"], ["report", "portfolio", "--out", "{disk}/p.pdf"]]
)
def test_an_output_filling_the_disk_is_named_in_one_line(
    argv: list[str], big: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stat = os.statvfs(small_disk)
    (small_disk / "ballast").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 20_000))
    command = [a.format(disk=small_disk) for a in argv]
    code, _, err = run(capsys, "--db", str(big), *command)
    assert_one_line_refusal(code, err, f"the disk is full while writing {command[-1]}")
