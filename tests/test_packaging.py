"""The wheel carries what an installed PartnerDesk needs beyond Python modules."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_migrations_entry_point_and_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("partnerdesk-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "partnerdesk = app.cli:main" in zf.read(entry_points).decode()
    migrations = {p.relative_to(ROOT).as_posix() for p in (ROOT / "app/db/migrations").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts}  # fmt: skip
    assert migrations <= names
    assert "app/db/migrations/script.py.mako" in names
    assert any(n.startswith("ui/") for n in names)
    wanted = {".qm", ".ts", ".png", ".svg", ".qss", ".ttf", ".ttc", ".txt"}
    shipped_resources = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix in wanted
    }
    assert shipped_resources <= names


def test_no_module_finds_its_files_through_its_own_source_path() -> None:
    # A frozen bundle (PyInstaller) has no source files where ``__file__`` points: data is
    # found through ``importlib.resources``, and no module reads its own source.
    offenders = [
        path.relative_to(ROOT).as_posix()
        for package in ("app", "ui")
        for path in (ROOT / package).rglob("*.py")
        if "__file__" in path.read_text(encoding="utf-8")
        or "getsource" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
