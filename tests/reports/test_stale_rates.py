"""Every converted figure says its rate and source; page 1 warns of a rate too old."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db import Database
from app.reports import render
from app.reports.data import PartnerReportData, PortfolioReportData, RenewalReportData
from app.services.agreements import AgreementView
from app.services.fx import set_rate, set_stale_days
from app.services.reporting import (
    agreement_report,
    partner_report,
    portfolio_report,
    renewal_report,
)
from tests.reports.conftest import REPORT_TODAY, read_pdf

AS_OF = date(2026, 12, 3)
WARNING = "EUR rate is 52 days old (2026-10-12, ECB)"


def _flat(text: str) -> str:
    return "".join(text.split())


def test_agreement_report_names_the_rate_and_its_source_and_warns_when_stale(
    session: Session, agreement: AgreementView
) -> None:
    assert agreement.currency == "EUR"
    set_rate(session, "EUR", "CNY", Decimal("7.9123"), date(2026, 10, 12), "ECB")
    session.flush()
    pdf = read_pdf(render(agreement_report(session, agreement.reference, "en", AS_OF)))
    first = _flat(pdf.pages[0])
    assert _flat(WARNING) in first
    assert _flat("older than 35 days") in first
    # The rates table: currency, rate, date in force, source.
    assert "EUR7.91232026-10-12ECB" in pdf.flat
    # 35 days old is not older than the stale age: no warning.
    fresh = read_pdf(
        render(agreement_report(session, agreement.reference, "en", date(2026, 11, 16)))
    )
    assert "days old" not in fresh.text and "ECB" in fresh.text
    # The age is a setting: raise it and the warning goes.
    set_stale_days(session, 60)
    calm = read_pdf(render(agreement_report(session, agreement.reference, "en", AS_OF)))
    assert "days old" not in calm.text


def test_every_report_that_converts_warns_on_page_1_in_either_language(
    demo_db: Database,
) -> None:
    later = date(2027, 1, 6)  # the demo's newest rates (2026-11-01) are 66 days old
    with demo_db.session() as s:
        set_rate(s, "EUR", "CNY", Decimal("7.9"), date(2026, 11, 15), "ECB")
        s.flush()
        partner = agreement_report_partner(s)
        reports: list[PortfolioReportData | RenewalReportData | PartnerReportData] = [
            portfolio_report(s, "en", later, appendix="full"),
            renewal_report(s, 365, "en", later),
            partner_report(s, partner_id=partner, as_of=later),
        ]
        zh = portfolio_report(s, "zh", later)
    for data in reports:
        pdf = read_pdf(render(data))
        first = _flat(pdf.pages[0])
        assert _flat("EUR rate is 52 days old (2026-11-15, ECB)") in first, type(data).__name__
        if data is reports[0]:  # the portfolio converts other currencies too
            assert _flat("rate is 66 days old (2026-11-01, demo)") in first
        assert all("days old" not in page for page in pdf.pages[1:])
    first = _flat(read_pdf(render(zh)).pages[0])
    assert _flat("EUR 汇率已有 52 天未更新（2026-11-15，ECB）") in first


def agreement_report_partner(s: Session) -> int:
    """A partner with an agreement in EUR."""
    from app.services.listing import list_agreements

    return next(r.partner_id for r in list_agreements(s, limit=1000) if r.currency == "EUR")


def test_a_report_that_converts_nothing_has_no_warning(demo_db: Database) -> None:
    from app.services.listing import list_agreements

    later = date(2027, 6, 1)  # every demo rate is old by then
    with demo_db.session() as s:
        cny = next(r for r in list_agreements(s, limit=1000) if r.currency == "CNY")
        data = agreement_report(s, cny.reference, "en", later)
        portfolio = portfolio_report(s, "en", later)
    assert data.context.stale_rates == ()
    assert "days old" not in read_pdf(render(data)).text
    assert portfolio.context.stale_rates  # the same rates, in a report that converts
    assert later > REPORT_TODAY
