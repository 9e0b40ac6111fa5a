"""The sellers' sections (platform model): the portfolio's "seller supervision" and the
sellers of a brand owner's brands in its dossier. Drawn from ``SellerSupervision`` and
``SellerLine`` (``app.reports.data``); no session here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from app.reports.data import SellerLine, SellerSupervision
from app.reports.fx import currency_table
from app.reports.styles import RED

LIMIT = 25  # rows per list; the counts say how many more


def _day(w: Any, data: SellerSupervision) -> str:
    """The day the section's rates were taken on, as the report writes dates."""
    return w.date(data.as_of) if data.as_of else "—"


def _name(line: SellerLine, lang: str) -> str:
    if lang == "zh" and line.local_name:
        return line.local_name
    return line.name


def seller_table(report: Any, lines: Sequence[SellerLine], *, under: bool = False) -> Flowable:
    """Sellers with scorecard, the measures in red, violations and what is left of their
    deposit; ``under`` adds the agreements they sell under (a brand owner's dossier)."""
    w = report.words
    spec: list[tuple[str, float, bool]] = [
        ("seller", 20, False), ("country", 12, False), ("scorecard", 14, False),
        ("red_measures", 21, False), ("violations_12m", 24, True), ("deposit_left", 19, True),
        ("deposit_status", 12, False),
    ]  # fmt: skip
    if under:
        spec[3] = ("under_agreements", 21, False)
    records = [
        [
            _name(line, w.lang),
            line.country,
            w.enum(line.scorecard),
            # " · " rather than 、: a Chinese run without spaces is one word to the cell.
            " · ".join(line.agreements if under else [w(m) for m in line.red_measures]) or "—",
            f"{line.violations_12m:,}",
            w.money(line.deposit_balance, line.deposit_currency),
            w.enum(line.deposit_status),
        ]
        for line in lines[:LIMIT]
    ]
    colours = {"red": RED}
    styles = [
        [("TEXTCOLOR", (2, 0), (2, 0), colours[line.scorecard])]
        if line.scorecard in colours
        else []
        for line in lines[:LIMIT]
    ]
    return report.table(report.columns(*spec), records, row_styles=styles)


def supervision_section(report: Any, data: SellerSupervision | None, base: str) -> list[Flowable]:
    """Sellers in red, deposits held, violations this quarter."""
    w = report.words
    if data is None:
        return []
    grades = dict(data.by_scorecard)
    out: list[Flowable] = [
        report.heading(w("seller_supervision")),
        report.p(
            w(
                "seller_intro",
                n=f"{data.sellers:,}",
                selling=f"{data.selling:,}",
                red=f"{grades.get('red', 0):,}",
                amber=f"{grades.get('amber', 0):,}",
                green=f"{grades.get('green', 0):,}",
            )
        ),
        report.note(w("scorecard_note")),
        report.heading(w("sellers_in_red"), level=1),
    ]
    if data.red:
        out.append(seller_table(report, data.red))
        if len(data.red) > LIMIT:
            out.append(report.note(w("more_rows", n=len(data.red) - LIMIT)))
    else:
        out.append(report.note(w("no_rows")))
    out += [
        report.heading(w("deposits_held"), level=1),
        report.note(w("deposits_note", base=base, date=_day(w, data))),
        currency_table(
            report,
            base,
            data.deposits.by_currency,
            data.deposits.total_base,
            sum(c.count for c in data.deposits.by_currency),
            what=("sellers_count", "deposit_left"),
            total_label=w("total"),
        ),
        report.heading(w("violations_quarter", date=w.date(data.quarter_start)), level=1),
    ]
    if not data.violations:
        return [*out, report.note(w("no_rows"))]
    cols = report.columns(
        ("due_date", 17, False), ("seller", 25, False), ("violation", 16, False),
        ("severity", 11, False), ("status", 11, False), ("penalty", 17, True),
        ("deduction", 17, True),
    )  # fmt: skip
    cols[0] = type(cols[0])(w("sig_date"), cols[0].width, False)
    shown = data.violations[:LIMIT]
    records = [
        [
            w.date(v.occurred_on),
            v.seller_local_name if w.lang == "zh" and v.seller_local_name else v.seller,
            w.enum(v.kind),
            w.enum(v.severity),
            w.enum(f"violation_{v.status}") if v.status == "open" else w.enum(v.status),
            w.money(v.penalty, v.penalty_currency or "") if v.penalty is not None else "—",
            w.money(v.deduction, v.deposit_currency) if v.deduction else "—",
        ]
        for v in shown
    ]
    styles = [
        [("TEXTCOLOR", (3, 0), (3, 0), RED)] if v.severity == "critical" else [] for v in shown
    ]
    out.append(report.table(cols, records, row_styles=styles))
    if len(data.violations) > LIMIT:
        out.append(report.note(w("more_rows", n=len(data.violations) - LIMIT)))
    value = w.money(data.deducted.total_base, base)
    out.append(report.p(w("deducted_quarter", value=value, base=base, date=_day(w, data))))
    return out
