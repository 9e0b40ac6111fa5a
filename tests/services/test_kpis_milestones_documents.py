from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import (
    AgreementStatus,
    Attainment,
    DocumentKind,
    KpiDirection,
    MilestoneStatus,
)
from app.domain.models import MAX_ATTACHMENT_BYTES
from app.errors import ValidationError
from app.services.agreements import AgreementView, create_agreement, get_agreement
from app.services.attachments import (
    add_attachment,
    attachment_content,
    expiring_documents,
    remove_attachment,
)
from app.services.dashboard import attention
from app.services.kpis import KpiSpec, add_kpi, attainment, record_actual
from app.services.milestones import MilestoneInput, add_milestone, overdue_milestones
from app.services.partners import PartnerView
from tests.conftest import TODAY, agreement_input

H, L = KpiDirection.HIGHER_IS_BETTER, KpiDirection.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("target", "actual", "direction", "expected"),
    [
        ("95", "95", H, Attainment.GREEN),
        ("95", "85.5", H, Attainment.AMBER),  # exactly 10 % short
        ("95", "85.49", H, Attainment.RED),
        ("24", "24", L, Attainment.GREEN),
        ("24", "26.4", L, Attainment.AMBER),
        ("24", "26.41", L, Attainment.RED),
        ("0", "0.01", L, Attainment.RED),  # a zero-damage target has no amber band
    ],
)
def test_attainment_traffic_light(
    target: str, actual: str, direction: KpiDirection, expected: Attainment
) -> None:
    assert attainment(Decimal(target), Decimal(actual), direction) is expected


def _active(session: Session, partner: PartnerView, **changes: object) -> AgreementView:
    return create_agreement(
        session,
        agreement_input(
            partner.id, status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 1), **changes
        ),
    )


def test_latest_actual_sets_the_light_and_red_kpis_reach_the_dashboard(
    session: Session, partner: PartnerView
) -> None:
    a = _active(session, partner)
    kpi = add_kpi(session, a.id, KpiSpec("On-time delivery", "%", Decimal(95), H))
    record_actual(session, kpi.id, date(2026, 9, 30), Decimal("96"))
    after = record_actual(session, kpi.id, date(2026, 10, 31), Decimal("80"))
    assert after.attainment is Attainment.RED
    assert [x.period_end for x in after.actuals] == [date(2026, 9, 30), date(2026, 10, 31)]
    red = attention(session, TODAY).red_kpis
    assert [(r.reference, r.metric, r.latest_value) for r in red] == [
        (a.reference, "On-time delivery", Decimal("80"))
    ]
    # Correcting the same period replaces it instead of adding another.
    fixed = record_actual(session, kpi.id, date(2026, 10, 31), Decimal("95.5"))
    assert len(fixed.actuals) == 2 and fixed.attainment is Attainment.GREEN
    assert attention(session, TODAY).red_kpis == ()


def test_overdue_milestones_are_open_past_due_on_live_agreements(
    session: Session, partner: PartnerView
) -> None:
    live = _active(session, partner)
    draft = create_agreement(session, agreement_input(partner.id))
    add_milestone(session, live.id, MilestoneInput("Store launch", TODAY - timedelta(days=3)))
    add_milestone(session, live.id, MilestoneInput("Review", TODAY + timedelta(days=3)))
    add_milestone(
        session,
        live.id,
        MilestoneInput(
            "Paid",
            TODAY - timedelta(days=9),
            status=MilestoneStatus.DONE,
            completed_on=TODAY - timedelta(days=9),
        ),
    )
    add_milestone(session, draft.id, MilestoneInput("Not live", TODAY - timedelta(days=9)))
    overdue = overdue_milestones(session, TODAY)
    assert [(m.reference, m.title, m.days_overdue) for m in overdue] == [
        (live.reference, "Store launch", 3)
    ]


def test_milestone_amount_needs_a_currency(session: Session, agreement: AgreementView) -> None:
    with pytest.raises(ValidationError) as err:
        add_milestone(
            session,
            agreement.id,
            MilestoneInput("Deposit", TODAY, amount=Decimal("1000"), currency=None),
        )
    assert err.value.for_field("currency") == ["an amount needs an ISO 4217 currency"]


def test_documents_keep_their_bytes_checksum_and_expiry(
    session: Session, agreement: AgreementView
) -> None:
    content = "品牌授权书 — authorisation".encode()
    doc = add_attachment(
        session,
        agreement.id,
        "/tmp/授权书.pdf",
        content,
        kind=DocumentKind.BRAND_AUTHORISATION,
        expires_on=TODAY + timedelta(days=20),
    )
    assert doc.filename == "授权书.pdf" and doc.size == len(content)
    assert attachment_content(session, doc.id) == ("授权书.pdf", content)
    soon = expiring_documents(session, TODAY, within_days=30)
    assert [(d.filename, d.days_left) for d in soon] == [("授权书.pdf", 20)]
    assert expiring_documents(session, TODAY, within_days=10) == []
    assert [d.filename for d in get_agreement(session, agreement.id).attachments] == ["授权书.pdf"]
    remove_attachment(session, doc.id)
    assert get_agreement(session, agreement.id).attachments == ()


def test_oversized_document_is_refused(session: Session, agreement: AgreementView) -> None:
    with pytest.raises(ValidationError, match="over the 25 MB limit"):
        add_attachment(session, agreement.id, "big.bin", b"0" * (MAX_ATTACHMENT_BYTES + 1))
    assert get_agreement(session, agreement.id).attachments == ()


@pytest.mark.parametrize(
    ("status", "listed"),
    [
        (AgreementStatus.ACTIVE, True),
        (AgreementStatus.NEGOTIATION, True),  # to be renewed before signature
        (AgreementStatus.TERMINATED, False),
        (AgreementStatus.EXPIRED, False),
    ],
)
def test_expiring_documents_are_those_of_agreements_not_ended(
    session: Session, partner: PartnerView, status: AgreementStatus, listed: bool
) -> None:
    from app.services.overview import attention_counts

    held = create_agreement(
        session,
        agreement_input(
            partner.id,
            status=status,
            signed_date=date(2023, 12, 1),
            start_date=date(2024, 1, 1),
            end_date=date(2025, 12, 31) if status is AgreementStatus.EXPIRED else date(2027, 6, 30),
        ),
    )
    licence = DocumentKind.BRAND_AUTHORISATION
    add_attachment(session, held.id, "licence.pdf", b"%PDF-1.4", kind=licence,
                   expires_on=TODAY + timedelta(days=10))  # fmt: skip
    shown = [d.filename for d in expiring_documents(session, TODAY)]
    assert shown == (["licence.pdf"] if listed else [])
    assert attention_counts(session, TODAY).expiring_documents == len(shown)
