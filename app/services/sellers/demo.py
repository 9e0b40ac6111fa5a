"""Demo sellers: a few third-party sellers under the demo's platform-model brand agreements,
with scorecards of every colour, papers about to expire and this quarter's violations, so
the dashboard, the lists and the reports have something to show."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementType, OperatingModel, PartnerRole
from app.domain.models import BrandAgreement, Partner, PartnerRoleLink
from app.domain.seller_models import Seller
from app.domain.sellers import (
    DepositStatus,
    SellerDocumentKind,
    SellerStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
)
from app.services.scope import Scope, in_scope
from app.services.sellers.chain import add_document, link_brand
from app.services.sellers.register import SellerInput, StoreInput, create_seller
from app.services.sellers.supervision import ViolationInput, record_violation

D = Decimal
# name, local name, country, deposit currency and amount, on-time %, dispute %, rating
SELLERS = (
    ("Harbour Trading Ltd", "海港贸易有限公司", "HK", "CNY", "50000.00", "98.2", "0.6", "4.8"),
    ("Kiwi Direct Ltd", "新西兰优选有限公司", "NZ", "USD", "15000.00", "93.5", "1.8", "4.6"),
    ("Osaka Select KK", "大阪优选株式会社", "JP", "JPY", "2000000", "88.0", "2.4", "4.3"),
    ("EuroShop Global GmbH", "欧购环球有限公司", "DE", "EUR", "20000.00", "96.0", "3.6", "4.1"),
    ("Pacific Bridge Pty Ltd", "太平洋桥有限公司", "AU", "CNY", "30000.00", "97.1", "0.9", "4.7"),
    ("Seoul Beauty Hub Co", "首尔美妆汇有限公司", "KR", "CNY", "40000.00", "91.0", "1.2", "4.4"),
)

BL, BA, IP = (
    SellerDocumentKind.BUSINESS_LICENCE,
    SellerDocumentKind.BRAND_AUTHORISATION,
    SellerDocumentKind.IMPORT_PERMIT,
)
# Per seller: its papers and in how many days each expires (some expired, some soon).
DOCUMENTS: tuple[tuple[tuple[SellerDocumentKind, str, int], ...], ...] = (
    ((BL, "BL-HK-4100", 20), (BA, "BA-5200", 365)),
    ((BL, "BL-NZ-4101", 300), (BA, "BA-5201", -5)),
    ((BL, "BL-JP-4102", 45), (BA, "BA-5202", 180), (IP, "IP-6302", 28)),
    ((BL, "BL-DE-4103", 400), (BA, "BA-5203", 50), (IP, "IP-6303", -10)),
    ((BL, "BL-AU-4104", 12), (BA, "BA-5204", 500)),
    ((BL, "BL-KR-4105", 700), (BA, "BA-5205", 90)),
)
K, S, St = ViolationKind, Severity, ViolationStatus


def load_demo_sellers(session: Session, today: date, seed: int, actor: str = "demo") -> int:
    """Register the demo sellers not there yet; returns how many were added."""
    rng = random.Random(seed)
    # Only the id and brands of each, in id order: a million-agreement demo has tens of
    # thousands of these, and loading them as objects with their partners took seconds.
    rows = session.execute(
        select(BrandAgreement.id, BrandAgreement.brands)
        .join(Partner, Partner.id == BrandAgreement.partner_id)
        .join(PartnerRoleLink, PartnerRoleLink.partner_id == Partner.id)
        .where(
            BrandAgreement.type == AgreementType.BRAND,
            BrandAgreement.operating_model == OperatingModel.PLATFORM,
            PartnerRoleLink.role == PartnerRole.BRAND_OWNER,
            in_scope(Scope.IN_FORCE, today),
        )
        .order_by(BrandAgreement.id)
    )
    # Each agreement once, where its first row was (a join row per matching role link).
    agreements = [(aid, brands) for aid, brands in dict(rows.all()).items() if brands]
    if not agreements:
        return 0
    have = {(s.legal_name, s.country) for s in session.scalars(select(Seller))}
    added = 0
    quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    for i, (name, local, country, currency, deposit, on_time, disputes, rating) in enumerate(
        SELLERS
    ):
        if (name, country) in have:
            continue
        seller = create_seller(
            session,
            SellerInput(
                legal_name=name, local_name=local, country=country, deposit_currency=currency,
                deposit_amount=D(deposit), status=SellerStatus.ACTIVE,
                deposit_status=DepositStatus.HELD if i == 2 else DepositStatus.PAID,
                on_time_shipment_pct=D(on_time), dispute_rate_pct=D(disputes), rating=D(rating),
                stores=(StoreInput(f"{name.split()[0]} Overseas Flagship Store",
                                   f"https://{name.split()[0].lower()}.tmall.hk",
                                   str(660100 + i)),),
            ),
            actor=actor,
        )  # fmt: skip
        added += 1
        for aid, brands in rng.sample(agreements, min(2, len(agreements))):
            link_brand(session, seller.id, aid, brands[0], as_of=today, actor=actor)
        for paper, number, days in DOCUMENTS[i]:
            expires = today + timedelta(days=days)
            add_document(session, seller.id, paper, number, expires, actor=actor)
        for day, kind, severity, penalty, deduction, status in _violations(i, quarter, today):
            record_violation(
                session, seller.id,
                ViolationInput(
                    occurred_on=day, kind=kind, severity=severity, penalty=penalty,
                    penalty_currency=currency, deduction=deduction, status=status,
                    description=f"{kind.value.replace('_', ' ')} reported by the platform",
                ),
                actor=actor,
            )  # fmt: skip
    return added


def _violations(
    i: int, quarter: date, today: date
) -> list[tuple[date, ViolationKind, Severity, Decimal, Decimal, ViolationStatus]]:
    soon = min(quarter + timedelta(days=10), today)
    plan = {
        1: [(soon, K.LATE_SHIPMENT, S.MINOR, D("500.00"), D("500.00"), St.UPHELD)],
        2: [
            (
                today - timedelta(days=200),
                K.LATE_SHIPMENT,
                S.MINOR,
                D("50000"),
                D("50000"),
                St.UPHELD,
            ),
            (today - timedelta(days=90), K.CUSTOMS, S.MAJOR, D("200000"), D("200000"), St.UPHELD),
            (soon, K.COUNTERFEIT, S.CRITICAL, D("500000"), D("500000"), St.OPEN),
        ],
        3: [
            (soon, K.FALSE_ADVERTISING, S.MAJOR, D("3000.00"), D("2000.00"), St.APPEALED),
            (
                today - timedelta(days=150),
                K.LATE_SHIPMENT,
                S.MINOR,
                D("800.00"),
                D("0.00"),
                St.DISMISSED,
            ),
        ],
        5: [(soon, K.LATE_SHIPMENT, S.MINOR, D("1200.00"), D("1200.00"), St.UPHELD)],
    }
    return plan.get(i, [])
