"""What the fault trials share: running a command, a small demo database, a tmpfs mount."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_refusal(code: int, err: str, *fragments: str) -> None:
    """Exit 1, one sentence on stderr naming the fault, no driver's words or traceback."""
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("partnerdesk: error: "), err
    for raw in ("Traceback", "sqlite3.", "(sqlalchemy", "psycopg.", "OperationalError",
                "DatabaseError:", "OSError"):  # fmt: skip
        assert raw not in err, err
    for fragment in fragments:
        assert fragment in err, err


def make_demo(path: Path, agreements: int = 40) -> Path:
    assert main(["--db", str(path), "demo", "--agreements", str(agreements), "--seed", "3"]) == 0
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` and its bytes: what "left as it was" is checked against."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def can_mount() -> str | None:
    """None when this process may mount a tmpfs; otherwise why not (a skip reason)."""
    if shutil.which("mount") is None:
        return "no mount command on this machine"
    probe = Path("/tmp") / f"partnerdesk-mount-probe-{id(can_mount)}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return f"mounting a tmpfs is not allowed here ({done.stderr.strip()})"
        subprocess.run(["umount", str(probe)], check=True)
        return None
    finally:
        probe.rmdir()


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs at ``folder`` (a full disk on demand); skips the test if not allowed."""
    reason = can_mount()
    if reason is not None:
        pytest.skip(reason)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                   check=True)  # fmt: skip
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
