"""The agreement contract report, read back from the PDF."""

from __future__ import annotations

import getpass
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, KpiDirection, MilestoneStatus
from app.errors import NotFoundError
from app.reports import AgreementReport, render
from app.services.agreements import AgreementView, create_agreement, update_agreement
from app.services.fx import set_rate
from app.services.kpis import KpiSpec, add_kpi, record_actual
from app.services.listing import list_agreements
from app.services.milestones import MilestoneInput, add_milestone
from app.services.partners import PartnerView, get_partner
from app.services.reporting import agreement_report
from app.services.settings import set_setting
from tests.conftest import agreement_input
from tests.reports.conftest import REPORT_TODAY, poppler_text, read_pdf

HOSTILE_TITLE = 'He said "yes" & <b>signed</b> 😀 שלום مرحبا'
LONG_WORDS = " ".join(f"clause{i:05d}" for i in range(2000))  # ~20,000 characters


@pytest.fixture
def hostile(session: Session, partner: PartnerView) -> AgreementView:
    set_rate(session, "EUR", "CNY", Decimal("7.8123"), date(2026, 11, 1))
    view = create_agreement(
        session,
        agreement_input(
            partner.id,
            title=HOSTILE_TITLE,
            description=LONG_WORDS,
            status=AgreementStatus.ACTIVE,
            signed_date=date(2025, 12, 15),
        ),
        actor="tester",
    )
    kpi = add_kpi(
        session,
        view.id,
        KpiSpec("On-time delivery", "%", Decimal(95), KpiDirection.HIGHER_IS_BETTER),
    )
    record_actual(session, kpi.id, date(2026, 10, 31), Decimal("71.5"))
    add_milestone(
        session,
        view.id,
        MilestoneInput(title="Store <launch> & review", due_date=date(2026, 3, 1), owner="Li Wei"),
    )
    return view


def test_contract_report_prints_user_text_literally(
    session: Session, hostile: AgreementView, tmp_path: Path
) -> None:
    data = agreement_report(session, hostile.reference, "en", REPORT_TODAY)
    pdf_bytes = render(data)
    pdf = read_pdf(pdf_bytes)

    assert hostile.reference in pdf.text
    assert "A&B <Trading> Co., Ltd." in pdf.text
    assert "爱彼贸易有限公司" in pdf.text
    assert 'He said "yes" & <b>signed</b>' in pdf.text  # the tags are text, not bold markup
    assert "Store <launch> & review" in pdf.text
    assert "&amp;" not in pdf.text and "&lt;" not in pdf.text
    poppler = poppler_text(pdf_bytes, tmp_path)
    if poppler is not None:  # poppler reorders right-to-left text as a reader would
        assert "שלום" in poppler
        assert "مرحبا" in poppler
        assert "😀" in poppler


def test_contract_report_long_description_splits_across_pages(
    session: Session, hostile: AgreementView
) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "en", REPORT_TODAY)))

    assert len(pdf.pages) >= 3
    assert "clause00000" in pdf.flat and "clause01999" in pdf.flat
    # Every clause printed once: nothing lost or repeated at a page break.
    assert len(re.findall(r"clause\d{5}", pdf.flat)) == 2000


def test_contract_report_figures_dates_and_pages(session: Session, hostile: AgreementView) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "en", REPORT_TODAY)))

    assert "EUR 1,250,000.00" in pdf.text
    assert "CNY 9,765,375.00" in pdf.text  # 1,250,000 x 7.8123, to the cent
    assert "EUR7.81232026-11-01enteredbyhand" in pdf.flat  # the rates table: a manual rate
    assert "2027-10-02" in pdf.text  # decision date: 2027-12-31 less 90 days
    n = len(pdf.pages)
    assert f"Page 1 of {n}" in pdf.pages[0]
    assert f"Page {n} of {n}" in pdf.pages[-1]
    assert "Red" in pdf.text  # 71.5 % against 95 %


def test_contract_report_metadata_bookmarks_and_fonts(
    session: Session, hostile: AgreementView
) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "en", REPORT_TODAY)))

    assert pdf.metadata["/Title"].startswith("Agreement contract report")
    assert hostile.reference in pdf.metadata["/Title"]
    assert pdf.metadata["/Author"] == getpass.getuser()  # no company set: the user
    assert hostile.reference in pdf.metadata["/Subject"]
    titles = pdf.outline_titles()
    for section in (
        "Parties",
        "Key dates",
        "Financial terms",
        "Brand terms",
        "Description",
        "KPIs: target vs actual",
        "Milestones and obligations",
        "Amendments and history",
        "Attachments",
        "Signatures",
    ):
        assert section in titles
    embedded = [name for name, emb in pdf.fonts().items() if emb]
    assert embedded, "the Chinese partner name must be drawn in an embedded font"


def test_chinese_contract_report_is_chinese(session: Session, hostile: AgreementView) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "zh", REPORT_TODAY)))

    assert "合作协议合同报告" in pdf.text
    assert "2027年10月2日" in pdf.text
    n = len(pdf.pages)
    assert f"第 1 页，共 {n} 页" in pdf.pages[0]
    assert "经营模式" in pdf.text and "直营" in pdf.text
    assert "未达标" in pdf.text
    assert "A&B <Trading> Co., Ltd." in pdf.text
    assert "Decision date" not in pdf.text
    assert "合作双方" in pdf.outline_titles()


def test_milestone_status_and_overdue(session: Session, hostile: AgreementView) -> None:
    data = agreement_report(session, hostile.reference, "en", REPORT_TODAY)
    assert data.agreement.milestones[0].status is MilestoneStatus.OPEN
    assert data.agreement.milestones[0].is_overdue(REPORT_TODAY)
    assert data.history_total >= 1


def test_unknown_reference_is_refused(session: Session) -> None:
    with pytest.raises(NotFoundError, match="XX-0000"):
        agreement_report(session, "XX-0000", "en")


def test_every_demo_agreement_type_renders(demo_db: object) -> None:
    from app.db import Database
    from app.domain.enums import AgreementType
    from app.services.listing import AgreementFilter, list_agreements

    assert isinstance(demo_db, Database)
    with demo_db.session() as s:
        for t in AgreementType:
            row = list_agreements(s, AgreementFilter(types=frozenset({t})), limit=1)[0]
            data = agreement_report(s, row.reference, "zh", REPORT_TODAY)
            pdf = read_pdf(AgreementReport().render(data))
            assert row.reference in pdf.text
            assert row.partner_name in pdf.text


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (
            date(2027, 10, 10),
            "Decision date passed 8 days ago (2027-10-02): renew or give notice now.",
        ),
        (date(2027, 9, 20), "Decision due in 12 days (2027-10-02): renew or give notice by then."),
        (date(2027, 6, 1), None),
    ],
)
def test_passed_or_near_decision_date_is_flagged_in_red(
    session: Session, hostile: AgreementView, as_of: date, expected: str | None
) -> None:
    data = agreement_report(session, hostile.reference, "en", as_of)
    pdf = read_pdf(AgreementReport().render(data))
    if expected is None:
        assert "renew or give notice" not in pdf.text
        return
    assert " ".join(expected.split()) in " ".join(pdf.pages[0].split())
    # Drawn in the report's red (#E03131), which nothing else on page 1 uses.
    stream = pdf.reader.pages[0].get_contents()
    assert stream is not None
    content = stream.get_data().decode("latin-1")
    assert ".878431 .192157 .192157 rg" in content


def test_no_flag_on_an_agreement_that_is_not_live(
    session: Session, agreement: AgreementView
) -> None:
    data = agreement_report(session, agreement.reference, "en", date(2027, 10, 10))
    assert "renew or give notice" not in read_pdf(AgreementReport().render(data)).text


def test_numbers_follow_one_set_of_rules(session: Session, partner: PartnerView) -> None:
    view = create_agreement(
        session,
        agreement_input(
            partner.id,
            type=AgreementType.LOGISTICS,
            currency="USD",
            status=AgreementStatus.ACTIVE,
            signed_date=date(2025, 12, 15),
            terms={"rate_basis": "per_kg", "rate": Decimal("48.48"),
                   "on_time_target_pct": Decimal("8.35")},
        ),
        actor="tester",
    )  # fmt: skip
    kpi = add_kpi(
        session, view.id, KpiSpec("Customs clearance time", "hours", Decimal(24),
                                  KpiDirection.LOWER_IS_BETTER)
    )  # fmt: skip
    record_actual(session, kpi.id, date(2026, 10, 31), Decimal(48))
    gmv = add_kpi(
        session, view.id, KpiSpec("GMV", "currency", Decimal(1000), KpiDirection.HIGHER_IS_BETTER)
    )
    record_actual(session, gmv.id, date(2026, 10, 31), Decimal("812.5"))
    for lang, rate, pct in (
        ("en", "USD 48.48 per kg", "8.35 %"),
        ("zh", "USD 48.48 / 公斤", "8.35 %"),
    ):
        data = agreement_report(session, view.reference, lang, REPORT_TODAY)
        pdf = read_pdf(AgreementReport().render(data))
        text = " ".join(pdf.text.split())
        assert rate in text  # a rate says per what and in which currency
        assert pct in text and "% 8.35" not in text  # a percentage's sign printed once
    data = agreement_report(session, view.reference, "en", REPORT_TODAY)
    text = " ".join(read_pdf(AgreementReport().render(data)).text.split())
    assert "24.0 48.0" in text  # hours: one decimal, target and actual alike
    assert "GMV (USD) 1,000.00 812.50" in text  # money: 2 decimals, the currency named once
    assert "Red · 50.0 %" in text  # 24 h target, 48 h actual: half attained
    assert "Red · 81.3 %" in text


def test_no_company_set_gives_a_neutral_header(session: Session, hostile: AgreementView) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "en", REPORT_TODAY)))
    assert "PartnerDesk" not in pdf.text  # not "us"
    assert "Our company\n—" in pdf.text or "Our company —" in " ".join(pdf.text.split())
    set_setting(session, "company_name", "Tmall Global Partnerships")
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "en", REPORT_TODAY)))
    assert pdf.metadata["/Author"] == "Tmall Global Partnerships"
    assert all("Tmall Global Partnerships" in page for page in pdf.pages)


def test_our_address_and_registration_number_stand_beside_the_partners(
    session: Session, hostile: AgreementView
) -> None:
    set_setting(session, "company_name", "Tmall Global Partnerships")
    set_setting(session, "company_address", "969 West Wen Yi Road\nHangzhou")
    set_setting(session, "company_registration_number", "91330100MA27XXXXXX")
    text = " ".join(
        read_pdf(
            render(agreement_report(session, hostile.reference, "en", REPORT_TODAY))
        ).text.split()
    )
    assert "969 West Wen Yi Road, Hangzhou" in text
    assert "91330100MA27XXXXXX" in text


@pytest.mark.parametrize(("lang", "word"), [("en", "DRAFT"), ("zh", "草稿")])
def test_an_agreement_not_yet_active_is_marked_draft_on_every_page(
    session: Session, agreement: AgreementView, hostile: AgreementView, lang: str, word: str
) -> None:
    draft = read_pdf(render(agreement_report(session, agreement.reference, lang, REPORT_TODAY)))
    assert all(word in page for page in draft.pages)
    active = read_pdf(render(agreement_report(session, hostile.reference, lang, REPORT_TODAY)))
    assert not any(word in "".join(page.split()) for page in active.pages[:1])


def test_history_uses_the_words_the_editor_shows(session: Session, hostile: AgreementView) -> None:
    changed = agreement_input(
        hostile.partner_id, title=HOSTILE_TITLE, description=LONG_WORDS,
        status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 15), notice_days=60,
        terms={"operating_model": "direct", "brands": ("Lumière",),
               "commission_rate_pct": Decimal("8.35")},
    )  # fmt: skip
    update_agreement(session, hostile.id, changed, hostile.version, actor="tester")
    text = " ".join(read_pdf(render(agreement_report(session, hostile.reference, "en",
                                                     REPORT_TODAY))).text.split())  # fmt: skip
    assert "Update · Notice period" in text
    assert "notice_days" not in text and "commission_rate_pct" not in text


def test_signature_block_names_the_partners_contact(demo_db: Database) -> None:
    with demo_db.session() as s:
        row = next(
            r for r in list_agreements(s, limit=1000) if get_partner(s, r.partner_id).contacts
        )
        data = agreement_report(s, row.reference, "en", REPORT_TODAY)
    contact = data.partner.contacts[0]
    text = " ".join(read_pdf(render(data)).pages[-1].split())
    assert f"Name: {contact.name}" in text
    assert f"Title: {contact.role}" in text


def test_chinese_lists_use_the_enumeration_comma(session: Session, hostile: AgreementView) -> None:
    pdf = read_pdf(render(agreement_report(session, hostile.reference, "zh", REPORT_TODAY)))
    assert "品牌方、物流服务商" in pdf.flat or "物流服务商、品牌方" in pdf.flat


@pytest.mark.parametrize(
    ("lang", "address_label", "number_label", "title_label"),
    [
        ("en", "Registered address", "Registration number", "Title"),
        ("zh", "注册地址", "注册号码", "职务"),
    ],
)
def test_parties_show_address_and_legal_identifier_and_the_signatory_title(
    session: Session, partner: PartnerView, lang: str, address_label: str, number_label: str,
    title_label: str,
) -> None:  # fmt: skip
    from app.services.partners import ContactInput, update_partner

    data = replace(
        partner.to_input(),
        address="1 Century Avenue\nPudong, Shanghai 200120",
        registration_number="91310000MA1FL8XQ2K",
        contacts=(
            ContactInput("Wang Fang", "Account manager", "wang@x.example"),
            ContactInput("Lin Yue", "Signatory", "lin@x.example", title="General Manager"),
        ),
    )
    update_partner(session, partner.id, data, partner.version, actor="t")
    a = create_agreement(session, agreement_input(partner.id), actor="t")
    pdf = read_pdf(render(agreement_report(session, a.reference, lang, REPORT_TODAY)))
    text = " ".join(pdf.text.split())
    assert f"{address_label} 1 Century Avenue, Pudong, Shanghai 200120" in text
    assert f"{number_label} 91310000MA1FL8XQ2K" in text
    last = " ".join(pdf.pages[-1].split())
    # The contact with a job title signs, with that title, not the first contact's role.
    assert "Lin Yue" in last and "General Manager" in last
    assert "Wang Fang" not in last and "Account manager" not in last
    assert title_label in last
