"""One way to open a PartnerDesk database: an SQLite file (default) or any SQLAlchemy URL."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_VAR = "PARTNERDESK_DB"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("PartnerDesk", "PartnerDesk")) / "partnerdesk.db"


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


def _check_sqlite_file(path: Path) -> None:
    # Refuse before SQLite touches the file: a text file renamed .db must stay as it was.
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a PartnerDesk database")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise DatabaseError(f"{path} is not a PartnerDesk database (not an SQLite file)")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL is durable across application crashes (not power loss mid-commit),
    # and makes bulk writes several times faster.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _make_engine(url: URL, busy_timeout: float) -> Engine:
    if url.get_backend_name() == "sqlite":
        # How long a write waits for another desk's transaction before saying "busy".
        engine = create_engine(url, connect_args={"timeout": busy_timeout})
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
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An opened, migrated database and the session factory the callers use."""

    url: URL
    engine: Engine
    sessionmaker: sessionmaker[Session]

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
        try:
            with self.sessionmaker() as session, session.begin():
                yield session
        except StaleDataError as exc:
            # Another desk saved the same record between our read and our write.
            raise ConflictError(
                "someone else changed this record while you were saving; reload it and "
                "apply your edit again"
            ) from exc
        except IntegrityError as exc:
            raise ConflictError(f"the database refused the change: {_first_line(exc)}") from exc
        except OperationalError as exc:
            raise DatabaseError(_operational_message(self.description, exc)) from exc
        except DBAPIError as exc:
            # The rest of the driver's refusals (a permission, a value the column cannot
            # hold): the window only ever has to catch the product's own errors.
            raise DatabaseError(f"the database refused the change: {_first_line(exc)}") from exc

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    target: str | os.PathLike[str] | URL | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    busy_timeout: float = 10.0,
) -> Database:
    """Open (and if needed create and migrate) the database named by ``target``.

    ``create=False`` refuses a missing SQLite file instead of making an empty one, for
    commands that only read. Raises :class:`DatabaseError` with a sentence for people.
    """
    from app.db.migrate import ensure_schema  # here: migrate imports this module

    url = target if isinstance(target, URL) else resolve_url(target)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        _check_sqlite_file(path)
        if not path.exists():
            if not create:
                raise DatabaseError(f"no PartnerDesk database at {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = _make_engine(url, busy_timeout)
    except (NoSuchModuleError, ArgumentError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            f"cannot use {describe(url)}: not a database PartnerDesk knows "
            "(give an SQLite file path or a postgresql:// URL)"
        ) from exc
    try:
        if migrate:
            ensure_schema(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {describe(url)}: {_first_line(exc)}") from exc
    except Exception:
        engine.dispose()
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(url=url, engine=engine, sessionmaker=factory)


def _operational_message(where: str, exc: OperationalError) -> str:
    text = _first_line(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return f"{where} is read-only for you: changes cannot be saved ({text})"
    if "locked" in lowered or "busy" in lowered:
        return f"{where} is busy (another PartnerDesk is writing); try again in a moment"
    return f"{where}: {text}"


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
