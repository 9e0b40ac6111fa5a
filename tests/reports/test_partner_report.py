"""The partner dossier: one partner, its contacts and all its agreements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.reports import PartnerReport
from app.reports.i18n import Words
from app.services.agreements import AgreementView
from app.services.listing import AgreementFilter, list_agreements
from app.services.partners import PartnerView
from app.services.portfolio import portfolio_total
from app.services.reporting import COMPANY_LOGO, partner_report
from app.services.scope import Scope, scope_of
from app.services.settings import set_setting
from tests.reports.conftest import REPORT_TODAY, read_pdf


def test_dossier_found_by_chinese_name(
    session: Session, partner: PartnerView, agreement: AgreementView
) -> None:
    data = partner_report(session, "爱彼贸易有限公司", "en", REPORT_TODAY)
    assert data.partner.id == partner.id
    assert [a.reference for a in data.agreements] == [agreement.reference]

    pdf = read_pdf(PartnerReport().render(data))
    assert "A&B <Trading> Co., Ltd." in pdf.text
    assert "爱彼贸易有限公司" in pdf.text
    assert agreement.reference in pdf.text
    assert "EUR 1,250,000.00" in pdf.text
    assert pdf.metadata["/Title"] == "Partner dossier: A&B <Trading> Co., Ltd. · 爱彼贸易有限公司"
    assert {"Partner profile", "Contacts", "Agreements"} <= set(pdf.outline_titles())


@pytest.mark.usefixtures("agreement")
def test_no_rate_is_said_not_guessed(session: Session, partner: PartnerView) -> None:
    data = partner_report(session, "", "en", REPORT_TODAY, partner_id=partner.id)
    pipeline = next(g for g in data.groups if g.scope == "pipeline")
    assert pipeline.total.missing_rates == ("EUR",)
    pdf = read_pdf(PartnerReport().render(data))
    assert "No rate for EUR: left out of converted totals." in pdf.text


def test_unknown_partner_is_refused(session: Session) -> None:
    with pytest.raises(NotFoundError, match="nobody"):
        partner_report(session, "nobody", "en")


@pytest.mark.usefixtures("agreement")
def test_company_name_and_logo_head_every_page(
    session: Session, partner: PartnerView, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (200, 16, 46)).save(logo)
    set_setting(session, "company_name", "Tmall Global <Partnerships> & Co.")
    set_setting(session, COMPANY_LOGO, str(logo))
    data = partner_report(session, "", "en", REPORT_TODAY, partner_id=partner.id)
    assert data.context.logo == logo.read_bytes()

    pdf = read_pdf(PartnerReport().render(data))
    for page_text, page in zip(pdf.pages, pdf.reader.pages, strict=True):
        assert "Tmall Global <Partnerships> & Co." in page_text
        resources: Any = page["/Resources"].get_object()
        xobjects = resources.get("/XObject")
        assert xobjects is not None and len(xobjects.get_object()) >= 1
    assert pdf.metadata["/Author"] == "Tmall Global <Partnerships> & Co."


def test_a_missing_logo_file_costs_only_the_logo(
    session: Session, partner: PartnerView, tmp_path: Path
) -> None:
    set_setting(session, COMPANY_LOGO, str(tmp_path / "gone.png"))
    data = partner_report(session, "", "en", REPORT_TODAY, partner_id=partner.id)
    assert data.context.logo is None
    assert partner.legal_name in read_pdf(PartnerReport().render(data)).text


def test_dossier_keeps_in_force_pipeline_and_history_apart(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = list_agreements(s, limit=100_000)
        scopes: dict[int, set[Scope]] = {}
        for r in rows:
            scopes.setdefault(r.partner_id, set()).add(scope_of(r.status, r.end_date, REPORT_TODAY))
        pid = next(p for p, found in scopes.items() if len(found) == 3)
        data = partner_report(s, "", "en", REPORT_TODAY, partner_id=pid)
        f = AgreementFilter(partner_id=pid)
        expected = {sc: portfolio_total(s, REPORT_TODAY, f, scope=sc) for sc in Scope}
    assert [g.scope for g in data.groups] == ["in_force", "pipeline", "history"]
    for g in data.groups:
        assert len(g.rows) == expected[Scope(g.scope)].agreement_count > 0
        assert g.total.total_base == expected[Scope(g.scope)].total_value_base
    # The headline total is the value in force, not every agreement ever signed.
    assert data.total.total_base == expected[Scope.IN_FORCE].total_value_base
    pdf = read_pdf(PartnerReport().render(data))
    words = Words("en")
    page1 = "".join(pdf.pages[0].split())
    for g, label in zip(data.groups, ("In force", "Pipeline", "History (ended)"), strict=True):
        card = f"{words.compact_money(g.total.total_base, 'CNY')}{label} · {len(g.rows)} agreements"
        assert "".join(card.split()) in page1
        assert f"Subtotal·{len(g.rows)}{g.total.total_base:,.2f}" in pdf.flat
    titles = pdf.outline_titles()
    for g, label in zip(data.groups, ("In force", "Pipeline", "History (ended)"), strict=True):
        assert f"{label} ({len(g.rows)})" in titles
    assert "Value (CNY)" in pdf.text and "Exchange rates used" in titles
