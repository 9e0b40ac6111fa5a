"""Shared fixtures: a migrated database per test, built once and copied (Anki's trick)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.domain.enums import AgreementStatus, AgreementType, PartnerRole
from app.services.agreements import AgreementInput, AgreementView, create_agreement
from app.services.partners import PartnerInput, PartnerView, create_partner

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    db.dispose()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "partnerdesk.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """A session inside one transaction that the test may flush, committed at the end."""
    with db.session() as s:
        yield s


@pytest.fixture
def partner(session: Session) -> PartnerView:
    return create_partner(
        session,
        PartnerInput(
            legal_name="A&B <Trading> Co., Ltd.",
            local_name="爱彼贸易有限公司",
            country="FR",
            roles=frozenset({PartnerRole.BRAND_OWNER, PartnerRole.LOGISTICS_PROVIDER}),
        ),
        actor="tester",
    )


def agreement_input(partner_id: int, **changes: object) -> AgreementInput:
    """A valid brand agreement; tests change only what they are about."""
    values: dict[str, object] = {
        "title": "Lumière skincare distribution",
        "type": AgreementType.BRAND,
        "partner_id": partner_id,
        "status": AgreementStatus.DRAFT,
        "currency": "EUR",
        "value": Decimal("1250000.00"),
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 12, 31),
        "notice_days": 90,
        "owner": "Li Wei",
        "terms": {"operating_model": "direct", "brands": ("Lumière",)},
    }
    values.update(changes)
    return AgreementInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def agreement(session: Session, partner: PartnerView) -> AgreementView:
    return create_agreement(session, agreement_input(partner.id), actor="tester")


def postgres_url() -> str | None:
    return os.environ.get("PARTNERDESK_TEST_PG")


@contextmanager
def empty_pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database's URL (with the password), dropped afterwards.

    Skipped on a desk without the server (started by .ci/run), but never in CI: there a
    missing server fails.
    """
    import uuid

    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import OperationalError

    admin_url = postgres_url()
    if admin_url is None:
        if os.environ.get("CI"):
            pytest.fail("PARTNERDESK_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    name = f"pd_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        drop_test_databases(admin, [name])


@pytest.fixture
def pg_db() -> Iterator[Database]:
    """A fresh, migrated PostgreSQL database (server started by .ci/run)."""
    with empty_pg_database() as url:
        database = open_database(url)
        try:
            yield database
        finally:
            database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """A fresh database on each engine in turn: ``db`` (SQLite), then ``pg_db``."""
    found: Database = request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")
    return found


def drop_test_databases(admin: Engine, names: list[str]) -> None:
    """Drop the test's databases, then close the admin engine whatever happens.

    ``WITH (FORCE)`` ends the other sessions, but an autovacuum worker that woke in the
    database may only be ended by a member of pg_signal_backend (scripts/test grants it);
    on a server where it is not granted the worker is waited for, as it ends on its own.
    """
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    try:
        for name in names:
            for attempt in range(40):
                try:
                    with admin.connect() as conn:
                        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    break
                except ProgrammingError:
                    if attempt == 39:
                        raise
                    time.sleep(0.25)
    finally:
        admin.dispose()
