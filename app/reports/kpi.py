"""KPI figures by one set of rules: each unit its fixed decimals, money with its
currency, and attainment as a percentage of the target."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.enums import KpiDirection

if TYPE_CHECKING:
    from app.reports.i18n import Words

# Decimals per unit, so that one column never mixes 2, 1 and 0 decimals.
DECIMALS = {"%": 2, "hours": 1, "days": 1, "x": 2}
DEFAULT_DECIMALS = 2


def money_unit(unit: str, currency: str) -> str | None:
    """The currency a KPI is measured in, if it is money ("currency": the agreement's)."""
    if unit == "currency":
        return currency
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return unit
    return None


def kpi_value(w: Words, value: Decimal | None, unit: str, currency: str) -> str:
    """A KPI value; its unit (a currency too) is printed once, beside the metric's name."""
    if value is None:
        return "—"
    code = money_unit(unit, currency)
    if code is not None:
        return w.amount(value, code)
    places = DECIMALS.get(unit, DEFAULT_DECIMALS)
    if unit == "%":
        return w.percent(value, places)
    return f"{Decimal(value):,.{places}f}"


def attainment_pct(target: Decimal, actual: Decimal, direction: KpiDirection) -> Decimal | None:
    """How much of the target was reached: actual/target, or target/actual when lower is
    better (2 hours against a 4-hour target is 200 %). None when it cannot be said."""
    if direction is KpiDirection.HIGHER_IS_BETTER:
        return None if target == 0 else actual * 100 / target
    return None if actual == 0 else target * 100 / actual
