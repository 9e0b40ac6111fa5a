"""Running totals of agreements that the dashboard reads instead of a million rows.

The database keeps them (triggers on ``agreements`` and ``brand_terms``, migrations 0015
and 0022; ``approval_requests`` also on ``audit_log`` and ``approvals``),
so every path that writes an agreement — the editor, the import, the demo load, undo, a
restricted editor under row security, plain SQL — keeps them right without knowing of
them. A row may fall to zero agreements and stay: readers skip those.

Kept beside ``models.py``, which imports this module at its end (one ``Base.metadata``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.models import Base, Money, enum_column
from app.domain.types import ScaledDecimal, UTCDateTime

# Wider than an agreement's value: a sum of a million of them must fit.
Total = ScaledDecimal(24, 2)


class AgreementTally(Base):
    """Agreements and their summed value per status, type, currency, operating model
    ('' unless a brand agreement's) and end month ('YYYY-MM').

    The end month is as fine as the figures need: the quarters of the expiry chart start
    on a month, and only the month holding the as-of date needs a look at the agreements
    themselves (a renewed agreement is in force until its end date).
    """

    __tablename__ = "agreement_tallies"

    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), primary_key=True)
    type: Mapped[AgreementType] = mapped_column(enum_column(AgreementType), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    operating_model: Mapped[str] = mapped_column(String(32), primary_key=True)
    end_month: Mapped[str] = mapped_column(String(7), primary_key=True)
    agreements: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Total)


class PartnerTally(Base):
    """Agreements and their summed value per status, partner and currency: the top
    partners of the portfolio in force without grouping every agreement."""

    __tablename__ = "partner_tallies"

    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    agreements: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Total)


class PurchaseTally(Base):
    """Brand agreements with an annual minimum purchase, and those minimums summed, per
    status, operating model, currency and end month (migration 0022): the dashboard's
    cost of direct sales without joining every brand agreement's terms."""

    __tablename__ = "purchase_tallies"

    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), primary_key=True)
    operating_model: Mapped[str] = mapped_column(String(32), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    end_month: Mapped[str] = mapped_column(String(7), primary_key=True)
    agreements: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Total)


class ApprovalRequest(Base):
    """An agreement waiting for approval, as the dashboard's queue filters and sorts it
    (migration 0022): a copy of its type, currency, value and reference, when it was sent
    for approval (``approval_queue.requested_at``'s rule), who wrote its terms
    (``approvals.author``) and whether anybody decided on it (on any terms). A row exists
    exactly while the agreement is pending approval.
    """

    __tablename__ = "approval_requests"

    agreement_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    type: Mapped[AgreementType] = mapped_column(enum_column(AgreementType))
    currency: Mapped[str] = mapped_column(String(3))
    value: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(40))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    requested_by: Mapped[str] = mapped_column(String(120))
    decided: Mapped[bool] = mapped_column(Boolean)

    # The queue in its order, with every column it filters by: a screen is a walk that
    # stops after it, the count one pass over the index alone.
    __table_args__ = (
        Index(
            "ix_approval_requests_queue",
            "requested_at",
            "reference",
            "agreement_id",
            "type",
            "currency",
            "value",
            "requested_by",
        ),
        # The waiting agreements somebody decided on: the approver's own decisions and
        # rejections are looked for among theirs only.
        Index(
            "ix_approval_requests_decided",
            "agreement_id",
            "type",
            "currency",
            "value",
            postgresql_where=text("decided"),
            sqlite_where=text("decided"),
        ),
    )
