"""Bulk inserts (``insert_columns``, ``insert_rows``) store exactly what the ORM stores.

The importer and the demo loader write through these; every other screen reads what they
wrote through the ORM. So on SQLite each value must be stored byte for byte as an ORM
insert of the same value stores it (the same text for a date, the same integer for an
amount), whichever way the value was given and whether or not it repeats.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.db import Database, bulk, open_database
from app.db.bulk import insert_columns, insert_rows
from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuditAction,
    AuthorisationLevel,
    KpiDirection,
    MilestoneStatus,
    OperatingModel,
    PartnerStatus,
)
from app.domain.models import (
    Agreement,
    AuditEntry,
    BrandAgreement,
    KpiDefinition,
    Milestone,
    Partner,
)
from app.services.agreements import create_agreement
from app.services.importing import import_file
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input

T = TypeVar("T")
N = 24
CST = timezone(timedelta(hours=8), "CST")
SIGNED = date(2023, 1, 1)
NOON = datetime(2026, 11, 26, 4, 30, 15, 123456, tzinfo=UTC)

# How the values of a column are given.
PATTERNS = {
    # A few values, each many times: the path that processes each distinct value once.
    "repeated": "repeated",
    # Every value different: the path that processes every value.
    "distinct": "distinct",
    # Enum columns given as their plain text, as the importer gives them.
    "enums as text": "text",
    # Enum members and text in one column, ints among Decimals: one processing per value.
    "mixed kinds": "mixed",
}


class Given:
    """The value of a column for row ``i``, given the way ``pattern`` says."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def pick(self, i: int, few: Sequence[T], every: Callable[[int], T]) -> T:
        return few[i % len(few)] if self.pattern in ("repeated", "text") else every(i)

    def enum(self, i: int, members: Sequence[StrEnum]) -> StrEnum | str:
        member = members[i % len(members)]
        if self.pattern == "text" or (self.pattern == "mixed" and i % 2):
            return str(member.value)
        return member

    def amount(self, i: int, few: Sequence[Decimal | None], every: Callable[[int], Decimal]
               ) -> Decimal | int | None:  # fmt: skip
        if self.pattern == "mixed" and i % 3 == 0:
            return i  # an int where a Decimal is usual: stored the same way
        return self.pick(i, few, every)

    def stamp(self, i: int) -> datetime:
        # The same instant written in two zones is one value, stored once as UTC.
        return self.pick(
            i,
            [NOON, NOON.astimezone(CST), NOON + timedelta(days=1)],
            lambda i: NOON.astimezone(CST) + timedelta(seconds=i, microseconds=i),
        )


def partners(v: Given) -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1, "legal_name": f"Partner {i} Co., Ltd.",
            "local_name": v.pick(i, [None, "合作伙伴有限公司"],
                                 lambda i: None if i % 3 else f"伙伴{i}"),
            "country": v.pick(i, ["CN", "FR"], lambda i: ["CN", "FR", "JP"][i % 3]),
            "website": None, "status": v.enum(i, [PartnerStatus.ACTIVE, PartnerStatus.PROSPECT]),
            "notes": v.pick(i, ["", "a\nb"], lambda i: f"note {i}"), "version": 1,
            "created_at": v.stamp(i), "updated_at": v.stamp(i + 1),
        }
        for i in range(N)
    ]  # fmt: skip


def agreements(v: Given) -> list[dict[str, Any]]:
    rows = []
    for i in range(N):
        start = v.pick(i, [date(2026, 1, 1), date(2026, 3, 1)],
                       lambda i: date(2024, 2, 29) + timedelta(days=37 * i))  # fmt: skip
        rows.append({
            "id": i + 1, "reference": f"BR-2026-{i + 1:04d}", "title": f"Agreement {i} 协议",
            "type": v.enum(i, [AgreementType.BRAND]),
            "partner_id": v.pick(i, [1, 2], lambda i: i + 1),
            "owner": v.pick(i, ["Li Wei", ""], lambda i: f"Owner {i}"),
            "status": v.enum(i, [AgreementStatus.DRAFT, AgreementStatus.ACTIVE]),
            "signed_date": v.pick(i, [None, date(2025, 12, 20)],
                                  lambda i: None if i % 4 == 0 else SIGNED + timedelta(i)),
            "start_date": start, "end_date": start + timedelta(days=700),
            "auto_renew": v.pick(i, [True, False], lambda i: i % 2 == 0),
            "renewal_term_months": v.pick(i, [None, 12], lambda i: None if i % 2 else i + 1),
            "notice_days": v.pick(i, [90, 0], lambda i: i * 10),
            "decision_date": start + timedelta(days=600),
            "value": v.amount(i, [Decimal("1250000.50"), Decimal("1250000.5"), Decimal("0")],
                              lambda i: Decimal(i) / 4),
            "currency": v.pick(i, ["EUR", "CNY"], lambda i: ["EUR", "CNY", "JPY"][i % 3]),
            "governing_law": v.pick(i, ["PRC law", ""], lambda i: f"Law {i}"),
            "territories": v.pick(i, [("Mainland China", "Hong Kong SAR"), ()],
                                  lambda i: tuple(f"Territory {j}" for j in range(i % 3))),
            "description": v.pick(i, ["", "Line one,\nline two"], lambda i: f"说明 {i}\n"),
            "predecessor_id": None, "version": 1,
            "created_at": v.stamp(i), "updated_at": v.stamp(i),
        })  # fmt: skip
    return rows


def brand_terms(v: Given) -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1,
            "brands": v.pick(i, [("Lumière",), ("A", "B, C")], lambda i: (f"Brand {i}",) * (i % 2)),
            "product_categories": v.pick(i, [(), ("美妆", "个护")], lambda i: (f"Cat {i}",)),
            "operating_model": v.enum(i, [OperatingModel.DIRECT, OperatingModel.PLATFORM]),
            "exclusive": v.pick(i, [False, True], lambda i: i % 3 == 0),
            "authorisation_level": None if i % 4 == 0 else v.enum(
                i, [AuthorisationLevel.FLAGSHIP_STORE, AuthorisationLevel.AUTHORISED_RESELLER]),
            "annual_minimum_purchase": v.amount(i, [None, Decimal("5000000.00")],
                                                lambda i: Decimal(f"{i}.{i:02d}")),
            "commission_rate_pct": v.amount(i, [Decimal("5.5"), Decimal("5.5000"), None],
                                            lambda i: Decimal(i) / 16),
            "gmv_target": v.amount(i, [Decimal("1.5E+8"), None], lambda i: Decimal(10) ** (i % 12)),
        }
        for i in range(N)
    ]  # fmt: skip


def kpis(v: Given) -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1, "agreement_id": v.pick(i, [1, 2], lambda i: i + 1),
            "metric": v.pick(i, ["GMV", "On-time delivery"], lambda i: f"Metric {i}"),
            "unit": v.pick(i, ["%", ""], lambda i: ["%", "x", "days"][i % 3]),
            "target": v.amount(i, [Decimal("95"), Decimal("95.000000"), Decimal("0.5")],
                               lambda i: Decimal(i) / 64),
            "direction": v.enum(i, [KpiDirection.HIGHER_IS_BETTER, KpiDirection.LOWER_IS_BETTER]),
            "latest_attainment": None,
        }
        for i in range(N)
    ]  # fmt: skip


def milestones(v: Given) -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1, "agreement_id": v.pick(i, [1, 2], lambda i: i + 1),
            "title": f"Milestone {i}",
            "due_date": v.pick(i, [date(2026, 6, 30)], lambda i: date(1999, 12, 31) + timedelta(i)),
            "owner": "", "status": v.enum(i, [MilestoneStatus.OPEN, MilestoneStatus.DONE]),
            "amount": v.amount(i, [None, Decimal("250000.00")], lambda i: Decimal(i * 1000)),
            "currency": v.pick(i, [None, "USD"], lambda i: None if i % 2 else "USD"),
            "completed_on": v.pick(i, [None, date(2026, 7, 1)],
                                   lambda i: None if i % 2 else date(2026, 7, 1) + timedelta(i)),
        }
        for i in range(N)
    ]  # fmt: skip


def audit(v: Given) -> list[dict[str, Any]]:
    return [
        {
            "id": i + 1, "at": v.stamp(i), "actor": v.pick(i, ["importer"], lambda i: f"u{i}"),
            "entity": "agreement", "entity_id": v.pick(i, [1, 2], lambda i: i + 1),
            "action": v.enum(i, [AuditAction.CREATE, AuditAction.UPDATE]),
            "field": v.pick(i, ["", "value"], lambda i: f"f{i}"),
            "old_value": v.pick(i, [None, "1250000.00"], lambda i: None if i % 2 else str(i)),
            "new_value": f"BR-2026-{i:04d} Agreement {i}",
        }
        for i in range(N)
    ]  # fmt: skip


ENUMS = {"status", "type", "action", "direction", "operating_model", "authorisation_level"}

# Tables in the order they are filled (foreign keys), each with the rows for a pattern.
DATASET: list[tuple[type[Any], Callable[[Given], list[dict[str, Any]]]]] = [
    (Partner, partners), (Agreement, agreements), (BrandAgreement, brand_terms),
    (KpiDefinition, kpis), (Milestone, milestones), (AuditEntry, audit),
]  # fmt: skip


def table_of(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def stored(session: Session, model: type[Any]) -> list[tuple[Any, ...]]:
    """Every row as SQLite holds it: quote() shows the storage class and the exact text."""
    table = table_of(model)
    columns = ", ".join(f'quote("{c.name}"), typeof("{c.name}")' for c in table.columns)
    order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    result = session.connection().exec_driver_sql(
        f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'
    )
    return [tuple(row) for row in result]


def columns_of(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def insert_with_orm(session: Session, pattern: str) -> None:
    v = Given(pattern)
    data = {model: make(v) for model, make in DATASET}
    session.add_all(Partner(**row) for row in data[Partner])
    session.flush()
    for a, b in zip(data[Agreement], data[BrandAgreement], strict=True):
        # The ORM sets the type itself (the polymorphic identity); the bulk path is given it.
        session.add(BrandAgreement(**{k: x for k, x in a.items() if k != "type"},
                                   **{k: x for k, x in b.items() if k != "id"}))  # fmt: skip
    session.flush()
    for model in (KpiDefinition, Milestone, AuditEntry):
        session.add_all(model(**row) for row in data[model])
    session.flush()


@pytest.fixture
def make_db(template_db: Path, tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    opened: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(template_db, path)
        opened.append(open_database(path))
        return opened[-1]

    yield make
    for db in opened:
        db.dispose()


@pytest.fixture(params=[None, 5], ids=["one batch", "batches of 5"])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int | None:
    if request.param is not None:
        monkeypatch.setattr(bulk, "BATCH", request.param)
    size: int | None = request.param
    return size


@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=PATTERNS.keys())
@pytest.mark.usefixtures("batch")
def test_insert_columns_stores_what_the_orm_stores(
    make_db: Callable[[str], Database], pattern: str
) -> None:
    by_orm, by_columns = make_db("orm"), make_db("columns")
    v = Given(pattern)
    with by_orm.session() as s:
        insert_with_orm(s, pattern)
    with by_columns.session() as s:
        for model, make in DATASET:
            insert_columns(s, model, columns_of(make(v)))
    with by_orm.session() as orm, by_columns.session() as columns:
        for model, _make in DATASET:
            expected = stored(orm, model)
            assert len(expected) == N
            assert stored(columns, model) == expected, table_of(model).name


def written_and_read_back(
    db: Database, pattern: str
) -> Iterator[tuple[type[Any], list[Any], list[dict[str, Any]]]]:
    """The DATASET written with insert_columns, then per model: the objects the ORM reads
    back (in a session still open) and the rows they were written from."""
    v = Given(pattern)
    data = {model: make(v) for model, make in DATASET}
    with db.session() as s:
        for model, rows in data.items():
            insert_columns(s, model, columns_of(rows))
    with db.session() as s:
        for model in (Partner, BrandAgreement, KpiDefinition, Milestone, AuditEntry):
            rows = data[model]
            if model is BrandAgreement:
                rows = [a | b for a, b in zip(data[Agreement], rows, strict=True)]
            yield model, list(s.scalars(select(model).order_by(model.id))), rows


@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=PATTERNS.keys())
def test_insert_columns_reads_back_as_given(
    make_db: Callable[[str], Database], pattern: str
) -> None:
    for model, found, rows in written_and_read_back(make_db("columns"), pattern):
        assert len(found) == len(rows) == N
        for obj, row in zip(found, rows, strict=True):
            got = {name: getattr(obj, name) for name in row}
            # Equal: a StrEnum equals its text, 1250000.5 equals 1250000.50, an instant
            # in +08:00 equals the same instant in UTC (read back in UTC).
            assert got == row, (table_of(model).name, row["id"])
            for name, value in got.items():
                if isinstance(value, datetime):
                    assert value.tzinfo is UTC, name
                if name in ENUMS and value is not None:
                    assert isinstance(value, StrEnum), name


@pytest.mark.parametrize("pattern", ["repeated", "distinct"])
def test_insert_rows_stores_what_insert_columns_stores(
    make_db: Callable[[str], Database], pattern: str
) -> None:
    by_rows, by_columns = make_db("rows"), make_db("columns")
    v = Given(pattern)
    with by_rows.session() as s:
        for model, make in DATASET:
            rows = make(v)
            # The keys in another order in every row: names, not positions, count.
            insert_rows(s, model, [dict(reversed(row.items())) for row in rows])
    with by_columns.session() as s:
        for model, make in DATASET:
            insert_columns(s, model, columns_of(make(v)))
    with by_rows.session() as r, by_columns.session() as c:
        for model, _make in DATASET:
            assert stored(r, model) == stored(c, model), table_of(model).name


def test_strings_lists_are_stored_as_the_orm_stores_them(
    make_db: Callable[[str], Database],
) -> None:
    """Blank items are dropped and items stripped, however often the value repeats."""
    messy: list[tuple[str, ...]] = [(" Lumière ", "", "Homme"), ("  ",), ()] * 4
    rows = [
        {"id": i + 1, "brands": brands, "product_categories": tuple(reversed(brands)),
         "operating_model": OperatingModel.DIRECT, "exclusive": False}
        for i, brands in enumerate(messy)
    ]  # fmt: skip
    parents = agreements(Given("repeated"))[: len(rows)]
    by_orm, by_columns = make_db("orm"), make_db("columns")
    with by_orm.session() as s:
        s.add_all(Partner(**p) for p in partners(Given("repeated"))[:2])
        s.flush()
        s.add_all(BrandAgreement(**{k: x for k, x in a.items() if k != "type"},
                                 **{k: x for k, x in b.items() if k != "id"})
                  for a, b in zip(parents, rows, strict=True))  # fmt: skip
    with by_columns.session() as s:
        insert_columns(s, Partner, columns_of(partners(Given("repeated"))[:2]))
        insert_columns(s, Agreement, columns_of(parents))
        insert_columns(s, BrandAgreement, columns_of(rows))
    with by_orm.session() as orm, by_columns.session() as columns:
        assert stored(columns, BrandAgreement) == stored(orm, BrandAgreement)
        assert list(columns.scalars(select(BrandAgreement.brands).order_by(BrandAgreement.id))) \
            == [("Lumière", "Homme"), (), ()] * 4  # fmt: skip


def test_each_distinct_value_is_processed_once_when_there_are_few(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: dict[str, int] = {}
    real = bulk._processor

    def counting(column_type: Any, dialect: Any) -> Any:
        process = real(column_type, dialect)
        if process is None:
            return None
        name = type(column_type).__name__

        def counted(value: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return process(value)

        return counted

    monkeypatch.setattr(bulk, "_processor", counting)
    rows = audit(Given("repeated"))
    insert_columns(session, AuditEntry, columns_of(rows))
    # 24 rows: three instants (two of them the same), two actions.
    assert calls == {"UTCDateTime": 2, "Enum": 2}
    calls.clear()
    insert_columns(session, AuditEntry, columns_of(audit(Given("distinct"))) | {
        "id": [100 + i for i in range(N)]})  # fmt: skip
    assert calls["UTCDateTime"] == N


# --- refusals ---------------------------------------------------------------------------------


def count(session: Session, model: type[Any]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_columns_of_different_lengths_are_refused_and_nothing_is_written(
    session: Session,
) -> None:
    columns = columns_of(audit(Given("distinct")))
    columns["new_value"] = columns["new_value"][:-1]
    with pytest.raises(ValueError, match=r"different lengths for audit_log: \[23, 24\]"):
        insert_columns(session, AuditEntry, columns)
    assert count(session, AuditEntry) == 0
    # The session goes on: the same rows, whole, go in.
    insert_columns(session, AuditEntry, columns_of(audit(Given("distinct"))))
    assert count(session, AuditEntry) == N


def test_nothing_to_insert_is_not_an_error(session: Session) -> None:
    insert_columns(session, AuditEntry, {})
    insert_columns(session, AuditEntry, {"id": [], "actor": []})
    insert_rows(session, AuditEntry, [])
    assert count(session, AuditEntry) == 0


# --- PostgreSQL ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("pattern", ["repeated", "mixed"])
def test_insert_columns_round_trip_on_postgres(pg_db: Database, pattern: str) -> None:
    for model, found, rows in written_and_read_back(pg_db, pattern):
        if model is AuditEntry:  # the server names the actor: its login, not the client's
            rows = [{**r, "actor": pg_db.url.username} for r in rows]
        assert [{k: getattr(o, k) for k in r} for o, r in zip(found, rows, strict=True)] \
            == rows, table_of(model).name  # fmt: skip
    if pattern == "repeated":  # 1250000.5 given: NUMERIC(18, 2) keeps two places
        with pg_db.session() as s:
            value = s.scalar(select(Agreement.value).where(Agreement.id == 2))
        assert str(value) == "1250000.50"


@pytest.mark.postgres
def test_the_editor_can_add_partners_after_an_import_on_postgres(
    pg_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "title,type,partner,partner_country,status,currency,value,start_date,end_date,"
        "operating_model\n"
        "A,brand,Acme SAS,FR,draft,EUR,1,2026-01-01,2026-12-31,direct\n"
    )
    with pg_db.session() as s:
        assert import_file(s, path).written
    with pg_db.session() as s:
        view = create_partner(s, PartnerInput(legal_name="Rhein Logistik GmbH", country="DE"))
        agreement = create_agreement(s, agreement_input(view.id))
    assert (view.id, agreement.id) == (2, 2)
