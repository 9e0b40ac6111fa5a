"""Who is told: the people register as the notifier reads it.

An agreement names its owner by login (``owner_login``, migration 0010) and keeps the
register's name beside it (``owner``) for the lists. :func:`person_for_owner` is the one
place that turns an agreement's owner into a person: by the login when there is one (a
renamed person, or two people of one name, are still told apart), by name only for what
names people as text (a milestone's own owner, an agreement written without a login).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.roles import Ability, Role, may

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Recipient:
    login: str
    name: str
    name_local: str | None
    email: str
    team: str
    role: Role
    language: str  # "en" or "zh"

    def name_in(self, lang: str) -> str:
        """The name a message in ``lang`` greets them by."""
        return self.name_local or self.name if lang == "zh" else self.name

    @property
    def may_approve(self) -> bool:
        return may(self.role, Ability.APPROVE)


@dataclass(frozen=True, slots=True)
class Register:
    """Active people, found by login and by each name agreements may call them."""

    people: tuple[Recipient, ...]
    names: dict[str, tuple[Recipient, ...]]  # every name a person answers to, normalised

    @classmethod
    def of(cls, people: tuple[Recipient, ...]) -> Register:
        names: dict[str, tuple[Recipient, ...]] = {}
        for p in people:
            for name in owner_names(p):
                key = _key(name)
                if p not in names.get(key, ()):
                    names[key] = (*names.get(key, ()), p)
        return cls(people, names)

    def by_login(self, login: str) -> Recipient | None:
        return next((p for p in self.people if p.login == login), None)

    def team(self, team: str) -> tuple[Recipient, ...]:
        return tuple(p for p in self.people if team and p.team == team)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def person_for_owner(register: Register, owner: str, login: str | None = None) -> Recipient | None:
    """The person who owns an item, or None.

    With the owner's ``login`` (an agreement's ``owner_login``) only that person: an
    owner who was deactivated is nobody to tell, even if someone active has the same name.
    Without one, ``owner`` is matched by the register's name, local-script name, display
    name "Name (本地名)" or login, ignoring case and spacing. Two people answering to the
    same name is a register problem: nobody is guessed, the item is reported as having
    no one to tell.
    """
    if login:
        return register.by_login(login)
    found = register.names.get(_key(owner), ())
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Owned:
    """What one person owns, as the calendar's ``--owner LOGIN`` filters agreements."""

    login: str
    names: frozenset[str]  # casefolded; for agreements written without a login

    def owns(self, owner_login: str | None, owner: str) -> bool:
        if owner_login:
            return owner_login == self.login
        return owner.casefold() in self.names


def owner_names(person: Recipient) -> set[str]:
    """What an owner written as text may read for ``person``."""
    names = {person.name, person.login}
    if person.name_local:
        names |= {person.name_local, f"{person.name} ({person.name_local})"}
    return names


def load_register(session: Session, default_language: str = "en") -> Register:
    from sqlalchemy import select

    from app.domain.models import Person

    rows = session.scalars(
        select(Person).where(Person.active.is_(True)).order_by(Person.name, Person.login)
    )
    return Register.of(
        tuple(
            Recipient(p.login, p.name, p.name_local, p.email, p.team, p.role,
                      p.language if p.language in ("en", "zh") else default_language)
            for p in rows
        )
    )  # fmt: skip


def set_language(session: Session, login: str, language: str) -> None:
    """The language ``login``'s reminders are written in (en, zh; "" for the default)."""
    from sqlalchemy import select

    from app.domain.models import Person
    from app.errors import FieldError, NotFoundError, ValidationError

    if language not in ("en", "zh", ""):
        raise ValidationError([FieldError("language", f"{language!r}: choose en or zh")])
    person = session.scalar(select(Person).where(Person.login == login))
    if person is None:
        raise NotFoundError(f"no person with the login {login!r} in the register")
    person.language = language


def owned_by(session: Session, login: str) -> Owned:
    """The agreements the active person ``login`` owns, as a test of each row."""
    from app.errors import NotFoundError

    person = load_register(session).by_login(login)
    if person is None:
        raise NotFoundError(f"no active person with the login {login!r} in the register")
    return Owned(login, frozenset(n.casefold() for n in owner_names(person)))
