"""Back up and restore an SQLite database, safely while the application is using it.

Both directions go through SQLite's online backup API: a backup is a consistent snapshot
even while another connection writes (WAL readers never block writers), and a restore
replaces the pages of the live database under SQLite's own locking, so a running
application simply sees the restored data on its next query.

PostgreSQL is backed up by its administrators (pg_dump); we refuse in one sentence.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from app.db import Database
from app.db.engine import (
    SQLITE_MAGIC,
    check_sqlite_file,
    check_sqlite_source,
    connect_for_reading,
    why_read_only,
)
from app.db.faults import explain, explain_os_error, is_damage
from app.db.migrate import ensure_schema, known_revisions
from app.errors import DatabaseError

AUTO_PREFIX = "partnerdesk-auto-"
LOCK_WAIT = 30.0  # seconds a backup or restore waits for another program's lock
_AUTO_NAME = re.compile(rf"^{AUTO_PREFIX}\d{{8}}T\d{{6}}(\d{{6}})?Z\.db$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    schema_version: str
    partners: int
    agreements: int
    size: int

    def describe(self) -> str:
        return (
            f"{self.path}: {self.agreements:,} agreements, {self.partners:,} partners, "
            f"schema {self.schema_version}, {self.size / 1_048_576:.1f} MB"
        )


def sqlite_path(target: Database | URL) -> Path:
    url = target.url if isinstance(target, Database) else target
    if url.get_backend_name() != "sqlite":
        raise DatabaseError(
            "backup and restore here are for SQLite databases; "
            "back up PostgreSQL with pg_dump and restore it with pg_restore"
        )
    if not url.database or url.database == ":memory:":
        raise DatabaseError("an in-memory database has no file to back up or restore")
    return Path(url.database)


def back_up(db: Database | URL, target: Path | str, *, overwrite: bool = False) -> BackupInfo:
    """A consistent copy of the database in ``target`` (a single file, checked).

    An existing ``target`` is replaced only with ``overwrite`` (a typo must not cost the
    user a spreadsheet), and never when it is the database itself or a folder.
    """
    source = sqlite_path(db)
    target = Path(target)
    check_sqlite_source(source)
    if target.resolve() == source.resolve():
        raise DatabaseError("a backup cannot overwrite the database it copies")
    if target.is_dir():
        raise DatabaseError(f"{target} is a folder; name the backup file")
    if target.exists() and not overwrite:
        raise DatabaseError(f"{target} already exists; choose another name or use --force")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    _remove_partial(partial)
    try:
        src = connect_for_reading(source, LOCK_WAIT)
        dst = sqlite3.connect(partial)
        try:
            # Python's backup() retries a locked source forever; a read transaction taken
            # first waits LOCK_WAIT at most, then says "locked".
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # pages=-1: the whole database in one step, under one read transaction, so
            # writers elsewhere neither restart the copy nor wait for it (WAL).
            src.backup(dst, pages=-1)
            # One self-contained file: no -wal beside it to lose when it is copied.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        info = check_backup(partial, source=source)
        partial.replace(target)
    except sqlite3.Error as exc:
        _remove_partial(partial)
        raise DatabaseError(f"cannot back up: {explain(str(source), exc)}") from exc
    except OSError as exc:
        _remove_partial(partial)
        raise DatabaseError(f"cannot back up {source}: {explain_os_error(exc)}") from exc
    except BaseException:
        _remove_partial(partial)
        raise
    return BackupInfo(target, info.schema_version, info.partners, info.agreements, info.size)


def _remove_partial(partial: Path) -> None:
    """The unfinished copy and the journal SQLite may have left beside it (a disk that
    filled while the copy switched its journal mode leaves one)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def check_backup(path: Path | str, *, source: Path | None = None) -> BackupInfo:
    """Is this a whole PartnerDesk database we can restore? Raises DatabaseError if not.

    ``source``: the database ``path`` was just copied from, which a damage then concerns.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"no backup file at {path}")
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise DatabaseError(f"{path.name} is not a PartnerDesk backup (not an SQLite file)")
    damaged = (
        f"{source} is damaged, so no backup was made (restore an earlier backup)"
        if source is not None
        else f"{path.name} is damaged and cannot be restored"
    )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        # Damage can put any bytes where text was (a table's name, integrity_check quoting
        # it): read them as text whatever they are, so the answer is the one line below,
        # not a UnicodeDecodeError.
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                # SQLite's report spans lines; one line names the first problems.
                found = " ".join(" ".join(problems[:3]).split())
                raise DatabaseError(f"{damaged}: {found[:200]}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "agreements" not in tables:
                raise DatabaseError(f"{path.name} is an SQLite file but not a PartnerDesk backup")
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            partners = conn.execute("SELECT count(*) FROM partners").fetchone()[0]
            agreements = conn.execute("SELECT count(*) FROM agreements").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{damaged}: {' '.join(str(exc).split())[:200]}") from exc
    except ValueError as exc:
        # SQLite's own message quoted the damaged bytes, which are no text (Python fails
        # to decode it: a UnicodeDecodeError instead of the error), or a name holds a NUL.
        raise DatabaseError(f"{damaged}: its pages do not read as a database") from exc
    if version is None:
        raise DatabaseError(f"{path.name} has no PartnerDesk schema version")
    # A copy of a newer database is still a backup; only restoring it needs that version.
    if version[0] not in known_revisions() and source is None:
        raise DatabaseError(
            f"{path.name} was written by a newer PartnerDesk (schema {version[0]}); "
            "update PartnerDesk to restore it"
        )
    return BackupInfo(path, version[0], int(partners), int(agreements), path.stat().st_size)


def _contents(path: Path) -> tuple[int, int]:
    """(partners, agreements) in the database at ``path``; (0, 0) if it has none yet."""
    if not path.exists() or path.stat().st_size == 0:
        return 0, 0
    conn = connect_for_reading(path, LOCK_WAIT)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "agreements" not in tables or "partners" not in tables:
            return 0, 0
        partners = conn.execute("SELECT count(*) FROM partners").fetchone()[0]
        agreements = conn.execute("SELECT count(*) FROM agreements").fetchone()[0]
        return int(partners), int(agreements)
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: Path | None  # what the database held before, when it held anything


def restore(target: Database | URL, backup: Path | str, *, force: bool = False) -> RestoreResult:
    """Replace the database's contents with ``backup``, after checking the backup.

    A database that holds partners or agreements is replaced only with ``force``, and even
    then its contents are first copied aside (``*.before-restore-*.db``): nothing is lost.
    """
    path = sqlite_path(target)
    info = check_backup(backup)
    refusal = why_read_only(path)
    if refusal is not None:
        raise DatabaseError(f"{refusal}: a backup cannot be restored into it")
    if path.exists() and path.resolve() == Path(backup).resolve():
        raise DatabaseError("the backup is the database itself; choose another file")
    if path.exists() and path.stat().st_size > 0:
        check_sqlite_file(path)  # a folder or someone's text file is never overwritten
    try:
        partners, agreements = _contents(path)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):  # locked, or a disk error: nothing to replace
            raise DatabaseError(f"cannot restore: {explain(str(path), exc)}") from exc
        # Restoring is how a damaged database is repaired: its bytes are kept aside.
        return _replace_damaged(path, Path(backup), info, force=force)
    safety: Path | None = None
    if partners or agreements:
        if not force:
            raise DatabaseError(
                f"{path} is not empty ({agreements:,} agreements, {partners:,} partners); "
                "restoring would replace them — use --force to do so"
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        safety = path.with_name(f"{path.stem}.before-restore-{stamp}.db")
        back_up(URL.create("sqlite+pysqlite", database=str(path)), safety)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = connect_for_reading(Path(backup), LOCK_WAIT)
        dst = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
        try:
            # As in back_up: wait for another program's lock here, at most LOCK_WAIT (the
            # backup itself would retry forever); the copy then takes the lock in turn.
            dst.execute("BEGIN IMMEDIATE")
            dst.execute("ROLLBACK")
            src.backup(dst, pages=-1)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot restore: {explain(str(path), exc)}") from exc
    if isinstance(target, Database):
        # The open application: forget pooled connections, and bring a backup made by an
        # older version up to this version's schema before anything reads it.
        target.engine.dispose()
        ensure_schema(target.engine)
    return RestoreResult(info, safety)


def _replace_damaged(path: Path, backup: Path, info: BackupInfo, *, force: bool) -> RestoreResult:
    """Put a restored copy in place of a database SQLite cannot read any more."""
    if not force:
        raise DatabaseError(
            f"{path} is damaged; restoring replaces it — use --force to do so "
            "(the damaged file is kept aside)"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safety = path.with_name(f"{path.stem}.damaged-{stamp}.db")
    fresh = path.with_name(f".{path.name}.restoring")
    try:
        shutil.copyfile(path, safety)
        src = connect_for_reading(backup, LOCK_WAIT)
        dst = sqlite3.connect(fresh)
        try:
            src.backup(dst, pages=-1)
        finally:
            dst.close()
            src.close()
        # The damaged file's journal belongs to it, not to the restored copy.
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        fresh.replace(path)
    except (sqlite3.Error, OSError) as exc:
        fresh.unlink(missing_ok=True)
        raise DatabaseError(f"cannot restore: {explain(str(path), exc)}") from exc
    return RestoreResult(info, safety)


def auto_backup(db: Database | URL, folder: Path | str, keep: int) -> Path | None:
    """A rolling backup in ``folder``: this one and the ``keep - 1`` before it stay."""
    if keep <= 0:
        return None
    folder = Path(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{AUTO_PREFIX}{stamp}.db"
    back_up(db, target)
    prune_auto_backups(folder, keep)
    return target


def auto_backups(folder: Path | str) -> list[Path]:
    """Automatic backups in ``folder``, oldest first (their names sort by time)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _AUTO_NAME.match(p.name))


def prune_auto_backups(folder: Path | str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; never any other file."""
    old = auto_backups(folder)[: -keep or None] if keep > 0 else auto_backups(folder)
    for p in old:
        p.unlink(missing_ok=True)
    return old
