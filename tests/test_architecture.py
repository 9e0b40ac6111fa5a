"""The wall between the product and its screen: nothing under app/ may import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import Database
from app.errors import DatabaseError

APP = Path(__file__).resolve().parents[1] / "app"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_under_app_imports_qt() -> None:
    offenders = []
    for path in APP.rglob("*.py"):
        # The one door from the command line to the window, imported lazily on purpose.
        if path.relative_to(APP).as_posix() == "commands/gui.py":
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert offenders == []


def test_importing_every_app_module_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if '.migrations' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=APP.parent,
    )
    assert out.stdout.strip() == "[]"


# --- the error contract: the window catches only the product's errors --------------------

UI = APP.parent / "ui"


def test_no_module_under_ui_imports_sqlalchemy() -> None:
    # The window sees the database through services and their PartnerDeskErrors; the type
    # of a session is named through app.db.
    offenders = [
        f"{path.relative_to(UI.parent)} imports {name}"
        for path in UI.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "sqlalchemy"
    ]
    assert offenders == []


def test_a_driver_refusal_reaches_the_caller_as_a_product_error(db: Database) -> None:
    from sqlalchemy import text

    with pytest.raises(DatabaseError), db.session() as s:
        s.execute(text("SELECT :value"), {"value": object()})  # no driver can bind it
