"""The portfolio's direct-sales / platform-model mix as a table (the donut shows it as a
picture): count and value in the base currency with their shares, and the cost side of
direct sales, the annual minimum purchases committed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.enums import OperatingModel
from app.reports.i18n import Words
from app.services.portfolio import PortfolioFigures

if TYPE_CHECKING:
    from app.reports.portfolio import PortfolioReport


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole``; None when the whole is nothing."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def model_mix_section(report: PortfolioReport, fig: PortfolioFigures) -> list[Flowable]:
    w, base = report.words, fig.base_currency
    by_model = {b.key: b for b in fig.by_operating_model}
    count = sum(b.count for b in fig.by_operating_model)
    value = sum((b.value_base for b in fig.by_operating_model), Decimal("0.00"))
    cols = report.columns(
        ("mix_model", 28, False), ("mix_count", 14, True), ("mix_count_share", 14, True),
        ("mix_value", 28, True), ("mix_value_share", 16, True),
    )  # fmt: skip
    cols[3] = replace(cols[3], label=w("mix_value", base=base))
    records: list[list[str]] = []
    for model in OperatingModel:
        b = by_model.get(model.value)
        n, v = (b.count, b.value_base) if b else (0, Decimal("0.00"))
        records.append([w.enum(model, brand_model=True), f"{n:,}", _pct(w, share(n, count)),
                        w.money(v, base), _pct(w, share(v, value))])  # fmt: skip
    scope = w(f"scope_{fig.scope.value}") if fig.scope else w("mix_all_brand")
    mp = fig.minimum_purchases
    cost = (
        w("min_purchase_committed", n=f"{mp.count:,}", value=w.money(mp.value_base, base))
        if mp.count
        else w("min_purchase_none")
    )
    day, rates = w.date(fig.as_of), w("fx_rates")
    intro = w("model_mix_intro", scope=scope, base=base, date=day, rates=rates)
    return [
        report.heading(w("model_mix"), level=1),
        report.note(intro),
        report.table(cols, records),
        Spacer(1, 2 * mm),
        report.p(cost),
    ]


def _pct(w: Words, value: Decimal | None) -> str:
    return "—" if value is None else w.percent(value, 1)
