"""Schema versions: create, back up and migrate forward, refuse what is too new.

Whether a schema is current is answered by ``app.db.revisions`` without Alembic; Alembic
itself is imported only to change a schema (``upgrade``).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from app.db.revisions import head_revision, known_revisions, stored_revision
from app.db.search_schema import restore_sqlite_search
from app.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "alembic_config", "backup_before_migration", "check_schema", "copy_sqlite",
    "current_revision", "ensure_schema", "head_revision", "known_revisions", "upgrade",
]  # fmt: skip

log = logging.getLogger(__name__)

# Found through the package, not the module's own path: a frozen bundle (PyInstaller) keeps the
# migration scripts as data files beside its archive, where ``files`` points.
MIGRATIONS = Path(str(files("app.db") / "migrations"))


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    # Built in code from a path inside the package, so migrations work from an installed
    # wheel exactly as from the checkout (no alembic.ini to find).
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return stored_revision(conn)


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the current schema, or explain why it cannot be used."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"alembic_version"}:
            raise DatabaseError(_not_ours(engine))
        upgrade(engine)
        return
    if current not in known_revisions():
        raise DatabaseError(_too_new(current, head))
    backup = backup_before_migration(engine, current)
    if backup is not None:
        log.warning("backed up %s to %s before migrating to %s", _where(engine), backup, head)
    upgrade(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A batch migration renames its rebuilt table into place; SQLite's own check
            # of that rename would fail on the search view that names the table (still
            # dropped at that moment). The view is right again once the rename is done.
            conn.exec_driver_sql("PRAGMA legacy_alter_table=ON")
        command.upgrade(alembic_config(conn), revision)
        if sqlite:
            conn.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
            restore_sqlite_search(conn)


def backup_before_migration(engine: Engine, revision: str) -> Path | None:
    """Copy an SQLite database aside before changing its schema.

    PostgreSQL databases are backed up by their administrators (pg_dump); we log instead.
    """
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        log.warning("migrating %s without an automatic backup", _where(engine))
        return None
    source = Path(engine.url.database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.stem}.schema-{revision}.{stamp}.bak")
    copy_sqlite(source, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy even while other connections write (SQLite online backup API)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    # sqlite3's context manager commits but does not close.
    src.close()
    dst.close()


def _where(engine: Engine) -> str:
    url = engine.url
    return str(url.database) if url.get_backend_name() == "sqlite" else url.render_as_string()


def check_schema(engine: Engine, *, cannot_write: str | None = None) -> None:
    """For a database that is only read: refuse what :func:`ensure_schema` would change.

    ``cannot_write`` says why the file cannot be changed, when that is the reason.
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"alembic_version"}:
            raise DatabaseError(_not_ours(engine))
        raise DatabaseError(f"{_where(engine)} holds no PartnerDesk database yet")
    if current not in known_revisions():
        raise DatabaseError(_too_new(current, head))
    if cannot_write is not None:
        raise DatabaseError(
            f"{_where(engine)} has an older schema ({current}) that needs an upgrade to "
            f"{head}, but {cannot_write}: open it with the PartnerDesk that wrote it"
        )
    raise DatabaseError(
        f"{_where(engine)} has an older schema ({current}); open it in PartnerDesk, or run "
        "a command that changes it, to upgrade it to this version's (a backup is made first)"
    )


def _too_new(current: str, head: str) -> str:
    return (
        f"this database was written by a newer version of PartnerDesk (schema {current}); "
        f"this version understands up to schema {head}. Please update PartnerDesk."
    )


def _not_ours(engine: Engine) -> str:
    # A damaged PartnerDesk file can hide its version table: say "damaged" when it is.
    if engine.url.get_backend_name() == "sqlite":
        with engine.connect() as conn:
            verdict = str(conn.exec_driver_sql("PRAGMA quick_check").scalar())
        if verdict != "ok":
            found = " ".join(verdict.split())[:200]  # SQLite's report spans lines
            return (
                f"{_where(engine)} is damaged and cannot be read ({found}); nothing was "
                "changed — restore it from a backup (partnerdesk restore FILE)"
            )
    return (
        "this database is not a PartnerDesk database "
        f"(it has tables but no PartnerDesk schema version): {_where(engine)}"
    )
