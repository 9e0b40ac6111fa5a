"""What is due on a day, each item at its escalation step: an *occasion*.

An occasion is told once per person and channel. Its key names the item, the date it is
about and the step, so a decision 30 days out, the same decision 7 days out and 1 day out
and then overdue are four occasions; a moved decision date is a new one too. A red KPI is
an occasion per reporting period, a waiting approval one per version of the agreement.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.services.notifications.kinds import OVERDUE, Kind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.notifications.config import Settings

# Everything due, not a screenful: a scheduled run must not drop the 201st item.
LIMIT = 1_000_000


@dataclass(frozen=True, slots=True)
class Item:
    kind: Kind
    occasion: str
    step: str  # "30", "7", "1" (days before), "overdue", "red", "waiting"
    agreement_id: int
    reference: str
    title: str
    partner: str
    partner_local: str | None
    owner: str  # as the agreement (or the milestone) names its owner
    on: date | None  # the date the item is about
    days_left: int | None  # negative: overdue by that many days
    subject: str = ""  # a milestone's title, a document's file name, a KPI's metric
    # What the wording needs beyond the above, by name (document kind, KPI figures, ...).
    detail: tuple[tuple[str, str], ...] = ()
    # Approvals: who may decide (logins). Other kinds go to the owner.
    approvers: tuple[str, ...] = ()
    # Who is told when the owner is nobody in the register (logins): a seller's papers
    # go to the team leads when no live agreement's owner can be found.
    fallback: tuple[str, ...] = ()
    # The login of the person ``owner`` names when it is the agreement's owner: they are
    # told by it, not by the name (None: ``owner`` is text only, e.g. a milestone's own).
    owner_login: str | None = None

    def get(self, name: str, default: str = "") -> str:
        return dict(self.detail).get(name, default)

    @property
    def urgency(self) -> tuple[int, str]:
        """Sort key: the most overdue first, then the soonest."""
        return (self.days_left if self.days_left is not None else 0, self.reference)


def step(days_left: int, steps: Iterable[int]) -> str | None:
    """The escalation step ``days_left`` falls in: the smallest step not below it, or
    ``overdue`` once the date has passed; None while it is beyond the first step."""
    if days_left < 0:
        return OVERDUE
    reached = [s for s in steps if days_left <= s]
    return str(min(reached)) if reached else None


@dataclass(frozen=True, slots=True)
class LiveAgreement:
    """A live agreement (draft to active) as a reminder names it."""

    reference: str
    title: str
    owner: str
    partner: str
    partner_local: str | None
    version: int
    owner_login: str | None


def live_columns() -> tuple[Any, ...]:
    """The columns of a :class:`LiveAgreement`, in its order (the partner joined)."""
    from app.domain.models import Agreement, Partner

    return (Agreement.reference, Agreement.title, Agreement.owner, Partner.legal_name,
            Partner.local_name, Agreement.version, Agreement.owner_login)  # fmt: skip


def chunks(ids: Collection[int]) -> Iterator[list[int]]:
    """``ids`` in order, 500 at a time: SQLite's bound-parameter limit."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        yield ordered[start : start + 500]


def _agreements(session: Session, ids: Collection[int]) -> dict[int, LiveAgreement]:
    from sqlalchemy import select

    from app.domain.models import Agreement, Partner
    from app.services.scope import DECISION_STATUSES

    found: dict[int, LiveAgreement] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            select(Agreement.id, *live_columns())
            .join(Partner, Partner.id == Agreement.partner_id)
            .where(Agreement.id.in_(chunk), Agreement.status.in_(sorted(DECISION_STATUSES)))
        )
        for r in rows:
            found[r[0]] = LiveAgreement(*r[1:])
    return found


def due_items(
    session: Session, today: date, settings: Settings, only: Collection[Kind] = ()
) -> list[Item]:
    """Every item due on ``today`` at its current step, most urgent first."""
    kinds = set(only) or set(Kind)
    items: list[Item] = []
    if Kind.DECISIONS in kinds:
        items += _decisions(session, today, settings.steps("notify.decision_steps"))
    if Kind.DOCUMENTS in kinds:
        from app.services.notifications.seller_papers import seller_documents

        steps = settings.steps("notify.document_steps")
        items += _documents(session, today, steps)
        items += seller_documents(session, today, steps, tuple(settings.team_leads.values()))
    if Kind.MILESTONES in kinds:
        items += _milestones(session, today)
    if Kind.KPIS in kinds:
        items += _kpis(session)
    if Kind.APPROVALS in kinds:
        items += _approvals(session, today)
    return sorted(items, key=lambda i: i.urgency)


def _decisions(session: Session, today: date, steps: tuple[int, ...]) -> list[Item]:
    from app.services.dashboard import decisions_due

    items = []
    for d in decisions_due(session, today, max(steps), include_overdue=True):
        at = step(d.days_left, steps)
        if at is None:
            continue
        detail = [("status", d.status.value), ("type", d.type.value),
                  ("end_date", d.end_date.isoformat())]  # fmt: skip
        if d.auto_renew:
            detail.append(("renews_months", str(d.renewal_term_months or 12)))
        items.append(
            Item(Kind.DECISIONS, f"decision:{d.agreement_id}:{d.decision_date}:{at}", at,
                 d.agreement_id, d.reference, d.title, d.partner_name, d.partner_local_name,
                 d.owner, d.decision_date, d.days_left, detail=tuple(detail),
                 owner_login=d.owner_login)
        )  # fmt: skip
    return items


def _documents(session: Session, today: date, steps: tuple[int, ...]) -> list[Item]:
    from app.services.attachments import expiring_documents

    found = expiring_documents(session, today, max(steps), limit=LIMIT)
    agreements = _agreements(session, {d.agreement_id for d in found})
    items = []
    for d in found:
        a = agreements.get(d.agreement_id)
        at = step(d.days_left, steps)
        if a is None or at is None:
            continue  # ended agreements' papers are nobody's worry
        items.append(
            Item(Kind.DOCUMENTS, f"document:{d.attachment_id}:{d.expires_on}:{at}", at,
                 d.agreement_id, a.reference, a.title, a.partner, a.partner_local, a.owner,
                 d.expires_on, d.days_left, d.filename, (("document_kind", d.kind.value),),
                 owner_login=a.owner_login)
        )  # fmt: skip
    return items


def _milestones(session: Session, today: date) -> list[Item]:
    from app.services.milestones import overdue_milestones

    found = overdue_milestones(session, today, limit=LIMIT)
    agreements = _agreements(session, {m.agreement_id for m in found})
    items = []
    for m in found:
        if (a := agreements.get(m.agreement_id)) is None:
            continue
        # The milestone's own owner (a name) when it names one, else the agreement's.
        own = m.owner.strip()
        items.append(
            Item(Kind.MILESTONES, f"milestone:{m.milestone_id}:{m.due_date}:{OVERDUE}", OVERDUE,
                 m.agreement_id, a.reference, a.title, a.partner, a.partner_local,
                 own or a.owner, m.due_date, -m.days_overdue, m.title,
                 (("agreement_owner", a.owner), ("agreement_owner_login", a.owner_login or "")),
                 owner_login=None if own else a.owner_login)
        )  # fmt: skip
    return items


def _kpis(session: Session) -> list[Item]:
    from app.services.dashboard import red_kpis

    found = red_kpis(session, limit=LIMIT)
    agreements = _agreements(session, {k.agreement_id for k in found})
    items = []
    for k in found:
        if (a := agreements.get(k.agreement_id)) is None:
            continue
        detail = (("actual", f"{k.latest_value.normalize():f}"),
                  ("target", f"{k.target.normalize():f}"), ("unit", k.unit),
                  ("direction", k.direction.value), ("currency", k.currency))  # fmt: skip
        items.append(
            Item(Kind.KPIS, f"kpi:{k.agreement_id}:{k.metric}:{k.period_end}:red"[:200], "red",
                 k.agreement_id, a.reference, a.title, a.partner, a.partner_local, a.owner,
                 k.period_end, None, k.metric, detail, owner_login=a.owner_login)
        )  # fmt: skip
    return items


def _approvals(session: Session, today: date) -> list[Item]:
    from sqlalchemy import select

    from app.domain.models import Agreement
    from app.services.approvals import waiting

    states = waiting(session, today)
    ids = dict(
        session.execute(
            select(Agreement.reference, Agreement.id).where(
                Agreement.reference.in_([s.reference for s in states])
            )
        ).all()
    )
    agreements = _agreements(session, set(ids.values()))
    people = _approvers(session)
    from app.services.people import display_names

    names = display_names(session, {s.author for s in states})
    items = []
    for s in states:
        agreement_id = ids.get(s.reference)
        if agreement_id is None or (a := agreements.get(agreement_id)) is None:
            continue
        decided = {d.login for d in s.decisions if d.current}
        # Nobody approves the terms they wrote, nor decides twice.
        who = tuple(p for p in people if p != s.author and p not in decided)
        need = s.requirement.approvals if s.requirement else 1
        detail = (("needs", str(need)), ("has", str(len(s.approvers))),
                  ("author", names.get(s.author, s.author)))  # fmt: skip
        items.append(
            Item(Kind.APPROVALS, f"approval:{agreement_id}:v{a.version}", "waiting",
                 agreement_id, a.reference, a.title, a.partner, a.partner_local, a.owner,
                 None, None, detail=detail, approvers=who, owner_login=a.owner_login)
        )  # fmt: skip
    return items


def _approvers(session: Session) -> list[str]:
    from sqlalchemy import select

    from app.domain.models import Person
    from app.domain.roles import Ability, Role, may

    approving = [r for r in Role if may(r, Ability.APPROVE)]
    return list(
        session.scalars(
            select(Person.login)
            .where(Person.active.is_(True), Person.role.in_(approving))
            .order_by(Person.login)
        )
    )
