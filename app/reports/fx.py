"""The currency table: each currency's amount, the rate applied and its base value."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from app.reports.styles import NAVY, WHITE
from app.reports.tables import Column

if TYPE_CHECKING:
    from app.reports.data import CurrencyLine


def currency_table(
    report: Any,
    base: str,
    lines: Sequence[CurrencyLine],
    total: Decimal,
    count: int,
    *,
    what: tuple[str, str] = ("count", "amount"),
    total_label: str = "",
) -> Flowable:
    """Each currency's amount, the rate applied and its value in the base currency;
    ``what`` names the count and amount columns (agreements by default)."""
    w = report.words
    cols = report.columns(
        ("currency", 12, False),
        (what[0], 14, True),
        (what[1], 28, True),
        ("rate", 18, True),
        ("value_base", 28, True),
    )
    cols[-1] = Column(w("value_base", base=base), cols[-1].width, True)
    records = [
        [
            c.currency,
            f"{c.count:,}",
            w.money(c.value, c.currency),
            "1" if c.currency == base else (f"{c.rate.rate.normalize():f}" if c.rate else "—"),
            w.money(c.value_base, base),
        ]
        for c in lines
    ]
    records.append([total_label, f"{count:,}", "", "", w.money(total, base)])
    # Row styles follow the record, wherever the page breaks put it.
    total_row = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
        ("FONTNAME", (0, 0), (-1, 0), report.fonts.bold),
        ("BACKGROUND", (0, 0), (-1, 0), WHITE),
    ]
    styles: list[list[tuple[Any, ...]]] = [[] for _ in lines]
    styles.append(total_row)
    return report.table(cols, records, row_styles=styles)
