"""The totals the database keeps (migration 0015) stay equal to a recount after every kind
of write, and the dashboard's figures read from them equal the ones grouped from the
agreements — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import String, cast, delete, func, select, text
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, Attainment
from app.domain.models import Agreement, Approval, BrandAgreement, KpiActual, KpiDefinition
from app.domain.tally_models import ApprovalRequest, PurchaseTally
from app.errors import PartnerDeskError
from app.services import approval_queue, portfolio, tallies
from app.services.agreements import (
    change_status,
    create_agreement,
    get_agreement,
    renew_agreement,
    update_agreement,
)
from app.services.dashboard import OPEN_STATUSES, RedKpi, red_kpis
from app.services.demo import load_demo
from app.services.editing import delete_with_snapshot, restore_agreement
from app.services.importing import import_file
from app.services.kpis import record_actual, remove_kpi
from app.services.listing import count_agreements
from app.services.partners import PartnerInput, create_partner
from app.services.scope import Scope
from app.services.settings import set_setting
from tests.conftest import agreement_input
from tests.ui.team_logins import Team, team_fixture  # noqa: F401  (the fixture)

TODAY = date(2026, 11, 26)


def newest_by_recount(s: Session) -> dict[int, tuple[date | None, Decimal | None]]:
    """Each KPI's newest actual, found the way the dashboard found it before 0015."""
    found: dict[int, tuple[date | None, Decimal | None]] = dict.fromkeys(
        s.scalars(select(KpiDefinition.id)), (None, None)
    )
    for kpi_id, period_end, value in s.execute(
        select(KpiActual.kpi_id, KpiActual.period_end, KpiActual.value).order_by(
            KpiActual.kpi_id, KpiActual.period_end
        )
    ):
        found[kpi_id] = (period_end, value)
    return found


def newest_kept(s: Session) -> dict[int, tuple[date | None, Decimal | None]]:
    rows = s.execute(
        select(KpiDefinition.id, KpiDefinition.latest_period_end, KpiDefinition.latest_value)
    )
    return {k: (p, v) for k, p, v in rows}


def purchases_kept(s: Session) -> set[tuple[object, ...]]:
    """Migration 0022's minimum purchases as the database keeps them (empty groups left out)."""
    t = PurchaseTally
    rows = s.execute(
        select(t.status, t.operating_model, t.currency, t.end_month, t.agreements, t.value)
        .where(t.agreements != 0)
    )  # fmt: skip
    return {tuple(r) for r in rows}


def purchases_recount(s: Session) -> set[tuple[object, ...]]:
    b = BrandAgreement.__table__.c
    month = func.substr(cast(Agreement.end_date, String), 1, 7)
    rows = s.execute(
        select(Agreement.status, cast(b.operating_model, String), Agreement.currency, month,
               func.count(), func.sum(b.annual_minimum_purchase))
        .select_from(Agreement.__table__)
        .join(BrandAgreement.__table__, b.id == Agreement.id)
        .where(Agreement.type == AgreementType.BRAND, b.annual_minimum_purchase.is_not(None))
        .group_by(Agreement.status, b.operating_model, Agreement.currency, month)
    )  # fmt: skip
    return {tuple(r) for r in rows}


def requests_kept(s: Session) -> set[tuple[object, ...]]:
    r = ApprovalRequest
    rows = s.execute(
        select(r.agreement_id, r.type, r.currency, r.value, r.reference, r.requested_at,
               r.requested_by, r.decided)
    )  # fmt: skip
    return {tuple(row) for row in rows}


def requests_recount(s: Session) -> set[tuple[object, ...]]:
    """Every agreement waiting for approval with its request time and author, as the
    queue worked them out from the history before 0022 (``approval_queue``'s subqueries),
    and whether anybody decided on it."""
    decided = select(Approval.id).where(Approval.agreement_id == Agreement.id).exists()
    rows = s.execute(
        select(Agreement.id, Agreement.type, Agreement.currency, Agreement.value,
               Agreement.reference, approval_queue.requested_at(),
               func.coalesce(approval_queue.author_of(), ""), decided)
        .where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
    )  # fmt: skip
    return {tuple(row) for row in rows}


def assert_kept_right(db: Database) -> None:
    with db.session() as s:
        kept, counted = tallies.kept(s), tallies.recount(s)
        assert kept[0] == counted[0]
        assert kept[1] == counted[1]
        # The status bar's count of agreements comes from the totals.
        assert tallies.count_all_agreements(s) == count_agreements(s)
        assert newest_kept(s) == newest_by_recount(s)
        # Migration 0022: minimum purchases and the approval queue.
        assert purchases_kept(s) == purchases_recount(s)
        assert requests_kept(s) == requests_recount(s)


def figures_both_ways(
    s: Session, as_of: date, monkeypatch: pytest.MonkeyPatch
) -> tuple[object, object]:
    """The dashboard's figures from the kept totals, and grouped from every agreement (as
    any filtered figure still is)."""
    kept = portfolio.portfolio_figures(s, as_of, scope=Scope.IN_FORCE)
    with monkeypatch.context() as m:
        m.setattr(portfolio, "_tallied", lambda *_: False)
        grouped = portfolio.portfolio_figures(s, as_of, scope=Scope.IN_FORCE)
    return kept, grouped


def test_every_kind_of_write_keeps_the_totals_equal_to_a_recount(
    any_db: Database, tmp_path: Path
) -> None:
    db = any_db
    assert_kept_right(db)  # empty
    with db.session() as s:
        load_demo(s, 60, seed=11, today=TODAY)
    assert_kept_right(db)

    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Tally Trading Ltd", country="GB"))
        other = create_partner(s, PartnerInput(legal_name="Other Trading Ltd", country="DE"))
        made = create_agreement(s, agreement_input(p.id), actor="tester")
    assert_kept_right(db)

    # Every column a total is kept by: value, currency, end month, partner, model.
    with db.session() as s:
        view = get_agreement(s, made.id)
        changed = agreement_input(
            other.id, value=Decimal("9.99"), currency="USD", end_date=date(2028, 3, 31),
            terms={"operating_model": "platform", "brands": ("Lumière",)},
        )  # fmt: skip
        view = update_agreement(s, made.id, changed, view.version, actor="tester")
    assert_kept_right(db)

    with db.session() as s:
        view = change_status(s, made.id, AgreementStatus.NEGOTIATION, view.version)
        view = change_status(s, made.id, AgreementStatus.PENDING_APPROVAL, view.version)
        view = change_status(s, made.id, AgreementStatus.ACTIVE, view.version,
                             signed_date=date(2026, 1, 5))  # fmt: skip
    assert_kept_right(db)

    with db.session() as s:
        renewed = renew_agreement(s, made.id, get_agreement(s, made.id).version)
    assert_kept_right(db)

    # A KPI's actuals: a newer one, an older one, a correction, and the KPI removed.
    with db.session() as s:
        kpi = get_agreement(s, renewed.id).kpis[0]
        record_actual(s, kpi.id, date(2026, 6, 30), Decimal("5"))
        record_actual(s, kpi.id, date(2026, 3, 31), Decimal("7"))
        record_actual(s, kpi.id, date(2026, 6, 30), Decimal("6"))
    assert_kept_right(db)
    with db.session() as s:
        s.execute(delete(KpiActual).where(KpiActual.kpi_id == kpi.id,
                                          KpiActual.period_end == date(2026, 6, 30)))  # fmt: skip
    assert_kept_right(db)
    with db.session() as s:
        remove_kpi(s, kpi.id)
    assert_kept_right(db)

    # Deleted, then brought back by undo.
    with db.session() as s:
        snap = delete_with_snapshot(s, renewed.id)
    assert_kept_right(db)
    with db.session() as s:
        restore_agreement(s, snap)
    assert_kept_right(db)

    # An import (the bulk write path, a column at a time).
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["title", "type", "partner", "partner_country", "status", "currency",
                      "value", "start_date", "end_date", "signed_date", "notice_days",
                      "operating_model"])  # fmt: skip
        for i in range(5):
            out.writerow([f"Imported {i}", "brand", "Tally Trading Ltd", "GB", "active",
                          "EUR", f"{1000 + i}.50", "2026-01-01", f"2027-0{i + 1}-15", "2025-12-20",
                          "30",
                          "platform" if i % 2 else "direct"])  # fmt: skip
    with db.session() as s:
        report = import_file(s, path)
        assert not report.problems
    assert_kept_right(db)

    # Plain SQL, as a script or another tool would write: the database keeps them too.
    with db.session() as s:
        s.execute(text("UPDATE agreements SET status = 'expired' WHERE type = 'brand'"))
        s.execute(text("UPDATE brand_terms SET operating_model = 'direct'"))
    assert_kept_right(db)
    with db.session() as s:
        s.execute(text("DELETE FROM agreements WHERE currency = 'EUR'"))
    assert_kept_right(db)


def test_a_restricted_editor_keeps_the_totals_right_but_cannot_write_them(
    pg_db: Database, team: Team
) -> None:
    with pg_db.session() as s:
        load_demo(s, 20, seed=3, today=TODAY)
        set_setting(s, "editors_change_own_only", "on")  # row security on
    editor = team("editor", "Eddie Editor")
    with editor.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Editor's Partner Ltd", country="GB"))
        made = create_agreement(s, agreement_input(p.id, owner="Eddie Editor"))
        change_status(s, made.id, AgreementStatus.NEGOTIATION, made.version)
    assert_kept_right(pg_db)
    with pytest.raises(PartnerDeskError, match="cannot change"), editor.session() as s:
        s.execute(text("UPDATE agreement_tallies SET agreements = agreements + 1"))


@pytest.mark.parametrize(
    "as_of",
    [TODAY, date(2026, 12, 1), date(2026, 12, 31), date(2025, 3, 15), date(2024, 7, 1),
     date(2028, 2, 29)],
)  # fmt: skip
def test_the_dashboard_figures_from_the_totals_are_the_grouped_ones(
    db: Database, as_of: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as s:
        load_demo(s, 400, seed=7, today=TODAY)
    with db.session() as s:
        kept, grouped = figures_both_ways(s, as_of, monkeypatch)
        assert kept == grouped
        assert kept.agreement_count > 0  # type: ignore[attr-defined]


def test_the_dashboard_figures_from_the_totals_are_the_grouped_ones_on_postgres(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_db.session() as s:
        load_demo(s, 400, seed=7, today=TODAY)
    for as_of in (TODAY, date(2024, 7, 1), date(2026, 12, 31)):
        with pg_db.session() as s:
            kept, grouped = figures_both_ways(s, as_of, monkeypatch)
            assert kept == grouped


def red_kpis_before(s: Session, limit: int) -> list[RedKpi]:
    """The red KPI list as the dashboard read it before 0015: each KPI's newest actual by
    a correlated max over all actuals."""
    other = aliased(KpiActual)
    newest = (
        select(func.max(other.period_end))
        .where(other.kpi_id == KpiDefinition.id)
        .correlate(KpiDefinition)
        .scalar_subquery()
    )
    stmt = (
        select(
            Agreement.id, Agreement.reference, Agreement.title, KpiDefinition.metric,
            KpiDefinition.unit, KpiDefinition.target, KpiActual.value, KpiActual.period_end,
            KpiDefinition.direction, Agreement.value, Agreement.currency,
        )
        .select_from(KpiDefinition)
        .join(Agreement, Agreement.id == KpiDefinition.agreement_id)
        .join(KpiActual, KpiActual.kpi_id == KpiDefinition.id)
        .where(
            KpiDefinition.latest_attainment == Attainment.RED.value,
            Agreement.status.in_(sorted(OPEN_STATUSES)),
            KpiActual.period_end == newest,
        )
        .order_by(KpiActual.period_end.desc(), Agreement.reference)
        .limit(limit)
    )  # fmt: skip
    return [RedKpi(*r) for r in s.execute(stmt)]


def _key(r: RedKpi) -> tuple[object, ...]:
    return (r.period_end, r.reference, r.metric, r.latest_value, r.target)


def test_the_red_kpis_are_the_ones_the_actuals_give(any_db: Database) -> None:
    with any_db.session() as s:
        load_demo(s, 400, seed=7, today=TODAY)
    with any_db.session() as s:
        before, now = red_kpis_before(s, 10_000), red_kpis(s, 10_000)
        assert len(now) > 10
        # The same rows, newest first; within a date the newest agreement first (since
        # 0021: the order its index walks; by reference before).
        assert sorted(map(_key, now)) == sorted(map(_key, before))
        newest_first = sorted(before, key=lambda r: (r.period_end, r.agreement_id), reverse=True)
        assert [(r.period_end, r.agreement_id) for r in now] == [
            (r.period_end, r.agreement_id) for r in newest_first
        ]
        first = red_kpis(s, 5)
        assert [(r.period_end, r.agreement_id) for r in first] == [
            (r.period_end, r.agreement_id) for r in newest_first[:5]
        ]
