"""The rules of issue #14 point 6 not covered by test_sellers.py: the chain when an agreement
ends, the deposit's currency and floor, every scorecard boundary, and the stale-rate age
as configured (± 1 day)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, Attainment
from app.domain.sellers import DepositStatus, scorecard
from app.errors import ValidationError
from app.services.agreements import change_status, get_agreement
from app.services.fx import set_rate, set_stale_days, stale_rates_in_use
from app.services.partners import PartnerView
from app.services.sellers.chain import brands_of, link_brand
from app.services.sellers.register import SellerInput, get_seller, list_sellers, update_seller
from app.services.sellers.supervision import deposit_balance, record_violation, violations_of
from tests.services.test_sellers import TODAY, brand_agreement, refusal, seller, violation

# --- the authorisation chain once the agreement ends ---------------------------------------


def test_an_agreement_past_its_end_date_cannot_authorise_a_seller(
    session: Session, partner: PartnerView
) -> None:
    sid = seller(session)
    aid = brand_agreement(session, partner.id, end_date=TODAY - timedelta(days=1))
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert refusal(e, "agreement").endswith(f"ended on {TODAY - timedelta(days=1)}")


def test_a_link_made_in_force_shows_when_its_agreement_ends(
    session: Session, partner: PartnerView
) -> None:
    sid = seller(session)
    aid = brand_agreement(session, partner.id, end_date=TODAY + timedelta(days=10))
    link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert [b.agreement_in_force for b in brands_of(session, sid, TODAY)] == [True]
    # The day after the end date the chain is broken, and the seller's brand says so.
    assert [b.agreement_in_force for b in brands_of(session, sid, TODAY + timedelta(days=11))] == [
        False
    ]
    a = get_agreement(session, aid)
    change_status(session, aid, AgreementStatus.TERMINATED, a.version)
    assert [b.agreement_in_force for b in brands_of(session, sid, TODAY)] == [False]
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière Homme", as_of=TODAY)
    assert "terminated, not in force" in refusal(e, "agreement")


# --- deposit arithmetic: exact, in the deposit's currency, never below zero -----------------


def test_a_penalty_in_another_currency_leaves_the_deduction_in_the_deposits(
    session: Session,
) -> None:
    sid = seller(session, deposit_amount=Decimal("50000.00"))
    v = record_violation(
        session,
        sid,
        violation(penalty=Decimal("1000.00"), penalty_currency="USD", deduction=Decimal("7100.00")),
    )
    # Not converted, not compared with the USD penalty: 7,100 CNY off a CNY deposit.
    assert (v.deduction, v.deposit_currency, v.penalty_currency) == (
        Decimal("7100.00"), "CNY", "USD",
    )  # fmt: skip
    assert deposit_balance(session, sid) == Decimal("42900.00")
    [row] = list_sellers(session, TODAY)
    assert (row.deposit_balance, row.deposit_currency) == (Decimal("42900.00"), "CNY")


def test_the_whole_deposit_can_be_taken_and_not_a_cent_more(session: Session) -> None:
    sid = seller(session, deposit_amount=Decimal("500.00"))
    record_violation(session, sid, violation(deduction=Decimal("500.00"), penalty=None))
    assert deposit_balance(session, sid) == Decimal("0.00")
    with pytest.raises(ValidationError) as e:
        record_violation(session, sid, violation(deduction=Decimal("0.01"), penalty=None))
    assert "left of the deposit" in refusal(e, "deduction")
    with pytest.raises(ValidationError) as e:
        record_violation(session, sid, violation(deduction=Decimal("-1.00"), penalty=None))
    assert "negative" in refusal(e, "deduction")
    assert len(violations_of(session, sid)) == 1


def test_a_deposit_cannot_shrink_below_its_deductions_nor_change_currency(
    session: Session,
) -> None:
    sid = seller(session, deposit_amount=Decimal("1000.00"))
    record_violation(session, sid, violation(deduction=Decimal("800.00"), penalty=None))
    s = get_seller(session, sid)
    data = SellerInput(s.legal_name, s.country, s.deposit_currency, deposit_amount=Decimal("500"))
    with pytest.raises(ValidationError) as e:
        update_seller(session, sid, data)
    assert refusal(e, "deposit_amount") == (
        "800.00 CNY was already deducted; the deposit cannot be less than that"
    )
    with pytest.raises(ValidationError) as e:
        update_seller(
            session, sid, replace(data, deposit_currency="USD", deposit_amount=Decimal(900))
        )
    assert "it stays in CNY" in refusal(e, "deposit_currency")
    assert deposit_balance(session, sid) == Decimal("200.00")
    update_seller(session, sid, replace(data, deposit_amount=Decimal("800.00")))
    assert deposit_balance(session, sid) == Decimal("0.00")


def test_a_deposit_has_no_more_places_than_its_currency(session: Session) -> None:
    with pytest.raises(ValidationError) as e:
        seller(session, country="JP", deposit_currency="JPY", deposit_amount=Decimal("1000.5"))
    assert refusal(e, "deposit_amount") == "JPY has 0 decimal places; 1000.5 has more"
    sid = seller(
        session, country="JP", deposit_currency="JPY", deposit_amount=Decimal("1000"), stores=()
    )
    assert deposit_balance(session, sid) == Decimal("1000")


def test_forfeiting_a_deposit_leaves_nothing_whatever_was_deducted(session: Session) -> None:
    sid = seller(session, deposit_amount=Decimal("1000.00"))
    record_violation(session, sid, violation(deduction=Decimal("300.00"), penalty=None))
    s = get_seller(session, sid)
    update_seller(session, sid, SellerInput(
        s.legal_name, s.country, s.deposit_currency, deposit_amount=s.deposit_amount,
        deposit_status=DepositStatus.FORFEITED))  # fmt: skip
    assert deposit_balance(session, sid) == Decimal("0.00")
    [row] = list_sellers(session, TODAY)
    assert row.deposit_balance == Decimal("0.00") and row.deposit_amount == Decimal("1000.00")


# --- the scorecard at every boundary -------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "value", "expected"),
    [
        ("on_time_shipment_pct", "100", Attainment.GREEN),
        ("on_time_shipment_pct", "95.00", Attainment.GREEN),
        ("on_time_shipment_pct", "90.01", Attainment.AMBER),
        ("on_time_shipment_pct", "0", Attainment.RED),
        ("dispute_rate_pct", "0", Attainment.GREEN),
        ("dispute_rate_pct", "0.99", Attainment.GREEN),
        ("dispute_rate_pct", "3", Attainment.AMBER),
        ("dispute_rate_pct", "2.99", Attainment.AMBER),
        ("rating", "5", Attainment.GREEN),
        ("rating", "4.51", Attainment.GREEN),
        ("rating", "4.0", Attainment.AMBER),
        ("rating", "4.01", Attainment.AMBER),
        ("violations_12m", "1", Attainment.AMBER),
        ("violations_12m", "10", Attainment.RED),
    ],
)
def test_the_other_side_of_each_boundary(measure: str, value: str, expected: Attainment) -> None:
    overall, grades = scorecard({measure: Decimal(value)})
    assert (grades[measure], overall) == (expected, expected)


def test_no_measure_at_all_is_no_data_and_one_red_makes_the_seller_red() -> None:
    assert scorecard({})[0] is Attainment.NO_DATA
    values: dict[str, Decimal | None] = {
        "on_time_shipment_pct": Decimal("99"), "dispute_rate_pct": Decimal("0.5"),
        "rating": Decimal("4.9"), "violations_12m": Decimal("0"),
    }  # fmt: skip
    assert scorecard(values)[0] is Attainment.GREEN
    assert scorecard({**values, "rating": Decimal("4.2")})[0] is Attainment.AMBER
    assert (
        scorecard({**values, "rating": Decimal("4.2"), "violations_12m": Decimal(3)})[0]
        is Attainment.RED
    )


def test_violations_older_than_twelve_months_or_dismissed_do_not_count(session: Session) -> None:
    sid = seller(session, on_time_shipment_pct=Decimal("99"))
    record_violation(session, sid, violation(occurred_on=TODAY - timedelta(days=365)))
    record_violation(session, sid, violation(occurred_on=TODAY - timedelta(days=364)))
    [row] = list_sellers(session, TODAY)
    assert (row.violations_12m, row.scorecard) == (1, Attainment.AMBER)


# --- the stale-rate warning at the configured age, ± 1 day ---------------------------------


@pytest.mark.parametrize(("age", "stale"), [(9, False), (10, False), (11, True)])
def test_a_rate_turns_stale_the_day_after_the_configured_age(
    session: Session, partner: PartnerView, age: int, stale: bool
) -> None:
    from app.services.agreements import create_agreement
    from tests.conftest import agreement_input

    create_agreement(session, agreement_input(partner.id, currency="USD"), actor="t")
    on = date(2026, 12, 3)
    set_rate(session, "USD", "CNY", Decimal("7.1"), on - timedelta(days=age), "PBOC")
    set_stale_days(session, 10)
    session.flush()
    found = stale_rates_in_use(session, on)
    assert [r.currency for r in found] == (["USD"] if stale else [])
