"""The people register: who uses the database, their role, and history named by person."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import Session

from app.db import open_database
from app.db.migrate import upgrade
from app.domain.roles import ROLES, Ability, Role, may
from app.errors import NotFoundError, ValidationError
from app.services.agreements import create_agreement
from app.services.audit import current_actor
from app.services.listing import AgreementFilter, agreement_ids, count_agreements, owners
from app.services.partners import PartnerInput, create_partner
from app.services.people import (
    add_person,
    current_person,
    deactivate,
    list_people,
    owner_names,
    set_role,
)
from tests.conftest import agreement_input


def test_each_role_may_what_the_issue_says() -> None:
    assert [r for r in Role if may(r, Ability.EDIT)] == [Role.EDITOR, Role.APPROVER, Role.ADMIN]
    assert [r for r in Role if may(r, Ability.APPROVE)] == [Role.APPROVER, Role.ADMIN]
    assert [r for r in Role if may(r, Ability.ADMINISTER)] == [Role.ADMIN]
    assert all(may(r, Ability.READ) for r in Role)
    assert ROLES[Role.APPROVER].label_for("zh") == "审批人"


def test_a_person_is_added_listed_given_a_role_and_deactivated(session: Session) -> None:
    add_person(
        session, "wang.fang", " Wang Fang ", name_local="王芳", email="wf@example.com",
        team="Brands", role="approver",
    )  # fmt: skip
    add_person(session, "li.wei", "Li Wei", role=Role.EDITOR)
    people = {p.login: p for p in list_people(session)}
    assert people["wang.fang"].display_name == "Wang Fang (王芳)"
    assert people["wang.fang"].role is Role.APPROVER
    assert set_role(session, "li.wei", "viewer").role is Role.VIEWER
    assert deactivate(session, "li.wei").active is False
    assert [p.login for p in list_people(session, include_inactive=False)] == ["wang.fang"]
    assert owner_names(session) == ["Wang Fang"]


def test_bad_input_names_each_field_and_adds_nobody(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        add_person(session, "two words", "", email="not-mail", role=Role.EDITOR)
    assert caught.value.for_field("login") == [
        "a login is 1–120 characters without spaces or quotes"
    ]
    assert caught.value.for_field("name") == ["a person needs a name"]
    assert caught.value.for_field("email") == ["'not-mail' is not an e-mail address"]
    with pytest.raises(ValidationError, match="'boss' is not a role"):
        add_person(session, "x", "X", role="boss")
    add_person(session, "li.wei", "Li Wei", role=Role.EDITOR)
    with pytest.raises(ValidationError, match=r"'li\.wei' is already in the register"):
        add_person(session, "li.wei", "Someone Else", role=Role.ADMIN)
    with pytest.raises(NotFoundError, match="no person with the login 'nobody'"):
        set_role(session, "nobody", Role.ADMIN)
    assert [p.name for p in list_people(session)] == ["Li Wei"]


def test_on_sqlite_the_os_login_is_the_one_admin_registered_on_first_use(
    session: Session,
) -> None:
    assert list_people(session) == []
    me = current_person(session)
    assert me is not None
    assert (me.login, me.role) == (current_actor(), Role.ADMIN)
    assert current_person(session) == me
    assert len(list_people(session)) == 1


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(session: Session) -> None:
    me = current_person(session)
    assert me is not None
    with pytest.raises(ValidationError, match="is the last active admin"):
        set_role(session, me.login, Role.EDITOR)
    with pytest.raises(ValidationError, match="is the last active admin"):
        deactivate(session, me.login)
    add_person(session, "second", "Second Admin", role=Role.ADMIN)
    assert set_role(session, me.login, Role.EDITOR).role is Role.EDITOR


def test_migration_makes_todays_owners_people_and_owner_filters_keep_working(
    tmp_path: Path,
) -> None:
    # Written by today's services, then copied into a database at 0004, column by column:
    # the ORM of today cannot write the schema of an older version.
    today = open_database(tmp_path / "today.db")
    with today.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        for owner in ("Li Wei", "王芳", "Li Wei", "li wei!", ""):
            create_agreement(s, agreement_input(p.id, owner=owner))
    today.dispose()
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"ATTACH DATABASE '{tmp_path / 'today.db'}' AS today")
        for table in inspect(conn).get_table_names():
            if table == "alembic_version":
                continue
            columns = ", ".join(f'"{c["name"]}"' for c in inspect(conn).get_columns(table))
            conn.exec_driver_sql(
                f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM today."{table}"'
            )
    engine.dispose()

    db = open_database(path)
    try:
        with db.session() as s:
            people = sorted((p.login, p.name, p.role) for p in list_people(s))
            assert people == [
                ("li.wei", "Li Wei", Role.EDITOR),
                ("li.wei2", "li wei!", Role.EDITOR),
                ("王芳", "王芳", Role.EDITOR),
            ]
            assert set(owner_names(s)) == set(owners(s)) - {""}
            assert count_agreements(s, AgreementFilter(owner="Li Wei")) == 2
            assert count_agreements(s, AgreementFilter(owner="王芳")) == 1
            assert len(agreement_ids(s, AgreementFilter(), sort="owner")) == 5
    finally:
        db.dispose()
