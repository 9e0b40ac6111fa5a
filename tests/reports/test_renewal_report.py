"""The renewal outlook: what to decide and by when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import Database
from app.errors import ValidationError
from app.reports import RenewalReport
from app.services.dashboard import OPEN_STATUSES
from app.services.listing import AgreementFilter, list_agreements
from app.services.reporting import renewal_report
from tests.reports.conftest import REPORT_TODAY, read_pdf


def test_renewals_within_window_soonest_first(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 60, "en", REPORT_TODAY)
    assert data.decisions, "the demo data has decisions due"
    dates = [d.decision_date for d in data.decisions]
    assert dates == sorted(dates)
    assert all(REPORT_TODAY <= d <= REPORT_TODAY + timedelta(days=60) for d in dates)

    pdf = read_pdf(RenewalReport().render(data))
    for d in data.decisions:
        assert d.reference in pdf.text
        assert d.decision_date.isoformat() in pdf.text
    first = data.decisions[0]
    expected = "Renews automatically" if first.auto_renew else "renew or let lapse"
    assert expected in pdf.flat or expected.replace(" ", "") in pdf.flat
    assert "Decisions due within 60 days" in pdf.text
    n = len(pdf.pages)
    assert f"Page {n} of {n}" in pdf.pages[-1]
    assert f"CNY {data.total.total_base:,.2f}" in pdf.text


def test_converted_total_names_each_rate(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 120, "en", REPORT_TODAY)
    foreign = {c.currency for c in data.total.by_currency if c.currency != "CNY"}
    assert {r.currency for r in data.total.rates} == foreign
    pdf = read_pdf(RenewalReport().render(data))
    # One row per rate in the rates table: currency, rate, date in force, source.
    for rate in data.total.rates:
        row = f"{rate.currency}{rate.rate.normalize():f}{rate.effective_date}demo"
        assert row in pdf.flat, row
    assert "CNY per unit" in pdf.text and "Source" in pdf.text


def test_every_list_has_a_base_column_subtotals_and_a_grand_total(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 120, "en", REPORT_TODAY)
    assert data.missed and data.decisions
    missed = data.missed_total
    assert missed is not None
    assert sum(v or 0 for v in data.decisions_base) == data.total.total_base
    assert sum(v or 0 for v in data.missed_base) == missed.total_base
    pdf = read_pdf(RenewalReport().render(data))
    flat = pdf.flat
    assert "Value(CNY)" in flat
    assert f"Subtotal·{len(data.missed)}{missed.total_base:,.2f}" in flat
    assert f"Subtotal·{len(data.decisions)}{data.total.total_base:,.2f}" in flat
    n = len(data.missed) + len(data.decisions)
    grand = data.total.total_base + missed.total_base
    assert f"together:{n}decisions,valueatstakeCNY{grand:,.2f}" in flat


def test_empty_window_says_so(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 0, "zh", REPORT_TODAY.replace(year=2040))
    pdf = read_pdf(RenewalReport().render(data))
    assert data.decisions == ()
    assert "暂无内容" in pdf.text


def test_negative_window_is_refused(demo_db: Database) -> None:
    with demo_db.session() as s, pytest.raises(ValidationError, match="within"):
        renewal_report(s, -1, "en", REPORT_TODAY)


@pytest.mark.parametrize(
    ("lang", "section", "overdue"),
    [("en", "Decision date passed", "overdue by {n} days"), ("zh", "已过决策日期", "逾期 {n} 天")],
)
def test_missed_decisions_come_first(
    demo_db: Database, lang: str, section: str, overdue: str
) -> None:
    with demo_db.session() as s:
        live = AgreementFilter(statuses=OPEN_STATUSES, decision_to=REPORT_TODAY - timedelta(1))
        expected = list_agreements(s, live, sort="decision_date")
        data = renewal_report(s, 60, lang, REPORT_TODAY)
    assert expected, "the demo has live agreements past their decision date"
    assert [d.reference for d in data.missed] == [a.reference for a in expected]
    assert all(d.days_left < 0 for d in data.missed)
    assert [d.days_left for d in data.missed] == sorted(d.days_left for d in data.missed)
    assert all(d.days_left >= 0 for d in data.decisions)

    pdf = read_pdf(RenewalReport().render(data))
    titles = pdf.outline_titles()
    upcoming = "Decisions due within 60 days" if lang == "en" else "60 天内需决策的协议"
    assert titles.index(section) < titles.index(upcoming)
    flat = pdf.flat
    first = data.missed[0]
    # The summary names the count; the section heading then leads the most overdue one.
    name = "".join(section.split())
    heading = flat.index(name, flat.index(name) + 1)
    assert heading < flat.index(first.reference) < flat.rindex("".join(upcoming.split()))
    assert "".join(overdue.format(n=-first.days_left).split()) in flat
    assert flat.index(data.missed[-1].reference) < flat.index(data.decisions[0].reference)


@pytest.mark.parametrize(
    ("lang", "auto", "manual"),
    [
        ("en", "passed: renews automatically", "passed: expires"),
        ("zh", "已过，将自动续约", "已过，如不续约"),
    ],
)
def test_a_missed_decision_says_what_happens_now(
    demo_db: Database, lang: str, auto: str, manual: str
) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 60, lang, REPORT_TODAY)
    flat = read_pdf(RenewalReport().render(data)).flat
    # The missed section runs from its first agreement to the first upcoming one.
    missed_part = flat[flat.index(data.missed[0].reference) : flat.index(
        data.decisions[0].reference)]  # fmt: skip
    wanted = {d.auto_renew for d in data.missed}
    assert wanted
    if True in wanted:
        assert "".join(auto.split()) in missed_part
    if False in wanted:
        assert "".join(manual.split()) in missed_part
    # No missed decision is told it can still give notice by a date already gone.
    gone = "unlessnoticeisgivenby" if lang == "en" else "前发出通知"
    assert gone not in missed_part


def test_the_soon_figure_is_narrower_than_the_window(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = renewal_report(s, 30, "en", REPORT_TODAY)
    flat = read_pdf(RenewalReport().render(data)).flat
    assert "Duewithin15days" in flat
    assert "Duewithin30days" not in flat
