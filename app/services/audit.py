"""The audit trail: who changed what, when, from which value to which."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.models import AuditEntry, Person


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and services
        return "unknown"


def as_text(value: object) -> str | None:
    """How a value is written in the trail: stable, exact, readable."""
    # By exact type first (an approval's digest writes every material term of every
    # pending agreement of a demo: a million isinstance chains); the chain for the rest.
    to_text = _BY_TYPE.get(value.__class__)
    if to_text is not None:
        return to_text(value)
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return _listed(value)
    return str(value)


def _listed(values: tuple[object, ...] | list[object]) -> str:
    return ", ".join(str(as_text(v)) for v in values)


# What as_text's chain gives a value of exactly these types.
_BY_TYPE: dict[type, Callable[[Any], str]] = {
    str: str, int: str, bool: lambda v: "yes" if v else "no",
    Decimal: lambda v: format(v, "f"), date: date.isoformat, datetime: datetime.isoformat,
    tuple: _listed, list: _listed,
}  # fmt: skip


def record_changes(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: int,
    before: Mapping[str, object],
    after: Mapping[str, object],
) -> int:
    """One entry per field whose value differs; returns how many were written."""
    count = 0
    for field, new in after.items():
        old = before.get(field)
        if as_text(old) != as_text(new):
            session.add(
                AuditEntry(
                    actor=actor,
                    entity=entity,
                    entity_id=entity_id,
                    action=AuditAction.UPDATE,
                    field=field,
                    old_value=as_text(old),
                    new_value=as_text(new),
                )
            )
            count += 1
    return count


def record_event(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: int,
    action: AuditAction,
    field: str = "",
    summary: str | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            field=field,
            old_value=summary if action is AuditAction.DELETE else None,
            new_value=summary if action is not AuditAction.DELETE else None,
        )
    )


def record_agreement_change(
    session: Session, agreement_id: int, field: str, summary: str, actor: str | None = None
) -> None:
    """An agreement's milestones, KPIs or documents changed: one line in its history.

    Asked before the change is written: a team's rule may keep the connected editor off
    this agreement (``team_rules``), said in one sentence rather than by a silent server.
    """
    from app.services.team_rules import check_may_change_agreement  # imports this module

    check_may_change_agreement(session, agreement_id)
    record_event(
        session,
        actor=actor or current_actor(),
        entity="agreement",
        entity_id=agreement_id,
        action=AuditAction.UPDATE,
        field=field,
        summary=summary,
    )


@dataclass(frozen=True, slots=True)
class AuditView:
    at: datetime
    actor: str  # the login that made the change
    action: AuditAction
    field: str
    old_value: str | None
    new_value: str | None
    who: str = ""  # the person's display name from the register, else the login


def history(session: Session, entity: str, entity_id: int, limit: int = 500) -> list[AuditView]:
    rows = session.execute(
        select(AuditEntry, Person.name, Person.name_local)
        .outerjoin(Person, Person.login == AuditEntry.actor)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return [
        AuditView(
            r.at,
            r.actor,
            r.action,
            r.field,
            r.old_value,
            r.new_value,
            _display_name(name, local) if name else r.actor,
        )
        for r, name, local in rows
    ]


def agreement_history(session: Session, agreement_id: int) -> list[AuditView]:
    """Every change to one agreement, newest first, each named by its person."""
    return history(session, "agreement", agreement_id, limit=100_000)


def _display_name(name: str, local: str | None) -> str:
    # As Person.display_name: both scripts when the person has a local-script name.
    return f"{name} ({local})" if local and local != name else name
