"""A demo load into a new database rebuilds the search index, the running totals and each
KPI's newest actual once at the end (``app.db.derived``) instead of through the per-row
triggers: what it leaves equals what the triggers would have kept, and the triggers are
back for the writes that follow — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database, bulk
from app.services import tallies
from app.services.agreements import create_agreement
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input
from tests.services.test_search_index import QUERIES, _expected, _in_step, _indexed
from tests.services.test_tallies import (
    assert_kept_right,
    newest_kept,
    purchases_kept,
    requests_kept,
)

TODAY = date(2026, 11, 30)
SIZE = 300
SEED = 11
NEEDLES = [*QUERIES, "BR-", "Ltd", "serum", "Wei", "有限", "2026", "-00"]


def _triggers(s: Session) -> set[str]:
    if s.connection().dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
    return set(s.scalars(text(query)))


def _constraints(s: Session) -> set[tuple[str, str]]:
    """The foreign keys as the database holds them (a load into PostgreSQL drops them and
    adds them back)."""
    if s.connection().dialect.name == "sqlite":
        return set()
    rows = s.execute(
        text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'")
    )
    return {(name, definition) for name, definition in rows}


def _live_by_recount(s: Session) -> tuple[list[tuple[int, object]], list[tuple[int, bool]]]:
    """Migration 0021's red-list dates and live milestones worked out from the agreements,
    as the triggers define them: a red KPI of an active or pending agreement keeps its
    newest period end, a milestone whether its agreement is either."""
    live = {"active", "pending_approval"}
    rows = s.execute(text("SELECT id, status FROM agreements"))
    status: dict[int, str] = {agreement: state for agreement, state in rows}  # noqa: C416
    kpis = s.execute(
        text("SELECT id, agreement_id, latest_attainment, latest_period_end FROM kpi_definitions")
    )
    red = sorted((i, end if state == "red" and status[a] in live else None)
                 for i, a, state, end in kpis)  # fmt: skip
    milestones = s.execute(text("SELECT id, agreement_id FROM milestones"))
    return red, sorted((i, status[a] in live) for i, a in milestones)


def _derived(s: Session) -> tuple[object, ...]:
    """Everything the triggers keep, as a reader sees it."""
    found: list[object] = [tallies.kept(s), newest_kept(s)]
    # Migration 0021's red KPIs of live agreements.
    live_red = s.execute(text("SELECT id, live_red_end FROM kpi_definitions ORDER BY id"))
    found.append([tuple(r) for r in live_red])
    live = s.execute(text("SELECT id, agreement_live FROM milestones ORDER BY id"))
    found.append([(i, bool(v)) for i, v in live])
    # Migration 0022's minimum purchases and approval queue.
    found += [purchases_kept(s), requests_kept(s)]
    if s.connection().dialect.name == "sqlite":
        found.append({needle: sorted(_indexed(s, needle)) for needle in NEEDLES})
    found.append({needle: agreement_ids(s, AgreementFilter(search=needle)) for needle in NEEDLES})
    return tuple(found)


def test_a_demo_load_rebuilds_in_its_transaction_and_puts_the_triggers_back(
    any_db: Database,
) -> None:
    with any_db.session() as s:
        before, references = _triggers(s), _constraints(s)
        assert any(name.startswith("tally_") for name in before)
        load_demo(s, SIZE, SEED, today=TODAY)
        # Inside the load's transaction: rebuilt before anyone else can read.
        rebuilt = _derived(s)
        assert _triggers(s) == before
        assert _constraints(s) == references
    assert_kept_right(any_db)
    with any_db.session() as s:
        red, live = _live_by_recount(s)
        assert (
            any(end for _, end in red) and any(v for _, v in live) and not all(v for _, v in live)
        ), "the demo has red KPIs and milestones of live and other agreements"
        assert _derived(s)[2:4] == (red, live)
    with any_db.session() as s:
        assert _derived(s) == rebuilt
        assert tallies.kept(s)[0], "no totals at all"
        if s.connection().dialect.name == "sqlite":
            _in_step(s)
            for needle in NEEDLES:
                assert {*agreement_ids(s, AgreementFilter(search=needle))} == _expected(
                    s, needle
                ), needle


def test_the_rebuild_equals_what_the_triggers_kept(
    any_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bulk, "BULK_LOAD_HOOKS", [])
    with any_db.session() as s:
        load_demo(s, SIZE, SEED, today=TODAY)
    with any_db.session() as s:
        by_triggers = _derived(s)
    monkeypatch.undo()
    # The hooks' rebuild over the very same rows, from nothing.
    with any_db.session() as s:
        s.execute(text("DELETE FROM agreement_tallies"))
        s.execute(text("DELETE FROM partner_tallies"))
        # What a load gives with its rows, wrong in every way the rebuild must right: a
        # newest actual missing or with another value, a red-list date missing or
        # where none belongs, a milestone's agreement taken as live or not the wrong way.
        s.execute(
            text(
                "UPDATE kpi_definitions SET latest_value = -1 "
                "WHERE id % 2 = 1 AND latest_value IS NOT NULL"
            )
        )
        s.execute(
            text("UPDATE kpi_definitions SET latest_period_end = NULL, latest_value = NULL "
                 "WHERE id % 2 = 0")
        )  # fmt: skip
        s.execute(
            text("UPDATE kpi_definitions SET live_red_end = CASE WHEN live_red_end IS NULL "
                 "THEN :day END WHERE id % 3 <> 0"), {"day": TODAY}
        )  # fmt: skip
        s.execute(
            text("UPDATE milestones SET agreement_live = NOT agreement_live WHERE id % 2 = 0")
        )
        s.execute(text("DELETE FROM purchase_tallies"))
        s.execute(text("DELETE FROM approval_requests"))
        if s.connection().dialect.name == "sqlite":
            s.execute(text("INSERT INTO agreement_search(agreement_search) VALUES ('delete-all')"))
            assert _indexed(s, "a") == set()
        assert not tallies.kept(s)[0]
        with bulk.bulk_load(s, ["agreements", "brand_terms", "kpi_actuals"]):
            pass
    with any_db.session() as s:
        assert _derived(s) == by_triggers
    assert_kept_right(any_db)


def test_writes_after_a_demo_load_keep_everything_in_step(
    any_db: Database,
) -> None:
    with any_db.session() as s:
        load_demo(s, 40, SEED, today=TODAY)
    with any_db.session() as s:
        partner = create_partner(
            s, PartnerInput(legal_name="Nordlicht Handels GmbH", local_name="北光", country="DE")
        )
        made = create_agreement(s, agreement_input(partner.id, title="Aurora serum launch"))
    assert_kept_right(any_db)
    with any_db.session() as s:
        assert agreement_ids(s, AgreementFilter(search="Aurora")) == [made.id]
        assert agreement_ids(s, AgreementFilter(search="北光")) == [made.id]
        if s.connection().dialect.name == "sqlite":
            _in_step(s)
