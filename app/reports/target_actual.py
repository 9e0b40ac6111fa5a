"""A marketing agreement's targets beside what the campaign achieved: spend against the
budget, impressions, conversion rate and ROI, with actual / target as a percentage."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from app.domain.enums import AgreementType
from app.domain.terms import TARGET_ACTUAL

if TYPE_CHECKING:
    from app.reports.agreement import AgreementReport

MARKETING = AgreementType.MARKETING

_ROWS = {
    "budget": "tva_spend",
    "target_impressions": "tva_impressions",
    "target_conversion_rate_pct": "tva_conversion",
    "target_roi": "tva_roi",
}


def ratio(target: Any, actual: Any) -> Decimal | None:
    """actual / target in per cent, one place; None when either is missing or target is 0."""
    if target is None or actual is None or Decimal(target) == 0:
        return None
    return (Decimal(actual) * 100 / Decimal(target)).quantize(Decimal("0.1"))


def target_vs_actual(
    report: AgreementReport, terms: Mapping[str, Any], currency: str
) -> list[Flowable]:
    w = report.words
    cols = report.columns(
        ("metric", 34, False), ("target", 22, True), ("tva_actual", 22, True),
        ("actual_vs_target", 22, True),
    )  # fmt: skip
    records = []
    for target_name, actual_name in TARGET_ACTUAL:
        target, actual = terms.get(target_name), terms.get(actual_name)
        share = ratio(target, actual)
        records.append(
            [
                w(_ROWS[target_name]),
                _text(w, target_name, target, currency),
                _text(w, target_name, actual, currency),
                "—" if share is None else w.percent(share, 1),
            ]
        )
    return [report.heading(w("target_vs_actual"), level=1), report.table(cols, records)]


def _text(w: Any, name: str, value: Any, currency: str) -> str:
    if value is None:
        return "—"
    if name == "budget":
        return str(w.money(value, currency))
    if name == "target_impressions":
        return f"{int(value):,}"
    if name == "target_conversion_rate_pct":
        return str(w.percent(value, 2))
    return f"{Decimal(value):,.2f}"
