"""People of a team on the real PostgreSQL, each connecting as their own login.

``team(role, name)`` registers a person with a new server login of that role and returns
the database as that person opens it; the logins are dropped after the test.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from app.db import Database, open_database
from app.services.people import add_person

Team = Callable[..., Database]


@pytest.fixture(name="team")
def team_fixture(pg_db: Database) -> Iterator[Team]:
    """Import ``team_fixture`` into a test module to use ``team``."""
    made: list[tuple[str, Database]] = []

    def join(role: str, name: str, name_local: str | None = None) -> Database:
        login = f"pd_{uuid.uuid4().hex[:8]}_{role}"
        secret = f"pw-{uuid.uuid4().hex}"
        with pg_db.session() as s:
            add_person(s, login, name, name_local=name_local, role=role, password=secret)
        person = open_database(pg_db.url.set(username=login, password=secret))
        made.append((login, person))
        return person

    yield join
    admin = create_engine(pg_db.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for login, person in made:
                person.dispose()
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
    finally:
        admin.dispose()
