"""``list sellers``, ``import --what sellers|violations`` and ``export --what sellers``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_fx_cli import run

SELLERS = (
    "legal_name,local_name,country,deposit_amount,deposit_currency,on_time_shipment_pct,"
    "dispute_rate_pct,rating,stores,brands\n"
    "Harbour Trading Ltd,海港贸易有限公司,HK,50000.00,CNY,97.5,0.8,4.7,"
    "Harbour Store | https://harbour.example | 6601,{ref}: Lumière\n"
)


@pytest.fixture
def reference(db_path: Path) -> str:
    from app.db import open_database
    from app.domain.enums import AgreementStatus, PartnerRole
    from app.services.agreements import create_agreement
    from app.services.partners import PartnerInput, create_partner
    from tests.conftest import agreement_input

    database = open_database(db_path)
    with database.session() as s:
        owner = create_partner(
            s,
            PartnerInput(
                legal_name="Lumière SA", country="FR", roles=frozenset({PartnerRole.BRAND_OWNER})
            ),
        )
        view = create_agreement(
            s,
            agreement_input(
                owner.id,
                status=AgreementStatus.ACTIVE,
                signed_date=date(2025, 12, 1),
                end_date=date(2099, 12, 31),
                terms={"operating_model": "platform", "brands": ("Lumière",)},
            ),
        )
    database.dispose()
    return view.reference


def test_sellers_and_violations_in_list_and_out(
    db_path: Path, tmp_path: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    sellers = tmp_path / "sellers.csv"
    sellers.write_text(SELLERS.format(ref=reference), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "import", str(sellers), "--what", "sellers")
    assert (code, out) == (0, "1 seller(s) read: 1 added, 0 changed, 0 already there\n")

    violations = tmp_path / "violations.csv"
    violations.write_text(
        "seller,date,kind,severity,penalty,deduction,status\n"
        f"Harbour Trading Ltd,{date.today().isoformat()},late_shipment,minor,2000 CNY,"
        "1500.00,upheld\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "import", str(violations), "--what", "violations")
    assert (code, out) == (0, "1 violation(s) read: 1 added, 0 changed, 0 already there\n")

    code, out, _ = run(capsys, "--db", db, "list", "sellers", "--format", "json")
    [row] = json.loads(out)
    assert row["brands"] == "Lumière"
    assert (row["deposit_amount"], row["deposit_balance"]) == ("50000.00", "48500.00")
    assert (row["violations_12m"], row["scorecard"]) == (1, "amber")

    exported = tmp_path / "out.csv"
    code, out, _ = run(capsys, "--db", db, "export", str(exported), "--what", "sellers")
    assert code == 0
    assert f"{reference}: Lumière" in exported.read_text(encoding="utf-8-sig")
    code, out, _ = run(capsys, "--db", db, "import", str(exported), "--what", "sellers")
    assert (code, out) == (0, "1 seller(s) read: 0 added, 0 changed, 1 already there\n")


def test_a_bad_row_refuses_the_whole_file_naming_row_and_field(
    db_path: Path, tmp_path: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    path = tmp_path / "sellers.csv"
    path.write_text(
        SELLERS.format(ref=reference) + "Other Trading,,HK,100,CNY,,,,,BR-1999-0001: Lumière\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "import", str(path), "--what", "sellers")
    assert code == 1
    assert err == "sellers.csv: row 3, brands: no agreement 'BR-1999-0001'\nnothing was imported\n"
    code, out, _ = run(capsys, "--db", db, "list", "sellers", "--format", "json")
    assert json.loads(out) == []


def test_a_deduction_beyond_the_deposit_refuses_the_file(
    db_path: Path, tmp_path: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    sellers = tmp_path / "sellers.csv"
    sellers.write_text(SELLERS.format(ref=reference), encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(sellers), "--what", "sellers")[0] == 0
    path = tmp_path / "violations.csv"
    path.write_text(
        "seller,date,kind,severity,deduction\n"
        "海港贸易有限公司,2026-11-01,counterfeit,critical,30000\n"
        "海港贸易有限公司,2026-11-02,customs,major,20000.01\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "import", str(path), "--what", "violations")
    assert code == 1
    assert err == (
        "violations.csv: row 3, deduction: 20000.01 CNY is more than the 20000.00 CNY left "
        "of the deposit\nnothing was imported\n"
    )
    code, out, _ = run(capsys, "--db", db, "list", "sellers", "--format", "json")
    assert json.loads(out)[0]["deposit_balance"] == "50000.00"


def test_stores_are_replaced_removed_and_refused_by_a_file(
    db_path: Path, tmp_path: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.db import open_database
    from app.services.sellers.register import find_seller

    db = str(db_path)
    path = tmp_path / "sellers.csv"
    path.write_text(SELLERS.format(ref=reference), encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    head = "legal_name,country,deposit_amount,deposit_currency,stores\n"

    def stores() -> list[tuple[str, str, str]]:
        database = open_database(db_path)
        with database.session() as s:
            seller = find_seller(s, "Harbour Trading Ltd")
            found = [(st.name, st.url, st.shop_id) for st in seller.stores]
        database.dispose()
        return found

    # The same shop id twice, and an address that is none: each named, nothing changed.
    path.write_text(
        head + "Harbour Trading Ltd,HK,50000.00,CNY,A | https://a.example | 1; B | b.example | 1\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "import", str(path), "--what", "sellers")
    assert code == 1
    assert err == (
        "sellers.csv: row 2, stores: store 2: 'b.example' is not a web address (https://…)\n"
        "sellers.csv: row 2, stores: store 2: shop id 1 is listed twice\n"
        "nothing was imported\n"
    )
    assert stores() == [("Harbour Store", "https://harbour.example", "6601")]
    # A blank cell keeps them; new stores replace them; "-" removes them all.
    path.write_text(head + "Harbour Trading Ltd,HK,50000.00,CNY,\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    assert stores() == [("Harbour Store", "https://harbour.example", "6601")]
    path.write_text(head + "Harbour Trading Ltd,HK,50000.00,CNY,New | | 77\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    assert stores() == [("New", "", "77")]
    path.write_text(head + "Harbour Trading Ltd,HK,50000.00,CNY,-\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    assert stores() == []


def test_a_file_without_a_column_leaves_that_field_as_it_is(
    db_path: Path, tmp_path: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    path = tmp_path / "sellers.csv"
    path.write_text(SELLERS.format(ref=reference), encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    # A file of deposits alone: the Chinese name, the scorecard and the stores stay.
    path.write_text(
        "legal_name,country,deposit_amount,deposit_currency\nHarbour Trading Ltd,HK,60000,CNY\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "import", str(path), "--what", "sellers")
    assert code == 0 and "1 changed" in out, out
    code, out, _ = run(capsys, "--db", db, "list", "sellers", "--format", "json")
    [row] = json.loads(out)
    assert row["local_name"] == "海港贸易有限公司"
    assert row["deposit_amount"] == "60000.00" and row["scorecard"] == "green"
    assert row["stores"] == 1


def test_a_yen_deposit_is_listed_without_decimals(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sellers.csv"
    path.write_text(
        "legal_name,country,deposit_amount,deposit_currency\nOsaka Select KK,JP,1250000,JPY\n",
        encoding="utf-8",
    )
    db = str(db_path)
    assert run(capsys, "--db", db, "import", str(path), "--what", "sellers")[0] == 0
    code, out, _ = run(capsys, "--db", db, "list", "sellers", "--format", "json")
    [row] = json.loads(out)
    assert code == 0 and (row["deposit_amount"], row["deposit_balance"]) == ("1250000", "1250000")
    code, out, _ = run(capsys, "--db", db, "list", "sellers")
    assert code == 0 and " 1250000  " in out and "1250000.00" not in out
