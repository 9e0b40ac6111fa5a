"""The sellers in the reports: the portfolio's "seller supervision" section and the
sellers of a brand owner's brands in its dossier, from the demo's sellers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus
from app.domain.models import Partner
from app.errors import ValidationError
from app.reports import PartnerReport, PortfolioReport
from app.services.partners import PartnerView
from app.services.reporting import partner_report, portfolio_report
from app.services.sellers.register import list_sellers
from tests.reports.conftest import REPORT_TODAY, read_pdf


def flat(text: str) -> str:
    return "".join(text.split())


def test_the_portfolio_shows_sellers_in_red_deposits_and_this_quarters_violations(
    demo_db: Database,
) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        rows = list_sellers(s, REPORT_TODAY)
    sellers = data.sellers
    assert sellers is not None
    red = sorted(r.legal_name for r in rows if r.scorecard.value == "red")
    assert sorted(line.name for line in sellers.red) == red != []
    assert sellers.sellers == len(rows)
    # The deposits left, by currency, are the list's balances of deposits not forfeited.
    by_currency: dict[str, Decimal] = {}
    for r in rows:
        by_currency[r.deposit_currency] = by_currency.get(r.deposit_currency, Decimal(0)) + (
            r.deposit_balance
        )
    assert {c.currency: c.value for c in sellers.deposits.by_currency} == by_currency
    assert all(v.occurred_on >= sellers.quarter_start for v in sellers.violations)
    assert sellers.violations

    pdf = read_pdf(PortfolioReport().render(data))
    assert "Seller supervision" in pdf.outline_titles()
    for name in red:
        assert name in pdf.text
    assert "Deposits held" in pdf.text
    assert "Violations this quarter (since 2026-10-01)" in pdf.text

    with demo_db.session() as s:
        zh = read_pdf(PortfolioReport().render(portfolio_report(s, "zh", REPORT_TODAY)))
    assert "卖家监管" in zh.flat and "本季度违规" in zh.flat


def test_a_brand_owners_dossier_lists_the_sellers_of_its_brands(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        assert data.sellers is not None
        owners = {}
        for partner_id in s.scalars(select(Partner.id)):
            d = partner_report(s, lang="en", as_of=REPORT_TODAY, partner_id=partner_id)
            if d.sellers:
                owners[partner_id] = d
    assert owners, "the demo's sellers sell some brand owner's brands"
    dossier = next(iter(owners.values()))
    own = {a.reference for a in dossier.agreements}
    for line in dossier.sellers:
        assert line.agreements and set(line.agreements) <= own
    pdf = read_pdf(PartnerReport().render(dossier))
    assert "Sellers of its brands" in pdf.text
    assert dossier.sellers[0].name in pdf.text


def test_each_seller_total_says_what_it_covers(session: Session, partner: PartnerView) -> None:
    from app.domain.sellers import SellerStatus
    from app.services.agreements import change_status, get_agreement
    from app.services.fx import set_rate
    from app.services.sellers.chain import link_brand
    from app.services.sellers.register import SellerInput, create_seller, update_seller
    from app.services.sellers.supervision import record_violation
    from tests.services.test_sellers import brand_agreement, violation

    today = REPORT_TODAY
    set_rate(session, "EUR", "CNY", Decimal("8"), today, "ECB")
    live = brand_agreement(session, partner.id)
    ended = brand_agreement(session, partner.id)
    selling = create_seller(session, SellerInput("Selling Co", "HK", "CNY",
                                                 deposit_amount=Decimal("1000")))  # fmt: skip
    idle = create_seller(session, SellerInput("Idle GmbH", "DE", "EUR",
                                              deposit_amount=Decimal("100")))  # fmt: skip
    gone = create_seller(session, SellerInput("Gone Ltd", "HK", "CNY",
                                              deposit_amount=Decimal("5000")))  # fmt: skip
    link_brand(session, selling.id, live, "Lumière", as_of=today)
    link_brand(session, idle.id, ended, "Lumière", as_of=today)
    link_brand(session, gone.id, live, "Lumière", as_of=today)
    record_violation(session, selling.id, violation(occurred_on=today, deduction=Decimal("250.00")))
    a = get_agreement(session, ended)
    change_status(session, ended, AgreementStatus.TERMINATED, a.version)
    # Gone Ltd sold under the live agreement until it was terminated.
    data_gone = SellerInput(
        "Gone Ltd", "HK", "CNY", deposit_amount=Decimal("5000"), status=SellerStatus.TERMINATED
    )
    update_seller(session, gone.id, data_gone)
    with pytest.raises(ValidationError) as e:
        link_brand(session, gone.id, live, "Lumière", as_of=today)
    assert str(e.value) == "seller: Gone Ltd is terminated; it may sell nothing"

    data = portfolio_report(session, "en", today)
    sellers = data.sellers
    assert sellers is not None
    # The terminated seller is in no count and no total; the idle one is registered but
    # sells under no agreement in force.
    assert (sellers.sellers, sellers.selling) == (2, 1)
    assert sellers.deposits.total_base == Decimal("750.00") + Decimal("800.00")
    pdf = read_pdf(PortfolioReport().render(data))
    assert (
        flat("2 third-party sellers on the register (terminated ones left out), 1 of them")
        in pdf.flat
    )
    assert flat("in CNY at the rates in force on 2026-11-26") in pdf.flat
    assert flat("Total 2 CNY 1,550.00") in pdf.flat
    assert (
        flat("Deducted from deposits this quarter, by the violations above not dismissed")
        in pdf.flat
    )

    # The dossier lists the sellers authorised today, under the agreements in force only.
    dossier = partner_report(session, lang="en", as_of=today, partner_id=partner.id)
    assert [(line.name, line.agreements) for line in dossier.sellers] == [
        ("Selling Co", (get_agreement(session, live).reference,)),
    ]
