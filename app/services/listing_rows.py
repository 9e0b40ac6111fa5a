"""What the agreements and partners lists are asked (a filter) and answer (a row),
without SQLAlchemy.

Shared by ``app.services.listing`` and ``partner_listing`` (the ORM's queries, any
database) and ``app.services.listing_driver`` (the same lists read through ``sqlite3`` or
``psycopg`` for the command line, which must answer before SQLAlchemy could even be
imported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
)

if TYPE_CHECKING:
    from app.services.fx import RateInForce
    from app.services.kpi_series import KpiTrend


@dataclass(frozen=True, slots=True)
class AgreementFilter:
    types: frozenset[AgreementType] = field(default_factory=frozenset)
    statuses: frozenset[AgreementStatus] = field(default_factory=frozenset)
    owner: str | None = None  # the owner's name (any case) or login
    owner_login: str | None = None  # the owner, by their login in the people register
    partner: str | None = None  # partner name in either script, substring
    partner_id: int | None = None
    search: str | None = None  # reference, title, partner names, owner, description
    operating_model: OperatingModel | None = None
    expiring_within: int | None = None  # decision date from today to today + N days
    decision_from: date | None = None
    decision_to: date | None = None
    start_from: date | None = None
    end_to: date | None = None
    today: date | None = None  # for expiring_within; defaults to date.today()
    ids: frozenset[int] | None = None  # only these agreements (a selection in a list)


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: int
    reference: str
    title: str
    type: AgreementType
    partner_id: int
    partner_name: str
    partner_local_name: str | None
    owner: str
    status: AgreementStatus
    currency: str
    value: Decimal
    signed_date: date | None
    start_date: date
    end_date: date
    notice_days: int
    decision_date: date
    auto_renew: bool
    operating_model: OperatingModel | None
    # The value in the base currency with the rate in force; None: no rate to convert with.
    base_value: Decimal | None = None
    base_rate: RateInForce | None = None  # the rate it was converted with (date, source)
    kpi_trend: KpiTrend | None = None  # the first KPI's latest readings (the sparkline)

    @property
    def partner_display(self) -> str:
        if self.partner_local_name and self.partner_local_name != self.partner_name:
            return f"{self.partner_name} ({self.partner_local_name})"
        return self.partner_name


@dataclass(frozen=True, slots=True)
class PartnerFilter:
    search: str | None = None  # either script, substring
    country: str | None = None
    role: PartnerRole | None = None
    status: PartnerStatus | None = None
    roles_any: frozenset[PartnerRole] = field(default_factory=frozenset)
    ids: frozenset[int] | None = None  # only these partners (a selection in a list)


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    legal_name: str
    local_name: str | None
    country: str
    status: PartnerStatus
    roles: tuple[PartnerRole, ...]
    agreement_count: int


PARTNER_SORT_KEYS = ("legal_name", "local_name", "country", "status", "agreement_count")
