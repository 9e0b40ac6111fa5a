"""A team on one PostgreSQL database: each person connects as their own login.

These tests create logins of their own (the test account needs CREATEROLE, which
scripts/test grants) and drop them afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import URL, create_engine, text

from app.db import Database, open_database
from app.domain.enums import AuditAction
from app.domain.models import AuditEntry
from app.domain.roles import Role
from app.services.agreements import create_agreement, update_agreement
from app.services.audit import agreement_history, record_event
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person, current_person
from tests.conftest import agreement_input

pytestmark = pytest.mark.postgres


@pytest.fixture
def second_login(pg_db: Database) -> Iterator[URL]:
    """A second person's login on the same database, with today's table privileges."""
    login = f"pd_{uuid.uuid4().hex[:10]}_li"
    admin = create_engine(pg_db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD 'secret-{login}'"))
        conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {login}"))
        conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {login}"))
    try:
        yield pg_db.url.set(username=login, password=f"secret-{login}")
    finally:
        with admin.connect() as conn:
            # Its privileges first: a role holding any cannot be dropped.
            conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {login}"))
            conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {login}"))
            conn.execute(text(f"DROP ROLE {login}"))
        admin.dispose()


def test_the_database_records_the_login_even_when_the_client_names_someone_else(
    pg_db: Database, second_login: URL
) -> None:
    login = str(second_login.username)
    admin_login = str(pg_db.url.username)
    with pg_db.session() as s:
        add_person(s, login, "Li Wei", name_local="李伟", role=Role.EDITOR)
        add_person(s, "ceo", "The Chief", role=Role.ADMIN)
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))

    li = open_database(second_login)
    try:
        with li.session() as s:
            me = current_person(s)
            assert me is not None and me.display_name == "Li Wei (李伟)"
            # The client claims to be the admin, then the CEO, then rewrites the entry.
            a = create_agreement(s, agreement_input(p.id, title="Checkout"), actor=admin_login)
            update_agreement(s, a.id, replace(a.to_input(), title="Checkout 2027"), a.version,
                             actor="ceo")  # fmt: skip
            record_event(s, actor="ceo", entity="agreement", entity_id=a.id,
                         action=AuditAction.UPDATE, field="note", summary="approved")  # fmt: skip
            s.flush()
            s.execute(text("UPDATE audit_log SET actor = 'ceo'"))
        with li.session() as s:
            entries = agreement_history(s, a.id)
    finally:
        li.dispose()
    assert [(e.actor, e.who, e.field) for e in entries] == [
        (login, "Li Wei (李伟)", "note"),
        (login, "Li Wei (李伟)", "title"),
        (login, "Li Wei (李伟)", ""),
    ]
    with pg_db.session() as s:
        # Entries made over the admin's connection carry the admin's login, whatever
        # the client passes.
        record_event(s, actor="ceo", entity="agreement", entity_id=a.id,
                     action=AuditAction.UPDATE, field="x", summary="y")  # fmt: skip
        s.flush()
        actors = set(s.scalars(text("SELECT DISTINCT actor FROM audit_log")))
        assert actors == {login, admin_login}
        assert s.query(AuditEntry).filter(AuditEntry.actor == "ceo").count() == 0


def test_an_unregistered_login_is_nobody_on_postgres(pg_db: Database) -> None:
    with pg_db.session() as s:
        assert current_person(s) is None
        add_person(s, str(pg_db.url.username), "Desk Admin", role=Role.ADMIN)
    with pg_db.session() as s:
        me = current_person(s)
        assert me is not None and me.name == "Desk Admin"
