"""The people register: who uses the database, under which login, in which role.

On PostgreSQL a person's login is the database role they connect as (``session_user``);
on SQLite it is the operating-system login, and that person is the file's one admin,
registered the first time anyone asks who is working (:func:`current_person`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.models import Agreement, Person
from app.domain.roles import ROLES, Ability, Role, may
from app.domain.text import clean_text, refused_character
from app.errors import DatabaseError, FieldError, NotFoundError, ValidationError
from app.services.audit import current_actor, record_changes, record_event

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A PostgreSQL role name the CLI can pass unquoted and a person can type.
_LOGIN = re.compile(r"^[^\s\"']{1,120}$")


@dataclass(frozen=True, slots=True)
class PersonView:
    id: int
    login: str
    name: str
    name_local: str | None
    email: str
    team: str
    role: Role
    active: bool
    created_at: datetime

    @property
    def display_name(self) -> str:
        if self.name_local and self.name_local != self.name:
            return f"{self.name} ({self.name_local})"
        return self.name


def person_view(p: Person) -> PersonView:
    return PersonView(
        p.id, p.login, p.name, p.name_local, p.email, p.team, p.role, p.active, p.created_at
    )


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(r.value for r in ROLES)
        raise ValidationError(
            [FieldError("role", f"{value!r} is not a role; choose {allowed}")]
        ) from None


def _check(login: str, name: str, name_local: str | None, email: str, team: str) -> None:
    errors: list[FieldError] = []
    fields = {
        "login": login,
        "name": name,
        "name_local": name_local or "",
        "email": email,
        "team": team,
    }
    for field, value in fields.items():
        if (why := refused_character(value)) is not None:
            errors.append(FieldError(field, why))
    if not _LOGIN.match(login):
        errors.append(FieldError("login", "a login is 1–120 characters without spaces or quotes"))
    if not name.strip():
        errors.append(FieldError("name", "a person needs a name"))
    if email and not _EMAIL.match(email):
        errors.append(FieldError("email", f"{email!r} is not an e-mail address"))
    if errors:
        raise ValidationError(errors)


def _get(session: Session, login: str) -> Person:
    person = session.scalar(select(Person).where(Person.login == login))
    if person is None:
        raise NotFoundError(f"no person with the login {login!r} in the register")
    return person


def add_person(
    session: Session,
    login: str,
    name: str,
    *,
    email: str = "",
    name_local: str | None = None,
    team: str = "",
    role: Role | str = Role.VIEWER,
    password: str | None = None,
) -> PersonView:
    """Register a person; on PostgreSQL also grant their login the role's group.

    With ``password`` the login is created on the server first (refused when it exists).
    """
    if _on_server(session):
        _require_admin(session)
    login, name, email, team = (clean_text(v).strip() for v in (login, name, email, team))
    name_local = clean_text(name_local).strip() or None if name_local else None
    role = _role(role) if not isinstance(role, Role) else role
    _check(login, name, name_local, email, team)
    if session.scalar(select(Person.id).where(Person.login == login)) is not None:
        raise ValidationError([FieldError("login", f"{login!r} is already in the register")])
    person = Person(
        login=login,
        name=name,
        name_local=name_local,
        email=email,
        team=team,
        role=role,
        active=True,
    )
    session.add(person)
    session.flush()
    if _on_server(session):
        _grant_on_server(session, login, role, password)
    elif password is not None:
        raise ValidationError(
            [FieldError("login", "an SQLite file has no database logins to create")]
        )
    record_event(
        session,
        actor=current_actor(),
        entity="person",
        entity_id=person.id,
        action=AuditAction.CREATE,
        summary=f"{login} ({role.value})",
    )
    return person_view(person)


def list_people(session: Session, *, include_inactive: bool = True) -> list[PersonView]:
    query = select(Person).order_by(Person.name, Person.login)
    if not include_inactive:
        query = query.where(Person.active.is_(True))
    return [person_view(p) for p in session.scalars(query)]


def get_person(session: Session, login: str) -> PersonView:
    return person_view(_get(session, login))


def _refuse_last_admin(session: Session, person: Person, what: str) -> None:
    if person.role is not Role.ADMIN or not person.active:
        return
    admins = session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.role == Role.ADMIN, Person.active.is_(True))
    )
    if (admins or 0) <= 1:
        raise ValidationError(
            [
                FieldError(
                    "role",
                    f"{person.login} is the last active admin and cannot be {what}; "
                    "make someone else admin first",
                )
            ]
        )


def set_role(session: Session, login: str, role: Role | str) -> PersonView:
    if _on_server(session):
        _require_admin(session)
    person = _get(session, login)
    role = _role(role) if not isinstance(role, Role) else role
    if role is not person.role:
        _refuse_last_admin(session, person, f"made {role.value}")
        record_changes(
            session,
            actor=current_actor(),
            entity="person",
            entity_id=person.id,
            before={"role": person.role},
            after={"role": role},
        )
        person.role = role
    if _on_server(session) and person.active:
        _grant_on_server(session, login, role, None)
    return person_view(person)


def deactivate(session: Session, login: str) -> PersonView:
    if _on_server(session):
        _require_admin(session)
    person = _get(session, login)
    if person.active:
        _refuse_last_admin(session, person, "deactivated")
        record_changes(
            session,
            actor=current_actor(),
            entity="person",
            entity_id=person.id,
            before={"active": True},
            after={"active": False},
        )
        person.active = False
    if _on_server(session):
        from app.db import grants

        conn = session.connection()
        if grants.login_exists(conn, login):
            grants.grant_role(conn, login, None)  # the login stays; its rights go
    return person_view(person)


KEEP = object()  # rename: the local-script name stays as it is


def rename(session: Session, login: str, name: str, name_local: object = KEEP) -> PersonView:
    """Give ``login`` a new name (and local-script name: a text, None to clear it, or
    ``KEEP``), recorded in the person's history.

    The lists and reports read an owner's name from ``agreements.owner`` (no join over a
    million rows): every agreement the person owns follows. That is the register's name
    changing, not the agreements: their versions and histories are left alone.
    """
    if _on_server(session):
        _require_admin(session)
    person = _get(session, login)
    name = clean_text(name).strip()
    local = person.name_local if name_local is KEEP else name_local
    local = clean_text(str(local)).strip() or None if local else None
    _check(login, name, local, person.email, person.team)
    changed = record_changes(
        session,
        actor=current_actor(),
        entity="person",
        entity_id=person.id,
        before={"name": person.name, "name_local": person.name_local},
        after={"name": name, "name_local": local},
    )
    if not changed:
        return person_view(person)
    person.name, person.name_local = name, local
    session.execute(
        update(Agreement)
        .where(Agreement.owner_login == login, Agreement.owner != name)
        .values(owner=name)
    )
    session.flush()
    return person_view(person)


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _require_admin(session: Session) -> None:
    """Refuse at once, in the server's own words, what only an admin may do.

    A login with no PartnerDesk role (the database's owner setting it up) is left to
    the server, which knows whether it may create roles.
    """
    from app.db.faults import role_refusal

    role = connected_role(session)
    if role is not None and not may(role, Ability.ADMINISTER):
        raise DatabaseError(role_refusal("the people register", role.value))


def _grant_on_server(session: Session, login: str, role: Role, password: str | None) -> None:
    from app.db import grants  # PostgreSQL only

    conn = session.connection()
    grants.apply_grants(conn)
    exists = grants.login_exists(conn, login)
    if password is not None:
        if exists:
            raise ValidationError(
                [
                    FieldError(
                        "login",
                        f"the server already has a login {login!r}; leave out "
                        "--create-login to register it",
                    )
                ]
            )
        grants.create_login(conn, login, password)
        exists = True
    if exists:
        grants.grant_role(conn, login, role)


def connected_login(session: Session) -> str:
    """Who is working: the database login on PostgreSQL, the OS login on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.scalar(select(func.session_user())))
    return current_actor()


def connected_role(session: Session) -> Role | None:
    """What the connected login may do: on SQLite its one person is admin; on PostgreSQL
    the server's group membership decides (None: no PartnerDesk role)."""
    if not _on_server(session):
        return Role.ADMIN
    from app.db.grants import role_of

    return role_of(session.connection())


def current_person(session: Session) -> PersonView | None:
    """The connected person; on SQLite registered as the file's admin on first use."""
    login = connected_login(session)
    person = session.scalar(select(Person).where(Person.login == login))
    if person is not None:
        return person_view(person)
    if session.get_bind().dialect.name != "sqlite":
        return None  # a team's admin registers people; an unknown login is nobody's
    return add_person(session, login, login, role=Role.ADMIN)


def display_names(session: Session, logins: set[str]) -> dict[str, str]:
    """The register's display name for each login it holds (history shows names)."""
    if not logins:
        return {}
    rows = session.scalars(select(Person).where(Person.login.in_(sorted(logins))))
    return {p.login: p.display_name for p in rows}


def owner_names(session: Session) -> list[str]:
    """Active people's names, as an agreement names its owner (the editor's completer)."""
    return list(
        session.scalars(select(Person.name).where(Person.active.is_(True)).order_by(Person.name))
    )
