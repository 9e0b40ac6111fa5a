"""The partner dossier: one partner, its contacts and all its agreements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.reports import PartnerReport
from app.services.agreements import AgreementView
from app.services.partners import PartnerView
from app.services.reporting import COMPANY_LOGO, partner_report
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
    assert data.total.missing_rates == ("EUR",)
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
