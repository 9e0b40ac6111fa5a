"""One seller seen whole (the Sellers page's 360° view): the register, the authorisation
chain, the papers and the violations, read in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.services.sellers.chain import BrandLinkView, DocumentView, brands_of, documents_of
from app.services.sellers.register import SellerView, get_seller
from app.services.sellers.supervision import ViolationView, deposit_balance, violations_of


@dataclass(frozen=True, slots=True)
class SellerDetail:
    seller: SellerView
    deposit_balance: Decimal
    brands: tuple[BrandLinkView, ...]
    documents: tuple[DocumentView, ...]
    violations: tuple[ViolationView, ...]  # newest first


def seller_detail(session: Session, seller_id: int, as_of: date) -> SellerDetail:
    return SellerDetail(
        get_seller(session, seller_id),
        deposit_balance(session, seller_id),
        tuple(brands_of(session, seller_id, as_of)),
        tuple(documents_of(session, seller_id)),
        tuple(reversed(violations_of(session, seller_id))),
    )
