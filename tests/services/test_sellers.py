"""The seller register: the authorisation chain, deposit arithmetic, the scorecard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, Attainment, PartnerRole
from app.domain.sellers import (
    SCORECARD,
    DepositStatus,
    SellerDocumentKind,
    SellerStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
    scorecard,
)
from app.errors import ValidationError
from app.services.agreements import create_agreement
from app.services.audit import history
from app.services.partners import PartnerInput, PartnerView, create_partner
from app.services.sellers.chain import add_document, brands_of, link_brand
from app.services.sellers.register import (
    SellerInput,
    StoreInput,
    create_seller,
    get_seller,
    list_sellers,
    update_seller,
)
from app.services.sellers.supervision import (
    ViolationInput,
    deposit_balance,
    record_violation,
    update_violation,
)
from tests.conftest import agreement_input

TODAY = date(2026, 12, 3)


def seller(session: Session, **changes: object) -> int:
    values: dict[str, object] = {
        "legal_name": "Harbour Trading Ltd",
        "local_name": "海港贸易有限公司",
        "country": "HK",
        "deposit_currency": "CNY",
        "deposit_amount": Decimal("50000.00"),
        "stores": (
            StoreInput("Harbour Beauty Overseas Store", "https://harbour.tmall.hk", "6601"),
        ),
    }
    values.update(changes)
    return create_seller(session, SellerInput(**values), actor="tester").id  # type: ignore[arg-type]


def brand_agreement(session: Session, partner_id: int, **changes: object) -> int:
    values: dict[str, object] = {
        "status": AgreementStatus.ACTIVE,
        "signed_date": date(2025, 12, 1),
        "terms": {"operating_model": "platform", "brands": ("Lumière",)},
    }
    values.update(changes)
    return create_agreement(session, agreement_input(partner_id, **values), actor="t").id


def violation(**changes: object) -> ViolationInput:
    values: dict[str, object] = {
        "occurred_on": date(2026, 11, 2),
        "kind": ViolationKind.LATE_SHIPMENT,
        "severity": Severity.MINOR,
        "penalty": Decimal("3000.00"),
        "penalty_currency": "CNY",
        "deduction": Decimal("0"),
    }
    values.update(changes)
    return ViolationInput(**values)  # type: ignore[arg-type]


def refusal(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    found = excinfo.value.for_field(field)
    assert found, excinfo.value
    return found[0]


# The authorisation chain: brand owner → platform-model brand agreement in force → seller.


def test_a_seller_sells_a_brand_under_a_platform_agreement_of_its_owner(
    session: Session, partner: PartnerView
) -> None:
    sid, aid = seller(session), brand_agreement(session, partner.id)
    link = link_brand(session, sid, aid, "Lumière", as_of=TODAY, actor="t")
    assert (link.brand, link.brand_owner) == ("Lumière", partner.legal_name)
    assert [b.reference for b in brands_of(session, sid, TODAY)] == [link.reference]
    assert "may sell Lumière" in (history(session, "seller", sid)[0].new_value or "")


def test_a_direct_sales_agreement_is_refused(session: Session, partner: PartnerView) -> None:
    sid = seller(session)
    aid = brand_agreement(
        session, partner.id, terms={"operating_model": "direct", "brands": ("Lumière",)}
    )
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert "direct sales" in refusal(e, "agreement")


def test_an_agreement_not_in_force_is_refused(session: Session, partner: PartnerView) -> None:
    sid = seller(session)
    aid = brand_agreement(session, partner.id, status=AgreementStatus.NEGOTIATION)
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert "not in force" in refusal(e, "agreement")


def test_a_non_brand_agreement_is_refused(session: Session, partner: PartnerView) -> None:
    sid = seller(session)
    aid = create_agreement(
        session,
        agreement_input(
            partner.id,
            type=AgreementType.PAYMENT,
            status=AgreementStatus.ACTIVE,
            signed_date=date(2025, 12, 1),
            terms={},
        ),
    ).id
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert "payment agreement" in refusal(e, "agreement")


def test_a_partner_that_owns_no_brand_breaks_the_chain(session: Session) -> None:
    carrier = create_partner(
        session,
        PartnerInput(
            legal_name="Swift Freight",
            country="DE",
            roles=frozenset({PartnerRole.LOGISTICS_PROVIDER}),
        ),
    )
    sid, aid = seller(session), brand_agreement(session, carrier.id)
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Lumière", as_of=TODAY)
    assert "not a brand owner" in refusal(e, "agreement")


def test_a_brand_outside_the_agreement_is_refused(session: Session, partner: PartnerView) -> None:
    sid, aid = seller(session), brand_agreement(session, partner.id)
    with pytest.raises(ValidationError) as e:
        link_brand(session, sid, aid, "Other Brand", as_of=TODAY)
    assert "not among" in refusal(e, "agreement")


# Deposit arithmetic in exact money.


def test_deductions_come_off_the_deposit_exactly(session: Session) -> None:
    sid = seller(session, deposit_amount=Decimal("1000.10"))
    record_violation(session, sid, violation(deduction=Decimal("0.10")))
    record_violation(session, sid, violation(deduction=Decimal("999.99")))
    # 1000.10 − 0.10 − 999.99, to the fen: floats would leave 0.009999…
    assert deposit_balance(session, sid) == Decimal("0.01")
    assert list_sellers(session, TODAY)[0].deposit_balance == Decimal("0.01")


def test_a_deduction_cannot_exceed_what_is_left(session: Session) -> None:
    sid = seller(session, deposit_amount=Decimal("1000.00"))
    record_violation(session, sid, violation(deduction=Decimal("600.00")))
    with pytest.raises(ValidationError) as e:
        record_violation(session, sid, violation(deduction=Decimal("400.01")))
    assert refusal(e, "deduction") == "400.01 CNY is more than the 400.00 CNY left of the deposit"
    record_violation(session, sid, violation(deduction=Decimal("400.00")))
    assert deposit_balance(session, sid) == Decimal("0.00")


def test_a_dismissed_violation_gives_its_deduction_back(session: Session) -> None:
    sid = seller(session, deposit_amount=Decimal("1000.00"))
    v = record_violation(session, sid, violation(deduction=Decimal("700.00")))
    update_violation(
        session, v.id, violation(deduction=Decimal("700.00"), status=ViolationStatus.DISMISSED)
    )
    assert deposit_balance(session, sid) == Decimal("1000.00")


def test_deductions_have_no_more_places_than_the_currency(session: Session) -> None:
    sid = seller(session)
    with pytest.raises(ValidationError) as e:
        record_violation(session, sid, violation(deduction=Decimal("10.005")))
    assert "2 decimal places" in refusal(e, "deduction")
    jpy = seller(
        session, legal_name="Tokyo Select KK", country="JP", deposit_currency="JPY", stores=()
    )
    with pytest.raises(ValidationError):
        record_violation(session, jpy, violation(deduction=Decimal("1.5"), penalty=None))


def test_a_forfeited_deposit_has_nothing_left_to_deduct(session: Session) -> None:
    sid = seller(session, deposit_status=DepositStatus.FORFEITED)
    assert deposit_balance(session, sid) == Decimal("0.00")
    with pytest.raises(ValidationError) as e:
        record_violation(session, sid, violation(deduction=Decimal("1.00")))
    assert "forfeited" in refusal(e, "deduction")


def test_a_deduction_cannot_exceed_its_penalty(session: Session) -> None:
    sid = seller(session)
    with pytest.raises(ValidationError) as e:
        record_violation(
            session, sid, violation(penalty=Decimal("100.00"), deduction=Decimal("100.01"))
        )
    assert "100.01 CNY is more than the penalty of 100.00 CNY" in refusal(e, "deduction")


# The scorecard.


@pytest.mark.parametrize(
    ("measure", "value", "expected"),
    [
        ("on_time_shipment_pct", "95", Attainment.GREEN),
        ("on_time_shipment_pct", "94.99", Attainment.AMBER),
        ("on_time_shipment_pct", "90", Attainment.AMBER),
        ("on_time_shipment_pct", "89.99", Attainment.RED),
        ("dispute_rate_pct", "1", Attainment.GREEN),
        ("dispute_rate_pct", "1.01", Attainment.AMBER),
        ("dispute_rate_pct", "3.01", Attainment.RED),
        ("rating", "4.5", Attainment.GREEN),
        ("rating", "4.49", Attainment.AMBER),
        ("rating", "3.99", Attainment.RED),
        ("violations_12m", "0", Attainment.GREEN),
        ("violations_12m", "2", Attainment.AMBER),
        ("violations_12m", "3", Attainment.RED),
    ],
)
def test_each_threshold_is_graded_at_its_edge(
    measure: str, value: str, expected: Attainment
) -> None:
    assert measure in {t.measure for t in SCORECARD}
    overall, grades = scorecard({measure: Decimal(value)})
    assert grades[measure] is expected
    assert overall is expected


def test_a_seller_is_as_red_as_its_worst_measure(session: Session) -> None:
    sid = seller(
        session,
        on_time_shipment_pct=Decimal("99"),
        dispute_rate_pct=Decimal("0.5"),
        rating=Decimal("4.8"),
    )
    assert list_sellers(session, TODAY)[0].scorecard is Attainment.GREEN
    for day in (date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1)):
        record_violation(session, sid, violation(occurred_on=day))
    # An old violation (more than 12 months) and a dismissed one do not count.
    record_violation(session, sid, violation(occurred_on=date(2025, 11, 1)))
    record_violation(session, sid, violation(status=ViolationStatus.DISMISSED))
    row = list_sellers(session, TODAY)[0]
    assert (row.violations_12m, row.scorecard) == (3, Attainment.RED)


# The register itself.


def test_a_seller_change_is_one_line_per_field_in_its_history(session: Session) -> None:
    sid = seller(session)
    view = get_seller(session, sid)
    data = SellerInput(
        legal_name=view.legal_name, local_name=view.local_name, country="HK",
        deposit_currency="CNY", deposit_amount=Decimal("60000"),
        deposit_status=DepositStatus.HELD, stores=(),
    )  # fmt: skip
    update_seller(session, sid, data, expected_version=view.version, actor="tester")
    changed = {h.field: (h.old_value, h.new_value) for h in history(session, "seller", sid)}
    assert changed["deposit_amount"] == ("50000.00", "60000.00")
    assert changed["deposit_status"] == ("paid", "held")
    assert "stores" in changed


def test_bad_seller_input_names_the_field(session: Session) -> None:
    with pytest.raises(ValidationError) as e:
        seller(session, country="XX", deposit_currency="ABC", rating=Decimal("6"))
    assert {f.field for f in e.value.errors} == {"country", "deposit_currency", "rating"}


def test_qualification_documents_are_kept_with_their_expiry(session: Session) -> None:
    sid = seller(session)
    doc = add_document(session, sid, SellerDocumentKind.IMPORT_PERMIT, "IP-77", date(2027, 1, 5))
    assert (doc.kind, doc.expires_on) == (SellerDocumentKind.IMPORT_PERMIT, date(2027, 1, 5))


def test_expiring_qualification_documents_join_the_dashboard(session: Session) -> None:
    from app.services.dashboard import attention
    from app.services.overview import attention_counts
    from app.services.sellers.register import SellerInput as In

    sid = seller(session)
    add_document(session, sid, SellerDocumentKind.BUSINESS_LICENCE, "BL-1", date(2026, 12, 20))
    add_document(session, sid, SellerDocumentKind.IMPORT_PERMIT, "IP-2", date(2026, 11, 30))
    add_document(session, sid, SellerDocumentKind.BRAND_AUTHORISATION, "BA-3", date(2027, 6, 1))
    gone = seller(session, legal_name="Closed Shop Ltd", stores=())
    update_seller(
        session, gone,
        In(legal_name="Closed Shop Ltd", country="HK", deposit_currency="CNY",
           status=SellerStatus.TERMINATED),
    )  # fmt: skip
    add_document(session, gone, SellerDocumentKind.BUSINESS_LICENCE, "BL-9", date(2026, 12, 5))
    lists = attention(session, TODAY)
    shown = [(d.number, d.days_left) for d in lists.expiring_seller_documents]
    # Expired first; the one a year away and the terminated seller's are not there.
    assert shown == [("IP-2", -3), ("BL-1", 17)]
    assert attention_counts(session, TODAY).expiring_documents == len(lists.expiring_documents) + 2
