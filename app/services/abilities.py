"""What the connected person may do, read once so a window can switch off the rest.

The server enforces the roles (``app.db.grants``); this only tells the window which
actions to offer, and why the others are off, before anyone clicks and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.roles import Ability, Role, may
from app.errors import NotFoundError
from app.services.people import (
    PersonView,
    connected_login,
    connected_role,
    current_person,
    get_person,
)


@dataclass(frozen=True, slots=True)
class Access:
    login: str
    person: PersonView | None  # None: a login the register does not hold
    role: Role | None  # None: no PartnerDesk role on the server
    owner: bool = False  # the login owns the tables (sets the database up): may do anything

    def may(self, ability: Ability) -> bool:
        if self.owner:
            return True
        return self.role is not None and may(self.role, ability)

    @property
    def name(self) -> str:
        return self.person.name if self.person is not None else self.login

    @property
    def local_name(self) -> str:
        """The person's name in the local script (Chinese), else their name."""
        if self.person is not None and self.person.name_local:
            return self.person.name_local
        return self.name


FULL = Access(login="", person=None, role=Role.ADMIN)


def connected_access(session: Session, *, register: bool = True) -> Access:
    """Who is connected and what they may do.

    ``register=False`` (a database that cannot be written): the SQLite file's person is
    looked up but not added to the register.
    """
    login = connected_login(session)
    role = connected_role(session)
    if register:
        person = current_person(session)
    else:
        try:
            person = get_person(session, login)
        except NotFoundError:
            person = None
    owner = False
    if role is None and session.get_bind().dialect.name == "postgresql":
        owner = bool(
            session.scalar(
                text(
                    "SELECT rolsuper OR EXISTS (SELECT FROM pg_tables WHERE tablename = "
                    "'agreements' AND tableowner = session_user) FROM pg_roles "
                    "WHERE rolname = session_user"
                )
            )
        )
    if person is not None and not person.active and not owner:
        role = None  # a deactivated person's login keeps no rights (people.deactivate)
    return Access(login=login, person=person, role=role, owner=owner)
