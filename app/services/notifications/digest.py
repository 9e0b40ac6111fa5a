"""Per person (and per team) the occasions not yet told on a channel: the deliveries.

Each item goes to the person who owns it (:func:`recipients.person_for_owner`); an
approval waiting goes to everyone who may decide it. A team lead's e-mail also carries,
as a second part, what became due for the rest of the team. A team's chat group gets
every member's items in one message; a person's chat webhook gets their own digest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.services.notifications.kinds import Kind
from app.services.notifications.occasions import Item
from app.services.notifications.recipients import Recipient, Register, person_for_owner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.notifications.config import Settings

EMAIL = "email"
WEBHOOK = "webhook:"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message: to a person (``reader``) or to a team's chat group (``team``)."""

    channel: str  # "email" or "webhook:NAME"
    language: str
    reader: Recipient | None
    team: str
    own: tuple[Item, ...]  # the reader's own items
    others: tuple[tuple[Recipient, tuple[Item, ...]], ...]  # the team's items, by person
    # What to log once accepted: (occasion, login it was told to, agreement reference).
    marks: tuple[tuple[str, str, str], ...]
    today: date

    @property
    def count(self) -> int:
        return len(self.own) + sum(len(items) for _p, items in self.others)

    @property
    def address(self) -> str:
        return self.reader.email if self.reader else ""


@dataclass(frozen=True, slots=True)
class Plan:
    today: date
    deliveries: tuple[Delivery, ...]
    # Items whose owner is not a person in the register (or two people share the name).
    unassigned: tuple[Item, ...]
    # People with something due and no way to reach them (no e-mail address, no webhook).
    unreachable: tuple[Recipient, ...]
    quiet: bool = False
    email_on: bool = False
    notes: tuple[str, ...] = field(default=())


def assign(register: Register, items: list[Item]) -> tuple[dict[str, list[Item]], list[Item]]:
    """Items by the login of each person to tell; the items nobody can be told about."""
    mine: dict[str, list[Item]] = {}
    nobody: list[Item] = []
    told: set[tuple[str, str]] = set()
    for item in items:
        if item.kind is Kind.APPROVALS:
            logins = [lg for lg in item.approvers if register.by_login(lg)]
        else:
            person = person_for_owner(register, item.owner, item.owner_login)
            if person is None and item.kind is Kind.MILESTONES:
                # A milestone owner outside the register: its agreement's owner then.
                person = person_for_owner(register, item.get("agreement_owner"),
                                          item.get("agreement_owner_login") or None)  # fmt: skip
            if person is not None:
                logins = [person.login]
            else:
                logins = list(dict.fromkeys(lg for lg in item.fallback if register.by_login(lg)))
        if not logins:
            nobody.append(item)
        for login in logins:
            # One occasion once per person: a seller selling under two agreements of the
            # same owner is one item for them, not two.
            if (login, item.occasion) in told:
                continue
            told.add((login, item.occasion))
            mine.setdefault(login, []).append(item)
    return mine, nobody


def plan(
    session: Session,
    today: date,
    settings: Settings,
    only: Collection[Kind] = (),
) -> Plan:
    from app.services.notifications import log
    from app.services.notifications.occasions import due_items
    from app.services.notifications.recipients import load_register
    from app.services.notifications.webhooks import parse_target

    register = load_register(session, settings["notify.language"])
    email_on = bool(settings["notify.smtp.host"])
    if today.weekday() in settings.quiet_days:
        return Plan(today, (), (), (), quiet=True, email_on=email_on)
    items = due_items(session, today, settings, only)
    mine, nobody = assign(register, items)
    sent = log.already_sent(session, {i.occasion for i in items})

    def new(owner: str, channel: str, told: str | None = None) -> tuple[Item, ...]:
        """``owner``'s items not yet told to ``told`` (themselves by default) on ``channel``."""
        to = told or owner
        return tuple(i for i in mine.get(owner, ()) if (i.occasion, to, channel) not in sent)

    deliveries: list[Delivery] = []
    reached: set[str] = set()
    leads = settings.team_leads
    if email_on:
        for person in register.people:
            if not person.email:
                continue
            reached.add(person.login)
            team = _team_of(register, leads, person)
            deliveries += _personal(person, EMAIL, person.language, new, team, today)
    for name, text in settings.webhooks.items():
        target = parse_target(name, text)
        channel = WEBHOOK + name
        if target.login:
            reader = register.by_login(target.login)
            if reader is not None:
                reached.add(reader.login)
                team = _team_of(register, leads, reader)
                deliveries += _personal(reader, channel, target.language or reader.language,
                                        new, team, today)  # fmt: skip
        elif target.team:
            members = register.team(target.team)
            reached.update(p.login for p in members)
            others = tuple((p, found) for p in members if (found := new(p.login, channel)))
            if others:
                marks = tuple((i.occasion, p.login, i.reference) for p, its in others
                              for i in its)  # fmt: skip
                language = target.language or settings["notify.language"]
                deliveries.append(Delivery(channel, language, None, target.team, (), others,
                                           marks, today))  # fmt: skip
    unreachable = tuple(p for p in register.people if p.login in mine and p.login not in reached)
    return Plan(today, tuple(deliveries), tuple(nobody), unreachable, email_on=email_on)


def _team_of(register: Register, leads: dict[str, str], person: Recipient) -> tuple[Recipient, ...]:
    """The people whose items a team lead also reads (not the lead)."""
    teams = [team for team, login in leads.items() if login == person.login]
    return tuple(p for t in teams for p in register.team(t) if p.login != person.login)


def _personal(
    person: Recipient,
    channel: str,
    language: str,
    new: Callable[[str, str, str | None], tuple[Item, ...]],
    team: tuple[Recipient, ...],
    today: date,
) -> list[Delivery]:
    """One person's digest on one channel, with their team's part when they lead one."""
    own = new(person.login, channel, None)
    told = {i.occasion for i in own}
    others = []
    for member in team:
        # The lead reads each team item once, whoever in the team owns it.
        items = tuple(i for i in new(member.login, channel, person.login) if i.occasion not in told)
        told |= {i.occasion for i in items}
        if items:
            others.append((member, items))
    if not own and not others:
        return []
    marks = tuple((i.occasion, person.login, i.reference) for i in own) + tuple(
        (i.occasion, person.login, i.reference) for _m, items in others for i in items
    )
    return [Delivery(channel, language, person, "", own, tuple(others), marks, today)]
