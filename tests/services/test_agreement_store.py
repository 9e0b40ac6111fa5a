"""One write path: an agreement stored one at a time (the editor's ``create_agreement``)
and the same agreement stored in bulk (``NewAgreements``: the importer, the demo loader)
leave the same rows in every table they touch, column by column."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.models import AGREEMENT_CLASSES
from app.services.agreement_store import NewAgreements, audited, new_agreement
from app.services.agreements import AgreementInput, create_agreement
from app.services.audit import as_text
from app.services.importing.values import Values, input_columns
from app.services.kpis import default_kpis
from app.services.owners import Owners
from app.services.partners import PartnerInput, create_partner
from app.services.validation import check_agreement
from tests.conftest import drop_test_databases, postgres_url
from tests.services.test_import_properties import agreement_inputs

# Every table an agreement's write touches; the type's terms tables among them.
TABLES = ("agreements", "brand_terms", "logistics_terms", "marketing_terms",
          "payment_terms", "platform_terms", "kpi_definitions", "audit_log")  # fmt: skip
# When each path ran, not what it stored: checked to be there, not compared.
STAMPS = {"created_at", "updated_at", "at"}


def inputs(partner_id: int) -> list[AgreementInput]:
    """Values as people type them: untrimmed text, blank list items, amounts at any
    scale, terms as strings, optional terms left out."""
    common: dict[str, Any] = {
        "partner_id": partner_id, "currency": "EUR", "start_date": date(2026, 1, 1),
        "end_date": date(2027, 12, 31),
    }  # fmt: skip
    return [
        AgreementInput(
            title="  Lumière skincare  ", type=AgreementType.BRAND, status=AgreementStatus.ACTIVE,
            value=Decimal("1250000"), reference=" BR-2026-0042 ", owner=" Li Wei ",
            signed_date=date(2025, 12, 20), auto_renew=True, renewal_term_months=12,
            notice_days=90, governing_law=" PRC law ", territories=(" Mainland China ", " "),
            description="Line one,\nline two ",
            terms={"operating_model": "platform", "brands": "Lumière; Homme",
                   "commission_rate_pct": "5", "gmv_target": "1.5E+8", "exclusive": "yes"},
            **common,
        ),
        AgreementInput(
            title="Bonded warehouse", type=AgreementType.LOGISTICS,
            status=AgreementStatus.DRAFT, value=Decimal("0.5"), reference="LG-2026-0001",
            terms={"services": "first_mile, last_mile", "delivery_sla_days": "7",
                   "on_time_target_pct": "97.25", "rate": "1.5", "rate_basis": "per_kg",
                   "liability_cap": "20000"},
            **common,
        ),
        AgreementInput(
            title="双十一 livestream", type=AgreementType.MARKETING,
            status=AgreementStatus.NEGOTIATION, value=Decimal("800000.00"),
            reference="MK-2026-0007", notice_days=30,
            terms={"channels": ("livestream", "social_kol"), "budget": "500000",
                   "campaign_start": "2026-10-20", "campaign_end": date(2026, 11, 11),
                   "target_impressions": "2,000,000", "target_roi": "3"},
            **common,
        ),
        AgreementInput(
            title="Cross-border checkout", type=AgreementType.PAYMENT,
            status=AgreementStatus.DRAFT, value=Decimal("100000.10"), reference="PY-2026-0003",
            terms={"payment_methods": "alipay\ncard", "settlement_currencies": "cny; usd",
                   "fee_rate_pct": "0.6", "settlement_cycle_days": "2", "pci_dss": True},
            **common,
        ),
        AgreementInput(
            title="Shared traffic", type=AgreementType.PLATFORM, status=AgreementStatus.DRAFT,
            value=Decimal("3000000"), reference="PL-2026-0011",
            terms={"partner_platform": " Shopee ", "markets": "SG; MY",
                   "revenue_share_pct": "12", "target_users": "50000"},
            **common,
        ),
    ]  # fmt: skip


def one_at_a_time(session: Session, partner_id: int) -> None:
    for data in inputs(partner_id):
        create_agreement(session, data, actor="tester")


def in_bulk(session: Session, partner_id: int) -> None:
    new = NewAgreements(session, "tester")
    for data in inputs(partner_id):
        typed, problems = check_agreement(data, partner_known=True)
        assert problems == []
        assert data.reference is not None
        new.add(data, typed, data.reference.strip(), default_kpis(data.type, typed))
    new.insert()


def in_columns(session: Session, partner_id: int) -> None:
    """As the importer stores rows from its worker: the inputs' ``Values`` (what crosses
    between processes) as columns, the first one through ``add`` in the same batch."""
    new = NewAgreements(session, "tester")
    given = []
    for data in inputs(partner_id):
        typed, problems = check_agreement(data, partner_known=True)
        assert problems == []
        assert data.reference is not None
        given.append((data, typed, data.reference.strip(), default_kpis(data.type, typed)))
    first, *rest = given
    new.add(*first)
    values = [Values.of(data, typed, terms=False) for data, typed, _ref, _kpis in rest]
    new.add_many(input_columns(values, [partner_id] * len(rest)), [g[1] for g in rest],
                 [g[2] for g in rest], [g[3] for g in rest])  # fmt: skip
    new.insert()


def stored(session: Session, table: str) -> list[dict[str, Any]]:
    """Every row as the database holds it (SQLite: each value's storage class and exact
    text, as quote() shows them), the time stamps only as present or not."""
    connection = session.connection()
    names = [r[0] for r in connection.execute(text(f'SELECT * FROM "{table}" LIMIT 0')).cursor
             .description]  # fmt: skip
    if connection.dialect.name == "sqlite":
        columns = ", ".join(f'quote("{n}") || \' \' || typeof("{n}")' for n in names)
    else:
        columns = ", ".join(f'"{n}"' for n in names)
    rows = connection.exec_driver_sql(f'SELECT {columns} FROM "{table}" ORDER BY id')
    return [
        {n: (v is not None and "null" not in str(v)) if n in STAMPS else v
         for n, v in zip(names, row, strict=True)}
        for row in rows
    ]  # fmt: skip


def written(db: Database, write: Callable[[Session, int], None]) -> dict[str, Any]:
    with db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Lumière SAS", country="FR"))
        write(s, partner.id)
    with db.session() as s:
        return {table: stored(s, table) for table in TABLES}


def assert_same_rows(
    one: Database, bulk: Database, write: Callable[[Session, int], None] = in_bulk
) -> None:
    by_one, by_bulk = written(one, one_at_a_time), written(bulk, write)
    assert len(by_one["agreements"]) == 5
    assert len(by_one["kpi_definitions"]) == 9  # the types' default KPIs: 1+3+2+2+1
    assert all(row["created_at"] and row["updated_at"] for row in by_one["agreements"])
    for table in TABLES:
        assert by_bulk[table] == by_one[table], table


def test_one_at_a_time_and_in_bulk_store_the_same_rows(
    make_db: Callable[[str], Database],
) -> None:
    assert_same_rows(make_db("one"), make_db("bulk"))


def test_rows_added_as_columns_are_stored_as_one_at_a_time(
    make_db: Callable[[str], Database],
) -> None:
    assert_same_rows(make_db("one"), make_db("columns"), in_columns)


@pytest.fixture
def make_db(template_db: Path, tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    import shutil

    opened: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(template_db, path)
        opened.append(open_database(path))
        return opened[-1]

    yield make
    for db in opened:
        db.dispose()


@pytest.fixture
def two_pg_dbs() -> Iterator[tuple[Database, Database]]:
    """Two fresh, migrated PostgreSQL databases, as ``pg_db`` makes one."""
    admin_url = postgres_url()
    if admin_url is None:
        if os.environ.get("CI"):
            pytest.fail("PARTNERDESK_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    names = [f"pd_test_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    opened: list[Database] = []
    try:
        opened = [open_database(make_url(admin_url).set(database=name)) for name in names]
        yield opened[0], opened[1]
    finally:
        for db in opened:
            db.dispose()
        drop_test_databases(admin, names)


@pytest.mark.postgres
def test_one_at_a_time_and_in_bulk_store_the_same_rows_on_postgres(
    two_pg_dbs: tuple[Database, Database],
) -> None:
    assert_same_rows(*two_pg_dbs)


@pytest.mark.postgres
def test_rows_added_as_columns_are_stored_as_one_at_a_time_on_postgres(
    two_pg_dbs: tuple[Database, Database],
) -> None:
    assert_same_rows(*two_pg_dbs, in_columns)


# --- what a save leaves in memory is what the database holds -----------------------------


@pytest.fixture(scope="module")
def shared_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    import shutil

    path = tmp_path_factory.mktemp("store") / "store.db"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    with db.session() as s:
        create_partner(s, PartnerInput(legal_name="Lumière SAS", country="FR"))
    yield db
    db.dispose()


@settings(deadline=None, max_examples=60)
@given(data=agreement_inputs())
def test_what_a_save_leaves_in_memory_is_what_the_database_holds(
    shared_db: Database, data: AgreementInput
) -> None:
    """The audit trail compares an agreement's values before and after a save; the
    "before" of the next save is read from the database. Any value held otherwise than
    stored (5 for 5.0000, " Acme" for "Acme") would be logged as a change nobody made."""
    typed, problems = check_agreement(data, partner_known=True)
    assume(not problems)
    with shared_db.session() as s:
        reference = f"T-{uuid.uuid4().hex[:12]}"
        a = new_agreement(replace(data, partner_id=1), typed, reference, [], Owners(s))
        s.add(a)
        s.flush()
        in_memory, agreement_id = audited(a), a.id
    with shared_db.session() as s:
        stored = audited(s.get_one(AGREEMENT_CLASSES[data.type], agreement_id))
    assert {k: as_text(v) for k, v in in_memory.items()} == {
        k: as_text(v) for k, v in stored.items()
    }
