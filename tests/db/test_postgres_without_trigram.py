"""A PostgreSQL server without pg_trgm (not installed, or the login may not create it):
the upgrade says so in one line and completes, and search answers exactly, by scanning."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Engine

from app.db import open_database
from app.services.agreements import create_agreement
from app.services.listing import AgreementFilter, agreement_ids
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input, drop_test_databases, postgres_url


def _without_trigram(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> tuple[str, Any]:
    # The server answers as one without the extension's files does ("could not open
    # extension control file"): the name asked for is one no server has.
    return sql.replace(
        "EXTENSION IF NOT EXISTS pg_trgm", "EXTENSION IF NOT EXISTS pg_trgm_absent"
    ), params


@pytest.mark.postgres
def test_without_pg_trgm_the_upgrade_says_so_and_search_still_answers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    admin_url = postgres_url()
    if admin_url is None:
        pytest.skip("no PostgreSQL server (set PARTNERDESK_TEST_PG)")
    name = f"pd_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    event.listen(Engine, "before_cursor_execute", _without_trigram, retval=True)
    try:
        with caplog.at_level(logging.WARNING):
            db = open_database(make_url(admin_url).set(database=name))
    finally:
        event.remove(Engine, "before_cursor_execute", _without_trigram)
    try:
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert "pg_trgm is missing: agreements are searched without an index" in warnings
        with db.session() as s:
            assert (
                s.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")) == 0
            )
            partner = create_partner(
                s,
                PartnerInput(
                    legal_name="Nordlicht Handels GmbH", local_name="北光贸易", country="DE"
                ),
            )
            aurora = create_agreement(s, agreement_input(partner.id, title="Aurora serum launch"))
            other = create_partner(s, PartnerInput(legal_name="Sunrise Foods", country="GB"))
            plain = create_agreement(s, agreement_input(other.id, title="Cold chain"))
            s.commit()
        with db.session() as s:
            for needle, expected in [
                ("aurora", [aurora.id]),
                ("北光", [aurora.id]),
                ("北", [aurora.id]),
                ("Sunrise", [plain.id]),
                ("zzz", []),
            ]:
                f = AgreementFilter(search=needle)
                assert agreement_ids(s, f) == expected, needle
                assert agreement_ids(s, f, limit=100) == expected, needle
            both = agreement_ids(s, AgreementFilter(search="o"), sort="title")
            assert both == [aurora.id, plain.id]
    finally:
        db.dispose()
        drop_test_databases(admin, [name])
