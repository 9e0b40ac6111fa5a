"""The seller register's tables (platform model): sellers, their stores, the brands they
may sell under which brand agreement, qualification documents and violations.

Kept beside ``models.py`` (which imports this module at its end, so one ``Base.metadata``
holds every table) because the agreement model is already long.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.models import Base, Money, Percent, enum_column
from app.domain.sellers import (
    DepositStatus,
    SellerDocumentKind,
    SellerStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
)
from app.domain.types import ScaledDecimal, UTCDateTime, utcnow


class Seller(Base):
    """A third-party seller: the company, its deposit and its latest scorecard measures."""

    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), index=True)
    local_name: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    status: Mapped[SellerStatus] = mapped_column(
        enum_column(SellerStatus), default=SellerStatus.ONBOARDING
    )
    # The deposit as paid in; what is left of it is this less the counted deductions.
    deposit_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    deposit_currency: Mapped[str] = mapped_column(String(3))
    deposit_status: Mapped[DepositStatus] = mapped_column(
        enum_column(DepositStatus), default=DepositStatus.PAID
    )
    # The scorecard's measures as last reported by the platform's seller centre.
    on_time_shipment_pct: Mapped[Decimal | None] = mapped_column(Percent)
    dispute_rate_pct: Mapped[Decimal | None] = mapped_column(Percent)
    rating: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4, 2))
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    stores: Mapped[list[SellerStore]] = relationship(
        back_populates="seller", cascade="all, delete-orphan", order_by="SellerStore.id"
    )
    brands: Mapped[list[SellerBrand]] = relationship(
        back_populates="seller", cascade="all, delete-orphan", order_by="SellerBrand.id"
    )
    documents: Mapped[list[SellerDocument]] = relationship(
        back_populates="seller", cascade="all, delete-orphan", order_by="SellerDocument.id"
    )
    violations: Mapped[list[SellerViolation]] = relationship(
        back_populates="seller",
        cascade="all, delete-orphan",
        order_by="SellerViolation.occurred_on",
    )

    __table_args__ = (UniqueConstraint("legal_name", "country"),)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SellerStore(Base):
    __tablename__ = "seller_stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(300), default="")
    shop_id: Mapped[str] = mapped_column(String(64), default="")

    seller: Mapped[Seller] = relationship(back_populates="stores")


class SellerBrand(Base):
    """The authorisation chain: brand owner → brand agreement (platform model) → seller."""

    __tablename__ = "seller_brands"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    # CASCADE: the authorisation exists only through the agreement; deleting the agreement
    # (itself in the audit trail) ends it, as the chain says.
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    brand: Mapped[str] = mapped_column(String(200))

    seller: Mapped[Seller] = relationship(back_populates="brands")

    __table_args__ = (UniqueConstraint("seller_id", "agreement_id", "brand"),)


class SellerDocument(Base):
    __tablename__ = "seller_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SellerDocumentKind] = mapped_column(enum_column(SellerDocumentKind))
    number: Mapped[str] = mapped_column(String(120), default="")
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)

    seller: Mapped[Seller] = relationship(back_populates="documents")


class SellerViolation(Base):
    __tablename__ = "seller_violations"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[ViolationKind] = mapped_column(enum_column(ViolationKind))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity))
    description: Mapped[str] = mapped_column(Text, default="")
    penalty: Mapped[Decimal | None] = mapped_column(Money)
    penalty_currency: Mapped[str | None] = mapped_column(String(3))
    # Taken from the deposit, in the deposit's currency (exact, never converted).
    deduction: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    status: Mapped[ViolationStatus] = mapped_column(
        enum_column(ViolationStatus), default=ViolationStatus.OPEN
    )

    seller: Mapped[Seller] = relationship(back_populates="violations")
