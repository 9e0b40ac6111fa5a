"""The authorisation chain and the qualification documents.

A seller may sell a brand only under a brand agreement of the platform model that is in
force (and not past its end date, even if nobody has marked it expired yet) and whose
partner is the brand's owner: brand owner → agreement → seller. A direct
sales agreement is refused (we buy and ship those goods ourselves), as is an agreement of
another type, or one not in force on the day the link is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.domain.enums import AgreementType, AuditAction, OperatingModel, PartnerRole
from app.domain.models import Agreement, BrandAgreement, Partner
from app.domain.seller_models import Seller, SellerBrand, SellerDocument
from app.domain.sellers import SellerDocumentKind, SellerStatus
from app.domain.text import clean_text, is_visible
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.audit import current_actor, record_event
from app.services.scope import Scope, scope_of
from app.services.sellers.register import ENTITY


@dataclass(frozen=True, slots=True)
class BrandLinkView:
    id: int
    brand: str
    agreement_id: int
    reference: str
    brand_owner: str
    agreement_in_force: bool


@dataclass(frozen=True, slots=True)
class DocumentView:
    id: int
    kind: SellerDocumentKind
    number: str
    expires_on: date | None


def _seller(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id)
    if seller is None:
        raise NotFoundError(f"no seller with id {seller_id}")
    return seller


def _note(session: Session, seller_id: int, what: str, summary: str, actor: str | None) -> None:
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=seller_id,
        action=AuditAction.UPDATE,
        field=what,
        summary=summary,
    )


def chain_problem(agreement: Agreement | None, brand: str, as_of: date) -> str | None:
    """Why a seller may not sell ``brand`` under ``agreement``, or None when it may."""
    if agreement is None:
        return "no such agreement"
    ref = agreement.reference
    if not isinstance(agreement, BrandAgreement) or agreement.type is not AgreementType.BRAND:
        return f"{ref} is a {agreement.type.value} agreement; sellers sell under brand agreements"
    if agreement.operating_model is not OperatingModel.PLATFORM:
        return f"{ref} is direct sales (we buy and ship ourselves); sellers need the platform model"
    if scope_of(agreement.status, agreement.end_date, as_of) is not Scope.IN_FORCE:
        return f"{ref} is {agreement.status.value}, not in force"
    if agreement.end_date < as_of:
        # Still marked active, but its term is over: nothing is authorised under it.
        return f"{ref} ended on {agreement.end_date.isoformat()}"
    roles = {link.role for link in agreement.partner.roles}
    if PartnerRole.BRAND_OWNER not in roles:
        return f"{ref}'s partner {agreement.partner.legal_name} is not a brand owner"
    if agreement.brands and brand not in agreement.brands:
        return f"{brand} is not among {ref}'s brands ({', '.join(agreement.brands)})"
    return None


def link_brand(
    session: Session,
    seller_id: int,
    agreement_id: int,
    brand: str,
    as_of: date | None = None,
    actor: str | None = None,
) -> BrandLinkView:
    """Let the seller sell ``brand`` under the brand agreement; refused off the chain."""
    seller = _seller(session, seller_id)
    if seller.status is SellerStatus.TERMINATED:
        raise ValidationError(
            [FieldError("seller", f"{seller.legal_name} is terminated; it may sell nothing")]
        )
    brand = clean_text(brand)
    if not is_visible(brand):
        raise ValidationError([FieldError("brand", "name the brand the seller may sell")])
    agreement = session.get(
        Agreement,
        agreement_id,
        options=[selectinload(Agreement.partner).selectinload(Partner.roles)],
    )
    problem = chain_problem(agreement, brand, as_of or date.today())
    if problem:
        raise ValidationError([FieldError("agreement", problem)])
    assert agreement is not None
    exists = session.scalar(
        select(SellerBrand.id).where(
            SellerBrand.seller_id == seller_id,
            SellerBrand.agreement_id == agreement_id,
            SellerBrand.brand == brand,
        )
    )
    if exists is not None:
        raise ValidationError(
            [
                FieldError(
                    "brand",
                    f"{seller.legal_name} already sells {brand} under {agreement.reference}",
                )
            ]
        )
    link = SellerBrand(seller_id=seller_id, agreement_id=agreement_id, brand=brand)
    session.add(link)
    session.flush()
    _note(session, seller_id, "brands", f"may sell {brand} under {agreement.reference}", actor)
    return BrandLinkView(
        link.id, brand, agreement.id, agreement.reference, agreement.partner.legal_name, True
    )


def unlink_brand(session: Session, link_id: int, actor: str | None = None) -> None:
    link = session.get(SellerBrand, link_id)
    if link is None:
        raise NotFoundError(f"no seller brand with id {link_id}")
    reference = session.scalar(select(Agreement.reference).where(Agreement.id == link.agreement_id))
    _note(
        session, link.seller_id, "brands", f"no longer sells {link.brand} under {reference}", actor
    )
    session.delete(link)
    session.flush()


def brands_of(session: Session, seller_id: int, as_of: date | None = None) -> list[BrandLinkView]:
    """The seller's brands with their chain; a link whose agreement ended shows it."""
    day = as_of or date.today()
    rows = session.execute(
        select(
            SellerBrand,
            Agreement.reference,
            Agreement.status,
            Agreement.end_date,
            Partner.legal_name,
        )
        .join(Agreement, Agreement.id == SellerBrand.agreement_id)
        .join(Partner, Partner.id == Agreement.partner_id)
        .where(SellerBrand.seller_id == seller_id)
        .order_by(SellerBrand.brand, Agreement.reference)
    )
    return [
        BrandLinkView(
            link.id,
            link.brand,
            link.agreement_id,
            ref,
            owner,
            scope_of(status, end, day) is Scope.IN_FORCE and end >= day,
        )
        for link, ref, status, end, owner in rows
    ]


def add_document(
    session: Session,
    seller_id: int,
    kind: SellerDocumentKind,
    number: str = "",
    expires_on: date | None = None,
    actor: str | None = None,
) -> DocumentView:
    _seller(session, seller_id)
    doc = SellerDocument(
        seller_id=seller_id, kind=kind, number=clean_text(number), expires_on=expires_on
    )
    session.add(doc)
    session.flush()
    until = f" until {expires_on.isoformat()}" if expires_on else ""
    _note(session, seller_id, "documents", f"added {kind.value} {doc.number}{until}".strip(), actor)
    return DocumentView(doc.id, doc.kind, doc.number, doc.expires_on)


def remove_document(session: Session, document_id: int, actor: str | None = None) -> None:
    doc = session.get(SellerDocument, document_id)
    if doc is None:
        raise NotFoundError(f"no seller document with id {document_id}")
    _note(
        session, doc.seller_id, "documents", f"removed {doc.kind.value} {doc.number}".strip(), actor
    )
    session.delete(doc)
    session.flush()


def documents_of(session: Session, seller_id: int) -> list[DocumentView]:
    docs = session.scalars(
        select(SellerDocument)
        .where(SellerDocument.seller_id == seller_id)
        .order_by(SellerDocument.expires_on, SellerDocument.id)
    )
    return [DocumentView(d.id, d.kind, d.number, d.expires_on) for d in docs]


@dataclass(frozen=True, slots=True)
class ExpiringSellerDocument:
    """A seller's qualification document expired or about to: it joins the dashboard's
    expiring documents beside the agreements' own."""

    document_id: int
    seller_id: int
    seller: str
    seller_local_name: str | None
    kind: SellerDocumentKind
    number: str
    expires_on: date
    days_left: int


def _expiring(today: date, within_days: int) -> Any:
    # A terminated seller's papers are history, as an ended agreement's are.
    return (
        SellerDocument.expires_on.is_not(None),
        SellerDocument.expires_on <= today + timedelta(days=within_days),
        Seller.status != SellerStatus.TERMINATED,
    )


def expiring_seller_documents(
    session: Session, today: date, within_days: int = 60, limit: int = 200
) -> list[ExpiringSellerDocument]:
    rows = session.execute(
        select(
            SellerDocument.id,
            Seller.id,
            Seller.legal_name,
            Seller.local_name,
            SellerDocument.kind,
            SellerDocument.number,
            SellerDocument.expires_on,
        )
        .join(Seller, Seller.id == SellerDocument.seller_id)
        .where(*_expiring(today, within_days))
        .order_by(SellerDocument.expires_on, Seller.legal_name)
        .limit(limit)
    )
    found = []
    for doc_id, seller_id, name, local, kind, number, expires in rows:
        assert expires is not None  # the query asks for documents that expire
        days = (expires - today).days
        found.append(
            ExpiringSellerDocument(doc_id, seller_id, name, local, kind, number, expires, days)
        )
    return found


def count_expiring_seller_documents(session: Session, today: date, within_days: int = 60) -> int:
    """As many as ``expiring_seller_documents`` would list, uncapped."""
    found = session.scalar(
        select(func.count())
        .select_from(SellerDocument)
        .join(Seller, Seller.id == SellerDocument.seller_id)
        .where(*_expiring(today, within_days))
    )
    return found or 0


def link_brand_by_reference(
    session: Session,
    seller_id: int,
    reference: str,
    brand: str,
    as_of: date | None = None,
    actor: str | None = None,
) -> BrandLinkView:
    """``link_brand`` with the agreement named as people write it (``br-2026-0042``)."""
    text = clean_text(reference).upper()
    agreement_id = session.scalar(
        select(Agreement.id).where(func.upper(Agreement.reference) == text)
    )
    if agreement_id is None:
        raise ValidationError([FieldError("agreement", f"no agreement {reference!r}")])
    return link_brand(session, seller_id, agreement_id, brand, as_of, actor)
