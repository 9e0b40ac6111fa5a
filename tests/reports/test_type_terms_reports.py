"""The #14 terms in the reports: a campaign's targets beside its results, and the
portfolio's direct/platform mix with the minimum purchases direct sales commit to."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.reports import render
from app.services.agreements import create_agreement, get_agreement
from app.services.fx import RateInForce
from app.services.listing import list_agreements
from app.services.partners import PartnerView
from app.services.reporting import agreement_report, portfolio_report
from tests.conftest import agreement_input
from tests.reports.conftest import REPORT_TODAY, read_pdf


def _campaign(session: Session, partner: PartnerView) -> str:
    view = create_agreement(
        session,
        agreement_input(
            partner.id, type=AgreementType.MARKETING, title="618 livestream campaign",
            terms={"festival": "618", "budget": "200000", "actual_spend": "180000",
                   "target_impressions": "4000000", "actual_impressions": "5000000",
                   "target_conversion_rate_pct": "2.5", "actual_conversion_rate_pct": "2",
                   "target_roi": "4", "actual_roi": "5"},
        ),
    )  # fmt: skip
    return view.reference


def test_campaign_report_shows_each_target_beside_its_actual(
    session: Session, partner: PartnerView
) -> None:
    reference = _campaign(session, partner)
    pdf = read_pdf(render(agreement_report(session, reference, "en", REPORT_TODAY)))
    flat = pdf.flat
    assert "Targetsandresults" in flat
    # Spend 180,000 of a 200,000 budget, impressions 5 M of 4 M, 2 % of 2.5 %, ROI 5 of 4.
    assert "Spend(budget)EUR200,000.00EUR180,000.0090.0%" in flat
    assert "Impressions4,000,0005,000,000125.0%" in flat
    assert "Conversionrate2.50%2.00%80.0%" in flat
    assert "ROI4.005.00125.0%" in flat
    assert "Campaign/festival618" in flat


def test_chinese_campaign_report_names_the_festival_and_the_table(
    session: Session, partner: PartnerView
) -> None:
    reference = _campaign(session, partner)
    flat = read_pdf(render(agreement_report(session, reference, "zh", REPORT_TODAY))).flat
    assert "目标与实际" in flat
    assert "花费（预算）" in flat


def test_platform_brand_report_leaves_out_procurement_and_direct_shows_it(
    session: Session, partner: PartnerView
) -> None:
    platform = create_agreement(
        session, agreement_input(partner.id, terms={"operating_model": "platform"})
    )
    direct = create_agreement(
        session,
        agreement_input(
            partner.id,
            terms={"operating_model": "direct", "purchase_currency": "USD",
                   "payment_terms": "letter_of_credit", "inventory_holder": "platform"},
        ),
    )  # fmt: skip
    platform_text = read_pdf(render(agreement_report(session, platform.reference, "en"))).flat
    direct_text = read_pdf(render(agreement_report(session, direct.reference, "en"))).flat
    assert "Purchasecurrency" not in platform_text
    assert "PurchasecurrencyUSD" in direct_text
    assert "PaymenttermsLetterofcredit" in direct_text


def test_portfolio_mix_and_minimum_purchases_match_the_agreements(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        counts: dict[str, int] = defaultdict(int)
        committed, committed_n = Decimal(0), 0
        for row in list_agreements(s, limit=100_000):
            live = row.status is AgreementStatus.ACTIVE or (
                row.status is AgreementStatus.RENEWED and row.end_date >= REPORT_TODAY
            )
            if row.type is not AgreementType.BRAND or not live:
                continue
            terms = get_agreement(s, row.id).terms
            counts[terms["operating_model"].value] += 1
            minimum = terms["annual_minimum_purchase"]
            if terms["operating_model"] is OperatingModel.DIRECT and minimum is not None:
                committed_n += 1
                committed += minimum * _rate(data.figures.rates, row.currency)
    fig = data.figures
    assert {b.key: b.count for b in fig.by_operating_model} == dict(counts)
    assert fig.minimum_purchases.count == committed_n > 0
    assert abs(fig.minimum_purchases.value_base - committed) <= Decimal("0.01")
    pdf = read_pdf(render(data))
    flat = pdf.flat
    assert "Directsalesandplatformmodel" in flat
    share = Decimal(counts["direct"] * 100) / sum(counts.values())
    assert f"{counts['direct']:,}{share.quantize(Decimal('0.1'), ROUND_HALF_UP)}%" in flat
    value = fig.minimum_purchases.value_base
    assert f"{committed_n:,}direct-salesagreementsinforce:CNY{value:,}" in flat


def _rate(rates: tuple[RateInForce, ...], currency: str) -> Decimal:
    if currency == "CNY":
        return Decimal(1)
    return {r.currency: r.rate for r in rates}[currency]


def test_the_mix_shares_add_up_to_a_hundred_percent(session: Session, partner: PartnerView) -> None:
    from datetime import date

    def brand(model: str, value: str) -> None:
        create_agreement(session, agreement_input(
            partner.id, status=AgreementStatus.ACTIVE, currency="CNY", value=Decimal(value),
            signed_date=date(2025, 12, 1), terms={"operating_model": model},
        ))  # fmt: skip

    # One direct of sixteen (6.25 % + 93.75 %) and a third of the value (33.35 % + 66.65 %):
    # each rounded on its own, both columns would add up to 100.1 %.
    brand("direct", "667.00")
    for _ in range(14):
        brand("platform", "95.00")
    brand("platform", "3.00")
    data = portfolio_report(session, "en", REPORT_TODAY)
    assert {b.key: b.count for b in data.figures.by_operating_model} == {
        "direct": 1,
        "platform": 15,
    }
    flat = read_pdf(render(data)).flat
    # The shares that lost the most to rounding down get the last 0.1 (the larger on a tie).
    assert "Directsales16.2%CNY667.0033.3%Platform1593.8%CNY1,333.0066.7%" in flat
