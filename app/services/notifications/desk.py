"""What the desktop application tells the person working, while it runs.

The same occasions as the digest (:mod:`occasions`), for the connected person only, with
their wording; the window shows each once per session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class DeskReminder:
    occasion: str
    agreement_id: int
    reference: str
    heading: str  # "BR-2026-0042 · Lumière skincare"
    text: str  # what is due, one or two sentences
    overdue: bool


def desk_reminders(session: Session, today: date, lang: str) -> list[DeskReminder]:
    """What needs the connected person today, most urgent first (none if not registered)."""
    from app.services.notifications.config import load
    from app.services.notifications.digest import assign
    from app.services.notifications.kinds import OVERDUE
    from app.services.notifications.occasions import due_items
    from app.services.notifications.recipients import load_register
    from app.services.notifications.texts import Texts
    from app.services.people import connected_login

    settings = load(session)
    register = load_register(session, settings["notify.language"])
    login = connected_login(session)
    if register.by_login(login) is None:
        return []
    mine, _nobody = assign(register, due_items(session, today, settings))
    t = Texts(lang)
    return [
        DeskReminder(i.occasion, i.agreement_id, i.reference,
                     f"{i.reference} · {i.title}" if i.reference else i.title,
                     t.line(i), i.step == OVERDUE)
        for i in mine.get(login, ())
    ]  # fmt: skip
