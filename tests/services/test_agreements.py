from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.errors import ConflictError, TransitionError, ValidationError
from app.services.agreements import (
    AgreementView,
    change_status,
    create_agreement,
    decision_date,
    delete_agreement,
    get_agreement,
    get_agreement_by_reference,
    renew_agreement,
    update_agreement,
)
from app.services.audit import history
from app.services.listing import count_agreements
from app.services.partners import PartnerInput, PartnerView, create_partner
from tests.conftest import agreement_input


def _refused(session: Session, partner_id: int, **changes: object) -> ValidationError:
    before = count_agreements(session)
    with pytest.raises(ValidationError) as err:
        create_agreement(session, agreement_input(partner_id, **changes))
    assert count_agreements(session) == before, "a refused agreement must write nothing"
    return err.value


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "an agreement needs a title"),
        (
            {"end_date": date(2025, 12, 31)},
            "end_date",
            "ends 2025-12-31, before it starts 2026-01-01",
        ),
        ({"currency": "RMB"}, "currency", "'RMB' is not an ISO 4217 currency code"),
        ({"value": Decimal("-5")}, "value", "the contract value -5 is negative"),
        ({"value": Decimal("NaN")}, "value", "must be an exact decimal number"),
        (
            {"end_date": date(9999, 12, 31)},
            "end_date",
            "9999-12-31 is not a plausible contract date (1950–2200)",
        ),
        ({"start_date": date(1, 1, 1)}, "start_date", "0001-01-01 is not a plausible"),
        ({"notice_days": -1}, "notice_days", "the notice period must be 0 to 3650 days"),
        ({"auto_renew": True}, "renewal_term_months", "needs its renewal term"),
        ({"status": AgreementStatus.ACTIVE}, "signed_date", "needs its signed date"),
        (
            {"terms": {"brands": ("X",)}},
            "operating_model",
            "a brand agreement needs its operating model: direct or platform",
        ),
        (
            {"terms": {"operating_model": "franchise"}},
            "operating_model",
            "'franchise' is not one of: direct, platform",
        ),
        (
            {"terms": {"operating_model": "platform", "commission_rate_pct": "150"}},
            "commission_rate_pct",
            "150% is outside 0–100 %",
        ),
        (
            {"terms": {"operating_model": "direct", "gmv_target": "-1"}},
            "gmv_target",
            "must not be negative",
        ),
        (
            {"terms": {"operating_model": "direct", "route": "x"}},
            "route",
            "is not a term of a brand agreement",
        ),
    ],
)
def test_each_rule_names_its_field_and_reason(
    session: Session, partner: PartnerView, changes: dict[str, object], field: str, message: str
) -> None:
    err = _refused(session, partner.id, **changes)
    assert message in " | ".join(err.for_field(field)), str(err)


def test_every_problem_is_reported_at_once(session: Session, partner: PartnerView) -> None:
    err = _refused(session, partner.id, title="", currency="XYZ", value=Decimal(-1))
    assert {e.field for e in err.errors} >= {"title", "currency", "value"}


@pytest.mark.parametrize(
    ("agreement_type", "terms", "field", "message"),
    [
        (
            AgreementType.LOGISTICS,
            {"on_time_target_pct": "101"},
            "on_time_target_pct",
            "outside 0–100 %",
        ),
        (AgreementType.LOGISTICS, {"services": "teleport"}, "services", "'teleport' is not one of"),
        (
            AgreementType.MARKETING,
            {"campaign_start": "2026-05-01", "campaign_end": "2026-04-01"},
            "campaign_end",
            "the campaign ends before it starts",
        ),
        (
            AgreementType.PAYMENT,
            {"settlement_currencies": "CNY; ZZZ"},
            "settlement_currencies",
            "'ZZZ' is not an ISO 4217 currency code",
        ),
        (AgreementType.PAYMENT, {"fee_rate_pct": "-0.5"}, "fee_rate_pct", "must not be negative"),
        (
            AgreementType.PLATFORM,
            {"target_users": "many"},
            "target_users",
            "'many' is not a whole number",
        ),
        (
            AgreementType.PLATFORM,
            {"revenue_share_pct": "3.5e2"},
            "revenue_share_pct",
            "outside 0–100 %",
        ),
    ],
)
def test_type_terms_are_validated(
    session: Session,
    partner: PartnerView,
    agreement_type: AgreementType,
    terms: dict[str, object],
    field: str,
    message: str,
) -> None:
    err = _refused(session, partner.id, type=agreement_type, terms=terms)
    assert message in " | ".join(err.for_field(field)), str(err)


def test_each_type_stores_its_own_typed_terms(session: Session, partner: PartnerView) -> None:
    cases = {
        AgreementType.LOGISTICS: {
            "services": "customs_clearance; last_mile",
            "delivery_sla_days": "5",
            "on_time_target_pct": "97.5",
            "rate": "12.3456",
            "liability_cap": "1,000,000",
        },
        AgreementType.MARKETING: {
            "channels": ["livestream"],
            "budget": "250000",
            "campaign_start": "2026-03-01",
            "target_roi": "3.2",
        },
        AgreementType.PAYMENT: {
            "payment_methods": "alipay, card",
            "fee_rate_pct": "0.6",
            "settlement_cycle_days": 2,
            "pci_dss": "是",
        },
        AgreementType.PLATFORM: {
            "partner_platform": "Lazada",
            "markets": "SEA\nEurope",
            "revenue_share_pct": "12",
            "target_users": "500000",
        },
    }
    for agreement_type, terms in cases.items():
        view = create_agreement(
            session, agreement_input(partner.id, type=agreement_type, terms=terms)
        )
        stored = get_agreement(session, view.id)
        assert stored.reference.startswith(agreement_type.prefix + "-2026-")
        if agreement_type is AgreementType.LOGISTICS:
            assert stored.terms["services"] == ("customs_clearance", "last_mile")
            assert stored.terms["on_time_target_pct"] == Decimal("97.5")
            assert stored.terms["rate"] == Decimal("12.3456")
            assert stored.terms["liability_cap"] == Decimal("1000000.00")
            assert [k.metric for k in stored.kpis][:1] == ["On-time delivery"]
        if agreement_type is AgreementType.MARKETING:
            assert stored.terms["campaign_start"] == date(2026, 3, 1)
            assert stored.terms["channels"] == ("livestream",)
        if agreement_type is AgreementType.PAYMENT:
            assert stored.terms["payment_methods"] == ("alipay", "card")
            assert stored.terms["pci_dss"] is True
        if agreement_type is AgreementType.PLATFORM:
            assert stored.terms["markets"] == ("SEA", "Europe")
            assert stored.terms["target_users"] == 500_000


def test_money_is_exact_to_the_cent(session: Session, partner: PartnerView) -> None:
    view = create_agreement(session, agreement_input(partner.id, value=Decimal("0.10") * 3))
    session.expire_all()
    assert get_agreement(session, view.id).value == Decimal("0.30")


def test_decision_date_is_end_minus_notice(agreement: AgreementView) -> None:
    assert agreement.decision_date == date(2027, 10, 2)
    assert decision_date(date(2026, 3, 31), 30) == date(2026, 3, 1)


def test_references_are_generated_per_type_and_year_and_unique(
    session: Session, partner: PartnerView
) -> None:
    refs = [create_agreement(session, agreement_input(partner.id)).reference for _ in range(3)]
    assert refs == ["BR-2026-0001", "BR-2026-0002", "BR-2026-0003"]
    err = _refused(session, partner.id, reference="BR-2026-0002")
    assert "already used" in err.for_field("reference")[0]


def test_update_writes_an_audit_entry_per_changed_field(
    session: Session, agreement: AgreementView
) -> None:
    data = replace(
        agreement.to_input(),
        value=Decimal("2000000.00"),
        notice_days=30,
        terms={**agreement.terms, "operating_model": "platform"},
    )
    updated = update_agreement(session, agreement.id, data, agreement.version, actor="mei")
    assert updated.decision_date == date(2027, 12, 1)
    assert updated.operating_model is OperatingModel.PLATFORM
    trail = {e.field: e for e in history(session, "agreement", agreement.id)}
    assert (trail["value"].old_value, trail["value"].new_value) == ("1250000.00", "2000000.00")
    assert (trail["operating_model"].old_value, trail["operating_model"].new_value) == (
        "direct",
        "platform",
    )
    assert trail["decision_date"].new_value == "2027-12-01"
    assert trail["value"].actor == "mei"
    assert "notes" not in trail


def test_a_save_records_only_the_fields_whose_values_changed(db: Database) -> None:
    """Changing only the title logs the title, not ``commission_rate_pct 5.0000 → 5``:
    the form gives amounts as typed, the database holds them at their column's scale."""
    partner = _committed_partner(db)
    typed_as = agreement_input(
        partner.id,
        value=Decimal("1250000"),
        terms={"operating_model": "platform", "commission_rate_pct": "5", "gmv_target": "2e6"},
    )
    with db.session() as s:
        a = create_agreement(s, typed_as, actor="li")
    with db.session() as s:  # a new window action: the values come from the database
        update_agreement(s, a.id, replace(typed_as, title="Renamed"), a.version, actor="mei")
    with db.session() as s:
        changes = [(e.field, e.old_value, e.new_value) for e in history(s, "agreement", a.id)
                   if e.actor == "mei"]  # fmt: skip
    assert changes == [("title", "Lumière skincare distribution", "Renamed")]
    with db.session() as s:
        again = get_agreement(s, a.id)
        rate = replace(typed_as, terms={**typed_as.terms, "commission_rate_pct": "5.5"})
        update_agreement(s, a.id, rate, again.version, actor="wu")
    with db.session() as s:
        changes = [(e.field, e.old_value, e.new_value) for e in history(s, "agreement", a.id)
                   if e.actor == "wu"]  # fmt: skip
    # A real change is written as stored, both sides at the same scale.
    assert sorted(changes) == [("commission_rate_pct", "5.0000", "5.5000"),
                               ("title", "Renamed", "Lumière skincare distribution")]  # fmt: skip


def _committed_partner(db: Database) -> PartnerView:
    with db.session() as s:
        return create_partner(s, PartnerInput(legal_name="Tasman Freight Pty Ltd", country="AU"))


def test_refused_update_leaves_the_agreement_as_it_was(db: Database) -> None:
    partner = _committed_partner(db)
    with db.session() as s:
        a = create_agreement(s, agreement_input(partner.id))
    with pytest.raises(ValidationError), db.session() as s:
        update_agreement(s, a.id, replace(a.to_input(), title="New", currency="???"), a.version)
    with db.session() as s:
        again = get_agreement(s, a.id)
    assert (again.title, again.currency, again.version) == (a.title, a.currency, a.version)


def test_two_managers_editing_the_same_agreement_conflict(db: Database) -> None:
    partner = _committed_partner(db)
    with db.session() as s:
        a = create_agreement(s, agreement_input(partner.id))
    with db.session() as s:
        update_agreement(s, a.id, replace(a.to_input(), title="Theirs"), a.version)
    with pytest.raises(ConflictError, match="changed by someone else"), db.session() as s:
        update_agreement(s, a.id, replace(a.to_input(), title="Mine"), a.version)
    with db.session() as s:
        assert get_agreement(s, a.id).title == "Theirs"


def test_lifecycle_moves_forward_and_says_why_not(
    session: Session, agreement: AgreementView
) -> None:
    a = change_status(session, agreement.id, AgreementStatus.NEGOTIATION, agreement.version)
    a = change_status(session, a.id, AgreementStatus.PENDING_APPROVAL, a.version)
    with pytest.raises(TransitionError, match="without a signed date"):
        change_status(session, a.id, AgreementStatus.ACTIVE, a.version)
    a = change_status(
        session, a.id, AgreementStatus.ACTIVE, a.version, signed_date=date(2025, 12, 20)
    )
    assert a.status is AgreementStatus.ACTIVE
    with pytest.raises(TransitionError, match="an active agreement cannot become draft"):
        change_status(session, a.id, AgreementStatus.DRAFT, a.version)
    with pytest.raises(TransitionError, match="only by renewing"):
        change_status(session, a.id, AgreementStatus.RENEWED, a.version)
    a = change_status(session, a.id, AgreementStatus.TERMINATED, a.version)
    with pytest.raises(TransitionError, match="none: it is final"):
        change_status(session, a.id, AgreementStatus.ACTIVE, a.version)


def test_renewal_creates_a_linked_successor(session: Session, partner: PartnerView) -> None:
    a = create_agreement(
        session,
        agreement_input(
            partner.id,
            status=AgreementStatus.ACTIVE,
            signed_date=date(2025, 12, 1),
            auto_renew=True,
            renewal_term_months=12,
        ),
    )
    successor = renew_agreement(session, a.id, a.version, actor="mei")
    old = get_agreement(session, a.id)
    assert old.status is AgreementStatus.RENEWED
    assert old.successor_reference == successor.reference
    assert successor.predecessor_reference == a.reference
    assert successor.status is AgreementStatus.DRAFT
    assert (successor.start_date, successor.end_date) == (date(2028, 1, 1), date(2028, 12, 31))
    assert successor.terms["operating_model"] is OperatingModel.DIRECT
    assert [k.metric for k in successor.kpis] == [k.metric for k in old.kpis]
    with pytest.raises(TransitionError, match="only active or expired"):
        renew_agreement(session, a.id, old.version)


def test_draft_cannot_be_renewed(session: Session, agreement: AgreementView) -> None:
    with pytest.raises(TransitionError, match="is draft"):
        renew_agreement(session, agreement.id, agreement.version)


def test_delete_is_audited_and_unlinks_successors(session: Session, partner: PartnerView) -> None:
    a = create_agreement(
        session,
        agreement_input(partner.id, status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 1)),
    )
    successor = renew_agreement(session, a.id, a.version)
    delete_agreement(session, a.id, actor="mei")
    assert get_agreement(session, successor.id).predecessor_id is None
    entries = history(session, "agreement", a.id)
    assert entries[0].action.value == "delete"
    assert a.reference in (entries[0].old_value or "")


def test_lookup_by_reference(session: Session, agreement: AgreementView) -> None:
    assert get_agreement_by_reference(session, agreement.reference).id == agreement.id


def test_type_cannot_change_after_saving(session: Session, agreement: AgreementView) -> None:
    data = replace(agreement.to_input(), type=AgreementType.LOGISTICS, terms={})
    with pytest.raises(ValidationError, match="cannot change"):
        update_agreement(session, agreement.id, data, agreement.version)


def test_partner_must_exist(session: Session) -> None:
    other = create_partner(session, PartnerInput(legal_name="Real Ltd", country="GB"))
    err = _refused(session, other.id + 99)
    assert "no partner with id" in err.for_field("partner")[0]


def test_reference_lookup_forgives_case(session: Session, agreement: AgreementView) -> None:
    assert get_agreement_by_reference(session, agreement.reference.lower()).id == agreement.id
