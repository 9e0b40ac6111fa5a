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
