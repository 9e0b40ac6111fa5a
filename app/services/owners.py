"""An agreement's owner is a person of the register.

People name an owner as they know them: by login (``li.wei``) or by name in either script
(``Li Wei``, ``李伟``, any case). :class:`Owners` reads the register once and turns that
text into the person (``Owner``: their login and the name lists and reports show). The
write path (``agreement_store``) asks it for every agreement it stores, so the editor,
the importer, the demo loader and renewals all agree on who owns what.

An owner nobody in the register is named like is registered as the migration of
today's free-text owners did (an active editor, login derived from the name) — where the
connected person may add people: on SQLite (one desk, one person), and on PostgreSQL for
an admin. Anyone else is told to choose a registered person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.logins import login_for
from app.domain.models import Agreement, AuditEntry, Person
from app.domain.roles import OWNER_ROLE, Role
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.audit import current_actor, record_event
from app.services.people import PersonView, connected_role, person_view


@dataclass(frozen=True, slots=True)
class Owner:
    login: str | None  # None: the agreement has no owner
    name: str  # the register's name ("" without an owner)


NOBODY = Owner(None, "")


class Owners:
    """The register as owners are named, read once (an import resolves 100,000 rows)."""

    def __init__(self, session: Session, actor: str | None = None, restoring: bool = False) -> None:
        self.session = session
        self.actor = actor  # who registers an owner nobody is named like (the writer)
        # Undo brings back who owned an agreement, even someone deactivated since: going
        # back is not handing it to them.
        self.restoring = restoring
        self._names: dict[str, str] = {}  # login -> name
        self._logins: dict[str, list[str]] = {}  # casefolded name (either script) -> logins
        self._inactive: set[str] = set()  # logins of deactivated people
        self._may_register: bool | None = None
        self._found: dict[tuple[str, str | None], Owner | None] = {}
        rows = session.execute(
            select(Person.login, Person.name, Person.name_local, Person.active).order_by(Person.id)
        )
        for login, name, name_local, active in rows:
            self._know(login, name, name_local)
            if not active:
                self._inactive.add(login)
        # Names people had before a rename (their history): an editor opened before it, or
        # a file exported before it, still names the person they meant.
        self._former: dict[str, list[str]] = {}
        renamed = session.execute(
            select(AuditEntry.old_value, Person.login)
            .join(Person, Person.id == AuditEntry.entity_id)
            .where(AuditEntry.entity == "person", AuditEntry.field.in_(("name", "name_local")))
            .order_by(AuditEntry.id.desc())
        )
        for old, login in renamed:
            if old and login not in self._former.setdefault(old.strip().casefold(), []):
                self._former[old.strip().casefold()].append(login)

    def _know(self, login: str, name: str, name_local: str | None) -> None:
        self._found.clear()
        self._names[login] = name
        names = {name, name_local or name}
        if name_local and name_local != name:
            names.add(f"{name} ({name_local})")  # the display name, as the history shows it
        for n in names:
            self._logins.setdefault(n.strip().casefold(), []).append(login)

    def find(self, text: str, current: str | None = None) -> Owner | None:
        """The person ``text`` names, or None. Two people of one name: the agreement's
        ``current`` owner if it is one of them, else the first active one registered."""
        # An import asks about each row's owner several times; a file names few people.
        key = (text, current)
        if key in self._found:
            return self._found[key]
        if len(self._found) > 10_000:
            self._found.clear()
        found = self._found[key] = self._find(text, current)
        return found

    def _find(self, text: str, current: str | None) -> Owner | None:
        text = text.strip()
        if not text:
            return NOBODY
        if text in self._names:
            return Owner(text, self._names[text])
        logins = self._logins.get(text.casefold(), [])
        former = self._former.get(text.casefold(), [])
        if current is not None and (current in logins or current in former):
            login = current  # the agreement's own owner, under any name they had
        elif logins or former:
            # Someone's name now before someone's name of old; the active first.
            named = logins or former
            login = ([lg for lg in named if lg not in self._inactive] or named)[0]
        else:
            return None
        return Owner(login, self._names[login])

    def problem(self, text: str, current: str | None = None) -> str | None:
        """Why ``text`` cannot be the owner of an agreement now owned by ``current`` (None:
        a new one), or None: it names someone, or they will be added.

        A deactivated person owns no more agreements: those they own keep them (saving
        one unchanged is fine) until handed on, but none is given to them.
        """
        found = self.find(text, current)
        if found is None:
            if self.may_register():
                return None
            return (
                f"{text.strip()!r} is not in the people register; name a registered person "
                "(their name or login), or ask an admin to add them (partnerdesk people add)"
            )
        if found.login in self._inactive and found.login != current and not self.restoring:
            return (
                f"{found.name} ({found.login}) was deactivated and can own no more "
                "agreements; choose an active person"
            )
        return None

    def resolve(self, text: str, current: str | None = None) -> Owner:
        """The person ``text`` names, registered first if nobody is named so."""
        why = self.problem(text, current)
        if why is not None:
            raise ValidationError([FieldError("owner", why)])
        found = self.find(text, current)
        if found is not None:
            return found
        return self._register(text.strip())

    def may_register(self) -> bool:
        if self._may_register is None:
            # None on PostgreSQL: a login without a PartnerDesk role (the database's
            # owner setting it up); the server decides whether it may.
            self._may_register = connected_role(self.session) in (Role.ADMIN, None)
        return self._may_register

    def _register(self, name: str) -> Owner:
        login = login_for(name, set(self._names))
        person = Person(login=login, name=name, name_local=None, email="", team="",
                        role=OWNER_ROLE, active=True)  # fmt: skip
        self.session.add(person)
        self.session.flush()  # before the agreement that references it
        record_event(
            self.session,
            actor=self.actor or current_actor(),
            entity="person",
            entity_id=person.id,
            action=AuditAction.CREATE,
            summary=f"{login} ({OWNER_ROLE.value}, owner)",
        )
        self.session.flush()  # in order among the history lines written in bulk
        self._know(login, name, None)
        return Owner(login, name)


def owner_of(session: Session, agreement_id: int) -> PersonView | None:
    """The person who owns the agreement (None: nobody does)."""
    found = session.execute(
        select(Agreement.id, Person)
        .outerjoin(Person, Person.login == Agreement.owner_login)
        .where(Agreement.id == agreement_id)
    ).first()
    if found is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    return None if found[1] is None else person_view(found[1])
