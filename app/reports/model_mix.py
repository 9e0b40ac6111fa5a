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
from app.domain.shares import rounded_shares
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
    rows = [
        (model, *((b.count, b.value_base) if (b := by_model.get(model.value)) else (0, Decimal(0))))
        for model in OperatingModel
    ]
    # Shares that add up to 100.0 % (largest remainder), as a reader checks them; a model
    # the figures hold beyond those listed would leave them short, so it is counted apart.
    listed = sum(n for _m, n, _v in rows) == count
    count_shares = rounded_shares([n for _m, n, _v in rows], 1) if listed else None
    value_shares = rounded_shares([v for _m, _n, v in rows], 1) if listed else None
    records: list[list[str]] = []
    for i, (model, n, v) in enumerate(rows):
        n_share = count_shares[i] if count_shares else share(n, count)
        v_share = value_shares[i] if value_shares else share(v, value)
        records.append([w.enum(model, brand_model=True), f"{n:,}", _pct(w, n_share),
                        w.money(v, base), _pct(w, v_share)])  # fmt: skip
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
