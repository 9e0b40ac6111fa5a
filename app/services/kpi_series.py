"""KPI actuals as a series over time: what the list's sparkline and the reports draw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import Attainment, KpiDirection
from app.domain.models import KpiActual, KpiDefinition
from app.services.kpis import attainment

SPARK_POINTS = 12  # a year of monthly readings, two of quarterly ones


@dataclass(frozen=True, slots=True)
class KpiTrend:
    """One KPI's latest readings, oldest first."""

    metric: str
    unit: str
    target: Decimal
    direction: KpiDirection
    points: tuple[tuple[date, Decimal], ...]
    total: int  # readings recorded in all; ``points`` holds the last SPARK_POINTS

    @property
    def attainment(self) -> Attainment:
        if not self.points:
            return Attainment.NO_DATA
        return attainment(self.target, self.points[-1][1], self.direction)


def first_kpi_trends(
    session: Session, agreement_ids: Sequence[int], points: int = SPARK_POINTS
) -> dict[int, KpiTrend]:
    """Each agreement's first KPI (the type's headline one: GMV, on-time delivery...) with
    its latest readings. Two indexed queries for a page of the list."""
    out: dict[int, KpiTrend] = {}
    ids = list(agreement_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        first = (
            select(func.min(KpiDefinition.id))
            .where(KpiDefinition.agreement_id.in_(chunk))
            .group_by(KpiDefinition.agreement_id)
        )
        kpis = {
            k.id: k
            for k in session.scalars(select(KpiDefinition).where(KpiDefinition.id.in_(first)))
        }
        series: dict[int, list[tuple[date, Decimal]]] = {k: [] for k in kpis}
        for kpi_id, period, value in session.execute(
            select(KpiActual.kpi_id, KpiActual.period_end, KpiActual.value)
            .where(KpiActual.kpi_id.in_(list(kpis)))
            .order_by(KpiActual.kpi_id, KpiActual.period_end)
        ):
            series[kpi_id].append((period, value))
        for kpi_id, k in kpis.items():
            readings = series[kpi_id]
            out[k.agreement_id] = KpiTrend(
                k.metric, k.unit, k.target, k.direction, tuple(readings[-points:]), len(readings)
            )
    return out
