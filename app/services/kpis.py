"""KPIs: definitions with a target and a direction, dated actuals, and attainment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.enums import AgreementType, Attainment, KpiDirection
from app.domain.models import Agreement, KpiActual, KpiDefinition
from app.domain.text import clean_text, is_visible, refused_fields
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.audit import record_agreement_change

# Within this share of the target a miss is amber rather than red.
AMBER_TOLERANCE = Decimal("0.10")


@dataclass(frozen=True, slots=True)
class KpiSpec:
    metric: str
    unit: str
    target: Decimal
    direction: KpiDirection

    def __post_init__(self) -> None:
        # The text policy (app/domain/text.py), as for the agreement's own fields.
        for name in ("metric", "unit"):
            value = getattr(self, name)
            if value.__class__ is str:
                object.__setattr__(self, name, clean_text(value))


@dataclass(frozen=True, slots=True)
class ActualView:
    id: int
    period_end: date
    value: Decimal
    note: str
    attainment: Attainment


@dataclass(frozen=True, slots=True)
class Kpi:
    id: int
    metric: str
    unit: str
    target: Decimal
    direction: KpiDirection
    actuals: tuple[ActualView, ...]

    @property
    def latest(self) -> ActualView | None:
        return self.actuals[-1] if self.actuals else None

    @property
    def attainment(self) -> Attainment:
        return self.latest.attainment if self.latest else Attainment.NO_DATA


def attainment(target: Decimal, actual: Decimal, direction: KpiDirection) -> Attainment:
    """Green when the target is met, amber within 10 % of it, red beyond."""
    if direction is KpiDirection.HIGHER_IS_BETTER:
        if actual >= target:
            return Attainment.GREEN
        return Attainment.AMBER if actual >= target * (1 - AMBER_TOLERANCE) else Attainment.RED
    if actual <= target:
        return Attainment.GREEN
    # A lower-is-better target of zero (no damage at all) has no room for amber.
    return Attainment.AMBER if actual <= target * (1 + AMBER_TOLERANCE) else Attainment.RED


def default_kpis(agreement_type: AgreementType, terms: Mapping[str, Any]) -> list[KpiSpec]:
    """What a partnership manager tracks for each type, targets taken from the terms."""
    higher, lower = KpiDirection.HIGHER_IS_BETTER, KpiDirection.LOWER_IS_BETTER
    if agreement_type is AgreementType.LOGISTICS:
        return [
            KpiSpec(
                "On-time delivery", "%", terms.get("on_time_target_pct") or Decimal(95), higher
            ),
            KpiSpec("Customs clearance time", "hours", Decimal(24), lower),
            KpiSpec("Damage rate", "%", terms.get("loss_damage_cap_pct") or Decimal("0.5"), lower),
        ]
    if agreement_type is AgreementType.PAYMENT:
        return [
            KpiSpec("Payment success rate", "%", Decimal("98.5"), higher),
            KpiSpec(
                "Settlement time",
                "days",
                Decimal(terms.get("settlement_cycle_days") or 3),
                lower,
            ),
        ]
    if agreement_type is AgreementType.MARKETING:
        return [
            KpiSpec(
                "Conversion rate",
                "%",
                terms.get("target_conversion_rate_pct") or Decimal(2),
                higher,
            ),
            KpiSpec("ROI", "x", terms.get("target_roi") or Decimal(3), higher),
        ]
    target = terms.get("gmv_target") or terms.get("target_gmv")
    return [KpiSpec("GMV", "currency", target or Decimal(1_000_000), higher)]


def kpi_views(kpis: Iterable[KpiDefinition]) -> list[Kpi]:
    views = []
    for k in kpis:
        actuals = tuple(
            ActualView(
                a.id, a.period_end, a.value, a.note, attainment(k.target, a.value, k.direction)
            )
            for a in sorted(k.actuals, key=lambda a: a.period_end)
        )
        views.append(Kpi(k.id, k.metric, k.unit, k.target, k.direction, actuals))
    return views


def _check_number(name: str, value: Decimal, errors: list[FieldError]) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.append(FieldError(name, "must be an exact decimal number"))


def add_kpi(session: Session, agreement_id: int, spec: KpiSpec, actor: str | None = None) -> Kpi:
    errors: list[FieldError] = []
    if not is_visible(spec.metric):
        errors.append(FieldError("metric", "a KPI needs a name"))
    errors += [FieldError(f, why) for f, why in refused_fields(metric=spec.metric, unit=spec.unit)]
    _check_number("target", spec.target, errors)
    if errors:
        raise ValidationError(errors)
    if session.get(Agreement, agreement_id) is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    from app.services.team_rules import check_may_change_agreement  # imports audit

    check_may_change_agreement(session, agreement_id)
    kpi = KpiDefinition(
        agreement_id=agreement_id,
        metric=spec.metric.strip(),
        unit=spec.unit.strip(),
        target=spec.target,
        direction=spec.direction,
    )
    session.add(kpi)
    session.flush()
    record_agreement_change(
        session,
        agreement_id,
        "kpis",
        f"added KPI {kpi.metric} (target {spec.target} {spec.unit})",
        actor,
    )
    return kpi_views([kpi])[0]


def record_actual(
    session: Session,
    kpi_id: int,
    period_end: date,
    value: Decimal,
    note: str = "",
    actor: str | None = None,
) -> Kpi:
    """Record (or correct) the actual for one period."""
    errors: list[FieldError] = []
    _check_number("value", value, errors)
    if note.__class__ is str:
        note = clean_text(note, multiline=True)
        errors += [FieldError(f, why) for f, why in refused_fields(note=note)]
    if errors:
        raise ValidationError(errors)
    kpi = session.get(KpiDefinition, kpi_id, options=[selectinload(KpiDefinition.actuals)])
    if kpi is None:
        raise NotFoundError(f"no KPI with id {kpi_id}")
    existing = next((a for a in kpi.actuals if a.period_end == period_end), None)
    if existing is None:
        kpi.actuals.append(KpiActual(period_end=period_end, value=value, note=note))
    else:
        existing.value = value
        existing.note = note
    latest = max(kpi.actuals, key=lambda a: a.period_end)
    kpi.latest_attainment = attainment(kpi.target, latest.value, kpi.direction).value
    record_agreement_change(
        session, kpi.agreement_id, "kpis", f"{kpi.metric} {period_end.isoformat()}: {value}", actor
    )
    session.flush()
    return kpi_views([kpi])[0]


def remove_kpi(session: Session, kpi_id: int, actor: str | None = None) -> None:
    kpi = session.get(KpiDefinition, kpi_id)
    if kpi is None:
        raise NotFoundError(f"no KPI with id {kpi_id}")
    record_agreement_change(session, kpi.agreement_id, "kpis", f"removed KPI {kpi.metric}", actor)
    session.delete(kpi)
    session.flush()


def red_kpi_agreement_ids(session: Session, limit: int = 200) -> list[int]:
    return list(
        session.scalars(
            select(KpiDefinition.agreement_id)
            .where(KpiDefinition.latest_attainment == Attainment.RED.value)
            .distinct()
            .limit(limit)
        )
    )
