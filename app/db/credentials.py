"""PostgreSQL passwords kept in the system's keyring: never in a settings file, never in ps.

The keyring entry is named by the database URL without its password (user, host, port,
database), so one desk can keep passwords for several servers. Where no keyring exists
(a server without a desktop session, as often on Linux), saying so in one sentence is
the whole answer: PostgreSQL's own ~/.pgpass and PGPASSWORD still work.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.db.pg_connect import entry_name
from app.errors import DatabaseError

if TYPE_CHECKING:
    # Only named: the command line's list asks for a password without SQLAlchemy.
    from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SERVICE = "PartnerDesk"
NO_KEYRING = (
    "no system keyring is available on this computer, so the password cannot be kept "
    "safely; put it in ~/.pgpass or PGPASSWORD instead"
)


def keyring_name(url: URL) -> str:
    """The entry's name: the URL as a person would write it, without the password."""
    return entry_name(url.username, url.host, url.port, url.database)


def store_password(url: URL, password: str) -> None:
    """Keep ``password`` for ``url`` in the keyring; DatabaseError when there is none."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, keyring_name(url), password)
    except KeyringError as exc:
        raise DatabaseError(NO_KEYRING) from exc


def forget_password(url: URL) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, keyring_name(url))
    except PasswordDeleteError:
        pass  # nothing was kept: nothing to forget
    except KeyringError as exc:
        raise DatabaseError(NO_KEYRING) from exc


def stored_password(url: URL) -> str | None:
    """The kept password for ``url``, or None (none kept, or no keyring at all)."""
    return password_kept_for(keyring_name(url))


def password_kept_for(name: str) -> str | None:
    """The password kept under the entry ``name``, or None (none kept, or no keyring)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError:
        # No keyring is not an error when connecting: ~/.pgpass may hold the password.
        log.debug("no keyring to look up %s in", name)
        return None


def with_stored_password(url: URL) -> URL:
    """``url`` with the keyring's password when it names none of its own."""
    if url.get_backend_name() != "postgresql" or url.password is not None:
        return url
    password = stored_password(url)
    return url if password is None else url.set(password=password)


def target_url(target: str | None, password: str) -> URL:
    """The database named by ``target`` (as ``--db`` reads it), with ``password`` given for a
    PostgreSQL server; the password of an SQLite file means nothing and is ignored."""
    from app.db.engine import resolve_url

    url = resolve_url(target)
    if password and url.get_backend_name() == "postgresql":
        url = url.set(password=password)
    return url


def remember_password(url: URL) -> None:
    """Keep the password ``url`` carries, if any, in the keyring (DatabaseError if none)."""
    if url.get_backend_name() == "postgresql" and url.password:
        store_password(url, url.password)
