"""psycopg alone to a --db server: the URL read as SQLAlchemy reads it, the password found
where the ORM path finds it, the same sentences when the server cannot be used."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

from app.cli import main
from app.db import Database, credentials, pg_connect
from app.db.engine import describe, resolve_url
from app.services import listing_driver
from tests.conftest import postgres_url

URLS = [
    "postgresql://desk@db.example.com/partners",
    "postgresql://desk:s3cret@db.example.com:6543/partners",
    "postgres://li%40wei:p%40ss%2Fw@127.0.0.1/pd",
    "postgresql+psycopg://desk:@[::1]:5432/team db",
    "postgresql://db.example.com/partners?sslmode=require&connect_timeout=5",
    "postgresql:///partners",
    "postgresql://desk@/partners",
]


@pytest.mark.parametrize("raw", URLS)
def test_a_url_means_what_it_means_to_sqlalchemy(raw: str) -> None:
    server = pg_connect.parse_server(raw)
    assert server is not None
    url = resolve_url(raw)
    assert server.describe() == describe(url)
    assert server.keyring_name() == credentials.keyring_name(url)
    # What SQLAlchemy's psycopg dialect would give psycopg.connect.
    _args, params = PGDialect_psycopg().create_connect_args(url)  # type: ignore[no-untyped-call]
    assert server.connect_args() == params


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql+psycopg2://desk@db.example.com/partners",
        "mysql://desk@db.example.com/partners",
        "postgresql://desk@/partners?host=a&host=b",
        "postgresql://desk@db.example.com:port/partners",
    ],
)
def test_what_only_the_orm_path_opens(raw: str) -> None:
    assert pg_connect.parse_server(raw) is None


def _admin() -> str:
    admin = postgres_url()
    if admin is None:
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    return admin


def test_an_unreachable_server_is_said_as_the_orm_path_says_it() -> None:
    said = []
    for argv in (["list", "agreements"], ["check"]):
        with contextlib.redirect_stderr(io.StringIO()) as err:
            assert main(["--db", "postgresql://desk@127.0.0.1:9/partners", *argv]) == 1
        said.append(err.getvalue())
    assert said[0] == said[1]
    assert said[0].startswith("partnerdesk: error: cannot reach the database server")
    assert said[0].count("\n") == 1


def test_the_keyring_is_asked_only_when_the_server_wants_a_password(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = pg_db.url
    password = url.password
    assert password
    bare = url.set(drivername="postgresql").render_as_string(hide_password=False)
    bare = bare.replace(f":{password}@", "@")
    asked: list[str] = []

    def kept(name: str) -> str | None:
        asked.append(name)
        return password

    monkeypatch.setattr(credentials, "password_kept_for", kept)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    conn = listing_driver.open_for_listing(bare)
    assert conn is not None
    conn.close()
    assert asked == [credentials.keyring_name(url)]
    # With PGPASSWORD libpq logs in itself: no keyring.
    asked.clear()
    monkeypatch.setenv("PGPASSWORD", password)
    conn = listing_driver.open_for_listing(bare)
    assert conn is not None
    conn.close()
    assert asked == []
    # A wrong password in PGPASSWORD: the keyring's is tried, as the ORM path would use it.
    monkeypatch.setenv("PGPASSWORD", "wrong")
    conn = listing_driver.open_for_listing(bare)
    assert conn is not None
    conn.close()
    assert len(asked) == 1
    # Nothing kept either: the ORM path's sentence.
    monkeypatch.setattr(credentials, "password_kept_for", lambda _name: None)
    with pytest.raises(Exception, match="refused the login: wrong user name or password"):
        listing_driver.open_for_listing(bare)


def test_an_older_schema_goes_through_the_orm_path(pg_db: Database) -> None:
    target = pg_db.url.render_as_string(hide_password=False)
    with pg_db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0012'"))
    assert listing_driver.open_for_listing(target) is None
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--db", target, "list", "agreements"]) == 1
    assert "older schema (0012)" in err.getvalue()
