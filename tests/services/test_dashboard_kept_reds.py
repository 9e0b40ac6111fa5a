"""The dashboard's red KPIs and overdue milestones (list and tile) read what migration 0021
keeps; they must equal a plain query over the rows, on both engines, after each kind of
write a user makes: a new actual, an agreement's status change, a milestone done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, Attainment, MilestoneStatus
from app.domain.models import Agreement, KpiActual, KpiDefinition, Milestone
from app.services.agreements import change_status
from app.services.dashboard import OPEN_STATUSES, count_red_kpis, red_kpis
from app.services.demo import load_demo
from app.services.kpis import attainment, record_actual
from app.services.milestones import (
    LIVE_STATUSES,
    MilestoneInput,
    add_milestone,
    overdue_milestones,
    update_milestone,
)
from app.services.overview import attention_counts

TODAY = date(2026, 11, 30)


def _plain_reds(s: Session) -> list[tuple[int, int, date, Decimal]]:
    """(agreement, KPI, newest date, newest value) of every KPI whose newest actual is red
    on a live agreement, found from the actuals themselves: newest date, agreement and KPI
    first."""
    live = {
        a_id for a_id, status in s.execute(select(Agreement.id, Agreement.status))
        if status in OPEN_STATUSES
    }  # fmt: skip
    newest: dict[int, KpiActual] = {}
    for actual in s.scalars(select(KpiActual)):
        if actual.kpi_id not in newest or actual.period_end > newest[actual.kpi_id].period_end:
            newest[actual.kpi_id] = actual
    found = []
    for k in s.scalars(select(KpiDefinition)):
        n = newest.get(k.id)
        if n is None or k.agreement_id not in live:
            continue
        if attainment(k.target, n.value, k.direction) is Attainment.RED:
            found.append((k.agreement_id, k.id, n.period_end, n.value))
    return sorted(found, key=lambda r: (r[2], r[0], r[1]), reverse=True)


def _listed_reds(s: Session) -> list[tuple[int, int, date, Decimal]]:
    kpi_ids = {(k.agreement_id, k.metric, k.target): k.id for k in s.scalars(select(KpiDefinition))}
    return [
        (r.agreement_id, kpi_ids[(r.agreement_id, r.metric, r.target)], r.period_end,
         r.latest_value)
        for r in red_kpis(s, limit=100_000)
    ]  # fmt: skip


def _plain_overdue(s: Session) -> list[int]:
    live = {a.id for a in s.scalars(select(Agreement)) if a.status in OPEN_STATUSES}
    rows = s.scalars(select(Milestone))
    return sorted(
        (m.id for m in rows
         if m.status is MilestoneStatus.OPEN and m.due_date < TODAY and m.agreement_id in live),
        key=lambda i: (s.get(Milestone, i).due_date, i),  # type: ignore[union-attr]
    )  # fmt: skip


def _assert_same(db: Database) -> None:
    with db.session() as s:
        plain = _plain_reds(s)
        assert plain, "the demo should have red KPIs"
        assert _listed_reds(s) == plain
        assert count_red_kpis(s) == len(plain)
        assert red_kpis(s, limit=5) == red_kpis(s, limit=100_000)[:5]
        overdue = _plain_overdue(s)
        assert [m.milestone_id for m in overdue_milestones(s, TODAY, limit=100_000)] == overdue
        counts = attention_counts(s, TODAY)
        assert (counts.red_kpis, counts.overdue_milestones) == (len(plain), len(overdue))


def test_red_kpis_and_overdue_milestones_equal_a_plain_query_after_each_write(
    any_db: Database,
) -> None:
    with any_db.session() as s:
        load_demo(s, 120, 5, today=TODAY)
    _assert_same(any_db)

    # A new actual turns a green KPI of a live agreement red (and one red KPI green).
    with any_db.session() as s:
        reds = _plain_reds(s)
        red_ids = {r[1] for r in reds}
        live = select(Agreement.id).where(Agreement.status.in_(sorted(OPEN_STATUSES)))
        green = s.scalars(
            select(KpiDefinition).where(
                KpiDefinition.agreement_id.in_(live), KpiDefinition.id.not_in(red_ids)
            )
        ).first()
        assert green is not None
        miss = Decimal("0") if green.target > 0 else Decimal("1000000")
        if attainment(green.target, miss, green.direction) is not Attainment.RED:
            miss = green.target * 1000
        record_actual(s, green.id, TODAY + timedelta(days=1), miss)
        red = s.get(KpiDefinition, reds[-1][1])
        assert red is not None
        record_actual(s, red.id, TODAY + timedelta(days=2), red.target)
    _assert_same(any_db)
    with any_db.session() as s:
        assert green.id in {r[1] for r in _plain_reds(s)}
        assert red.id not in {r[1] for r in _plain_reds(s)}

    # An agreement with red KPIs leaves the live statuses, another one enters them.
    with any_db.session() as s:
        reds = _plain_reds(s)
        ended = s.get(Agreement, reds[0][0])
        assert ended is not None
        change_status(s, ended.id, AgreementStatus.TERMINATED, ended.version)
        waiting = s.scalars(
            select(Agreement).where(
                Agreement.status == AgreementStatus.NEGOTIATION,
                Agreement.id.in_(
                    select(KpiDefinition.agreement_id).where(
                        KpiDefinition.latest_attainment == Attainment.RED.value
                    )
                ),
            )
        ).first()
        if waiting is not None:
            change_status(s, waiting.id, AgreementStatus.PENDING_APPROVAL, waiting.version)
    _assert_same(any_db)
    with any_db.session() as s:
        assert ended.id not in {r[0] for r in _plain_reds(s)}

    # The agreement of the most overdue milestone ends; a live one gets an older one.
    with any_db.session() as s:
        gone = overdue_milestones(s, TODAY, limit=1)[0]
        a = s.get(Agreement, gone.agreement_id)
        assert a is not None
        change_status(s, a.id, AgreementStatus.TERMINATED, a.version)
        other = overdue_milestones(s, TODAY, limit=1)[0]
        late = MilestoneInput(title="Late report", due_date=other.due_date - timedelta(days=1))
        added = add_milestone(s, other.agreement_id, late)
    _assert_same(any_db)
    with any_db.session() as s:
        now = [o.milestone_id for o in overdue_milestones(s, TODAY)]
        assert gone.milestone_id not in now
        assert now[0] == added.id

    # An overdue milestone done.
    with any_db.session() as s:
        first = overdue_milestones(s, TODAY, limit=1)[0]
        m = s.get(Milestone, first.milestone_id)
        assert m is not None
        data = MilestoneInput(title=m.title, due_date=m.due_date, owner=m.owner,
                              status=MilestoneStatus.DONE, completed_on=TODAY)  # fmt: skip
        update_milestone(s, m.id, replace(data))
    _assert_same(any_db)
    with any_db.session() as s:
        assert first.milestone_id not in {o.milestone_id for o in overdue_milestones(s, TODAY)}


def test_the_migrations_live_statuses_are_the_dashboards() -> None:
    from importlib import import_module

    m = import_module("app.db.migrations.versions.0021_red_kpis_of_live_agreements_kept")
    dashboards = "(" + ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)) + ")"
    assert dashboards == m.LIVE
    assert sorted(LIVE_STATUSES) == sorted(OPEN_STATUSES)
