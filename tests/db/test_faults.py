"""One sentence per fault, whichever driver raised it."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from app.db.faults import explain, explain_os_error, is_damage


def _sqlite(message: str, name: str) -> sqlite3.Error:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorname = name  # as the driver sets it
    return exc


@pytest.mark.parametrize(
    ("exc", "sentence"),
    [
        (_sqlite("database disk image is malformed", "SQLITE_CORRUPT"),
         "x.db is damaged and cannot be read (database disk image is malformed); nothing was "
         "changed — restore it from a backup (partnerdesk restore FILE)"),
        (_sqlite("database or disk is full", "SQLITE_FULL"),
         "the disk holding x.db is full; nothing was saved — free some space and retry"),
        (_sqlite("database is locked", "SQLITE_BUSY"),
         "x.db is in use by another program (it is locked); nothing was changed — try again "
         "in a moment"),
        (_sqlite("attempt to write a readonly database", "SQLITE_READONLY"),
         "x.db is read-only for you: changes cannot be saved (attempt to write a readonly "
         "database)"),
        (_sqlite("disk I/O error", "SQLITE_IOERR_WRITE"),
         "x.db could not be read or written (a disk error: disk I/O error); nothing was saved"),
        (RuntimeError("consuming input failed: server closed the connection unexpectedly"),
         "the connection to x.db was lost; nothing of this action was saved — check the "
         "server and try again"),
        (RuntimeError('connection failed: FATAL:  password authentication failed for user "li"'),
         "x.db refused the login: wrong user name or password (give the password in "
         "~/.pgpass, PGPASSWORD or the application's settings, which keep it in the system "
         "keyring)"),
    ],
)  # fmt: skip
def test_each_fault_is_one_sentence(exc: Exception, sentence: str) -> None:
    assert explain("x.db", exc) == sentence


def test_only_a_damaged_file_counts_as_damage() -> None:
    assert is_damage(_sqlite("file is not a database", "SQLITE_NOTADB"))
    assert not is_damage(_sqlite("database is locked", "SQLITE_BUSY"))


def test_a_full_disk_names_the_output_and_not_its_hidden_temporary_file() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert explain_os_error(full, "out/report.pdf") == (
        "the disk is full while writing out/report.pdf; free some space and try again"
    )
    denied = OSError(errno.EROFS, "Read-only file system", "out/.report.pdf.partial")
    assert explain_os_error(denied, "out/report.pdf") == "out/report.pdf: Read-only file system"
