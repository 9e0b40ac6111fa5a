"""The PartnerDesk data model (SQLAlchemy 2 typed declarative).

Agreements use joined-table inheritance: the common contract lives in ``agreements`` and
each cooperation type keeps its own terms as typed columns in its own table.
Amounts inside an agreement are in the agreement's ``currency``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuditAction,
    AuthorisationLevel,
    ChargebackLiability,
    DocumentKind,
    DutyPayer,
    Festival,
    ImportMode,
    InventoryHolder,
    KpiDirection,
    MilestoneStatus,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
    PaymentTerms,
    RateBasis,
)
from app.domain.roles import Role
from app.domain.types import ScaledDecimal, StringList, UTCDateTime, utcnow

# Stable constraint names make Alembic migrations reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

Money: ScaledDecimal = ScaledDecimal(18, 2)
Percent: ScaledDecimal = ScaledDecimal(9, 4)
Rate = ScaledDecimal(18, 6)


def enum_column(enum: type[StrEnum], length: int = 32) -> Enum:
    # Stored as the enum's value (e.g. "pending_approval"), not its Python name, so the
    # database reads the same as the CLI, CSV and JSON.
    return Enum(
        enum,
        native_enum=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Settings shared by everyone using one database (base currency, company name)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Person(Base):
    """Someone who uses the database: their login, names in both scripts, their role.

    On PostgreSQL ``login`` is the database role the person connects as; on SQLite the
    operating-system login. An agreement's owner is a person: ``Agreement.owner_login``.
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    team: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role, 16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The language their reminders are written in ("en" or "zh"; "" = the database's).
    language: Mapped[str] = mapped_column(String(8), default="")

    @property
    def display_name(self) -> str:
        if self.name_local and self.name_local != self.name:
            return f"{self.name} ({self.name_local})"
        return self.name


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), index=True)
    local_name: Mapped[str | None] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2))
    website: Mapped[str | None] = mapped_column(String(300))
    # As the contract names the party: its registered address and legal identifier (the
    # USCC 统一社会信用代码 of a Chinese company, a company number, a VAT id).
    address: Mapped[str | None] = mapped_column(String(500))
    registration_number: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[PartnerStatus] = mapped_column(
        enum_column(PartnerStatus), default=PartnerStatus.ACTIVE
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    roles: Mapped[list[PartnerRoleLink]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", order_by="PartnerRoleLink.role"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", order_by="Contact.id"
    )
    agreements: Mapped[list[Agreement]] = relationship(back_populates="partner")

    __table_args__ = (UniqueConstraint("legal_name", "country"),)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def display_name(self) -> str:
        if self.local_name and self.local_name != self.legal_name:
            return f"{self.legal_name} ({self.local_name})"
        return self.legal_name


class PartnerRoleLink(Base):
    __tablename__ = "partner_roles"

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[PartnerRole] = mapped_column(enum_column(PartnerRole), primary_key=True)

    partner: Mapped[Partner] = relationship(back_populates="roles")


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    # The job title a signature block prints (e.g. "General Manager"); ``role`` is the
    # contact's part in the partnership (e.g. "account manager").
    title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")

    partner: Mapped[Partner] = relationship(back_populates="contacts")


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[AgreementType] = mapped_column(enum_column(AgreementType), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"))
    # The owner is a person of the register (owner_login); ``owner`` keeps their name as
    # the register gives it, for lists that sort and filter a million rows by name.
    owner: Mapped[str] = mapped_column(String(120), default="", index=True)
    owner_login: Mapped[str | None] = mapped_column(
        String(120), ForeignKey("people.login", onupdate="CASCADE"), index=True
    )
    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), index=True)
    signed_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=False)
    renewal_term_months: Mapped[int | None] = mapped_column(Integer)
    notice_days: Mapped[int] = mapped_column(Integer, default=0)
    # Derived (end_date - notice_days) but stored, so that "decisions due within N days"
    # is an indexed range query at 100,000 agreements. Kept in step by the services.
    decision_date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Money, index=True)
    currency: Mapped[str] = mapped_column(String(3))
    governing_law: Mapped[str] = mapped_column(String(120), default="")
    territories: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    description: Mapped[str] = mapped_column(Text, default="")
    predecessor_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="agreements")
    predecessor: Mapped[Agreement | None] = relationship(remote_side=[id])
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Milestone.due_date"
    )
    kpis: Mapped[list[KpiDefinition]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="KpiDefinition.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Attachment.id"
    )

    # partner_id has no index of its own: it leads ix_agreements_partner_value, which SQLite
    # uses as it would one (same plans, same times at 100,000 agreements). Type and status
    # keep theirs although they lead composite indexes too: rowids in table order make a
    # status filter of 55,000 rows take 85 ms instead of 150 ms.
    __table_args__ = (
        # The renewal pipeline and the dashboard ask "live agreements by decision date".
        # With the id and the other dates (migration 0020): a status's rows sorted by any
        # date from the index alone.
        Index(
            "ix_agreements_status_decision_date",
            "status",
            "decision_date",
            "id",
            "start_date",
            "end_date",
        ),
        # Covering indexes: portfolio sums by type/status/currency and by partner read
        # the index alone instead of visiting 100,000 wide rows. A type or status filter's
        # first screen by base value reads each (type, status, currency)'s values in order
        # from the first (listing.merges.by_base_value).
        Index("ix_agreements_portfolio", "type", "status", "currency", "value"),
        Index("ix_agreements_partner_value", "partner_id", "currency", "value"),
        # Each currency's agreements in value order: the list's first screen by value in
        # the base currency merges the first of each (app/services/listing/merges.py). It
        # serves a currency filter or sort as the plain currency index it replaced did.
        Index("ix_agreements_currency_value", "currency", "value"),
        # A filtered list's first screen in reference order, the default sort (migration
        # 0016): one type's or status's rows in that order; a date range's rows sorted by
        # reference from the index alone. The dates' indexes keep id order within a date,
        # and hold the other dates and the status (migration 0020): a date range's rows
        # are sorted by another date or the status from the index alone too.
        Index("ix_agreements_type_reference", "type", "reference"),
        Index("ix_agreements_status_reference", "status", "reference"),
        # A type's titles cluster (each type has its own words): its rows in title order,
        # id within a title, so a type's first screen by title is a walk (migration 0023).
        Index("ix_agreements_type_title", "type", "title", "id"),
        Index(
            "ix_agreements_decision_date_id_reference",
            "decision_date",
            "id",
            "reference",
            "start_date",
            "end_date",
            "status",
        ),
        Index(
            "ix_agreements_start_date_id_reference",
            "start_date",
            "id",
            "reference",
            "end_date",
            "decision_date",
            "status",
        ),
        Index(
            "ix_agreements_end_date_id_reference",
            "end_date",
            "id",
            "reference",
            "start_date",
            "decision_date",
            "status",
        ),
    )
    __mapper_args__: dict[str, Any] = {  # noqa: RUF012
        "polymorphic_on": "type",
        "version_id_col": version,
    }


class BrandAgreement(Agreement):
    __tablename__ = "brand_terms"

    id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    brands: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    product_categories: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    operating_model: Mapped[OperatingModel] = mapped_column(enum_column(OperatingModel), index=True)
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    authorisation_level: Mapped[AuthorisationLevel | None] = mapped_column(
        enum_column(AuthorisationLevel)
    )
    annual_minimum_purchase: Mapped[Decimal | None] = mapped_column(Money)  # direct sales
    commission_rate_pct: Mapped[Decimal | None] = mapped_column(Percent)  # platform model
    gmv_target: Mapped[Decimal | None] = mapped_column(Money)
    trademark_numbers: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    trademark_holder: Mapped[str] = mapped_column(String(200), default="")
    # Procurement: direct sales only (TermSpec.direct_only); blank on a platform-model one.
    purchase_currency: Mapped[str | None] = mapped_column(String(3))
    payment_terms: Mapped[PaymentTerms | None] = mapped_column(enum_column(PaymentTerms))
    payment_days: Mapped[int | None] = mapped_column(Integer)
    minimum_order: Mapped[Decimal | None] = mapped_column(Money)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    inventory_holder: Mapped[InventoryHolder | None] = mapped_column(enum_column(InventoryHolder))
    bonded_warehouse: Mapped[str] = mapped_column(String(200), default="")
    min_shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    near_expiry_returnable: Mapped[bool] = mapped_column(Boolean, default=False)

    __mapper_args__ = {"polymorphic_identity": AgreementType.BRAND}  # noqa: RUF012


class LogisticsAgreement(Agreement):
    __tablename__ = "logistics_terms"

    id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    services: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    routes: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    delivery_sla_days: Mapped[int | None] = mapped_column(Integer)
    on_time_target_pct: Mapped[Decimal | None] = mapped_column(Percent)
    loss_damage_cap_pct: Mapped[Decimal | None] = mapped_column(Percent)
    rate_basis: Mapped[RateBasis | None] = mapped_column(enum_column(RateBasis))
    rate: Mapped[Decimal | None] = mapped_column(Rate)
    liability_cap: Mapped[Decimal | None] = mapped_column(Money)
    import_mode: Mapped[ImportMode | None] = mapped_column(enum_column(ImportMode))
    duty_payer: Mapped[DutyPayer | None] = mapped_column(enum_column(DutyPayer))
    warehouse_locations: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())

    __mapper_args__ = {"polymorphic_identity": AgreementType.LOGISTICS}  # noqa: RUF012


class MarketingAgreement(Agreement):
    __tablename__ = "marketing_terms"

    id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    channels: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    budget: Mapped[Decimal | None] = mapped_column(Money)
    partner_cost_share_pct: Mapped[Decimal | None] = mapped_column(Percent)
    campaign_start: Mapped[date | None] = mapped_column(Date)
    campaign_end: Mapped[date | None] = mapped_column(Date)
    target_impressions: Mapped[int | None] = mapped_column(BigInteger)
    target_conversion_rate_pct: Mapped[Decimal | None] = mapped_column(Percent)
    target_roi: Mapped[Decimal | None] = mapped_column(Percent)
    festival: Mapped[Festival | None] = mapped_column(enum_column(Festival))
    actual_spend: Mapped[Decimal | None] = mapped_column(Money)
    actual_impressions: Mapped[int | None] = mapped_column(BigInteger)
    actual_conversion_rate_pct: Mapped[Decimal | None] = mapped_column(Percent)
    actual_roi: Mapped[Decimal | None] = mapped_column(Percent)

    __mapper_args__ = {"polymorphic_identity": AgreementType.MARKETING}  # noqa: RUF012


class PaymentAgreement(Agreement):
    __tablename__ = "payment_terms"

    id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    payment_methods: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    settlement_currencies: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    fee_rate_pct: Mapped[Decimal | None] = mapped_column(Percent)
    settlement_cycle_days: Mapped[int | None] = mapped_column(Integer)
    fx_markup_pct: Mapped[Decimal | None] = mapped_column(Percent)
    chargeback_liability: Mapped[ChargebackLiability | None] = mapped_column(
        enum_column(ChargebackLiability)
    )
    pci_dss: Mapped[bool] = mapped_column(Boolean, default=False)
    aml_kyc: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_licence_no: Mapped[str] = mapped_column(String(200), default="")
    licence_jurisdiction: Mapped[str] = mapped_column(String(200), default="")
    reserve_deposit: Mapped[Decimal | None] = mapped_column(Money)

    __mapper_args__ = {"polymorphic_identity": AgreementType.PAYMENT}  # noqa: RUF012


class PlatformAgreement(Agreement):
    __tablename__ = "platform_terms"

    id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    partner_platform: Mapped[str] = mapped_column(String(200), default="")
    markets: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    shared_resources: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    revenue_share_pct: Mapped[Decimal | None] = mapped_column(Percent)
    target_users: Mapped[int | None] = mapped_column(BigInteger)
    target_gmv: Mapped[Decimal | None] = mapped_column(Money)
    committed_monthly_uv: Mapped[int | None] = mapped_column(BigInteger)
    placement_slots: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())

    __mapper_args__ = {"polymorphic_identity": AgreementType.PLATFORM}  # noqa: RUF012


AGREEMENT_CLASSES: dict[AgreementType, type[Agreement]] = {
    AgreementType.BRAND: BrandAgreement,
    AgreementType.LOGISTICS: LogisticsAgreement,
    AgreementType.MARKETING: MarketingAgreement,
    AgreementType.PAYMENT: PaymentAgreement,
    AgreementType.PLATFORM: PlatformAgreement,
}


class Milestone(Base):
    """An obligation with a due date: a delivery, a payment, a launch, a review."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    owner: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[MilestoneStatus] = mapped_column(
        enum_column(MilestoneStatus), default=MilestoneStatus.OPEN
    )
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    completed_on: Mapped[date | None] = mapped_column(Date)
    # Whether the agreement is live (active or waiting for approval): kept by the database
    # (triggers, migration 0021), never written by the app, so the overdue list and tile
    # need not look each overdue milestone's agreement up (60,000 at a million).
    agreement_live: Mapped[bool] = mapped_column(Boolean, server_default=false())

    agreement: Mapped[Agreement] = relationship(back_populates="milestones")

    # Live agreements' open milestones in due order: the dashboard's overdue list stops
    # after a screen and its tile counts one range of this index alone (migration 0021).
    __table_args__ = (Index("ix_milestones_overdue", "status", "agreement_live", "due_date", "id"),)


class KpiDefinition(Base):
    __tablename__ = "kpi_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    metric: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(20), default="")
    target: Mapped[Decimal] = mapped_column(Rate)
    direction: Mapped[KpiDirection] = mapped_column(enum_column(KpiDirection))
    # Attainment of the latest actual, kept by the service so that "KPIs in red" is one
    # indexed query on the dashboard instead of a scan of every actual.
    latest_attainment: Mapped[str | None] = mapped_column(String(8))
    # The newest actual itself, kept by the database (triggers on kpi_actuals, migration
    # 0015) whatever path wrote it: the dashboard's red list reads these instead of
    # looking for each KPI's newest actual among millions.
    latest_period_end: Mapped[date | None] = mapped_column(Date)
    latest_value: Mapped[Decimal | None] = mapped_column(Rate)
    # latest_period_end while the newest actual is red and the agreement is live, else
    # NULL: kept by the database (triggers, migration 0021), never written by the app. The
    # dashboard's red list and tile read the partial index below, newest first.
    live_red_end: Mapped[date | None] = mapped_column(Date)

    agreement: Mapped[Agreement] = relationship(back_populates="kpis")
    actuals: Mapped[list[KpiActual]] = relationship(
        back_populates="kpi", cascade="all, delete-orphan", order_by="KpiActual.period_end"
    )

    # Red KPIs newest first is a walk down this index (it serves "latest_attainment = …"
    # alone as well, so it replaced that column's own index).
    __table_args__ = (
        Index("ix_kpi_definitions_latest", "latest_attainment", "latest_period_end"),
        Index(
            "ix_kpi_definitions_live_red",
            "live_red_end",
            "agreement_id",
            "id",
            postgresql_where=text("live_red_end IS NOT NULL"),
            sqlite_where=text("live_red_end IS NOT NULL"),
        ),
    )


class KpiActual(Base):
    __tablename__ = "kpi_actuals"

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(
        ForeignKey("kpi_definitions.id", ondelete="CASCADE"), index=True
    )
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Rate)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    kpi: Mapped[KpiDefinition] = relationship(back_populates="actuals")

    __table_args__ = (UniqueConstraint("kpi_id", "period_end"),)


class Attachment(Base):
    """A document kept in the database itself, so a team database shares it."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[DocumentKind] = mapped_column(
        enum_column(DocumentKind), default=DocumentKind.OTHER
    )
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by: Mapped[str] = mapped_column(String(120), default="")
    # Deferred: listing a contract's documents must not pull megabytes of PDF.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))

    agreement: Mapped[Agreement] = relationship(back_populates="attachments")


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, 10))
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class FxRate(Base):
    """Units of ``base`` for one unit of ``currency``, in force from ``effective_date``."""

    __tablename__ = "fx_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    base: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(20, 8))
    effective_date: Mapped[date] = mapped_column(Date)
    # Who published the rate ("PBOC", "ECB") or "manual": every converted figure says it.
    source: Mapped[str] = mapped_column(String(40), default="manual", server_default="manual")

    __table_args__ = (UniqueConstraint("currency", "base", "effective_date"),)


class ReferenceSequence(Base):
    """Last number handed out per reference prefix and year (``BR-2026-0042``)."""

    __tablename__ = "reference_sequences"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


# The seller register's tables live in their own module; importing it here puts them in
# Base.metadata whenever the model is loaded (migrations, create_all, the schema check).
import app.domain.seller_models  # noqa: E402, F401

# The figures the dashboard reads at any size, kept by triggers (migration 0015).
from app.domain import tally_models  # noqa: E402, F401

# The team's approvals and the reminders' sent log, likewise (this module is long enough);
# re-exported, as everything imports them from here.
from app.domain.team_models import (  # noqa: E402
    Approval as Approval,
)
from app.domain.team_models import (  # noqa: E402
    ApprovalPolicy as ApprovalPolicy,
)
from app.domain.team_models import (  # noqa: E402
    NotificationSent as NotificationSent,
)
