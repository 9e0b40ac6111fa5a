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

from app.domain.fx import DEFAULT_STALE_DAYS

if TYPE_CHECKING:
    from app.domain.enums import AgreementStatus, AgreementType
    from app.services.agreements import AgreementView
    from app.services.approvals import ApprovalState
    from app.services.audit import AuditView
    from app.services.dashboard import DecisionDue, RedKpi
    from app.services.fx import RateInForce
    from app.services.listing import AgreementRow
    from app.services.milestones import OverdueMilestone
    from app.services.partners import PartnerView
    from app.services.portfolio import PortfolioFigures
    from app.services.trend import TrendPoint


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What every report prints in its header and footer."""

    company: str
    generated_at: datetime  # UTC
    as_of: date
    lang: str = "en"
    base_currency: str = "CNY"
    logo: bytes | None = None  # PNG/JPEG of the company logo, if one is set
    author: str = ""  # the PDF's Author: the company, or else the user who made it
    company_address: str = ""  # our registered address, as Settings give it
    company_registration: str = ""  # our legal identifier (e.g. USCC), as Settings give it
    stale_days: int = DEFAULT_STALE_DAYS  # Settings: older on the as-of date is flagged
    # The rates this report converted with that are older than ``stale_days``: page 1
    # says so ("EUR rate is 52 days old (2026-10-12, ECB)").
    stale_rates: tuple[RateInForce, ...] = ()

    # ``company`` is "" when Settings names none: the header then stays neutral.


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
class DecisionLine:
    decision: DecisionDue
    value_base: Decimal | None  # the value at stake in the base currency (None: no rate)


@dataclass(frozen=True, slots=True)
class DecisionGroup:
    """Decisions of one window (overdue, 0-30, 31-60, 61-90 days), largest stake first.

    ``lines`` may be cut to the report's limit; ``count`` and ``total`` cover them all."""

    key: str  # "overdue", "30", "60", "90"
    lines: tuple[DecisionLine, ...]
    count: int
    total: ConvertedTotal


@dataclass(frozen=True, slots=True)
class ScopedRows:
    """Agreements of one scope (in force, pipeline, history) with their base values."""

    scope: str
    rows: tuple[AgreementRow, ...]
    values_base: tuple[Decimal | None, ...]  # one per row
    total: ConvertedTotal


@dataclass(frozen=True, slots=True)
class AgreementReportData:
    context: ReportContext
    agreement: AgreementView
    partner: PartnerView
    history: tuple[AuditView, ...]
    history_total: int
    value_base: Decimal | None = None  # the contract value in the base currency
    rate: RateInForce | None = None
    # Who approved or rejected, when, why, and whether on today's terms; None: no policy
    # covers the agreement and nobody decided on it.
    approvals: ApprovalState | None = None


@dataclass(frozen=True, slots=True)
class PortfolioFilters:
    types: tuple[AgreementType, ...] = ()
    statuses: tuple[AgreementStatus, ...] = ()
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class SellerLine:
    """One third-party seller as a report shows it (platform model)."""

    name: str
    local_name: str | None
    country: str
    status: str  # SellerStatus value
    scorecard: str  # Attainment value
    red_measures: tuple[str, ...]  # the scorecard measures in red (``SCORECARD`` names)
    violations_12m: int
    deposit_currency: str
    deposit_balance: Decimal
    deposit_status: str  # DepositStatus value
    brands: tuple[str, ...]
    agreements: tuple[str, ...] = ()  # references of the brand agreements it sells under
    seller_id: int = 0


@dataclass(frozen=True, slots=True)
class ViolationLine:
    occurred_on: date
    seller: str
    kind: str  # ViolationKind value
    severity: str
    status: str
    penalty: Decimal | None
    penalty_currency: str | None
    deduction: Decimal
    deposit_currency: str
    seller_local_name: str | None = None


@dataclass(frozen=True, slots=True)
class SellerSupervision:
    """The portfolio's "seller supervision" section: what the platform model costs."""

    sellers: int
    by_scorecard: tuple[tuple[str, int], ...]  # (Attainment value, sellers), red first
    red: tuple[SellerLine, ...]
    deposits: ConvertedTotal  # what is left of the deposits not forfeited
    quarter_start: date
    violations: tuple[ViolationLine, ...]  # this quarter's, newest first
    deducted: ConvertedTotal  # this quarter's counted deductions
    # Of ``sellers`` (terminated ones are left out), those selling a brand under a
    # platform-model agreement in force; and the day the rates were taken.
    selling: int = 0
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class PortfolioReportData:
    context: ReportContext
    filters: PortfolioFilters
    # In force on the as-of date (``figures.scope``), except ``by_scope``/``by_status``.
    figures: PortfolioFigures
    # Overdue, then the next 30/60/90 days: every group present, empty or not.
    decision_groups: tuple[DecisionGroup, ...]
    red_kpis: tuple[RedKpi, ...]  # the largest value at stake first
    overdue_milestones: tuple[OverdueMilestone, ...]
    # The appendix: every agreement by scope ("full"), or the largest in force ("top").
    appendix_groups: tuple[ScopedRows, ...] = field(default=())
    appendix: str = "none"  # "none", "top" or "full"
    # Each red KPI's agreement value in the base currency, parallel to ``red_kpis``, and
    # the total over the distinct agreements with a red KPI.
    red_kpi_values: tuple[Decimal | None, ...] = ()
    red_kpi_total: ConvertedTotal | None = None
    trend: tuple[TrendPoint, ...] = ()  # the last 8 quarters, oldest first
    expiring_documents: int = 0  # authorisations, licences... expired or due in 60 days
    sellers: SellerSupervision | None = None  # None: no seller registered

    @property
    def rows(self) -> tuple[AgreementRow, ...]:
        return tuple(r for g in self.appendix_groups for r in g.rows)

    @property
    def include_appendix(self) -> bool:
        return self.appendix != "none"

    @property
    def decisions(self) -> tuple[DecisionDue, ...]:
        return tuple(line.decision for g in self.decision_groups for line in g.lines)


@dataclass(frozen=True, slots=True)
class RenewalReportData:
    context: ReportContext
    within_days: int
    decisions: tuple[DecisionDue, ...]  # decision date in [as of, as of + within_days]
    total: ConvertedTotal
    # Live agreements whose decision date has passed, most overdue first.
    missed: tuple[DecisionDue, ...] = ()
    missed_total: ConvertedTotal | None = None
    # Each row's value in the base currency (None: no rate), parallel to the lists above.
    decisions_base: tuple[Decimal | None, ...] = ()
    missed_base: tuple[Decimal | None, ...] = ()


@dataclass(frozen=True, slots=True)
class PartnerReportData:
    context: ReportContext
    partner: PartnerView
    agreements: tuple[AgreementRow, ...]
    total: ConvertedTotal  # the agreements in force only
    groups: tuple[ScopedRows, ...] = ()  # in force, pipeline, history: each present
    # Sellers of its brands under its platform-model agreements (a brand owner's dossier).
    sellers: tuple[SellerLine, ...] = ()
