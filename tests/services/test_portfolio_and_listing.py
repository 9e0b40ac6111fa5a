from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType
from app.errors import ValidationError
from app.services.agreements import create_agreement
from app.services.dashboard import attention, decisions_due
from app.services.fx import rate_in_force, set_rate
from app.services.listing import (
    AgreementFilter,
    agreement_ids,
    agreement_rows,
    count_agreements,
    list_agreements,
)
from app.services.partners import PartnerInput, PartnerView, create_partner
from app.services.portfolio import portfolio_figures, portfolio_total
from tests.conftest import TODAY, agreement_input


def _portfolio(session: Session, partner: PartnerView) -> None:
    other = create_partner(
        session,
        PartnerInput(legal_name="Pacific Payments Inc.", local_name="太平洋支付", country="US"),
    )
    create_agreement(session, agreement_input(partner.id, value=Decimal("100.00")))  # EUR direct
    create_agreement(
        session,
        agreement_input(
            partner.id,
            value=Decimal("200.00"),
            currency="USD",
            terms={"operating_model": "platform"},
        ),
    )
    create_agreement(
        session,
        agreement_input(
            other.id,
            type=AgreementType.PAYMENT,
            value=Decimal("0.05"),
            currency="CNY",
            terms={},
            status=AgreementStatus.NEGOTIATION,
            title="Checkout 2026",
        ),
    )


def test_fx_rate_in_force_is_the_newest_on_or_before_the_day(session: Session) -> None:
    set_rate(session, "EUR", "CNY", Decimal("7.80"), date(2026, 1, 1))
    set_rate(session, "EUR", "CNY", Decimal("7.90"), date(2026, 7, 1))
    assert rate_in_force(session, "EUR", "CNY", date(2026, 6, 30)).rate == Decimal("7.80")
    assert rate_in_force(session, "EUR", "CNY", date(2026, 7, 1)).rate == Decimal("7.90")
    with pytest.raises(ValidationError, match="positive"):
        set_rate(session, "EUR", "CNY", Decimal("0"), date(2026, 8, 1))


def test_portfolio_totals_convert_exactly_with_the_rate_in_force(
    session: Session, partner: PartnerView
) -> None:
    _portfolio(session, partner)
    set_rate(session, "EUR", "CNY", Decimal("7.8213"), date(2026, 1, 1))
    set_rate(session, "USD", "CNY", Decimal("7.1351"), date(2026, 1, 1))
    set_rate(session, "USD", "CNY", Decimal("9.9999"), date(2027, 1, 1))  # not yet in force
    figures = portfolio_figures(session, TODAY, base_currency="CNY")
    # 100 × 7.8213 + 200 × 7.1351 + 0.05 = 782.13 + 1427.02 + 0.05
    assert figures.total_value_base == Decimal("2209.20")
    assert figures.agreement_count == 3
    assert {b.key: (b.count, b.value_base) for b in figures.by_type} == {
        "brand": (2, Decimal("2209.15")),
        "payment": (1, Decimal("0.05")),
    }
    assert {b.key: b.value_base for b in figures.by_operating_model} == {
        "direct": Decimal("782.13"),
        "platform": Decimal("1427.02"),
    }
    assert {b.key: b.count for b in figures.by_status} == {"draft": 2, "negotiation": 1}
    usd = next(c for c in figures.by_currency if c.currency == "USD")
    assert usd.rate is not None and usd.rate.rate == Decimal("7.1351")
    assert usd.rate.effective_date == date(2026, 1, 1)
    assert figures.top_partners[0].name == partner.legal_name
    assert figures.missing_rates == ()


def test_currency_without_a_rate_is_named_not_silently_summed(
    session: Session, partner: PartnerView
) -> None:
    _portfolio(session, partner)
    figures = portfolio_figures(session, TODAY, base_currency="CNY")
    assert figures.missing_rates == ("EUR", "USD")
    assert figures.total_value_base == Decimal("0.05")


def test_filters_search_both_scripts_and_sort_in_sql(
    session: Session, partner: PartnerView
) -> None:
    _portfolio(session, partner)
    assert count_agreements(session, AgreementFilter(search="太平洋")) == 1
    assert count_agreements(session, AgreementFilter(partner="a&b")) == 2
    assert count_agreements(session, AgreementFilter(types=frozenset({AgreementType.PAYMENT}))) == 1
    assert count_agreements(session, AgreementFilter(owner="li wei")) == 3
    assert count_agreements(session, AgreementFilter(search="100%")) == 0  # % is literal
    ids = agreement_ids(session, sort="value", descending=True)
    assert [r.value for r in agreement_rows(session, ids)] == [
        Decimal("200.00"),
        Decimal("100.00"),
        Decimal("0.05"),
    ]
    page = list_agreements(session, sort="value", offset=1, limit=1)
    assert [r.value for r in page] == [Decimal("100.00")]


def test_expiring_within_and_decisions_due_use_the_decision_date(
    session: Session, partner: PartnerView
) -> None:
    for days in (-1, 0, 30, 31):
        end = TODAY + timedelta(days=days + 10)
        create_agreement(
            session,
            agreement_input(
                partner.id,
                start_date=date(2025, 1, 1),
                end_date=end,
                notice_days=10,
                status=AgreementStatus.ACTIVE,
                signed_date=date(2024, 12, 1),
                title=f"d{days}",
            ),
        )
    f = AgreementFilter(expiring_within=30, today=TODAY)
    assert sorted(r.title for r in list_agreements(session, f)) == ["d0", "d30"]
    due = decisions_due(session, TODAY, 30)
    assert [(d.title, d.days_left) for d in due] == [("d0", 0), ("d30", 30)]


def test_breakdowns_add_up_to_the_total_to_the_cent(session: Session, partner: PartnerView) -> None:
    # Amounts and a rate chosen so that rounding each line on its own loses cents.
    for i, agreement_type in enumerate(AgreementType):
        terms = {"operating_model": "direct"} if agreement_type is AgreementType.BRAND else {}
        for currency in ("USD", "EUR", "JPY"):
            create_agreement(
                session,
                agreement_input(
                    partner.id,
                    type=agreement_type,
                    currency=currency,
                    terms=terms,
                    value=Decimal("100.01") + i,
                    title=f"{agreement_type} {currency}",
                ),
            )
    set_rate(session, "USD", "CNY", Decimal("7.133333"), date(2026, 1, 1))
    set_rate(session, "EUR", "CNY", Decimal("7.816667"), date(2026, 1, 1))
    set_rate(session, "JPY", "CNY", Decimal("0.047777"), date(2026, 1, 1))
    figures = portfolio_figures(session, TODAY, base_currency="CNY")
    for line in figures.by_currency:
        assert line.rate is not None and line.value_base is not None
        assert line.value_base == (line.value * line.rate.rate).quantize(Decimal("0.01"))
    total = sum(line.value_base or 0 for line in figures.by_currency)
    assert figures.total_value_base == total
    assert sum(b.value_base for b in figures.by_type) == total
    assert sum(b.value_base for b in figures.by_status) == total


def test_missed_decisions_come_first_when_asked_for(session: Session, partner: PartnerView) -> None:
    for days in (-40, -2, 5):
        create_agreement(session, agreement_input(
            partner.id, start_date=date(2025, 1, 1), end_date=TODAY + timedelta(days=days + 30),
            notice_days=30, status=AgreementStatus.ACTIVE, signed_date=date(2024, 12, 1),
            title=f"d{days}"))  # fmt: skip
    assert [d.title for d in decisions_due(session, TODAY, 30)] == ["d5"]
    due = decisions_due(session, TODAY, 30, include_overdue=True)
    assert [(d.title, d.days_left) for d in due] == [("d-40", -40), ("d-2", -2), ("d5", 5)]
    attention_list = attention(session, TODAY).decisions
    assert [d.title for d in attention_list] == ["d-40", "d-2", "d5"]
    assert [d.title for d in attention(session, TODAY).missed_decisions] == ["d-40", "d-2"]


def test_the_headline_total_alone_equals_the_full_figures(
    session: Session, partner: PartnerView
) -> None:
    _portfolio(session, partner)
    set_rate(session, "EUR", "CNY", Decimal("7.8213"), date(2026, 1, 1))
    set_rate(session, "USD", "CNY", Decimal("7.1351"), date(2026, 1, 1))
    for f in (AgreementFilter(), AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT}))):
        full = portfolio_figures(session, TODAY, f, base_currency="CNY")
        alone = portfolio_total(session, TODAY, f, base_currency="CNY")
        assert (alone.agreement_count, alone.total_value_base) == (
            full.agreement_count, full.total_value_base)  # fmt: skip
    assert portfolio_total(session, TODAY, base_currency="CNY").total_value_base == Decimal(
        "2209.20"
    )
