"""The command line's list through the driver (sqlite3, psycopg; no SQLAlchemy) against
the ORM's list, on SQLite and on PostgreSQL.

On one demo database per engine (300 agreements, Chinese and Latin names, fourteen
currencies, FX rates): every filter alone and in pairs, every sort both ways, pages, and
searches of one, two and three or more characters must give the same rows in the same
order, and the command must print the same table, CSV and JSON either way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cli import main
from app.db import open_database
from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    Attainment,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
)
from app.domain.models import Agreement, FxRate
from app.domain.seller_models import Seller
from app.domain.sellers import DepositStatus
from app.domain.types import ScaledDecimal
from app.services import (
    listing,
    listing_driver,
    partner_listing,
    partner_listing_driver,
    seller_listing_driver,
    settings,
)
from app.services.listing import AgreementFilter
from app.services.partner_listing import PARTNER_SORT_KEYS, PartnerFilter
from app.services.sellers.register import list_sellers
from tests.conftest import empty_pg_database

if TYPE_CHECKING:
    from app.services.listing_driver import Connection

TODAY = date.today()
ENGINES = ["sqlite", "postgresql"]
DESCRIBED = "UPDATE agreements SET description = 'Kühlkette 冷链 clause ' || id WHERE id % 9 = 0"
# The demo's sellers all have a rating and a deposit paid in or held: one more of each kind.
FORFEITED = (
    "UPDATE sellers SET deposit_status = 'forfeited', rating = NULL, dispute_rate_pct = NULL "
    "WHERE id = (SELECT min(id) FROM sellers)"
)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("listing_driver") / "demo.db"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(path), "demo", "--agreements", "300", "--seed", "7"]) == 0
    # The demo writes no descriptions; the search reads them too (the index's triggers
    # take the new text in).
    with sqlite3.connect(path) as conn:
        conn.execute(DESCRIBED)
        conn.execute(FORFEITED)
    conn.close()
    return path


@pytest.fixture(scope="module")
def demo_url() -> Iterator[str]:
    """The same demo on a fresh PostgreSQL database, as a URL ``--db`` takes."""
    with empty_pg_database() as url:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--db", url, "demo", "--agreements", "300", "--seed", "7"]) == 0
        db = open_database(url)
        with db.session() as session:
            session.execute(text(DESCRIBED))
            session.execute(text(FORFEITED))
        db.dispose()
        yield url


@pytest.fixture(scope="module", params=ENGINES)
def target(request: pytest.FixtureRequest) -> str:
    """The demo database of each engine, as ``--db`` names it."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("demo_path"))
    return str(request.getfixturevalue("demo_url"))


@pytest.fixture(scope="module")
def both(target: str) -> Iterator[tuple[Session, Connection]]:
    db = open_database(target, read_only=True)
    conn = listing_driver.open_for_listing(target)
    assert conn is not None
    assert listing_driver.is_server(conn) is ("://" in target)
    with db.session() as session:
        yield session, conn
    conn.close()
    db.dispose()


def _same(both: tuple[Session, Connection], f: AgreementFilter, **options: Any) -> list[Any]:
    session, conn = both
    expected = listing.list_agreements(session, f, **options)
    got = listing_driver.list_agreements(conn, f, **options)
    assert [r.id for r in got] == [r.id for r in expected], (f, options)
    assert got == expected, (f, options)
    return got


def _values(session: Session) -> dict[str, Any]:
    """Filter values that keep some rows and not all, found in the demo data."""
    rows = listing.list_agreements(session, AgreementFilter())
    someone = rows[len(rows) // 3]
    return {
        "types": frozenset({AgreementType.BRAND}),
        "statuses": frozenset({AgreementStatus.ACTIVE, AgreementStatus.NEGOTIATION}),
        "owner": someone.owner.upper(),  # by name, any case
        "owner_login": rows[5].owner,  # a name is no login: nothing
        "partner": someone.partner_name.split()[0][:5],
        "partner_id": someone.partner_id,
        "search": "agree",
        "operating_model": OperatingModel.DIRECT,
        "expiring_within": 180,
        # Dates some rows hold: a filter's bound itself is in the list or not.
        "decision_from": someone.decision_date,
        "decision_to": rows[7].decision_date,
        "start_from": rows[11].start_date,
        "end_to": rows[13].end_date,
        "ids": frozenset(r.id for r in rows[::7]),
    }


def test_the_demo_has_what_the_parity_needs(both: tuple[Session, Connection]) -> None:
    rows = _same(both, AgreementFilter())
    assert len(rows) == 300
    assert len({r.currency for r in rows}) >= 5
    assert any(r.partner_local_name and not r.partner_local_name.isascii() for r in rows)
    assert any(r.operating_model is None for r in rows)  # sorts NULLs as the ORM does


def test_every_filter_alone_and_in_pairs(both: tuple[Session, Connection]) -> None:
    values = _values(both[0])
    # A filter added to AgreementFilter must be mirrored by the sqlite3 path: it is tried here.
    assert set(values) | {"today"} == {f.name for f in dataclasses.fields(AgreementFilter)}
    kept = []
    for name, value in values.items():
        rows = _same(both, AgreementFilter(today=TODAY, **{name: value}))
        kept.append(len(rows))
    assert all(0 < n < 300 for n in kept if n), kept  # each filter does filter
    assert sum(1 for n in kept if n) >= len(values) - 1
    for (a, va), (b, vb) in itertools.combinations(values.items(), 2):
        _same(both, AgreementFilter(today=TODAY, **{a: va, b: vb}))


def test_the_owner_by_login_and_the_partner_in_chinese(
    both: tuple[Session, Connection],
) -> None:
    session, conn = both
    logins = [r[0] for r in conn.execute("SELECT owner_login FROM agreements LIMIT 1")]
    local = next(r.partner_local_name for r in listing.list_agreements(session)
                 if r.partner_local_name and not r.partner_local_name.isascii())  # fmt: skip
    for f in (
        AgreementFilter(owner=logins[0]),
        AgreementFilter(owner_login=logins[0]),
        AgreementFilter(partner=local[:2]),
        AgreementFilter(partner=local[1:2]),
        AgreementFilter(ids=frozenset()),
    ):
        _same(both, f)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(listing.SORT_COLUMNS))
def test_every_sort_both_ways_with_pages(
    both: tuple[Session, Connection], sort: str, descending: bool
) -> None:
    f = AgreementFilter(today=TODAY)
    whole = _same(both, f, sort=sort, descending=descending)
    assert len(whole) == 300
    for offset, limit in ((0, 25), (40, 25), (290, 25), (100, None), (0, 0)):
        _same(both, f, sort=sort, descending=descending, offset=offset, limit=limit)
    narrowed = AgreementFilter(today=TODAY, types=frozenset({AgreementType.BRAND}), search="a")
    _same(both, narrowed, sort=sort, descending=descending, offset=3, limit=10)


def test_a_base_currency_of_the_users_choice(target: str, tmp_path: Path) -> None:
    if "://" not in target:
        copy = tmp_path / "usd.db"
        shutil.copyfile(target, copy)
        target = str(copy)
    db = open_database(target)
    with db.session() as session:
        before = settings.base_currency(session)
        settings.set_base_currency(session, "USD")
    conn = listing_driver.open_for_listing(target)
    assert conn is not None
    try:
        with db.session() as session:
            for descending in (False, True):
                f = AgreementFilter(today=TODAY)
                _same((session, conn), f, sort="base_value", descending=descending)
    finally:
        conn.close()
        # The PostgreSQL demo is the other tests' too.
        with db.session() as session:
            settings.set_base_currency(session, before)
        db.dispose()


SEARCHES = [
    "Kühl", "kühl", "冷链", "clause 1", "liu y",
    "a", "A", "ag", "Ag", "agr", "AGREEMENT", "ltd", "0001", "-20", "zz", "qqq",
    "%", "_", "a%", "\\", '"', "'", "  agreement  ", " ", "x y",
    "有", "有限", "有限公司", "公", "物流", "护肤有限", "→", "中",
]  # fmt: skip


@pytest.mark.parametrize("needle", SEARCHES)
def test_searches_latin_and_chinese(both: tuple[Session, Connection], needle: str) -> None:
    f = AgreementFilter(search=needle)
    _same(both, f)
    _same(both, f, sort="title", descending=True, limit=20)
    _same(both, replace(f, statuses=frozenset({AgreementStatus.ACTIVE})), offset=5, limit=10)


def test_searches_find_rows(both: tuple[Session, Connection]) -> None:
    # The comparisons above are worth something only if the searches match some rows.
    found = {
        n: len(_same(both, AgreementFilter(search=n)))
        for n in ("a", "有限", "agr", "公", "冷链", "liu y")
    }
    assert all(n > 0 for n in found.values()), found


def _printed(argv: list[str]) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(argv) == 0
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize(
    "options",
    [
        ["agreements"],
        ["agreements", "--type", "brand,logistics", "--status", "active"],
        ["agreements", "--partner", "有限"],
        ["agreements", "--search", "物流"],
        ["agreements", "--search", "agr", "--expiring-within", "365"],
        ["agreements", "--owner", "LIU YANG"],
        ["agreements", "--search", "zzzz"],
        ["partners"],
        ["partners", "--search", "有限"],
        ["partners", "--role", "brand_owner"],
        ["partners", "--partner", "a"],
        ["sellers"],
    ],
    ids=" ".join,
)
def test_the_command_prints_what_the_orm_path_prints(
    target: str, fmt: str, options: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["--db", target, "list", *options, "--format", fmt]
    through_driver = _printed(argv)
    with monkeypatch.context() as m:
        m.setattr(listing_driver, "open_for_listing", lambda _target: None)
        orm = _printed(argv)
    assert through_driver == orm
    assert through_driver.count("\n") > 3 or "zzzz" in options


def _same_partners(both: tuple[Session, Connection], f: PartnerFilter, **options: Any) -> list[Any]:
    session, conn = both
    expected = partner_listing.list_partners(session, f, **options)
    got = partner_listing_driver.list_partners(conn, f, **options)
    assert got == expected, (f, options)
    return got


def test_partners_every_filter_alone_and_in_pairs(both: tuple[Session, Connection]) -> None:
    everyone = _same_partners(both, PartnerFilter())
    assert len(everyone) > 20 and any(len(p.roles) > 1 for p in everyone)
    someone = everyone[len(everyone) // 3]
    values: dict[str, Any] = {
        "search": someone.legal_name.split()[0][:4].upper(),
        "country": someone.country.lower(),
        "role": someone.roles[0],
        "status": PartnerStatus.ACTIVE,
        "roles_any": frozenset({PartnerRole.PAYMENT_INSTITUTION, PartnerRole.BRAND_OWNER}),
        "ids": frozenset(p.id for p in everyone[::5]),
    }
    # A filter added to PartnerFilter must be mirrored by the driver's list: it is tried here.
    assert set(values) == {f.name for f in dataclasses.fields(PartnerFilter)}
    kept = [len(_same_partners(both, PartnerFilter(**{k: v}))) for k, v in values.items()]
    assert all(0 < n < len(everyone) for n in kept if n != len(everyone)), kept
    for (a, va), (b, vb) in itertools.combinations(values.items(), 2):
        _same_partners(both, PartnerFilter(**{a: va, b: vb}))
    local = next(p.local_name for p in everyone if p.local_name and not p.local_name.isascii())
    for needle in (local[:2], local[1:2], "%", "_", "有限", "ltd", "zz"):
        _same_partners(both, PartnerFilter(search=needle))
    assert _same_partners(both, PartnerFilter(ids=frozenset())) == []


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", PARTNER_SORT_KEYS)
def test_partners_every_sort_both_ways_with_pages(
    both: tuple[Session, Connection], sort: str, descending: bool
) -> None:
    for offset, limit in ((0, None), (0, 7), (5, 7), (11, None), (0, 0)):
        _same_partners(
            both, PartnerFilter(), sort=sort, descending=descending, offset=offset, limit=limit
        )
    assert set(partner_listing_driver.SORT_COLUMNS) == set(PARTNER_SORT_KEYS)


@pytest.mark.parametrize("days", [0, -400, 200, 3000])
def test_sellers_the_same_either_way(both: tuple[Session, Connection], days: int) -> None:
    """Balances, violations in the 12 months before the day, grades: as the window shows."""
    session, conn = both
    as_of = date.fromordinal(TODAY.toordinal() + days)
    expected = list_sellers(session, as_of)
    assert seller_listing_driver.list_sellers(conn, as_of) == expected
    if days == 0:
        assert len(expected) > 3
        assert any(r.deposit_balance < r.deposit_amount for r in expected), "deductions"
        assert any(r.deposit_status is DepositStatus.FORFEITED for r in expected)
        assert any(r.violations_12m for r in expected)
        assert {r.scorecard for r in expected} > {Attainment.RED}
    if days == 3000:  # long after every violation: none of them in the last 12 months
        assert not any(r.violations_12m for r in expected)


def test_what_the_sqlite_list_assumes_of_the_models() -> None:
    money, rate = Agreement.__table__.c.value.type, FxRate.__table__.c.rate.type
    assert isinstance(money, ScaledDecimal) and isinstance(rate, ScaledDecimal)
    assert (money.scale, rate.scale) == (listing_driver.VALUE_SCALE, listing_driver.RATE_SCALE)
    assert listing_driver.BASE_CURRENCY_KEY == settings.BASE_CURRENCY
    assert listing_driver.DEFAULT_BASE_CURRENCY == settings.DEFAULT_BASE_CURRENCY
    assert set(listing_driver.SORT_COLUMNS) == set(listing.SORT_COLUMNS)
    seller = Seller.__table__.c
    read = {"deposit_amount": seller_listing_driver.MONEY_SCALE,
            "on_time_shipment_pct": seller_listing_driver.PERCENT_SCALE,
            "dispute_rate_pct": seller_listing_driver.PERCENT_SCALE,
            "rating": seller_listing_driver.RATING_SCALE}  # fmt: skip
    for name, scale in read.items():
        kind = seller[name].type
        assert isinstance(kind, ScaledDecimal) and kind.scale == scale, name


def test_what_it_does_not_read_goes_through_the_orm(demo_path: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    shutil.copyfile(demo_path, older)
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0012'")
    conn.close()
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    for target in (str(older), str(text), str(tmp_path / "missing.db"), f"sqlite:///{demo_path}"):
        assert listing_driver.open_for_listing(target) is None, target
    # ... and the ORM path then says what is wrong, as it always has.
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--db", str(older), "list", "agreements"]) == 1
    assert "older schema (0012)" in err.getvalue()


def test_a_locked_file_is_said_in_one_line(demo_path: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.db"
    shutil.copyfile(demo_path, locked)
    holder = sqlite3.connect(locked, isolation_level=None)
    # A rollback journal: there an exclusive lock keeps readers out too (WAL lets them in).
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        listing_driver.BUSY_TIMEOUT, saved = 0.1, listing_driver.BUSY_TIMEOUT
        with contextlib.redirect_stderr(io.StringIO()) as err:
            assert main(["--db", str(locked), "list", "agreements"]) == 1
    finally:
        listing_driver.BUSY_TIMEOUT = saved
        holder.execute("ROLLBACK")
        holder.close()
    assert f"{locked} is in use by another program (it is locked)" in err.getvalue()
