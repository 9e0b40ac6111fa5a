"""Who is told: the people register as the notifier reads it.

Agreements name their owner by the person's display name today (the ``owner`` column).
:func:`person_for_owner` is the one place that turns an agreement's owner into a person:
when agreements carry their owner's login, only it changes.
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


def person_for_owner(register: Register, owner: str) -> Recipient | None:
    """The person an agreement's (or a milestone's) ``owner`` names, or None.

    Matched by the register's name, local-script name, display name "Name (本地名)" or
    login, ignoring case and spacing. Two people answering to the same name is a
    register problem: nobody is guessed, the item is reported as having no one to tell.
    """
    found = register.names.get(_key(owner), ())
    return found[0] if len(found) == 1 else None


def owner_names(person: Recipient) -> set[str]:
    """What an agreement's owner column may read for ``person`` (the calendar's filter)."""
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


def names_of(session: Session, login: str) -> set[str]:
    """What an agreement's owner column may read for the person ``login``."""
    from app.errors import NotFoundError

    person = load_register(session).by_login(login)
    if person is None:
        raise NotFoundError(f"no active person with the login {login!r} in the register")
    return owner_names(person)
