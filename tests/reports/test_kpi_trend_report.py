"""The agreement report draws and lists each KPI's readings over time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain.enums import KpiDirection
from app.reports import render
from app.services.agreements import AgreementView
from app.services.kpis import KpiSpec, add_kpi, record_actual
from app.services.reporting import agreement_report
from tests.reports.conftest import read_pdf


def test_the_kpi_table_has_a_trend_and_the_readings_are_listed_in_order(
    session: Session, agreement: AgreementView
) -> None:
    kpi = add_kpi(
        session, agreement.id, KpiSpec("On-time delivery", "%", Decimal(95),
                                       KpiDirection.HIGHER_IS_BETTER),
    )  # fmt: skip
    for day, value in ((date(2026, 7, 31), "91"), (date(2026, 8, 31), "93.5"),
                       (date(2026, 9, 30), "96")):  # fmt: skip
        record_actual(session, kpi.id, day, Decimal(value))
    single = add_kpi(session, agreement.id, KpiSpec("ROI", "x", Decimal(3),
                                                    KpiDirection.HIGHER_IS_BETTER))  # fmt: skip
    record_actual(session, single.id, date(2026, 9, 30), Decimal("2.5"))
    pdf = read_pdf(render(agreement_report(session, agreement.reference, "en", date(2026, 10, 5))))
    assert "Trend" in pdf.text
    assert (
        "On-time delivery, the last 3 of 3 readings: 91.00 % (2026-07-31) → 93.50 % "
        "(2026-08-31) → 96.00 % (2026-09-30)."
    ).replace(" ", "") in pdf.flat
    assert "ROI, the last" not in pdf.text  # one reading is no trend
    zh = read_pdf(render(agreement_report(session, agreement.reference, "zh", date(2026, 10, 5))))
    assert "最近3次读数（共3次）" in zh.flat
