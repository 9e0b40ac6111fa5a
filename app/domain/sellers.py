"""Third-party sellers (platform model): their vocabularies and the scorecard rule.

Everything a layer needs to know about sellers is declared here once — the kinds of
qualification document and violation, the deposit's states, and the scorecard's
thresholds — so the services, the command line, the import and the reports read the
same table instead of repeating ``if kind == …`` branches.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from app.domain.enums import Attainment


class SellerStatus(StrEnum):
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class DepositStatus(StrEnum):
    """Paid: paid in and available to cover penalties. Held: frozen while a case is open
    (the seller cannot withdraw it, deductions still apply). Forfeited: kept by us."""

    PAID = "paid"
    HELD = "held"
    FORFEITED = "forfeited"


class SellerDocumentKind(StrEnum):
    BUSINESS_LICENCE = "business_licence"
    BRAND_AUTHORISATION = "brand_authorisation"
    IMPORT_PERMIT = "import_permit"


class ViolationKind(StrEnum):
    COUNTERFEIT = "counterfeit"
    LATE_SHIPMENT = "late_shipment"
    FALSE_ADVERTISING = "false_advertising"
    CUSTOMS = "customs"


class Severity(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class ViolationStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"
    APPEALED = "appealed"
    DISMISSED = "dismissed"


# A dismissed violation takes nothing from the deposit and does not count against the
# seller's scorecard; every other status does (an appeal does not suspend the deduction).
COUNTED_VIOLATIONS = frozenset(
    {ViolationStatus.OPEN, ViolationStatus.UPHELD, ViolationStatus.APPEALED}
)

# How far back "violations in the last 12 months" looks.
VIOLATION_WINDOW_DAYS = 365


@dataclass(frozen=True, slots=True)
class Threshold:
    """Green while the measure is at least (higher is better) or at most (lower is
    better) ``green``; amber up to ``amber``; red beyond."""

    measure: str
    higher_is_better: bool
    green: Decimal
    amber: Decimal

    def grade(self, value: Decimal | None) -> Attainment:
        if value is None:
            return Attainment.NO_DATA
        if self.higher_is_better:
            if value >= self.green:
                return Attainment.GREEN
            return Attainment.AMBER if value >= self.amber else Attainment.RED
        if value <= self.green:
            return Attainment.GREEN
        return Attainment.AMBER if value <= self.amber else Attainment.RED


# The scorecard's thresholds, in one place: a seller is as bad as its worst measure.
SCORECARD: tuple[Threshold, ...] = (
    Threshold("on_time_shipment_pct", True, Decimal("95"), Decimal("90")),
    Threshold("dispute_rate_pct", False, Decimal("1"), Decimal("3")),
    Threshold("rating", True, Decimal("4.5"), Decimal("4.0")),
    Threshold("violations_12m", False, Decimal("0"), Decimal("2")),
)

_ORDER = (Attainment.RED, Attainment.AMBER, Attainment.GREEN)


def overall(grades: dict[str, Attainment]) -> Attainment:
    """The worst grade among the measures that have data; no data at all is no data."""
    for grade in _ORDER:
        if grade in grades.values():
            return grade
    return Attainment.NO_DATA


def scorecard(values: dict[str, Decimal | None]) -> tuple[Attainment, dict[str, Attainment]]:
    """Each measure's grade and the seller's overall one."""
    grades = {t.measure: t.grade(values.get(t.measure)) for t in SCORECARD}
    return overall(grades), grades
