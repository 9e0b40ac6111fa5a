"""The frozen data each report is drawn from, built by ``app.services.reporting``.

Renderers read these and nothing else: no session, no query, no lazy load reaches
``app/reports``. Service views (already frozen dataclasses) are reused as they are; they
are imported for type checking only, so rendering never pulls in the service layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.enums import AgreementStatus, AgreementType
    from app.services.agreements import AgreementView
    from app.services.audit import AuditView
    from app.services.dashboard import DecisionDue, RedKpi
    from app.services.fx import RateInForce
    from app.services.listing import AgreementRow
    from app.services.milestones import OverdueMilestone
    from app.services.partners import PartnerView
    from app.services.portfolio import PortfolioFigures


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What every report prints in its header and footer."""

    company: str
    generated_at: datetime  # UTC
    as_of: date
    lang: str = "en"
    base_currency: str = "CNY"
    logo: bytes | None = None  # PNG/JPEG of the company logo, if one is set


@dataclass(frozen=True, slots=True)
class CurrencyLine:
    currency: str
    count: int
    value: Decimal
    rate: RateInForce | None  # None: no rate on the as-of date
    value_base: Decimal | None


@dataclass(frozen=True, slots=True)
class ConvertedTotal:
    """Amounts in several currencies, summed once converted to the base currency."""

    base_currency: str
    by_currency: tuple[CurrencyLine, ...]
    total_base: Decimal
    rates: tuple[RateInForce, ...]  # the rates used, base currency left out
    missing_rates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementReportData:
    context: ReportContext
    agreement: AgreementView
    partner: PartnerView
    history: tuple[AuditView, ...]
    history_total: int
    value_base: Decimal | None = None  # the contract value in the base currency
    rate: RateInForce | None = None


@dataclass(frozen=True, slots=True)
class PortfolioFilters:
    types: tuple[AgreementType, ...] = ()
    statuses: tuple[AgreementStatus, ...] = ()
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class PortfolioReportData:
    context: ReportContext
    filters: PortfolioFilters
    figures: PortfolioFigures
    active_count: int  # the live portfolio: agreements in force on the as-of date
    decisions: tuple[DecisionDue, ...]  # within 90 days of the as-of date
    red_kpis: tuple[RedKpi, ...]
    overdue_milestones: tuple[OverdueMilestone, ...]
    rows: tuple[AgreementRow, ...] = field(default=())  # the appendix
    include_appendix: bool = True
    # The headline figure: active agreements only. ``figures.total_value_base`` also
    # counts expired, terminated, renewed and draft agreements.
    active_value_base: Decimal = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class RenewalReportData:
    context: ReportContext
    within_days: int
    decisions: tuple[DecisionDue, ...]  # decision date in [as of, as of + within_days]
    total: ConvertedTotal
    # Live agreements whose decision date has passed, most overdue first.
    missed: tuple[DecisionDue, ...] = ()
    missed_total: ConvertedTotal | None = None


@dataclass(frozen=True, slots=True)
class PartnerReportData:
    context: ReportContext
    partner: PartnerView
    agreements: tuple[AgreementRow, ...]
    total: ConvertedTotal
