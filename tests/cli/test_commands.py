"""The command table: every command listed by name, none of their heavy imports for --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.commands import report

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = (
    "demo", "list", "check", "report", "import", "export", "backup", "restore", "people",
    "history", "approvals",
)  # fmt: skip


def test_help_lists_every_command_without_loading_the_services() -> None:
    # A freezer sees only what is imported by name; --help must show every command
    # while loading none of what the commands run.
    code = (
        "import sys\n"
        "from app.cli import build_parser\n"
        "print(build_parser().format_help())\n"
        "heavy = ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'PySide6')\n"
        "print('LOADED', sorted({n.split('.')[0] for n in sys.modules} & set(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    for name in COMMANDS:
        assert f"    {name} " in result.stdout, name
    assert "LOADED []" in result.stdout


def test_the_parser_limit_of_renewal_days_is_the_reports_own() -> None:
    from app.services.reporting import MAX_RENEWAL_DAYS

    assert report.MAX_RENEWAL_DAYS == MAX_RENEWAL_DAYS


def test_the_parser_appendix_choices_are_the_reports_own() -> None:
    from app.services.reporting import APPENDIX_CHOICES

    assert report.APPENDIX_CHOICES == APPENDIX_CHOICES
