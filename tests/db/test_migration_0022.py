"""Migration 0022 both ways on SQLite and PostgreSQL: down to 0021 it leaves no table,
index or trigger of its own behind, and the writes made meanwhile are counted when it
comes up again: the approval queue and the minimum purchases equal a recount, and the
queue is what the approval rules give."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text

import app.services.people as people
from app.db import Database
from app.db.migrate import alembic_config, upgrade
from app.db.revisions import stored_revision
from app.domain.roles import Role
from app.services.demo import load_demo
from tests.services.test_dashboard_kept_queue import _same_queue
from tests.services.test_tallies import (
    purchases_kept,
    requests_kept,
)

TODAY = date(2026, 11, 26)
TABLES = {"approval_requests", "purchase_tallies"}
PREFIXES = ("purchase_tally_", "approval_request_", "pending_approval")


def _own_triggers(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return {name for name in conn.execute(text(query)).scalars() if name.startswith(PREFIXES)}


def _triggers_made(conn: Connection) -> int:
    from importlib import import_module

    m = import_module("app.db.migrations.versions.0022_approval_queue_and_purchases_kept")
    return len(m.SQLITE_TRIGGERS if conn.dialect.name == "sqlite" else m.PG_TRIGGERS)


def test_down_to_0021_and_up_again_keeps_what_was_written_meanwhile(
    any_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = any_db
    monkeypatch.setattr(people, "connected_login", lambda _s: "wang.fang")
    monkeypatch.setattr(people, "connected_role", lambda _s: Role.APPROVER)
    with db.session() as s:
        load_demo(s, 200, seed=5, today=TODAY)
        made = (purchases_kept(s), requests_kept(s))
        assert made[0] and made[1]
    assert _same_queue(db) > 0

    with db.engine.begin() as conn:
        assert len(_own_triggers(conn)) == _triggers_made(conn)
        command.downgrade(alembic_config(conn), "0021")
    with db.engine.begin() as conn:
        assert stored_revision(conn) == "0021"
        found = inspect(conn)
        assert not TABLES & set(found.get_table_names())
        assert _own_triggers(conn) == set()
        indexes = {i["name"] for i in found.get_indexes("approvals")}
        assert "ix_approvals_agreement_id" in indexes
        assert "ix_approvals_agreement_decision" not in indexes
        # Written while 0022 is not there: a decision on a waiting agreement, another
        # agreement sent for approval, a minimum purchase changed.
        waiting = (
            conn.execute(
                text("SELECT id FROM agreements WHERE status = 'pending_approval' ORDER BY id")
            )
            .scalars()
            .first()
        )
        conn.execute(
            text(
                "INSERT INTO approvals (agreement_id, login, approved, comment, terms_digest, at)"
                " VALUES (:id, 'zhang.min', true, '', :digest, :at)"
            ),
            {"id": waiting, "digest": "0" * 64, "at": "2026-11-20 10:00:00"},
        )
        conn.execute(
            text(
                "UPDATE agreements SET status = 'pending_approval' WHERE id ="
                " (SELECT min(id) FROM agreements WHERE status = 'negotiation')"
            )
        )
        conn.execute(
            text(
                "UPDATE brand_terms SET annual_minimum_purchase = 123456 WHERE id ="
                " (SELECT min(id) FROM brand_terms WHERE operating_model = 'direct')"
            )
        )

    upgrade(db.engine)
    with db.engine.begin() as conn:
        assert len(_own_triggers(conn)) == _triggers_made(conn)
    assert _same_queue(db) > 0
    with db.session() as s:
        assert (purchases_kept(s), requests_kept(s)) != made
        # The decision written at 0021 is on a waiting agreement somebody decided on.
        assert (waiting, True) in {(r[0], r[-1]) for r in requests_kept(s)}
