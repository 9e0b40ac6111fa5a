"""How an SQLite file is opened, decided from what the file system allows."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db.engine import SqliteAccess, sqlite_access

DB = Path("/srv/share/partnerdesk.db")


@pytest.mark.parametrize(
    ("file_writable", "folder_writable", "shm_exists", "reading", "expected"),
    [
        # Ours to change: written normally, or read with SQLite refusing any write.
        (True, True, False, False, SqliteAccess(False, False, False, None)),
        (True, True, False, True, SqliteAccess(False, False, True, None)),
        # A read-only file in a folder we may write: SQLite can make its -shm there.
        (False, True, False, False,
         SqliteAccess(True, False, False, f"the database file {DB} is read-only")),
        # A read-only mount: no -shm can be made, nothing can change the file: immutable.
        (False, False, False, True,
         SqliteAccess(True, True, False, f"the database file {DB} is read-only")),
        # ...unless a -shm is already there (a writer elsewhere may still be at work).
        (False, False, True, True,
         SqliteAccess(True, False, False, f"the database file {DB} is read-only")),
        (True, False, False, False,
         SqliteAccess(True, True, False, f"the folder {DB.parent} of the database is read-only")),
    ],
)  # fmt: skip
def test_the_way_a_file_is_opened(
    file_writable: bool, folder_writable: bool, shm_exists: bool, reading: bool,
    expected: SqliteAccess,
) -> None:  # fmt: skip
    got = sqlite_access(
        DB,
        file_writable=file_writable,
        folder_writable=folder_writable,
        shm_exists=shm_exists,
        reading=reading,
    )
    assert got == expected
