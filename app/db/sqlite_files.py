"""Finding and opening an SQLite file without SQLAlchemy.

Split from ``app.db.engine`` so that ``partnerdesk list`` can read a file through the
``sqlite3`` driver alone (``app.services.listing_driver``) with the same rules: which
file ``--db`` names, what counts as no database, how a file we may not write is opened.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.errors import DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_VAR = "PARTNERDESK_DB"


def default_database_path() -> Path:
    # Imported here: a command given --db never asks for the per-user folder.
    import platformdirs

    return Path(platformdirs.user_data_dir("PartnerDesk", "PartnerDesk")) / "partnerdesk.db"


def check_sqlite_file(path: Path) -> None:
    # Refuse before SQLite touches the file: a text file renamed .db must stay as it was.
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a PartnerDesk database")
    try:
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as f:
                head = f.read(len(SQLITE_MAGIC))
            if head != SQLITE_MAGIC:
                raise DatabaseError(f"{path} is not a PartnerDesk database (not an SQLite file)")
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror or exc}") from exc


@dataclass(frozen=True, slots=True)
class SqliteAccess:
    """How an SQLite file is opened."""

    read_only: bool  # opened with mode=ro: the file system will not let us write
    immutable: bool  # nothing can change the file: no -wal/-shm, no locks (read-only mount)
    query_only: bool  # writable, but this command only reads: SQLite refuses any write
    reason: str | None  # why this file cannot be changed, for the user; None if it can


def sqlite_access(
    path: Path, *, file_writable: bool, folder_writable: bool, shm_exists: bool, reading: bool
) -> SqliteAccess:
    """The way to open ``path``, decided from what the file system allows.

    A file we may not write is opened read-only (``mode=ro``) with the reason kept for the
    window and the commands that write. SQLite reading a WAL database needs its -shm file;
    when the folder does not let us create one, the file is opened ``immutable`` (a
    read-only mount). A writable file that a command only reads is opened normally with
    SQLite's ``query_only``: a read-write connection removes its -wal/-shm on closing,
    which a ``mode=ro`` one cannot.
    """
    if not file_writable:
        reason = f"the database file {path} is read-only"
    elif not folder_writable:
        reason = f"the folder {path.parent} of the database is read-only"
    else:
        return SqliteAccess(read_only=False, immutable=False, query_only=reading, reason=None)
    return SqliteAccess(read_only=True, immutable=not folder_writable and not shm_exists,
                        query_only=False, reason=reason)  # fmt: skip


def _probe_access(path: Path, reading: bool) -> SqliteAccess:
    # os.access, not the mode bits: root may write a 0444 file, nobody a read-only mount.
    return sqlite_access(
        path,
        file_writable=os.access(path, os.W_OK),
        folder_writable=os.access(path.parent, os.W_OK),
        shm_exists=path.with_name(path.name + "-shm").exists(),
        reading=reading,
    )


def sqlite_read_uri(path: Path) -> str:
    """A URI that opens ``path`` read-only, immutable where nothing could change it."""
    access = _probe_access(path, reading=True)
    flags = "mode=ro&immutable=1" if access.immutable else "mode=ro"
    return f"{path.resolve().as_uri()}?{flags}"


def connect_for_reading(path: Path, timeout: float = 30.0) -> sqlite3.Connection:
    """A raw connection that reads ``path`` and cannot change it (see :func:`sqlite_access`)."""
    if _probe_access(path, reading=True).read_only:
        return sqlite3.connect(sqlite_read_uri(path), uri=True, timeout=timeout)
    conn = sqlite3.connect(path, timeout=timeout)
    conn.execute("PRAGMA query_only=ON")
    return conn


def check_sqlite_source(path: Path) -> None:
    """Refuse, in one sentence, a path that holds no SQLite database to read."""
    check_sqlite_file(path)
    if not path.exists():
        raise DatabaseError(f"no PartnerDesk database at {path}")
    if path.stat().st_size == 0:
        raise DatabaseError(f"{path} is empty: no PartnerDesk database in it yet")


def why_read_only(path: Path) -> str | None:
    """Why the SQLite file at ``path`` cannot be changed by us; None when it can."""
    if not path.exists():
        return None
    return _probe_access(path, reading=False).reason
