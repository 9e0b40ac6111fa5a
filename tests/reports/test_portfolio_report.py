"""The portfolio summary: figures, filters, the appendix, progress, read back from the PDF."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.reports import PortfolioReport
from app.services.listing import AgreementFilter, count_agreements, list_agreements
from app.services.reporting import portfolio_report
from tests.reports.conftest import REPORT_TODAY, read_pdf


def test_figures_add_up_to_the_cent(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        assert data.figures.agreement_count == count_agreements(s) == len(data.rows)
    converted = [c.value_base for c in data.figures.by_currency if c.value_base is not None]
    assert sum(converted, Decimal(0)) == data.figures.total_value_base
    # Chart buckets are rounded per (bucket, currency) by portfolio_figures, so they may
    # differ from the total by a cent per group; the report prints them only in compact form.
    by_type = sum(b.value_base for b in data.figures.by_type)
    assert abs(by_type - data.figures.total_value_base) <= Decimal("0.01") * 5 * 20


def test_portfolio_pdf_has_every_agreement_and_the_headline(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
    pdf = read_pdf(PortfolioReport().render(data))

    for row in data.rows:
        assert row.reference in pdf.text
    total = data.figures.total_value_base
    assert f"CNY {total:,.2f}" in pdf.text
    assert "Converted totals use the rate in force on 2026-11-26" in pdf.text
    assert "1EUR=" in pdf.flat
    n = len(pdf.pages)
    assert f"Page 1 of {n}" in pdf.pages[0] and f"Page {n} of {n}" in pdf.pages[-1]
    titles = pdf.outline_titles()
    for section in (
        "Headline figures",
        "Portfolio mix",
        "Value by currency",
        "Top partners",
        "At risk",
        "Decisions due",
        "KPIs in red",
        "Overdue milestones",
        "Appendix: all agreements",
    ):
        assert section in titles
    assert pdf.metadata["/Title"].startswith("Portfolio summary")


def test_appendix_header_row_repeats_on_every_page(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
    pdf = read_pdf(PortfolioReport().render(data))
    first = next(i for i, page in enumerate(pdf.pages) if "Appendix: all agreements" in page)
    appendix = pdf.pages[first:]
    assert len(appendix) >= 2
    for page in appendix:
        assert "Reference" in page and "Decision date" in page and "Contract value" in page


def test_filters_narrow_figures_and_appendix(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(
            s,
            "en",
            REPORT_TODAY,
            types=[AgreementType.BRAND],
            statuses=[AgreementStatus.ACTIVE],
        )
        expected = count_agreements(
            s,
            AgreementFilter(
                types=frozenset({AgreementType.BRAND}), statuses=frozenset({AgreementStatus.ACTIVE})
            ),
        )
    assert data.figures.agreement_count == expected == len(data.rows) > 0
    assert {r.type for r in data.rows} == {AgreementType.BRAND}
    pdf = read_pdf(PortfolioReport().render(data))
    assert "Filters: Type: Brand · Status: Active" in pdf.text


def test_chinese_portfolio_is_chinese(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "zh", REPORT_TODAY)
    pdf = read_pdf(PortfolioReport().render(data))
    n = len(pdf.pages)
    assert "合作组合概览" in pdf.text and f"第 1 页，共 {n} 页" in pdf.pages[0]
    assert "附录：全部协议" in pdf.outline_titles()
    assert "2026年11月26日" in pdf.text
    row = data.rows[0]
    assert row.reference in pdf.text
    assert row.partner_local_name is not None and row.partner_local_name in pdf.flat
    for english in ("Headline figures", "Decision date", "Page 1 of"):
        assert english not in pdf.text


def test_progress_reports_rows_and_can_cancel(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    PortfolioReport().render(data, progress)
    assert seen[-1] == (len(data.rows), len(data.rows))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    with pytest.raises(InterruptedError):
        PortfolioReport().render(data, lambda done, _total: done == 0)


def test_without_appendix_the_report_is_short(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY, appendix=False)
    pdf = read_pdf(PortfolioReport().render(data))
    assert data.rows == ()
    assert "Appendix: all agreements" not in pdf.outline_titles()
    assert len(pdf.pages) <= 4


def test_owner_filter_and_as_of_date(demo_db: Database) -> None:
    with demo_db.session() as s:
        owner = list_agreements(s, limit=1)[0].owner
        data = portfolio_report(s, "en", REPORT_TODAY, owner=owner.upper())
    assert data.rows and {r.owner for r in data.rows} == {owner}
    assert data.figures.as_of == REPORT_TODAY
    pdf = read_pdf(PortfolioReport().render(data))
    assert f"Owner: {owner.upper()}" in pdf.text
    assert "As of 26 Nov 2026" in pdf.pages[0]


def test_an_empty_portfolio_says_so(db: Database) -> None:
    with db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
    pdf = read_pdf(PortfolioReport().render(data))
    assert data.figures.agreement_count == 0
    assert "CNY 0.00" in pdf.text
    assert pdf.text.count("Nothing to report.") >= 5  # four charts and the partner list


@pytest.mark.parametrize(
    ("lang", "live_label", "all_label"),
    [
        ("en", "Active contract value", "All agreements incl. ended and drafts"),
        ("zh", "生效合同金额", "全部协议金额（含已结束及草稿）"),
    ],
)
def test_headline_value_is_the_live_portfolio(
    demo_db: Database, lang: str, live_label: str, all_label: str
) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, lang, REPORT_TODAY, appendix=False)
        active = count_agreements(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))
    # The demo has ended and draft agreements: the live value is strictly smaller.
    assert data.active_count == active < data.figures.agreement_count
    assert Decimal(0) < data.active_value_base < data.figures.total_value_base
    pdf = read_pdf(PortfolioReport().render(data))
    headline = pdf.flat.split("".join(live_label.split()))[0] + "".join(live_label.split())
    # The first figure on the page is the live value, labelled as such.
    assert f"CNY{data.active_value_base:,.2f}{''.join(live_label.split())}" in headline
    assert "".join(all_label.split()) in pdf.flat
    assert f"CNY{data.figures.total_value_base:,.2f}" in pdf.flat
    assert "Total value" not in pdf.text


def test_live_value_is_nil_when_the_filter_leaves_active_out(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(
            s, "en", REPORT_TODAY, statuses=[AgreementStatus.EXPIRED], appendix=False
        )
    assert data.active_count == 0 and data.active_value_base == Decimal("0.00")
    assert data.figures.total_value_base > 0
