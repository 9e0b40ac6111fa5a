"""The last eight quarters: value in force and KPIs in red at each quarter's end.

Statuses are not dated, so "in force on a past date" is read from the dates the data
does carry: a signed agreement (active, renewed, expired or terminated) whose start and
end dates span that day. Each point is converted at the rates in force on its own date,
and the latest point uses the same rule on the as-of date, so the points compare like
with like. A KPI reading counts as red when it misses its target by more than the amber
tolerance, as the dashboard's red list does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, KpiDirection
from app.domain.models import Agreement, KpiActual, KpiDefinition
from app.services.kpis import AMBER_TOLERANCE
from app.services.listing import AgreementFilter, select_agreements
from app.services.portfolio import _currency_lines, _money, _Rates

SIGNED = (AgreementStatus.ACTIVE, AgreementStatus.RENEWED, AgreementStatus.EXPIRED,
          AgreementStatus.TERMINATED)  # fmt: skip
QUARTERS = 8


@dataclass(frozen=True, slots=True)
class TrendPoint:
    quarter: str  # "2026-Q4"
    on: date  # the quarter's last day, or the as-of date for the current quarter
    count: int
    value_base: Decimal
    red_kpis: int  # KPI readings of the quarter that were red


def quarter_ends(as_of: date, n: int = QUARTERS) -> list[tuple[str, date, date]]:
    """(key, first day, point date) of the last ``n`` quarters, the current one last."""
    out = []
    year, q = as_of.year, (as_of.month - 1) // 3 + 1
    for _ in range(n):
        first = date(year, 3 * q - 2, 1)
        nxt = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        out.append((f"{year}-Q{q}", first, min(nxt - timedelta(days=1), as_of)))
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out[::-1]


def trend(
    session: Session, as_of: date, base: str, f: AgreementFilter | None = None
) -> tuple[TrendPoint, ...]:
    f = f or AgreementFilter()
    quarters = quarter_ends(as_of)
    reds = _red_readings(session, quarters, f)
    points = []
    for key, _first, on in quarters:
        stmt = (
            select_agreements([Agreement.currency, func.count(), func.sum(Agreement.value)], f)
            .where(
                Agreement.status.in_(sorted(SIGNED)),
                Agreement.start_date <= on,
                Agreement.end_date >= on,
            )
            .group_by(Agreement.currency)
        )
        per_currency = {c: (n, _money(session, v)) for c, n, v in session.execute(stmt)}
        _, count, value = _currency_lines(per_currency, _Rates(session, base, on))
        points.append(TrendPoint(key, on, count, value, reds.get(key, 0)))
    return tuple(points)


def _red_readings(
    session: Session, quarters: list[tuple[str, date, date]], f: AgreementFilter
) -> dict[str, int]:
    """Red readings per quarter, counted in SQL (a 100,000-agreement portfolio has
    millions of readings). The rule is ``kpis.attainment``'s, in integer arithmetic so
    that it is exact on both backends: red when the actual misses the target by more
    than the amber tolerance."""
    keep = int((1 - AMBER_TOLERANCE) * 100)
    allow = int((1 + AMBER_TOLERANCE) * 100)
    red = or_(
        and_(KpiDefinition.direction == KpiDirection.HIGHER_IS_BETTER,
             KpiActual.value * 100 < KpiDefinition.target * keep),
        and_(KpiDefinition.direction == KpiDirection.LOWER_IS_BETTER,
             KpiActual.value * 100 > KpiDefinition.target * allow),
    )  # fmt: skip
    quarter = case(*((KpiActual.period_end <= on, key) for key, _first, on in quarters))
    stmt = (
        select_agreements([quarter, func.count()], f)
        .join(KpiDefinition, KpiDefinition.agreement_id == Agreement.id)
        .join(KpiActual, KpiActual.kpi_id == KpiDefinition.id)
        .where(KpiActual.period_end >= quarters[0][1], KpiActual.period_end <= quarters[-1][2], red)
        .group_by(quarter)
    )
    return {str(key): int(n) for key, n in session.execute(stmt)}
