"""The examples of docs/import-format.md import as the page says they do: a reader who
copies one into a file gets the result, not a refusal."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_fx_cli import run

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-format.md"
EXAMPLE = re.compile(r"Example \(`([\w.-]+)`\)[^`]*?```csv\n(.*?)```", re.S)


def examples() -> dict[str, str]:
    return dict(EXAMPLE.findall(DOC.read_text(encoding="utf-8")))


def test_every_import_format_has_an_example() -> None:
    assert set(examples()) == {"kpi-actuals.csv", "sellers.csv", "violations.csv", "rates.csv"}


@pytest.fixture
def platform_agreement(db_path: Path) -> str:
    """BR-2026-0001, the platform-model Lumière agreement the examples name."""
    from app.db import open_database
    from app.domain.enums import AgreementStatus, PartnerRole
    from app.services.agreements import create_agreement
    from app.services.partners import PartnerInput, create_partner
    from tests.conftest import agreement_input

    database = open_database(db_path)
    with database.session() as s:
        brand_owner = frozenset({PartnerRole.BRAND_OWNER})
        owner = create_partner(
            s, PartnerInput(legal_name="Lumière SA", country="FR", roles=brand_owner)
        )
        view = create_agreement(s, agreement_input(
            owner.id, status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 1),
            end_date=date(2099, 12, 31),
            terms={"operating_model": "platform", "brands": ("Lumière",)}))  # fmt: skip
    database.dispose()
    return view.reference


def test_the_documented_examples_import(
    db_path: Path, tmp_path: Path, platform_agreement: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert platform_agreement == "BR-2026-0001"
    db = str(db_path)
    files = {}
    for name, text in examples().items():
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")

    def imported(*args: str) -> str:
        code, out, err = run(capsys, "--db", db, *args)
        assert (code, err) == (0, ""), err
        return out

    out = imported("import", str(files["kpi-actuals.csv"]), "--what", "kpi-actuals")
    assert out == "3 KPI actual(s) read: 3 added, 0 changed, 0 already there\n"
    out = imported("import", str(files["sellers.csv"]), "--what", "sellers")
    assert "2 seller(s) read: 2 added" in out
    out = imported("import", str(files["violations.csv"]), "--what", "violations")
    assert "2 violation(s) read: 2 added" in out
    out = imported("fx", "import", str(files["rates.csv"]))
    assert out.startswith("6 rate(s) read: 6 added")

    sellers = json.loads(imported("list", "sellers", "--format", "json"))
    harbour = next(s for s in sellers if s["legal_name"] == "Harbour Trading Ltd")
    assert harbour["deposit_balance"] == "49000.00" and harbour["brands"] == "Lumière"
    assert harbour["violations_12m"] == 2
    rates = json.loads(imported("fx", "list", "--format", "json", "--currency", "JPY"))
    assert [r["rate"] for r in rates][:1] in (["0.04705"], ["0.047050"])
