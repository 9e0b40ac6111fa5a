"""Backup while the database is in use, restore, and refusing damaged or unknown backups."""

from __future__ import annotations

import random
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from app.db import Database, open_database
from app.domain.models import Partner
from app.errors import DatabaseError
from app.services.backup import (
    auto_backup,
    auto_backups,
    back_up,
    check_backup,
    restore,
)
from app.services.demo import load_demo
from app.services.partners import PartnerInput, create_partner
from tests.conftest import TODAY


def partners_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM partners").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def filled(db: Database) -> Database:
    with db.session() as s:
        load_demo(s, 200, seed=5, today=TODAY)
    return db


def test_backup_while_another_connection_writes(filled: Database, tmp_path: Path) -> None:
    path = Path(str(filled.url.database))
    before = partners_in(path)
    stop = threading.Event()
    written = []

    def writer() -> None:
        conn = sqlite3.connect(path, timeout=30)
        n = 0
        while not stop.is_set():
            n += 1
            conn.execute(
                "INSERT INTO partners (legal_name, country, status, notes, version, created_at,"
                " updated_at) VALUES (?, 'CN', 'active', '', 1, '2026-01-01', '2026-01-01')",
                (f"Writer {n}",),
            )
            conn.commit()
            written.append(n)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:  # the writer is really writing before the copy starts
            stop.wait(0.01)
        info = back_up(filled, tmp_path / "copy.db")
    finally:
        stop.set()
        thread.join()
    after = partners_in(path)
    assert after > before + 20
    assert before + 20 <= info.partners <= after
    # A whole, self-contained file: no -wal beside it is needed to read it.
    assert not (tmp_path / "copy.db-wal").exists()
    assert check_backup(tmp_path / "copy.db").partners == info.partners


def test_backup_does_not_wait_for_nor_copy_an_open_transaction(
    filled: Database, tmp_path: Path
) -> None:
    path = Path(str(filled.url.database))
    before = partners_in(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO partners (legal_name, country, status, notes, version, created_at,"
        " updated_at) VALUES ('Uncommitted', 'CN', 'active', '', 1, '2026-01-01', '2026-01-01')"
    )
    try:
        info = back_up(filled, tmp_path / "copy.db")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert info.partners == before


def test_restore_into_an_empty_database(filled: Database, tmp_path: Path) -> None:
    back_up(filled, tmp_path / "copy.db")
    target = tmp_path / "new" / "restored.db"
    result = restore(URL.create("sqlite+pysqlite", database=str(target)), tmp_path / "copy.db")
    assert result.safety_copy is None
    db = open_database(target, create=False)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Partner)) == result.restored.partners
    finally:
        db.dispose()


def test_restore_refuses_a_non_empty_database_unless_forced(
    filled: Database, tmp_path: Path
) -> None:
    back_up(filled, tmp_path / "copy.db")
    with filled.session() as s:
        create_partner(s, PartnerInput(legal_name="Added after the backup", country="CN"))
    path = Path(str(filled.url.database))
    count = partners_in(path)
    with pytest.raises(DatabaseError, match=r"is not empty .* use --force"):
        restore(filled, tmp_path / "copy.db")
    assert partners_in(path) == count
    result = restore(filled, tmp_path / "copy.db", force=True)
    # The running application's engine sees the restored data on its next query...
    with filled.session() as s:
        assert s.scalar(select(func.count()).select_from(Partner)) == count - 1
    # ...and what the database held before was kept aside.
    assert result.safety_copy is not None and partners_in(result.safety_copy) == count


def test_restore_of_a_damaged_file_is_refused_and_changes_nothing(
    filled: Database, tmp_path: Path
) -> None:
    back_up(filled, tmp_path / "copy.db")
    damaged = tmp_path / "damaged.db"
    data = bytearray((tmp_path / "copy.db").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\xff" * 8192
    damaged.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(bytes(data[:5000]))
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    empty_target = URL.create("sqlite+pysqlite", database=str(tmp_path / "t.db"))
    for bad in (damaged, truncated):
        with pytest.raises(DatabaseError, match="damaged and cannot be restored"):
            restore(empty_target, bad)
    with pytest.raises(DatabaseError, match="not a PartnerDesk backup"):
        restore(empty_target, not_sqlite)
    with pytest.raises(DatabaseError, match="no backup file"):
        restore(empty_target, tmp_path / "missing.db")
    assert not (tmp_path / "t.db").exists()


def test_a_damage_that_leaves_no_text_is_refused_in_one_line(
    filled: Database, tmp_path: Path
) -> None:
    back_up(filled, tmp_path / "copy.db")
    data = (tmp_path / "copy.db").read_bytes()
    # The partners table's name in the schema turned into bytes that are no UTF-8: SQLite
    # quotes them in its error, which Python could not decode (a UnicodeDecodeError).
    at = data.index(b"tablepartnerspartners")
    data = data[:at] + b"table\xc3(rtners\xc3(rtners" + data[at + 21 :]
    at = data.index(b"CREATE TABLE partners")
    data = data[:at] + b"CREATE TABLE partnerz" + data[at + 21 :]
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(data)
    target = URL.create("sqlite+pysqlite", database=str(tmp_path / "t.db"))
    with pytest.raises(DatabaseError) as refused:
        restore(target, damaged)
    assert str(refused.value) == (
        "damaged.db is damaged and cannot be restored: its pages do not read as a database"
    )
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("seed", range(40))
def test_whatever_bytes_damage_a_backup_the_answer_is_one_line(
    filled_backup: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    data = bytearray(filled_backup.read_bytes())
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(100, len(data))  # the header's first 100 bytes say what it is
        size = rng.choice([1, 16, 512, 4096, 8192])
        data[at : at + size] = rng.randbytes(min(size, len(data) - at))
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    try:
        check_backup(damaged)  # damage inside a text or a free page: nothing to see
    except DatabaseError as exc:  # anything else is a failure of the test
        assert "\n" not in str(exc)
        assert str(exc).startswith("damaged.db "), str(exc)


@pytest.fixture(scope="module")
def filled_backup(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """A backup of 200 demo agreements, made once for the fuzzing above."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copyfile(template_db, folder / "source.db")
    db = open_database(folder / "source.db")
    try:
        with db.session() as s:
            load_demo(s, 200, seed=5, today=TODAY)
        back_up(db, folder / "backup.db")
    finally:
        db.dispose()
    return folder / "backup.db"


def test_restore_refuses_a_backup_from_a_newer_version(filled: Database, tmp_path: Path) -> None:
    back_up(filled, tmp_path / "copy.db")
    conn = sqlite3.connect(tmp_path / "copy.db")
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer PartnerDesk"):
        check_backup(tmp_path / "copy.db")


def test_backup_and_restore_refuse_postgresql() -> None:
    url = URL.create("postgresql+psycopg", host="db", database="pd")
    with pytest.raises(DatabaseError, match="pg_dump"):
        back_up(url, "x.db")
    with pytest.raises(DatabaseError, match="pg_dump"):
        restore(url, "x.db")


def test_rolling_automatic_backups_keep_the_last_n(filled: Database, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    (folder / "mine.db").write_text("not ours to delete")
    made = [auto_backup(filled, folder, keep=3) for _ in range(5)]
    kept = auto_backups(folder)
    assert kept == made[-3:]
    assert (folder / "mine.db").exists()
    assert auto_backup(filled, folder, keep=0) is None
    shutil.rmtree(folder)


def test_backup_never_replaces_an_existing_file_unless_asked(
    filled: Database, tmp_path: Path
) -> None:
    sheet = tmp_path / "out" / "budget.csv"
    sheet.parent.mkdir()
    sheet.write_text("quarter,amount\nQ1,100\n", encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"budget\.csv already exists"):
        back_up(filled, sheet)
    assert sheet.read_text(encoding="utf-8") == "quarter,amount\nQ1,100\n"
    assert [p.name for p in sheet.parent.iterdir()] == ["budget.csv"]
    info = back_up(filled, sheet, overwrite=True)
    assert info.agreements == 200 and partners_in(sheet) == info.partners
    live = Path(str(filled.url.database))
    with pytest.raises(DatabaseError, match="cannot overwrite the database it copies"):
        back_up(filled, live, overwrite=True)
    with pytest.raises(DatabaseError, match="is a folder"):
        back_up(filled, tmp_path, overwrite=True)
