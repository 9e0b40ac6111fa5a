"""The agreements list's value in the base currency: converted and sorted in SQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.services.agreements import create_agreement
from app.services.fx import set_rate
from app.services.listing import AgreementFilter, agreement_ids, agreement_rows, list_agreements
from app.services.partners import PartnerInput, create_partner
from tests.conftest import TODAY, agreement_input


def _contracts(session: Session) -> dict[str, int]:
    """KRW billions that are worth less than a CNY contract, and a currency with no rate."""
    partner = create_partner(session, PartnerInput(legal_name="Seoul Beauty Co.", country="KR"))
    made = {}
    for name, currency, value in (
        ("krw", "KRW", Decimal("2000000000.00")),  # ≈ 10.4 M CNY
        ("cny", "CNY", Decimal("15000000.00")),
        ("eur", "EUR", Decimal("1000000.00")),  # ≈ 7.9 M CNY
        ("chf", "CHF", Decimal("99000000.00")),  # no CHF rate: cannot be compared
    ):
        view = create_agreement(
            session, agreement_input(partner.id, currency=currency, value=value, title=name)
        )
        made[name] = view.id
    set_rate(session, "KRW", "CNY", Decimal("0.0052"), date(2026, 1, 1))
    set_rate(session, "EUR", "CNY", Decimal("7.70"), date(2026, 1, 1))
    set_rate(session, "EUR", "CNY", Decimal("7.90"), date(2026, 7, 1))  # in force on TODAY
    set_rate(session, "EUR", "CNY", Decimal("9.99"), date(2027, 1, 1))  # not yet
    return made


def _check(session: Session) -> None:
    made = _contracts(session)
    f = AgreementFilter(today=TODAY)
    order = agreement_ids(session, f, sort="base_value")
    assert order == [made["eur"], made["krw"], made["cny"], made["chf"]]
    descending = agreement_ids(session, f, sort="base_value", descending=True)
    # Without a rate it is last either way: it is not the largest nor the smallest.
    assert descending == [made["cny"], made["krw"], made["eur"], made["chf"]]

    rows = {r.title: r for r in agreement_rows(session, order, on=TODAY)}
    assert rows["krw"].base_value == Decimal("10400000.00")
    assert rows["eur"].base_value == Decimal("7900000.00")
    assert rows["cny"].base_value == Decimal("15000000.00")
    assert rows["chf"].base_value is None
    # The original amount and currency stay as they were.
    assert (rows["krw"].value, rows["krw"].currency) == (Decimal("2000000000.00"), "KRW")
    listed = list_agreements(session, f, sort="base_value", descending=True)
    assert [r.title for r in listed] == ["cny", "krw", "eur", "chf"]


def test_value_in_the_base_currency_sorts_across_currencies(session: Session) -> None:
    _check(session)


@pytest.mark.postgres
def test_value_in_the_base_currency_on_postgresql(pg_db: Database) -> None:
    with pg_db.session() as s:
        _check(s)
