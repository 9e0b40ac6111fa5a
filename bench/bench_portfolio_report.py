"""How the portfolio summary scales: its time against a bare ReportLab document.

    python bench/bench_portfolio_report.py [--sizes 1000,10000] [--lang en]

For each size a demo database is built, the report data collected once, and then timed:
the full portfolio report (figures, charts, at-risk lists, the appendix of every
agreement) and a bare document of the same appendix rows (SimpleDocTemplate, 45-row
Tables of plain strings, header repeated), in the same run on the same machine. The ratio
is what to watch: it should stay near constant (linear) and at or under about 2.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from app.db import open_database
from app.domain.money import format_amount, minor_units
from app.reports import PortfolioReport
from app.reports.data import PortfolioReportData
from app.services.demo import load_demo
from app.services.reporting import portfolio_report

TODAY = date(2026, 11, 26)
CHUNK = 45


def build_data(size: int, lang: str, folder: Path) -> PortfolioReportData:
    db = open_database(folder / f"bench-{size}.db")
    try:
        with db.session() as s:
            load_demo(s, size, seed=7, today=TODAY)
        with db.session() as s:
            return portfolio_report(s, lang, TODAY, appendix="full")
    finally:
        db.dispose()


def bare(data: PortfolioReportData) -> bytes:
    """The same rows the appendix prints, with nothing but ReportLab's own tables."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=22 * mm,
        bottomMargin=18 * mm,
    )
    header = [
        "Reference",
        "Title",
        "Partner",
        "Type",
        "Status",
        "Owner",
        "Decision date",
        "Contract value",
    ]
    rows = [
        [
            r.reference,
            r.title,
            r.partner_display,
            r.type.value,
            r.status.value,
            r.owner,
            r.decision_date.isoformat(),
            f"{r.currency} {format_amount(r.value, minor_units(r.currency))}",
        ]
        for r in data.rows
    ]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white", "#F3F5F8"]),
        ]
    )
    story = [
        Table([header, *rows[i : i + CHUNK]], repeatRows=1, style=style)
        for i in range(0, len(rows), CHUNK)
    ]
    doc.build(story)
    return buffer.getvalue()


def timed(
    fn: Callable[[PortfolioReportData], bytes], data: PortfolioReportData
) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = fn(data)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    args = parser.parse_args()
    print(f"{'rows':>7} {'report s':>9} {'bare s':>8} {'ratio':>6} {'pages':>6} {'ms/row':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            data = build_data(size, args.lang, Path(folder))
            PortfolioReport().render(data)  # warm up: fonts registered, caches filled
            report_s, pdf = timed(PortfolioReport().render, data)
            bare_s, _ = timed(bare, data)
            pages = pdf.count(b"/Type /Page\n")
            print(
                f"{size:>7,} {report_s:>9.2f} {bare_s:>8.2f} {report_s / bare_s:>6.2f} "
                f"{pages:>6} {1000 * report_s / size:>7.3f}"
            )


if __name__ == "__main__":
    main()
