"""A PostgreSQL server named by ``--db``, reached through psycopg alone (no SQLAlchemy).

``partnerdesk list agreements`` must answer in a few tenths of a second; SQLAlchemy's
import alone costs about 0.3 s and the keyring's (secretstorage, D-Bus) another 0.27 s.
This module reads a URL the way SQLAlchemy's ``make_url`` does, connects with the same
arguments its psycopg dialect would pass, and asks the keyring for a password only when
the server wants one that the URL, ``PGPASSWORD`` and ``~/.pgpass`` did not give (libpq
reads those two itself). ``tests/db/test_pg_connect.py`` holds the parsing and the
descriptions to SQLAlchemy's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, quote_plus, unquote

from app.errors import DatabaseError

if TYPE_CHECKING:
    import psycopg

# The drivers ``app.db.engine.resolve_url`` reads through psycopg (the others: the ORM).
PSYCOPG_NAMES = ("postgresql", "postgres", "postgresql+psycopg")
ENGINE_DRIVER = "postgresql+psycopg"  # what resolve_url makes of them: shown to people

# SQLAlchemy's own pattern (sqlalchemy.engine.url._parse_url), so a URL means the same
# server and login on either path.
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)
# What the server says when it wants a password it was not given, or refused the one it got.
_PASSWORD_WANTED = ("no password supplied", "password authentication failed")


@dataclass(frozen=True)
class Server:
    """A PostgreSQL URL's parts, as SQLAlchemy's ``URL`` holds them."""

    user: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """As ``app.db.engine.describe``: the URL without its password (``***``)."""
        return _render(ENGINE_DRIVER, self, "***" if self.password is not None else None)

    def keyring_name(self) -> str:
        """The keyring entry of this login (``app.db.credentials.keyring_name``)."""
        return entry_name(self.user, self.host, self.port, self.database)

    def connect_args(self) -> dict[str, Any]:
        """What SQLAlchemy's psycopg dialect passes to ``psycopg.connect``."""
        args: dict[str, Any] = {
            k: v
            for k, v in (("user", self.user), ("password", self.password), ("host", self.host))
            if v
        }
        if self.port is not None:
            args["port"] = self.port
        if self.database:
            args["dbname"] = self.database
        args.update(self.query)
        return args


def _render(driver: str, server: Server, password: str | None) -> str:
    # sqlalchemy.engine.URL.render_as_string, for the parts a server URL has.
    text = driver + "://"
    if server.user is not None:
        text += quote(server.user, safe=" +")
        if password is not None:
            text += ":" + password
        text += "@"
    if server.host is not None:
        text += f"[{server.host}]" if ":" in server.host else server.host
    if server.port is not None:
        text += f":{server.port}"
    if server.database is not None:
        text += "/" + quote(server.database, safe=" +/")
    if server.query:
        text += "?" + "&".join(
            f"{quote_plus(k)}={quote_plus(v)}" for k, v in sorted(server.query.items())
        )
    return text


def entry_name(user: str | None, host: str | None, port: int | None, database: str | None) -> str:
    """A login's keyring entry: its URL as a person writes it, without the password."""
    return _render("postgresql", Server(user, None, host, port, database), None)


def parse_server(raw: str) -> Server | None:
    """The server ``raw`` names, or None: not a URL psycopg alone should open."""
    m = _URL.match(raw)
    if m is None or m.group("name") not in PSYCOPG_NAMES:
        return None
    query: dict[str, str] = {}
    for key, value in parse_qsl(m.group("query") or ""):
        if key in query or key == "host":
            return None  # several values, several hosts: the ORM's dialect knows those
        query[key] = value
    port = m.group("port")
    try:
        number = int(port) if port else None
    except ValueError:
        return None
    user, password, database = (
        None if m.group(k) is None else unquote(m.group(k))
        for k in ("username", "password", "database")
    )
    host = m.group("ipv4host") or m.group("ipv6host")
    return Server(user, password, host, number, database, query)


def _wants_password(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _PASSWORD_WANTED)


def connect(server: Server, *, read_only: bool = True) -> psycopg.Connection[Any]:
    """A connection to ``server``; DatabaseError with the ORM path's sentence if none.

    The keyring is asked only after the server refused a login without its password:
    libpq has tried ``PGPASSWORD`` and ``~/.pgpass`` by then, and a login that works
    today (URL, keyring, PGPASSWORD, .pgpass, trust) works the same.
    """
    import psycopg

    from app.db.faults import explain

    # As app.db.engine does for a command that only reads: the server refuses any write.
    options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
    try:
        return psycopg.connect(**{**server.connect_args(), **options})
    except psycopg.OperationalError as exc:
        failed = exc
    if server.password is None and _wants_password(failed):
        from app.db.credentials import password_kept_for

        kept = password_kept_for(server.keyring_name())
        if kept is not None:
            server = replace(server, password=kept)
            try:
                return psycopg.connect(**{**server.connect_args(), **options})
            except psycopg.OperationalError as exc:
                failed = exc
    raise DatabaseError(explain(server.describe(), failed)) from failed
