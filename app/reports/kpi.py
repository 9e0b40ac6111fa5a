"""KPI figures by one set of rules: each unit its fixed decimals, money with its
currency, and attainment as a percentage of the target."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine

from app.domain.enums import KpiDirection
from app.reports.styles import INK, MUTED, TRAFFIC

if TYPE_CHECKING:
    from app.reports.i18n import Words

TREND_POINTS = 8  # readings a report draws and lists per KPI: two years of quarters

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


class Sparkline(Drawing):  # type: ignore[misc]
    """A KPI's readings, oldest first, as a small line; the target dotted across, the last
    reading a dot in its traffic-light colour."""

    def __init__(self, kpi: Any, width: float, height: float = 12) -> None:
        super().__init__(width, height)
        values = [float(a.value) for a in kpi.actuals[-TREND_POINTS:]]  # drawing only
        if not values:
            return
        target = float(kpi.target)
        low, high = min([*values, target]), max([*values, target])
        span = (high - low) or 1.0

        def y(v: float) -> float:
            return 1 + (v - low) / span * (height - 2)

        step = (width - 4) / max(1, len(values) - 1)
        points = [(2 + i * step, y(v)) for i, v in enumerate(values)]
        if len(points) == 1:
            points = [(2, points[0][1]), (width - 2, points[0][1])]
        self.add(Line(2, y(target), width - 2, y(target), strokeColor=MUTED, strokeWidth=0.5,
                      strokeDashArray=[1, 1.5]))  # fmt: skip
        self.add(PolyLine([c for p in points for c in p], strokeColor=INK, strokeWidth=0.8))
        x, last = points[-1]
        self.add(Circle(x, last, 1.8, fillColor=TRAFFIC[kpi.attainment.value], strokeColor=None))


def readings_notes(w: Words, kpis: Any, currency: str) -> list[str]:
    """Each KPI with two readings or more, its latest readings in words, dated."""
    out = []
    for k in kpis:
        if len(k.actuals) < 2:
            continue
        shown = k.actuals[-TREND_POINTS:]
        # "%" and money carry their unit; hours, days, x are said once per reading here.
        unit = "" if k.unit in ("%", "") or money_unit(k.unit, currency) else f" {k.unit}"
        readings = " → ".join(
            f"{kpi_value(w, a.value, k.unit, currency)}{unit} ({w.date(a.period_end)})"
            for a in shown
        )
        out.append(
            w("kpi_readings", metric=w.metric(k.metric), n=len(shown), total=len(k.actuals),
              readings=readings)
        )  # fmt: skip
    return out
