"""Migrations 0010 and 0011 on a PostgreSQL database holding data of the day before."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from app.db.migrate import upgrade
from tests.conftest import drop_test_databases, postgres_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine_at_0007() -> Iterator[Engine]:
    admin_url = postgres_url()
    if admin_url is None:
        if os.environ.get("CI"):
            pytest.fail("PARTNERDESK_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    name = f"pd_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(make_url(admin_url).set(database=name))
    try:
        upgrade(engine, "0007")
        yield engine
    finally:
        engine.dispose()
        drop_test_databases(admin, [name])


def test_free_text_owners_become_people_and_agreements_get_row_security(
    engine_at_0007: Engine,
) -> None:
    with engine_at_0007.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO partners (legal_name, country, status, notes, version, created_at,"
                " updated_at) VALUES ('Old Partner Ltd', 'GB', 'active', '', 1, now(), now())"
            )
        )
        conn.execute(
            text(
                "INSERT INTO people (login, name, name_local, email, team, role, active,"
                " created_at) VALUES ('li.wei', 'Li Wei', '李伟', '', 'East', 'editor', true,"
                " now())"
            )
        )
        for n, owner in enumerate(["李伟", "Mei Chen", ""], start=1):
            conn.execute(text(
                "INSERT INTO agreements (reference, title, type, partner_id, owner, status,"
                " start_date, end_date, auto_renew, notice_days, decision_date, value, currency,"
                " governing_law, territories, description, version, created_at, updated_at)"
                f" VALUES ('BR-2026-000{n}', 'A', 'brand', 1, :owner, 'draft', '2026-01-01',"
                " '2026-12-31', false, 0, '2026-12-31', 1, 'CNY', '', '', '', 1, now(), now())"),
                {"owner": owner})  # fmt: skip
    upgrade(engine_at_0007)
    with engine_at_0007.connect() as conn:
        owners = conn.execute(
            text("SELECT reference, owner_login, owner FROM agreements ORDER BY reference")
        ).all()
        people = {str(p.login): str(p.role) for p in conn.execute(text("SELECT * FROM people"))}
        secured = (
            conn.execute(text("SELECT relname FROM pg_class WHERE relrowsecurity ORDER BY 1"))
            .scalars()
            .all()
        )
    assert [tuple(o) for o in owners] == [
        ("BR-2026-0001", "li.wei", "Li Wei"),
        ("BR-2026-0002", "mei.chen", "Mei Chen"),
        ("BR-2026-0003", None, ""),
    ]
    assert people == {"li.wei": "editor", "mei.chen": "editor"}
    assert secured == [
        "agreements", "attachments", "brand_terms", "kpi_actuals", "kpi_definitions",
        "logistics_terms", "marketing_terms", "milestones", "payment_terms", "platform_terms",
    ]  # fmt: skip
