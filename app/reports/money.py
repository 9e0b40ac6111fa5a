"""Money lists every report shares: each row in its own currency and in the base
currency, a subtotal per group and a grand total, and the rates used as one small table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.enums import AgreementStatus
from app.reports.styles import NAVY, RED, WHITE
from app.reports.tables import Column

if TYPE_CHECKING:
    from app.reports.data import ConvertedTotal, DecisionGroup, ScopedRows
    from app.services.fx import RateInForce
    from app.services.listing import AgreementRow

# Days before its decision date from which an agreement's decision is flagged red.
NEAR_DECISION_DAYS = 30
# Agreements whose decision is still open: app.services.scope.DECISION_STATUSES, repeated
# because renderers do not import the service layer (a test checks the two agree).
LIVE = frozenset({AgreementStatus.ACTIVE.value, AgreementStatus.PENDING_APPROVAL.value})


def total_style(report: Any) -> list[tuple[Any, ...]]:
    """A subtotal or total row: a rule above, bold, never zebra-striped."""
    return [
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
        ("FONTNAME", (0, 0), (-1, 0), report.fonts.bold),
        ("BACKGROUND", (0, 0), (-1, 0), WHITE),
    ]


def with_base(
    report: Any,
    spec: Sequence[tuple[str, float, bool]],
    base: str,
    *,
    wide: bool = False,
    share: float = 17,
) -> list[Column]:
    """Columns from ``spec`` plus the base-currency value column, whose header names the
    currency so that its amounts need not repeat it."""
    cols = report.columns(*spec, ("value_base", share, True), wide=wide)
    cols[-1] = Column(report.words("value_base", base=base), cols[-1].width, True)
    return list(cols)


def fx_table(
    report: Any, base: str, rates: Sequence[RateInForce], missing: Sequence[str], as_of: date
) -> list[Flowable]:
    """The rates every converted figure used: currency, rate, date in force, source."""
    w = report.words
    used = sorted(
        (r for r in rates if r.currency != base and r.effective_date is not None),
        key=lambda r: r.currency,
    )
    out: list[Flowable] = []
    if used:
        cols = report.columns(
            ("currency", 14, False), ("rate", 26, True), ("effective", 22, False),
            ("source", 38, False),
        )  # fmt: skip
        cols[1] = Column(w("rate_per", base=base), cols[1].width, True)
        out += [
            report.note(w("fx_table_note", date=w.date(as_of), base=base)),
            report.table(
                cols,
                [
                    [
                        r.currency,
                        f"{r.rate.normalize():f}",
                        w.date(r.effective_date),
                        rate_source(w, r.source),
                    ]
                    for r in used
                ],
            ),
        ]
    elif not missing:
        out.append(report.note(w("fx_identity", base=base)))
    if missing:
        out.append(report.note(w("fx_missing", currencies=w.join(missing))))
    return out


def rate_source(w: Any, source: str) -> str:
    """A rate's source as printed: the bank's name as stored, "manual" in words."""
    return w("fx_manual") if source in ("manual", "") else source


def stale_warning(report: Any) -> list[Flowable]:
    """Page 1's warning when a rate the report converted with is older than the stale
    age on the as-of date; nothing when every rate is fresh."""
    ctx = report.context
    if ctx is None or not ctx.stale_rates:
        return []
    w = report.words
    sentences = [
        w(
            "fx_stale",
            currency=r.currency,
            days=(ctx.as_of - r.effective_date).days,
            date=r.effective_date.isoformat(),
            source=rate_source(w, r.source),
        )
        for r in ctx.stale_rates
        if r.effective_date is not None
    ]
    sep, stop = ("；", "。") if w.lang == "zh" else ("; ", ".")
    text = w("fx_stale_lead", limit=ctx.stale_days) + sep.join(sentences) + stop
    return [report.p(text, report.styles.warning), Spacer(1, 2 * mm)]


def decision_flag(decision_date: date, as_of: date) -> bool:
    """Red: the decision date has passed or falls within the next 30 days."""
    return (decision_date - as_of).days <= NEAR_DECISION_DAYS


def decision_tables(
    report: Any, groups: Sequence[DecisionGroup], base: str, heading: Callable[..., Any]
) -> list[Flowable]:
    """Overdue decisions, then each window, largest stake first, with subtotals and a
    grand total over every window."""
    w = report.words
    out: list[Flowable] = []
    # Shares in points of the portrait frame: each header and the longest amounts fit.
    spec = (
        ("reference", 64, False), ("partner", 128, False), ("decision_date", 72, False),
        ("days_left", 46, True), ("value", 96, True),
    )  # fmt: skip
    grand = Decimal("0.00")
    grand_n = 0
    for g in groups:
        out.append(heading(w(f"dgroup_{g.key}"), level=1))
        grand += g.total.total_base
        grand_n += g.count
        if not g.count:
            out.append(report.note(w("no_rows")))
            continue
        cols = with_base(report, spec, base, share=87)
        records = [
            [
                x.decision.reference,
                x.decision.partner_name,
                w.date(x.decision.decision_date),
                f"{x.decision.days_left:,}",
                w.money(x.decision.value, x.decision.currency),
                w.amount(x.value_base, base),
            ]
            for x in g.lines
        ]
        styles: list[list[tuple[Any, ...]]] = [
            [("TEXTCOLOR", (2, 0), (3, 0), RED)] if x.decision.days_left <= NEAR_DECISION_DAYS
            else []
            for x in g.lines
        ]  # fmt: skip
        label = w("subtotal_n", n=f"{g.count:,}")
        records.append([label, "", "", "", "", w.amount(g.total.total_base, base)])
        styles.append(total_style(report))
        out.append(report.table(cols, records, row_styles=styles))
        if g.count > len(g.lines):
            out.append(report.note(w("ranked_more", shown=len(g.lines), n=f"{g.count:,}")))
        out += missing_note(report, g.total)
    out.append(
        report.p(w("decisions_total", n=f"{grand_n:,}", value=w.money(grand, base)),
                 report.styles.body)
    )  # fmt: skip
    return out


def missing_note(report: Any, total: ConvertedTotal) -> list[Flowable]:
    if not total.missing_rates:
        return []
    return [
        report.note(report.words("fx_missing", currencies=report.words.join(total.missing_rates)))
    ]


def agreement_rows_table(
    report: Any,
    group: ScopedRows,
    base: str,
    as_of: date,
    *,
    partner: bool = True,
    count: bool = False,
    wide: bool = False,
) -> list[Flowable]:
    """One scope's agreements: own currency, base currency, and the scope's subtotal."""
    w = report.words
    # Shares in points of the portrait frame (the landscape one scales them up).
    spec: list[tuple[str, float, bool]] = [("reference", 64, False), ("title", 88, False)]
    if partner:
        spec.append(("partner", 100, False))
    spec += [
        ("type", 50, False), ("status", 60, False), ("decision_date", 73, False),
        ("value", 85, True),
    ]  # fmt: skip
    cols = with_base(report, spec, base, wide=wide, share=75)
    flag_col = len(spec) - 2
    records: list[list[str]] = []
    styles: list[list[tuple[Any, ...]]] = []
    for row, value_base in zip(group.rows, group.values_base, strict=True):
        records.append(_row_cells(w, row, base, value_base, partner))
        red = str(row.status) in LIVE and decision_flag(row.decision_date, as_of)
        styles.append([("TEXTCOLOR", (flag_col, 0), (flag_col, 0), RED)] if red else [])
    blanks = [""] * (len(cols) - 2)
    records.append([w("subtotal_n", n=f"{len(group.rows):,}"), *blanks,
                    w.amount(group.total.total_base, base)])  # fmt: skip
    styles.append(total_style(report))
    return [report.table(cols, records, row_styles=styles, count=count),
            *missing_note(report, group.total)]  # fmt: skip


def _row_cells(
    w: Any, r: AgreementRow, base: str, value_base: Decimal | None, partner: bool
) -> list[str]:
    cells = [r.reference, r.title]
    if partner:
        cells.append(r.partner_display)
    cells += [
        w.enum(r.type), w.enum(r.status), w.date(r.decision_date), w.money(r.value, r.currency),
        w.amount(value_base, base),
    ]  # fmt: skip
    return cells
