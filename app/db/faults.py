"""What a failure of the database or its disk means for the person who hit it.

Drivers speak in their own terms (``sqlite3.DatabaseError: database disk image is
malformed``, ``psycopg.OperationalError: consuming input failed: server closed the
connection unexpectedly``); every command and the window say one sentence instead, the
same one for the same fault. No driver is imported here: the decision is made on the
error's SQLite code (Python 3.11+ puts it on the exception) or its text, so the command
line can use it without loading SQLAlchemy.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

# SQLite primary result codes (https://sqlite.org/rescode.html), by the name Python gives.
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_FULL = {"SQLITE_FULL"}
_READ_ONLY = {"SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_CANNOT_OPEN = {"SQLITE_CANTOPEN"}
_IO = {"SQLITE_IOERR"}

# PostgreSQL (psycopg) says a connection went away in several ways.
_CONNECTION_LOST = (
    "server closed the connection",
    "terminating connection",
    "connection is lost",
    "consuming input failed",
    "could not receive data",
    "could not send data",
    "the connection is closed",
    "connection already closed",
    "ssl syscall error",
    "no connection to the server",
)
_UNREACHABLE = ("connection refused", "could not connect", "connection failed", "timeout expired")


def first_line(exc: BaseException) -> str:
    """The driver's own message without SQLAlchemy's decoration (SQL, parameters, link)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _sqlite_code(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    if not isinstance(name, str):
        return ""
    # Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE) belong to their primary.
    return "_".join(name.split("_")[:2])


def is_database_error(exc: BaseException) -> bool:
    """An error raised by a database driver, or by SQLAlchemy on its behalf."""
    module = type(exc).__module__.split(".")[0]
    return module in {"sqlite3", "sqlalchemy", "psycopg", "psycopg2"}


def is_damage(exc: BaseException) -> bool:
    """The file itself is damaged (not locked, full or unreadable for other reasons)."""
    if _sqlite_code(exc) in _DAMAGED:
        return True
    text = first_line(exc).lower()
    return "malformed" in text or "not a database" in text


# What a refused table is part of, as the sentence names it.
_SUBJECT = {
    "partners": "partners", "partner_roles": "partners", "contacts": "partners",
    "people": "the people register", "settings": "settings", "fx_rates": "FX rates",
    "audit_log": "the history",
}  # fmt: skip
_PERMISSION = re.compile(r"permission denied for (table|sequence) (\w+)")


def refused_by_role(exc: BaseException) -> str | None:
    """What the server's privileges refused (``agreements``, ``FX rates``), or None."""
    line = first_line(exc)
    if "must have admin option on role" in line or "permission denied to create role" in line:
        return "the people register"  # granting roles and creating logins is an admin's
    if "violates row-level security policy" in line:
        # What check_may_change did not foresee (a script writing rows directly).
        return "agreements another team owns"
    found = _PERMISSION.search(line)
    if found is None:
        return None
    table = (
        found.group(2).removesuffix("_id_seq") if found.group(1) == "sequence" else found.group(2)
    )
    return _SUBJECT.get(table, "agreements")  # terms, milestones, KPIs, documents: agreements


def role_refusal(subject: str, role: str | None) -> str:
    """One sentence for a write the connected login's role does not allow."""
    if role is None:
        return (
            f"your login has no PartnerDesk role in this database, so it can neither read "
            f"nor change {subject}; ask an admin to add you (partnerdesk people add)"
        )
    return f"your role, {role}, cannot change {subject}"


def explain(where: str, exc: BaseException) -> str:
    """One sentence about ``exc`` for the database described by ``where``."""
    code = _sqlite_code(exc)
    text = first_line(exc)
    lowered = text.lower()
    if is_damage(exc):
        return (
            f"{where} is damaged and cannot be read ({text}); nothing was changed — "
            "restore it from a backup (partnerdesk restore FILE)"
        )
    if code in _FULL or "disk is full" in lowered or "no space left" in lowered:
        return f"the disk holding {where} is full; nothing was saved — free some space and retry"
    if code in _READ_ONLY or "readonly" in lowered or "read-only" in lowered:
        return f"{where} is read-only for you: changes cannot be saved ({text})"
    if code in _BUSY or "locked" in lowered or "busy" in lowered:
        return (
            f"{where} is in use by another program (it is locked); nothing was changed — "
            "try again in a moment"
        )
    if code in _CANNOT_OPEN:
        return f"cannot open {where}: the file or its folder cannot be opened ({text})"
    if code in _IO:
        return f"{where} could not be read or written (a disk error: {text}); nothing was saved"
    if any(marker in lowered for marker in _CONNECTION_LOST):
        return (
            f"the connection to {where} was lost; nothing of this action was saved — "
            "check the server and try again"
        )
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"{where} refused the login: wrong user name or password (give the password in "
            "~/.pgpass, PGPASSWORD or the application's settings, which keep it in the "
            "system keyring)"
        )
    if any(marker in lowered for marker in _UNREACHABLE):
        return f"cannot reach the database server {where} ({text})"
    return f"{where}: {text}"


def explain_os_error(exc: OSError, output: object = None) -> str:
    """A file the command reads or writes: which one, and what went wrong, in one line.

    ``output`` names the file the command writes, for errors that name none (a write to
    an open file: the disk filling up).
    """
    what = exc.filename if exc.filename is not None else (output or "a file")
    if (
        output is not None
        and exc.filename is not None
        and _temporary_beside(str(exc.filename), str(output))
    ):
        what = output  # the hidden file an output is written to first is not the user's
    if exc.errno == errno.ENOSPC:
        return f"the disk is full while writing {what}; free some space and try again"
    reason = exc.strerror or first_line(exc)
    return f"{what}: {reason}"


def _temporary_beside(name: str, output: str) -> bool:
    written, wanted = Path(name).absolute(), Path(output).absolute()
    return written.parent == wanted.parent and written.name.startswith(".")
