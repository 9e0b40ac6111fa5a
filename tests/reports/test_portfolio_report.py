"""The portfolio summary: figures, filters, the appendix, progress, read back from the PDF."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.errors import ValidationError
from app.reports import PortfolioReport
from app.reports.i18n import Words
from app.reports.kpi import attainment_pct
from app.reports.money import LIVE
from app.services.dashboard import OPEN_STATUSES, decisions_due
from app.services.listing import AgreementFilter, AgreementRow, count_agreements, list_agreements
from app.services.overview import attention_counts
from app.services.portfolio import portfolio_total
from app.services.reporting import APPENDIX_TOP, portfolio_report
from app.services.scope import DECISION_STATUSES, PIPELINE_STATUSES, Scope
from tests.reports.conftest import REPORT_TODAY, read_pdf


def _in_force_rows(s: Session) -> list[AgreementRow]:
    """The in-force rule written out independently of app.services.scope."""
    return [
        r
        for r in list_agreements(s, limit=100_000)
        if r.status is AgreementStatus.ACTIVE
        or (r.status is AgreementStatus.RENEWED and r.end_date >= REPORT_TODAY)
    ]


def test_figures_add_up_to_the_cent(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        in_force = _in_force_rows(s)
        total = portfolio_total(s, REPORT_TODAY, scope=Scope.IN_FORCE)
    assert data.figures.scope is Scope.IN_FORCE
    assert data.figures.agreement_count == len(in_force) == total.agreement_count
    assert data.figures.total_value_base == total.total_value_base
    converted = [c.value_base for c in data.figures.by_currency if c.value_base is not None]
    assert sum(converted, Decimal(0)) == data.figures.total_value_base
    by_type = sum(b.value_base for b in data.figures.by_type)
    assert by_type == data.figures.total_value_base  # the chart covers the headline's scope
    assert sum(b.count for b in data.figures.by_type) == len(in_force)


def test_every_figure_says_its_scope_and_scopes_add_up(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        rows = list_agreements(s, limit=100_000)
        in_force = _in_force_rows(s)
    scopes = {b.key: b for b in data.figures.by_scope}
    pipeline = [r for r in rows if r.status in PIPELINE_STATUSES]
    assert [b.key for b in data.figures.by_scope] == ["in_force", "pipeline", "history"]
    assert scopes["in_force"].count == len(in_force)
    assert scopes["pipeline"].count == len(pipeline) > 0
    assert scopes["history"].count == len(rows) - len(in_force) - len(pipeline) > 0
    assert scopes["in_force"].value_base == data.figures.total_value_base
    pdf = read_pdf(PortfolioReport().render(data))
    page1 = "".join(pdf.pages[0].split())
    assert "incl. ended and drafts" not in pdf.text
    for key, label in (("in_force", "In force"), ("pipeline", "Pipeline"),
                       ("history", "History (ended)")):  # fmt: skip
        b = scopes[key]
        assert label in pdf.text
        assert f"CNY{b.value_base:,.2f}" in page1, key
    compact = Words("en").compact_money(scopes["in_force"].value_base, "CNY")
    assert "".join(f"{compact}In force · {len(in_force):,} agreements".split()) in page1
    assert "Valuebytype(CNY)" in pdf.flat and "Pipelinebystatus(CNY)" in pdf.flat


def test_dashboard_counts_decisions_by_the_same_rule(demo_db: Database) -> None:
    assert OPEN_STATUSES == DECISION_STATUSES
    assert {AgreementStatus(s) for s in LIVE} == set(DECISION_STATUSES)
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        counts = attention_counts(s, REPORT_TODAY)
    groups = {g.key: g for g in data.decision_groups}
    assert groups["overdue"].count == counts.decisions_missed
    assert groups["30"].count == counts.decisions_30
    assert sum(g.count for k, g in groups.items() if k != "overdue") == counts.decisions_90


def test_overdue_decisions_lead_ranked_by_value_at_stake(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        missed = [
            d for d in decisions_due(s, REPORT_TODAY, 90, include_overdue=True) if d.days_left < 0
        ]
    assert [g.key for g in data.decision_groups] == ["overdue", "30", "60", "90"]
    overdue = data.decision_groups[0]
    assert overdue.count == len(missed) > 0
    for g in data.decision_groups:
        stakes = [line.value_base for line in g.lines]
        assert stakes == sorted(stakes, key=lambda v: -(v or 0)), g.key
    pdf = read_pdf(PortfolioReport().render(data))
    text = pdf.flat
    # Overdue first, before the next 30 days, each with its subtotal in the base currency.
    assert text.index("Overdue:decisiondatepassed") < text.index("Within30days")
    for g in data.decision_groups:
        if g.count:
            assert f"Subtotal·{g.count:,}{g.total.total_base:,.2f}" in text, g.key
    grand = sum((g.total.total_base for g in data.decision_groups), Decimal("0.00"))
    n = sum(g.count for g in data.decision_groups)
    assert f"{n:,},valueatstakeCNY{grand:,.2f}" in text
    # The overdue card on page 1 carries the overdue value.
    compact = Words("en").compact_money(overdue.total.total_base, "CNY")
    assert "".join(f"{compact}Decisions overdue · {overdue.count}".split()) in pdf.flat


def test_portfolio_pdf_has_every_agreement_and_the_headline(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY, appendix="full")
        every = list_agreements(s, limit=100_000)
    pdf = read_pdf(PortfolioReport().render(data))

    assert len(data.rows) == len(every)
    for row in every:
        assert row.reference in pdf.text
    total = data.figures.total_value_base
    assert f"CNY {total:,.2f}" in pdf.text
    assert "Amounts in CNY use the rate in force on 2026-11-26." in pdf.text
    assert "EUR" in pdf.text and "demo" in pdf.text  # the demo's rates say they are made up
    n = len(pdf.pages)
    assert f"Page 1 of {n}" in pdf.pages[0] and f"Page {n} of {n}" in pdf.pages[-1]
    titles = pdf.outline_titles()
    for section in (
        "Headline figures",
        "What the figures cover",
        "Exchange rates used",
        "Decisions due",
        "Overdue: decision date passed",
        "Portfolio mix",
        "Value in force by currency",
        "Top partners",
        "At risk",
        "KPIs in red",
        "Overdue milestones",
        "Appendix: all agreements",
    ):
        assert section in titles
    for g in data.appendix_groups:
        assert any(t.startswith(g.scope.replace("_", " ").capitalize()[:7]) for t in titles)
        assert f"{g.total.total_base:,.2f}" in pdf.text
    assert pdf.metadata["/Title"].startswith("Portfolio summary")


def test_appendix_header_row_repeats_on_every_page(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY, appendix="full")
    pdf = read_pdf(PortfolioReport().render(data))
    first = next(i for i, page in enumerate(pdf.pages) if "Appendix: all agreements" in page)
    appendix = pdf.pages[first:]
    assert len(appendix) >= 2
    for page in appendix:
        assert "Reference" in page and "Decision date" in page and "Value (CNY)" in page


@pytest.mark.parametrize("choice", ["none", "top", "full"])
def test_appendix_choices(demo_db: Database, choice: str) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY, appendix=choice)
        in_force = _in_force_rows(s)
        every = count_agreements(s)
    pdf = read_pdf(PortfolioReport().render(data))
    titles = pdf.outline_titles()
    if choice == "none":
        assert data.rows == ()
        assert not any(t.startswith("Appendix") for t in titles)
    elif choice == "top":
        (group,) = data.appendix_groups
        assert len(group.rows) == min(APPENDIX_TOP, len(in_force))
        stakes = list(group.values_base)
        assert stakes == sorted(stakes, key=lambda v: -(v or 0))
        assert f"Appendix: the {len(group.rows)} largest agreements in force" in titles
        assert f"{group.total.total_base:,.2f}" in pdf.text
    else:
        assert len(data.rows) == every
        assert [g.scope for g in data.appendix_groups] == ["in_force", "pipeline", "history"]
        for g in data.appendix_groups:  # the printed lines add up to the printed subtotal
            assert sum(v or 0 for v in g.values_base) == g.total.total_base
    assert len(pdf.pages) < 20 or choice == "full"


def test_unknown_appendix_choice_is_refused(demo_db: Database) -> None:
    with demo_db.session() as s, pytest.raises(ValidationError, match="none, top or full"):
        portfolio_report(s, "en", REPORT_TODAY, appendix="some")


def test_filters_narrow_figures_and_appendix(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(
            s,
            "en",
            REPORT_TODAY,
            types=[AgreementType.BRAND],
            statuses=[AgreementStatus.ACTIVE],
            appendix="full",
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
        data = portfolio_report(s, "zh", REPORT_TODAY, appendix="full")
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
        data = portfolio_report(s, "en", REPORT_TODAY, appendix="full")
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
    assert len(pdf.pages) <= 8


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_default_summary_stays_under_20_pages_at_2000_agreements(
    tmp_path: Path, lang: str
) -> None:
    from app.db import open_database
    from app.services.demo import load_demo

    database = open_database(tmp_path / "big.db")
    try:
        with database.session() as s:
            load_demo(s, 2000, seed=3, today=REPORT_TODAY)
        with database.session() as s:
            data = portfolio_report(s, lang, REPORT_TODAY)
            assert count_agreements(s) == 2000
    finally:
        database.dispose()
    pdf = read_pdf(PortfolioReport().render(data))
    assert data.appendix == "none" and sum(g.count for g in data.decision_groups) > 60
    assert len(pdf.pages) < 20


def test_owner_filter_and_as_of_date(demo_db: Database) -> None:
    with demo_db.session() as s:
        owner = list_agreements(s, limit=1)[0].owner
        data = portfolio_report(s, "en", REPORT_TODAY, owner=owner.upper(), appendix=True)
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
    # Four charts, the partner list and the decision windows.
    assert pdf.text.count("Nothing to report.") >= 5


def test_in_force_is_nil_when_the_filter_leaves_it_out(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(
            s, "en", REPORT_TODAY, statuses=[AgreementStatus.EXPIRED], appendix=False
        )
    scopes = {b.key: b for b in data.figures.by_scope}
    assert data.figures.agreement_count == 0 and data.figures.total_value_base == Decimal("0.00")
    assert scopes["history"].count > 0 and scopes["history"].value_base > 0


def test_scopes_and_decisions_on_postgres(pg_db: Database) -> None:
    from app.services.demo import load_demo

    with pg_db.session() as s:
        load_demo(s, 120, seed=11, today=REPORT_TODAY)
    with pg_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY, appendix="full")
        in_force = _in_force_rows(s)
        counts = attention_counts(s, REPORT_TODAY)
    scopes = {b.key: b for b in data.figures.by_scope}
    assert scopes["in_force"].count == len(in_force) == data.figures.agreement_count
    assert scopes["in_force"].value_base == data.figures.total_value_base
    assert [len(g.rows) for g in data.appendix_groups] == [b.count for b in data.figures.by_scope]
    assert data.decision_groups[0].count == counts.decisions_missed
    with pg_db.session() as s:
        expected = _red_readings_by_python(s)
    assert [t.red_kpis for t in data.trend] == [expected.get(t.quarter, 0) for t in data.trend]


def test_red_kpis_show_attainment_and_value_at_stake(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
    assert data.red_kpis and data.red_kpi_total is not None
    stakes = list(data.red_kpi_values)
    assert stakes == sorted(stakes, key=lambda v: -(v or 0))
    pdf = read_pdf(PortfolioReport().render(data))
    text = " ".join(pdf.text.split())
    k = data.red_kpis[0]
    pct = attainment_pct(k.target, k.latest_value, k.direction)
    assert pct is not None and Words("en").percent(pct, 1) in text
    assert f"{data.red_kpi_values[0]:,.2f}" in text
    n = len({r.agreement_id for r in data.red_kpis})
    assert (
        f"Agreements with a KPI in red: {n}, worth CNY {data.red_kpi_total.total_base:,.2f}" in text
    )


def test_first_page_answers_in_sentences(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        rows = list_agreements(s, limit=100_000)
    w = Words("en")
    scopes = {b.key: b for b in data.figures.by_scope}
    pdf = read_pdf(PortfolioReport().render(data))
    page1 = " ".join(pdf.pages[0].split())
    assert (
        f"The portfolio in force is worth {w.compact_money(scopes['in_force'].value_base, 'CNY')}"
        f" across {scopes['in_force'].count} agreements" in page1
    )
    overdue = data.decision_groups[0]
    assert f"{overdue.count} decisions are overdue" in page1
    n_red = len(data.red_kpis)
    assert f"At risk: {n_red} KPIs in red" in page1
    assert f"{len(data.overdue_milestones)} overdue milestones" in page1
    top = data.figures.top_partners
    share = sum(p.value_base for p in top) * 100 / data.figures.total_value_base
    assert f"The {len(top)} largest partners hold {w.percent(share, 1)}" in page1
    # The trend: eight quarters, each counting what its contract dates say was running.
    assert [t.quarter for t in data.trend][-1] == "2026-Q4" and len(data.trend) == 8
    signed = {"active", "renewed", "expired", "terminated"}
    for t in data.trend:
        running = [r for r in rows if r.status in signed and r.start_date <= t.on <= r.end_date]
        assert t.count == len(running), t.quarter
    q = (data.trend[-1].value_base / data.trend[-2].value_base - 1) * 100
    assert f"{w.percent(abs(q), 1)} since the end of the previous quarter" in page1
    assert "Value running by quarter (CNY)" in pdf.text and "KPI readings in red" in pdf.text


def _red_readings_by_python(s: Session) -> dict[str, int]:
    """Every KPI reading judged one by one with kpis.attainment, per quarter."""
    from sqlalchemy import select

    from app.domain.enums import Attainment
    from app.domain.models import KpiActual, KpiDefinition
    from app.services.kpis import attainment

    counts: dict[str, int] = {}
    stmt = select(KpiActual.period_end, KpiActual.value, KpiDefinition.target,
                  KpiDefinition.direction).join(KpiDefinition)  # fmt: skip
    for period_end, value, target, direction in s.execute(stmt):
        if period_end <= REPORT_TODAY and attainment(target, value, direction) is Attainment.RED:
            key = f"{period_end.year}-Q{(period_end.month - 1) // 3 + 1}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_trend_counts_red_readings_as_the_kpi_rule_does(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = portfolio_report(s, "en", REPORT_TODAY)
        expected = _red_readings_by_python(s)
    assert sum(t.red_kpis for t in data.trend) > 0
    for t in data.trend:
        assert t.red_kpis == expected.get(t.quarter, 0), t.quarter
