"""KPI actuals imported in bulk: periods as people write them, all or nothing, idempotent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import KpiDirection
from app.errors import FieldError, ValidationError
from app.services.agreements import AgreementView, get_agreement
from app.services.kpi_actuals_import import import_kpi_actuals, period_end
from app.services.kpis import KpiSpec, add_kpi


@pytest.mark.parametrize(
    ("written", "end"),
    [
        ("2026-09-30", date(2026, 9, 30)),
        ("2026-09", date(2026, 9, 30)),
        ("2026年2月", date(2026, 2, 28)),
        ("2026-Q3", date(2026, 9, 30)),
        ("2026 q4", date(2026, 12, 31)),
        (date(2026, 3, 31), date(2026, 3, 31)),
    ],
)
def test_a_period_is_a_day_a_month_or_a_quarter(written: object, end: date) -> None:
    assert period_end(written) == end


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actuals.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_rows_are_named_by_row_and_field_and_nothing_is_written(
    session: Session, agreement: AgreementView, tmp_path: Path
) -> None:
    ref = agreement.reference
    path = _file(
        tmp_path,
        "reference,kpi,period,value\n"
        f"{ref},GMV,2026-Q3,900000\n"
        f"NO-SUCH-1,GMV,2026-Q3,1\n"
        f"{ref},Speed,2026-09,1\n"
        f"{ref},GMV,2026-13,1\n"
        f"{ref},GMV,2026-Q3,950000\n",
    )
    with pytest.raises(ValidationError) as caught:
        import_kpi_actuals(session, path)
    assert caught.value.errors == [
        FieldError("reference", "no agreement 'NO-SUCH-1'", row=3),
        FieldError("kpi", f"{ref} has no KPI 'Speed' (it has: GMV)", row=4),
        FieldError("period", "'2026-13' is not a month", row=5),
        FieldError("value", f"{ref} GMV 2026-09-30 is already given in row 2 with another value",
                   row=6),
    ]  # fmt: skip
    assert get_agreement(session, agreement.id).kpis[0].actuals == ()


def test_the_series_is_stored_and_a_second_import_changes_nothing(
    session: Session, agreement: AgreementView, tmp_path: Path
) -> None:
    add_kpi(session, agreement.id, KpiSpec("Store rating", "points", Decimal("4.5"),
                                           KpiDirection.HIGHER_IS_BETTER))  # fmt: skip
    ref = agreement.reference.lower()  # as people type it
    path = _file(
        tmp_path,
        "编号,指标,期间,实际值,备注\n"
        f"{ref},gmv,2026-Q1,800000,\n"
        f"{ref},GMV,2026-Q2,1000000,\n"
        f"{ref},GMV,2026-Q3,1200000,618 livestream\n"
        f"{ref},Store rating,2026-09,4.7,\n",
    )
    first = import_kpi_actuals(session, path)
    assert (first.rows, first.added, first.changed, first.unchanged) == (4, 4, 0, 0)
    again = import_kpi_actuals(session, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4)
    gmv, rating = get_agreement(session, agreement.id).kpis
    assert [(a.period_end, a.value) for a in gmv.actuals] == [
        (date(2026, 3, 31), Decimal(800000)),
        (date(2026, 6, 30), Decimal(1000000)),
        (date(2026, 9, 30), Decimal(1200000)),
    ]
    assert gmv.actuals[-1].note == "618 livestream"
    assert [a.value for a in rating.actuals] == [Decimal("4.7")]
    # A corrected value is a change, not a second reading of the period.
    path.write_text(f"reference,kpi,period,value\n{ref},GMV,2026-Q3,1250000\n", encoding="utf-8")
    fixed = import_kpi_actuals(session, path)
    assert (fixed.added, fixed.changed) == (0, 1)
    gmv = get_agreement(session, agreement.id).kpis[0]
    assert len(gmv.actuals) == 3 and gmv.actuals[-1].value == Decimal(1250000)
