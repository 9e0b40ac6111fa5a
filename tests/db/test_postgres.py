"""The same services on a real PostgreSQL server: a team's shared database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import inspect

from app.cli import main
from app.db import Database
from app.db.migrate import current_revision, head_revision
from app.errors import ConflictError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.demo import load_demo
from app.services.fx import set_rate
from app.services.listing import AgreementFilter, count_agreements
from app.services.partners import PartnerInput, create_partner
from app.services.portfolio import portfolio_figures
from tests.conftest import TODAY, agreement_input

pytestmark = pytest.mark.postgres


def test_schema_is_migrated_to_head(pg_db: Database) -> None:
    assert current_revision(pg_db.engine) == head_revision()
    columns = {c["name"]: c for c in inspect(pg_db.engine).get_columns("agreements")}
    assert str(columns["value"]["type"]) == "NUMERIC(18, 2)"


def test_money_is_numeric_and_exact_on_postgres(pg_db: Database) -> None:
    with pg_db.session() as s:
        p = create_partner(
            s, PartnerInput(legal_name="Rhein Logistik GmbH", country="DE", local_name="莱茵物流")
        )
        for cents in ("0.10", "0.20", "1234567890.99"):
            create_agreement(s, agreement_input(p.id, value=Decimal(cents)))
        set_rate(s, "EUR", "CNY", Decimal("7.82135"), date(2026, 1, 1))
    with pg_db.session() as s:
        figures = portfolio_figures(s, TODAY, base_currency="CNY")
        by_currency = {c.currency: c.value for c in figures.by_currency}
        assert by_currency == {"EUR": Decimal("1234567891.29")}
        assert figures.total_value_base == Decimal(
            "9655987576.54"
        )  # 1234567891.29 × 7.82135 = …576.541
        assert count_agreements(s, AgreementFilter(search="莱茵")) == 3


def test_concurrent_edit_is_detected_on_postgres(pg_db: Database) -> None:
    with pg_db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        a = create_agreement(s, agreement_input(p.id))
    with pg_db.session() as s:
        update_agreement(s, a.id, replace(a.to_input(), title="Desk A"), a.version)
    with pytest.raises(ConflictError), pg_db.session() as s:
        update_agreement(s, a.id, replace(a.to_input(), title="Desk B"), a.version)
    with pg_db.session() as s:
        assert get_agreement(s, a.id).title == "Desk A"


def test_demo_and_cli_list_work_against_a_postgres_url(
    pg_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with pg_db.session() as s:
        load_demo(s, 120, seed=5, today=TODAY)
    url = pg_db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "list", "agreements", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 120
    assert main(["--db", url, "check"]) == 0
    assert "120 agreements" in capsys.readouterr().out
