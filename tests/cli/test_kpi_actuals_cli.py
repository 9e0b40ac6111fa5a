"""``partnerdesk import FILE --what kpi-actuals``: a quarter of KPI actuals at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_fx_cli import run


def test_kpi_actuals_import_dry_run_then_for_real(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.db import open_database
    from app.services.agreements import create_agreement, get_agreement
    from app.services.partners import PartnerInput, create_partner
    from tests.conftest import agreement_input

    database = open_database(db_path)
    with database.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Lumière SA", country="FR"))
        view = create_agreement(s, agreement_input(partner.id))
    db = str(db_path)
    path = tmp_path / "kpi.csv"
    path.write_text(f"reference,kpi,period,value\n{view.reference},GMV,2026-Q3,1200000\n")
    code, out, _ = run(capsys, "--db", db, "import", str(path), "--what", "kpi-actuals",
                       "--dry-run")  # fmt: skip
    assert (code, out) == (0, "dry run, nothing written: 1 KPI actual(s) read: 1 added, "
                              "0 changed, 0 already there\n")  # fmt: skip
    with database.session() as s:
        assert get_agreement(s, view.id).kpis[0].actuals == ()
    code, out, _ = run(capsys, "--db", db, "import", str(path), "--what", "kpi-actuals")
    assert (code, out) == (0, "1 KPI actual(s) read: 1 added, 0 changed, 0 already there\n")
    path.write_text(f"reference,kpi,period,value\n{view.reference},GMV,2026-Q5,1\n")
    code, _, err = run(capsys, "--db", db, "import", str(path), "--what", "kpi-actuals")
    assert code == 1
    assert err == (
        "kpi.csv: row 2, period: '2026-Q5' is not a period (write 2026-09-30, 2026-09 or "
        "2026-Q3)\nnothing was imported\n"
    )
    with database.session() as s:
        assert len(get_agreement(s, view.id).kpis[0].actuals) == 1
    database.dispose()
