"""The sellers in the reports: the portfolio's "seller supervision" section and the
sellers of a brand owner's brands in its dossier, from the demo's sellers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.db import Database
from app.domain.models import Partner
from app.reports import PartnerReport, PortfolioReport
from app.services.reporting import partner_report, portfolio_report
from app.services.sellers.register import list_sellers
from tests.reports.conftest import REPORT_TODAY, read_pdf


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
