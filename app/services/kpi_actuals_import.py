"""``import FILE --what kpi-actuals``: a period's KPI actuals for many agreements at once.

Columns (English or Chinese headers, any order): reference, kpi, period, value, and an
optional note. A period is a day (2026-09-30), a month (2026-09: its last day) or a
quarter (2026-Q3: its last day). All or nothing; every problem is named by its row and
field; importing the same file again changes nothing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Agreement, KpiActual, KpiDefinition
from app.errors import FieldError, ValidationError
from app.services.kpis import record_actual
from app.services.tabular import FileFormatError, Table, parse_date, parse_decimal
from app.services.tabular.fields import Counts, Fields

HEADERS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "agreement", "agreement reference", "编号", "协议编号", "合同编号"),
    "kpi": ("kpi", "metric", "indicator", "指标", "kpi指标", "考核指标"),
    "period": ("period", "period end", "date", "期间", "周期", "日期", "期末"),
    "value": ("value", "actual", "actual value", "数值", "实际值", "实际"),
    "note": ("note", "notes", "comment", "备注"),
}
REQUIRED = ("reference", "kpi", "period", "value")
NEEDS = "reference, kpi, period and value; note is optional"
SUFFIXES = {".csv", ".xlsx", ".xlsm"}
MAX_PROBLEMS = 200
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*Q([1-4])$", re.IGNORECASE)


KpiActualsResult = Counts


@dataclass(frozen=True, slots=True)
class _Actual:
    row: int
    reference: str
    metric: str
    period: date
    value: Decimal
    note: str


def period_end(raw: Any) -> date:
    """The last day a period covers: a date as is, ``2026-09`` or ``2026-Q3`` to its end."""
    if not isinstance(raw, str):
        return parse_date(raw)
    text = raw.strip()
    if m := _QUARTER.match(text):
        year, month = int(m[1]), int(m[2]) * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"{raw!r} is not a month")
        return date(year, month, calendar.monthrange(year, month)[1])
    try:
        return parse_date(text)
    except ValueError as exc:
        if "real date" in str(exc) or "ambiguous" in str(exc):
            raise
        raise ValueError(
            f"{raw!r} is not a period (write 2026-09-30, 2026-09 or 2026-Q3)"
        ) from None


def import_kpi_actuals(session: Session, path: Path) -> Counts:
    """Actuals from ``path`` into the caller's transaction; ``ValidationError`` names every
    bad row and field, and then nothing is written."""
    if path.suffix.lower() not in SUFFIXES:
        raise FileFormatError(f"{path.name}: import KPI actuals from a .csv or .xlsx file")
    with Table(path) as table:
        fields = Fields(table.headers, HEADERS, REQUIRED, path, NEEDS)
        actuals, problems = _read(table, fields)
    kpis = _kpis(session, {a.reference for a in actuals})
    targets: list[tuple[_Actual, int]] = []
    for a in actuals:
        found = kpis.get(a.reference.upper())
        if found is None:
            problems.append(FieldError("reference", f"no agreement {a.reference!r}", row=a.row))
            continue
        kpi = found.get(a.metric.casefold())
        if kpi is None:
            named = ", ".join(metric for _, metric in found.values()) or "none"
            problems.append(
                FieldError(
                    "kpi", f"{a.reference} has no KPI {a.metric!r} (it has: {named})", row=a.row
                )
            )
            continue
        targets.append((a, kpi[0]))
    if problems:
        raise ValidationError(sorted(problems, key=lambda e: e.row or 0)[:MAX_PROBLEMS])
    stored = _stored(session, [k for _, k in targets])
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for a, kpi_id in targets:
        before = stored.get((kpi_id, a.period))
        if before is not None and before == (a.value, a.note):
            counts["unchanged"] += 1
            continue
        record_actual(session, kpi_id, a.period, a.value, a.note)
        counts["added" if before is None else "changed"] += 1
    return Counts("KPI actual(s)", len(actuals), **counts, ignored_columns=fields.ignored)


def _read(table: Table, fields: Fields) -> tuple[list[_Actual], list[FieldError]]:
    actuals: list[_Actual] = []
    problems: list[FieldError] = []
    seen: dict[tuple[str, str, date], _Actual] = {}
    for number, values in table.rows():
        row = fields.row(values)
        reference, metric = row.text("reference"), row.text("kpi")
        for field, text in (("reference", reference), ("kpi", metric)):
            if not text:
                row.errors.append(FieldError(field, "blank"))
        period = row.parsed("period", period_end)
        value = row.parsed("value", parse_decimal)
        note = row.text("note")
        if not row.errors and period is not None and value is not None:
            a = _Actual(number, reference, metric, period, value, note)
            key = (reference.upper(), metric.casefold(), period)
            twin = seen.get(key)
            if twin is None:
                seen[key] = a
                actuals.append(a)
            elif (twin.value, twin.note) != (value, note):
                row.errors.append(
                    FieldError(
                        "value",
                        f"{reference} {metric} {period.isoformat()} is "
                        f"already given in row {twin.row} with another value",
                    )
                )
        problems += row.problems(number)
    return actuals, problems


def _kpis(session: Session, references: set[str]) -> dict[str, dict[str, tuple[int, str]]]:
    """Per reference (upper case): each KPI's id and metric by its metric case-folded."""
    out: dict[str, dict[str, tuple[int, str]]] = {}

    def load(where: Any) -> None:
        rows = session.execute(
            select(Agreement.reference, KpiDefinition.metric, KpiDefinition.id)
            .select_from(Agreement)
            .outerjoin(KpiDefinition, KpiDefinition.agreement_id == Agreement.id)
            .where(where)
            .order_by(KpiDefinition.id)
        )
        for reference, metric, kpi_id in rows:
            kpis = out.setdefault(reference.upper(), {})
            if kpi_id is not None:
                kpis.setdefault(metric.casefold(), (kpi_id, metric))

    exact = sorted(references)
    for start in range(0, len(exact), 500):  # under every backend's bound-parameter limit
        load(Agreement.reference.in_(exact[start : start + 500]))  # the unique index
    # People type br-2026-0042: those not found as written are looked up ignoring case.
    rest = sorted({r.upper() for r in references} - set(out))
    for start in range(0, len(rest), 500):
        load(func.upper(Agreement.reference).in_(rest[start : start + 500]))
    return out


def _stored(session: Session, kpi_ids: list[int]) -> dict[tuple[int, date], tuple[Decimal, str]]:
    out: dict[tuple[int, date], tuple[Decimal, str]] = {}
    ids = sorted(set(kpi_ids))
    for start in range(0, len(ids), 500):
        for kpi_id, period, value, note in session.execute(
            select(KpiActual.kpi_id, KpiActual.period_end, KpiActual.value, KpiActual.note).where(
                KpiActual.kpi_id.in_(ids[start : start + 500])
            )
        ):
            out[(kpi_id, period)] = (value, note)
    return out
