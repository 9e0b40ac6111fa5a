"""One way to open a PartnerDesk database: an SQLite file (default) or any SQLAlchemy URL."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db import conflicts
from app.db.faults import explain, first_line, refused_by_role, role_refusal
from app.db.sqlite_files import (  # re-exported: callers name them from here
    ENV_VAR,
    SQLITE_MAGIC,
    SqliteAccess,
    _probe_access,
    check_sqlite_file,
    check_sqlite_source,
    connect_for_reading,
    default_database_path,
    sqlite_access,
    sqlite_read_uri,
    why_read_only,
)
from app.errors import ConflictError, DatabaseError

__all__ = [
    "ENV_VAR", "SQLITE_MAGIC", "Database", "SqliteAccess", "check_sqlite_file",
    "check_sqlite_source", "connect_for_reading", "default_database_path", "describe",
    "open_database", "resolve_url", "sqlite_access", "sqlite_read_uri", "why_read_only",
    "without_password",
]  # fmt: skip


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """``--db`` value, else ``PARTNERDESK_DB``, else the per-user SQLite file."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return URL.create("sqlite+pysqlite", database=str(default_database_path()))
    if "://" in raw:
        try:
            url = make_url(raw)
        except SQLAlchemyError as exc:
            raise DatabaseError(f"not a database URL: {raw}") from exc
        if url.drivername in {"postgresql", "postgres"}:
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser().resolve()))


def without_password(target: str) -> str:
    """The database target as it may be written to a settings file: never a password.

    PostgreSQL then finds the password in ~/.pgpass or PGPASSWORD, as its own tools do.
    """
    if "://" not in target:
        return target
    try:
        url = make_url(target)
    except SQLAlchemyError:
        return target
    if url.password is None:
        return target
    # URL.set() treats None as "leave as is", so the URL is built again without it.
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database,
                      url.query)  # fmt: skip
    return bare.render_as_string(hide_password=False)


def describe(url: URL) -> str:
    """A URL fit for a status bar or a log: never the password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL is durable across application crashes (not power loss mid-commit),
    # and makes bulk writes several times faster.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_read_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # No journal mode: choosing one writes the file's header.
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.execute("PRAGMA query_only=ON")


def _make_engine(
    url: URL, busy_timeout: float, access: SqliteAccess | None, read_only: bool
) -> Engine:
    if url.get_backend_name() == "sqlite":
        # How long a write waits for another desk's transaction before saying "busy".
        connect_args: dict[str, Any] = {"timeout": busy_timeout}
        if access is not None and access.read_only and url.database:
            # SQLite's URI form is the only way to say "read-only" to it; the URL itself
            # keeps the plain path, which is what people are shown.
            uri = sqlite_read_uri(Path(url.database))
            engine = create_engine(
                url,
                # As SQLAlchemy does for a file: pooled connections move between threads.
                creator=lambda: sqlite3.connect(
                    uri, uri=True, timeout=busy_timeout, check_same_thread=False
                ),
            )
            event.listen(engine, "connect", _sqlite_read_pragmas)
        elif access is not None and access.query_only:
            engine = create_engine(url, connect_args=connect_args)
            event.listen(engine, "connect", _sqlite_read_pragmas)
        else:
            engine = create_engine(url, connect_args=connect_args)
            event.listen(engine, "connect", _sqlite_pragmas)

        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINTs;
        # SQLAlchemy's documented fix: let us emit BEGIN ourselves.
        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

        return engine
    if read_only and url.get_backend_name() == "postgresql":
        # The server itself refuses any write from a command that only reads.
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"options": "-c default_transaction_read_only=on"},
        )
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An opened, migrated database and the session factory the callers use."""

    url: URL
    engine: Engine
    sessionmaker: sessionmaker[Session]
    # Why this database cannot be changed (a read-only file or mount), for the window's
    # status bar and the commands that write; None when it can be.
    read_only_reason: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def description(self) -> str:
        return describe(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction per user action: commit on success, roll back on any error.

        Database-level refusals become sentences a person can act on; the transaction is
        rolled back first, so nothing of the action is kept.
        """
        session = self.sessionmaker()
        conflicts.track(session)
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:
            # Another desk saved the same record between our read and our write.
            raise ConflictError(self._changed_by_someone_else(session)) from exc
        except IntegrityError as exc:
            raise ConflictError(f"the database refused the change: {first_line(exc)}") from exc
        except DBAPIError as exc:
            if self.is_sqlite and conflicts.lost_write_race(exc, session):
                # SQLite's form of the same race: this transaction read before another
                # desk wrote, so SQLite refuses its first write (SQLITE_BUSY_SNAPSHOT, or
                # SQLITE_BUSY while the other desk still holds the lock). Once the other
                # desk is done, the versions say whether it changed what we were writing.
                conflicts.wait_for_writers(self.engine)
                changed = conflicts.changed_records(self.engine, session)
                if changed:
                    raise ConflictError(conflicts.describe(changed)) from exc
                raise DatabaseError(
                    f"{self.description}: another desk was saving at the same moment; "
                    "nothing of yours was written — try again"
                ) from exc
            if self.read_only_reason and conflicts.is_read_only_refusal(exc):
                raise DatabaseError(
                    f"{self.read_only_reason}: changes cannot be saved (open a copy "
                    "you may write to edit it)"
                ) from exc
            subject = refused_by_role(exc)
            if subject is not None:
                raise DatabaseError(role_refusal(subject, self._role_name())) from exc
            raise DatabaseError(explain(self.description, exc)) from exc
        except sqlite3.Error as exc:
            # A raw cursor's (app/db/bulk.py: executemany past SQLAlchemy), e.g. a disk
            # that fills during a bulk insert: the same sentence, naming this database.
            raise DatabaseError(explain(self.description, exc)) from exc
        finally:
            session.close()

    def _role_name(self) -> str | None:
        """The connected login's PartnerDesk role, asked only after the server refused."""
        from app.db.grants import role_of

        try:
            with self.engine.connect() as conn:
                role = role_of(conn)
        except DBAPIError:
            return None
        return role.value if role is not None else None

    def _changed_by_someone_else(self, session: Session) -> str:
        changed = conflicts.changed_records(self.engine, session)
        if changed:
            return conflicts.describe(changed)
        return (
            "someone else changed this record while you were saving; reload it and "
            "apply your edit again"
        )

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    target: str | os.PathLike[str] | URL | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    read_only: bool = False,
    busy_timeout: float = 10.0,
) -> Database:
    """Open (and if needed create and migrate) the database named by ``target``.

    ``create=False`` refuses a missing SQLite file instead of making an empty one;
    ``migrate=False`` refuses a schema that would need changing.
    ``read_only=True`` is for commands that only read: the file is opened read-only and
    never created, filled or migrated (an empty file counts as no database). A file the
    user may not write is opened read-only whatever is asked, with
    :attr:`Database.read_only_reason` saying why. Raises :class:`DatabaseError` with a
    sentence for people.
    """
    from app.db.migrate import check_schema, ensure_schema  # migrate imports this module

    url = target if isinstance(target, URL) else resolve_url(target)
    if url.get_backend_name() == "postgresql" and url.password is None:
        from app.db.credentials import with_stored_password  # keyring: only for servers

        url = with_stored_password(url)
    access: SqliteAccess | None = None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        check_sqlite_file(path)
        empty = path.exists() and path.stat().st_size == 0
        if not path.exists() or empty:
            if read_only or not create:
                # An empty file is what a cancelled first start leaves: nothing to read yet.
                if empty:
                    raise DatabaseError(f"{path} is empty: no PartnerDesk database in it yet")
                raise DatabaseError(f"no PartnerDesk database at {path}")
            _make_folder(path.parent)
            if not os.access(path.parent, os.W_OK):
                raise DatabaseError(
                    f"cannot create a database in {path.parent}: the folder is read-only"
                )
        else:
            access = _probe_access(path, reading=read_only)
    try:
        engine = _make_engine(url, busy_timeout, access, read_only)
    except (NoSuchModuleError, ArgumentError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            f"cannot use {describe(url)}: not a database PartnerDesk knows "
            "(give an SQLite file path or a postgresql:// URL)"
        ) from exc
    reason = access.reason if access is not None else None
    try:
        if read_only or reason is not None or not migrate:
            check_schema(engine, cannot_write=reason)
        elif migrate:
            ensure_schema(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(explain(describe(url), exc)) from exc
    except Exception:
        engine.dispose()
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(url=url, engine=engine, sessionmaker=factory, read_only_reason=reason)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create a database in {folder}: {exc.strerror or exc}") from exc
