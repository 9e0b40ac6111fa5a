"""A team's rule "editors change only agreements they or their team own".

An admin turns it on or off (a database setting). On PostgreSQL the server enforces it:
row-level security on agreements and the tables they are made of (terms, KPIs and their
actuals, milestones, documents; migration 0011) lets an editor insert, update or delete
only rows of agreements whose owner is that editor, a person of the editor's team
(``people.team``, not blank), or nobody. Viewers read everything and write nothing (their
GRANTs); approvers and admins are not restricted: they approve and correct across teams.

The server refuses silently where a rule hides a row from an UPDATE (no row changes), so
every service that writes an agreement asks :func:`check_may_change` first and says why in
one sentence; the policies stay the guarantee. On SQLite (one desk, one person) the
setting is kept but there is nobody to keep apart.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.models import Agreement, KpiDefinition, Person
from app.domain.roles import Ability, may
from app.errors import DatabaseError, NotFoundError
from app.services.audit import current_actor, record_event
from app.services.settings import get_setting, set_setting

EDITORS_CHANGE_OWN_ONLY = "editors_change_own_only"  # "on" / "off"; the policies read it


def editors_change_own_only(session: Session) -> bool:
    return get_setting(session, EDITORS_CHANGE_OWN_ONLY, "off") == "on"


def set_editors_change_own_only(session: Session, on: bool) -> None:
    """Turn the rule on or off; an admin's (the server refuses anyone else's write)."""
    from app.db.faults import role_refusal
    from app.services.people import connected_role

    role = connected_role(session)
    if role is not None and not may(role, Ability.ADMINISTER):
        raise DatabaseError(role_refusal("settings", role.value))
    before = editors_change_own_only(session)
    set_setting(session, EDITORS_CHANGE_OWN_ONLY, "on" if on else "off")
    if before != on:
        record_event(session, actor=current_actor(), entity="setting", entity_id=0,
                     action=AuditAction.UPDATE, field=EDITORS_CHANGE_OWN_ONLY,
                     summary="on" if on else "off")  # fmt: skip
    session.flush()


def may_change(session: Session, owner_login: str | None) -> bool:
    """Whether the connected person may change an agreement ``owner_login`` owns."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    # The server's own function, the one its policies call: one rule, one place.
    # Asked before the change is flushed: flushed first, the server would refuse it
    # without saying whose agreement it is.
    with session.no_autoflush:
        found = session.scalar(
            text("SELECT partnerdesk_may_change(:owner)"), {"owner": owner_login}
        )
    return bool(found)


def check_may_change(
    session: Session,
    reference: str,
    owner_login: str | None,
    *,
    new: bool = False,
    adding: bool = False,
) -> None:
    """Refuse, in one sentence, a change the row-level security would refuse.

    ``new``: the agreement would belong to ``owner_login`` after the change (one handed
    to another owner); ``adding``: a new agreement would.
    """
    if may_change(session, owner_login):
        return
    from app.services.people import connected_role

    with session.no_autoflush:  # the refused change stays unwritten
        role = connected_role(session)
        owner = session.scalar(select(Person).where(Person.login == owner_login))
    who = owner_login or "nobody"
    if owner is not None:
        who = f"{owner.display_name}'s team" if owner.team else owner.display_name
    belongs = "it would belong to" if new or adding else "it belongs to"
    verb = "add" if adding else "change"
    raise DatabaseError(
        f"your role, {role.value if role else 'none'}, cannot {verb} {reference}: {belongs} {who}"
    )


def check_may_change_agreement(session: Session, agreement_id: int) -> None:
    """:func:`check_may_change` for a part of a saved agreement (milestone, KPI, document)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    row = session.execute(
        select(Agreement.reference, Agreement.owner_login).where(Agreement.id == agreement_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    check_may_change(session, row.reference, row.owner_login)


def check_may_change_kpi(session: Session, kpi_id: int) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    agreement_id = session.scalar(
        select(KpiDefinition.agreement_id).where(KpiDefinition.id == kpi_id)
    )
    if agreement_id is not None:
        check_may_change_agreement(session, agreement_id)


def change_refusal(session: Session, agreement_id: int) -> str | None:
    """Why the connected person may not change this agreement (the sentence a window
    shows beside a disabled Edit), or None when they may."""
    try:
        check_may_change_agreement(session, agreement_id)
    except DatabaseError as exc:
        return str(exc)
    return None
