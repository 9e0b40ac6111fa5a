"""The command table: every command listed by name, none of their heavy imports for --help."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.cli import main
from app.commands import report
from app.db import Database

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


# What a command that does not use them must not import: each costs a command tenths of a
# second before it can answer (Alembic alone 0.2 s; it is needed only to change a schema).
# The import package brings its worker pool (multiprocessing, concurrent.futures).
HEAVY = ("alembic", "openpyxl", "reportlab", "PySide6", "app.reports", "app.services.importing")


def test_every_commands_help_answers_without_a_database_library() -> None:
    # `partnerdesk X --help` for every X (and every action of a command with actions) in
    # one fresh interpreter: none may load SQLAlchemy or anything heavier.
    code = (
        "import argparse, contextlib, io, sys\n"
        "from app.cli import build_parser, main\n"
        "def actions(parser):\n"
        "    for a in parser._actions:\n"
        "        if isinstance(a, argparse._SubParsersAction):\n"
        "            return a.choices\n"
        "    return {}\n"
        "shown = []\n"
        "for name, sub in actions(build_parser()).items():\n"
        "    for argv in ([name], *([name, action] for action in actions(sub))):\n"
        "        with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "            try:\n"
        "                main([*argv, '--help'])\n"
        "            except SystemExit:\n"
        "                pass\n"
        "        shown.append(' '.join(argv) if 'usage: partnerdesk' in out.getvalue() else '')\n"
        "print('SHOWN', shown)\n"
        f"heavy = {(*HEAVY, 'sqlalchemy', 'psycopg')!r}\n"
        "print('LOADED', sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    shown = result.stdout.split("SHOWN ")[1].splitlines()[0]
    for argv in ("list", "report", "people list", "fx import", "approvals approve", "team"):
        assert f"'{argv}'" in shown, argv
    assert "''" not in shown  # a command whose help did not come out
    assert "LOADED []" in result.stdout, result.stdout


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("commands") / "small.db"
    assert main(["--db", str(path), "demo", "--agreements", "20", "--seed", "3"]) == 0
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["list", "agreements", "--format", "json"],
        ["list", "partners"],
        ["list", "sellers"],
        ["check"],
        ["people", "list"],
        ["settings", "list"],
        ["approvals", "list"],
        ["fx", "list"],
        ["history", "BR-2023-0001"],
    ],
    ids=" ".join,
)
def test_a_command_imports_only_what_it_uses(small_db: Path, argv: list[str]) -> None:
    code = (
        "import contextlib, io, sys\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        status = main(sys.argv[1:])\n"
        "    except SystemExit as exc:\n"
        "        status = exc.code\n"
        "print('STATUS', status, len(out.getvalue()) > 0)\n"
        f"heavy = {HEAVY!r}\n"
        "print('LOADED', sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(small_db), *argv],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert "STATUS 0 True" in result.stdout, result.stderr
    assert "LOADED []" in result.stdout


def _listed_in_a_fresh_process(
    argv: list[str], heavy: tuple[str, ...], env: dict[str, str] | None = None
) -> str:
    """What ``partnerdesk ARGV --format json`` printed (a count of records) and loaded."""
    code = (
        "import contextlib, io, json, sys\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    status = main(sys.argv[1:])\n"
        "print('STATUS', status, len(json.loads(out.getvalue())))\n"
        f"heavy = {heavy!r}\n"
        "print('LOADED', sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *argv, "--format", "json"],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    return result.stdout + result.stderr


@pytest.mark.parametrize(("what", "count"), [("agreements", 20), ("partners", 11), ("sellers", 6)])
def test_a_list_on_sqlite_loads_no_database_library(small_db: Path, what: str, count: int) -> None:
    # On a current SQLite file the lists are read through sqlite3 alone (listing_driver,
    # partner_listing_driver, seller_listing_driver):
    # SQLAlchemy's import costs more than the whole answer may take (#15.1).
    said = _listed_in_a_fresh_process(
        ["--db", str(small_db), "list", what], (*HEAVY, "sqlalchemy", "psycopg")
    )
    assert f"STATUS 0 {count}" in said
    assert "LOADED []" in said, said


def test_a_list_on_postgresql_loads_no_sqlalchemy_nor_keyring(pg_db: Database) -> None:
    # The password as a user gives it, in PGPASSWORD: libpq reads it, the keyring and its
    # D-Bus (0.27 s) are not imported; SQLAlchemy (0.3-0.4 s) nor the models neither.
    url = pg_db.url
    target = url.render_as_string(hide_password=False)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", target, "demo", "--agreements", "12", "--seed", "3"]) == 0
    bare = make_url(target).set(drivername="postgresql")
    bare_text = bare.render_as_string(hide_password=False).replace(f":{url.password}@", "@")
    env = {**os.environ, "PGPASSWORD": str(url.password)}
    heavy = (*HEAVY, "sqlalchemy", "keyring", "app.domain.models")
    for what, count in (("agreements", 12), ("partners", 10), ("sellers", 0)):
        said = _listed_in_a_fresh_process(["--db", bare_text, "list", what], heavy, env)
        assert f"STATUS 0 {count}" in said, what
        assert "LOADED []" in said, said


def test_the_parser_limit_of_renewal_days_is_the_reports_own() -> None:
    from app.services.reporting import MAX_RENEWAL_DAYS

    assert report.MAX_RENEWAL_DAYS == MAX_RENEWAL_DAYS


def test_the_parser_appendix_choices_are_the_reports_own() -> None:
    from app.services.reporting import APPENDIX_CHOICES

    assert report.APPENDIX_CHOICES == APPENDIX_CHOICES
