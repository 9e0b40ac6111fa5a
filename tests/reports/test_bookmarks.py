"""Every bookmark opens the page its section starts on, in every report."""

from __future__ import annotations

from typing import Any

import pytest

from app.db import Database
from app.reports import render
from app.services import reporting
from app.services.listing import list_agreements
from tests.reports.conftest import REPORT_TODAY, Pdf, read_pdf


def _check(pdf: Pdf) -> None:
    marks = pdf.outline_pages()
    assert len(marks) >= 4
    flat_pages = ["".join(page.split()) for page in pdf.pages]
    for title, page in marks:
        heading = "".join(title.split())
        assert heading in flat_pages[page], f"{title!r} opens page {page + 1}"
    # Sections come in reading order: no bookmark jumps back.
    order = [page for _, page in marks]
    assert order == sorted(order)
    assert len({page for _, page in marks}) > 1, "every bookmark opens the same page"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["agreement", "portfolio", "renewals", "partner"])
def test_each_bookmark_opens_its_section(demo_db: Database, kind: str, lang: str) -> None:
    with demo_db.session() as s:
        row = list_agreements(s, limit=1)[0]
        data: Any
        if kind == "agreement":
            data = reporting.agreement_report(s, row.reference, lang, REPORT_TODAY)
        elif kind == "portfolio":
            data = reporting.portfolio_report(s, lang, REPORT_TODAY, appendix="full")
        elif kind == "renewals":
            data = reporting.renewal_report(s, 365, lang, REPORT_TODAY)
        else:
            data = reporting.partner_report(s, "", lang, REPORT_TODAY, partner_id=row.partner_id)
    _check(read_pdf(render(data)))


def test_portfolio_has_a_bookmark_per_section_and_appendix_group(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = reporting.portfolio_report(s, "en", REPORT_TODAY, appendix="full")
    pdf = read_pdf(render(data))
    pages = dict(pdf.outline_pages())
    labels = {"in_force": "In force", "pipeline": "Pipeline", "history": "History (ended)"}
    groups = [f"{labels[g.scope]} ({len(g.rows)})" for g in data.appendix_groups]
    for title in ("Headline figures", "Decisions due", "Portfolio mix", "At risk",
                  "Appendix: all agreements", *groups):  # fmt: skip
        assert title in pages, title
    # The appendix groups follow one another through the appendix.
    order = [pages[g] for g in groups]
    assert order == sorted(order) and order[0] >= pages["Appendix: all agreements"]
    assert order[-1] > order[0]
