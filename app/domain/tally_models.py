"""Running totals of agreements that the dashboard reads instead of a million rows.

The database keeps them (triggers on ``agreements`` and ``brand_terms``, migration 0015),
so every path that writes an agreement — the editor, the import, the demo load, undo, a
restricted editor under row security, plain SQL — keeps them right without knowing of
them. A row may fall to zero agreements and stay: readers skip those.

Kept beside ``models.py``, which imports this module at its end (one ``Base.metadata``).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.models import Base, enum_column
from app.domain.types import ScaledDecimal

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
