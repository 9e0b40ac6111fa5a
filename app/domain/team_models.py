"""The team's approval policies and decisions, and the reminders' sent log.

Kept beside ``models.py`` (which imports this module at its end and re-exports its classes,
so one ``Base.metadata`` holds every table) because the agreement model is long enough.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import AgreementType
from app.domain.models import Base, Money, enum_column
from app.domain.types import UTCDateTime, utcnow


class ApprovalPolicy(Base):
    """Agreements of a type (every type when None) worth at least ``min_value`` in the
    base currency need ``approvals`` distinct approvers, one an admin if asked."""

    __tablename__ = "approval_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_type: Mapped[AgreementType | None] = mapped_column(enum_column(AgreementType))
    min_value: Mapped[Decimal] = mapped_column(Money)
    approvals: Mapped[int] = mapped_column(Integer)
    admin_required: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("agreement_type", "min_value"),)


class Approval(Base):
    """One person's decision on one agreement, valid while its material terms are those
    it was given on (``terms_digest``): a later material change withdraws it."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    login: Mapped[str] = mapped_column(String(120))  # session_user on PostgreSQL
    approved: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    terms_digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # An agreement's decisions, with whose and which way (migration 0022): the dashboard's
    # queue picks the approver's own and the rejections among a waiting agreement's
    # decisions from the index alone, reading only those rows.
    __table_args__ = (
        Index("ix_approvals_agreement_decision", "agreement_id", "login", "approved"),
    )


class NotificationSent(Base):
    """One occasion (an item at one escalation step) told to one person on one channel.

    Written only after the mail server or the chat service accepted the message, so a
    failed delivery is tried again on the next run and a delivered one never twice.
    """

    __tablename__ = "notification_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occasion: Mapped[str] = mapped_column(String(200))
    login: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(80))
    reference: Mapped[str] = mapped_column(String(40), default="")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("occasion", "login", "channel"),)
