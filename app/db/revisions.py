"""The schema's revisions, answered without Alembic: which ones this version knows (read
from the migration files), which one is the newest, which one a database holds.

Every command opens a database and asks whether its schema is current; nearly always it
is. Alembic's script machinery costs about 0.2 s to import and to read the migrations,
more than a command like ``partnerdesk list`` needs in all, so it is imported only when a
schema must change (``app.db.migrate.upgrade``). ``tests/db/test_migrations.py`` checks
that these answers are Alembic's.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Through the package, as app.db.migrate finds them: a frozen bundle keeps them as data.
VERSIONS = Path(str(files("app.db") / "migrations" / "versions"))
VERSION_TABLE = "alembic_version"  # Alembic's own table name


# Where a migration's body starts: its identifiers come before the first function.
_BODY = re.compile(r"^(?:def|async def|class|@)", re.MULTILINE)


def _assigned(path: Path) -> dict[str, object]:
    """The module-level ``revision`` and ``down_revision`` of a migration file."""
    text = path.read_text(encoding="utf-8")
    body = _BODY.search(text)
    if body is not None:
        # Parsing only the header is 50 times cheaper than the whole file (0.4 ms against
        # 30 ms for twelve migrations), and every command pays it at start.
        try:
            found = _identifiers(ast.parse(text[: body.start()], str(path)))
        except SyntaxError:  # the cut fell inside a string: read it all
            found = {}
        if {"revision", "down_revision"} <= found.keys():
            return found
    return _identifiers(ast.parse(text, str(path)))


def _identifiers(tree: ast.Module) -> dict[str, object]:
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = ast.literal_eval(value)
    return found


@cache
def _graph() -> dict[str, tuple[str, ...]]:
    """Each known revision -> the revisions it follows."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted(VERSIONS.glob("*.py")):
        found = _assigned(path)
        revision = found.get("revision")
        if not isinstance(revision, str):
            continue  # __init__.py, or not a migration
        down = found.get("down_revision")
        if isinstance(down, str):
            graph[revision] = (down,)
        else:  # None for the first; a tuple where branches merge
            graph[revision] = tuple(map(str, down)) if isinstance(down, tuple | list) else ()
    return graph


def known_revisions() -> set[str]:
    return set(_graph())


def head_revision() -> str:
    """The newest revision: the one no other follows (one line of migrations, one head)."""
    graph = _graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {heads}")
    return heads[0]


def stored_revision(connection: Connection) -> str | None:
    """The revision the database holds; None for one without a version table."""
    from sqlalchemy import inspect  # here: the SQLite list reads the head without it

    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    versions = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalars()
    found = list(versions)
    if len(found) > 1:
        raise RuntimeError(f"the database holds several schema versions: {found}")
    return found[0] if found else None
