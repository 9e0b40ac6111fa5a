"""The hostile-text corpus in every report: each renders, and user text prints literally.

The text a checker extracts from the PDF holds the names as typed (``A&B <Trading>`` is not
markup, ``=HYPERLINK(...)`` is not a formula, Chinese is Chinese), in English and Chinese;
text stored before the policy (controls, U+FFFE, NUL) never stops a report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus
from app.domain.models import Agreement, Partner
from app.reports import ReportData, render
from app.services.agreements import create_agreement
from app.services.milestones import MilestoneInput, add_milestone
from app.services.partners import PartnerInput, PartnerView, create_partner
from app.services.reporting import (
    agreement_report,
    partner_report,
    portfolio_report,
    renewal_report,
)
from tests.conftest import agreement_input
from tests.reliability.hostile_corpus import CLEANED, KEPT, LEGACY
from tests.reports.conftest import read_pdf

TODAY = date(2026, 11, 26)
# What pypdf gives back character for character (no right-to-left reordering, no
# combining, no joiners, no characters outside the embedded fonts' reach).
LITERAL = ["A&B <Trading> Co., Ltd. &amp; <b>bold</b>", '=HYPERLINK("http://evil.example",',
           "'; DROP TABLE agreements; --", "100% %s %(x)s {0} {title} $HOME ${PATH}",
           "上海爱彼贸易有限公司", "[31mRed[0m alert"]  # fmt: skip


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def partner_of_corpus(session: Session) -> PartnerView:
    partner = create_partner(
        session, PartnerInput(legal_name="A&B <Trading> Co., Ltd. &amp; <b>bold</b>",
                              local_name="上海爱彼贸易有限公司", country="CN"),
    )  # fmt: skip
    texts = [*KEPT.values(), *(given for given, _ in CLEANED.values())]
    for i, text in enumerate(texts):
        view = create_agreement(
            session,
            agreement_input(
                partner.id, reference=f"H-{i:02d}", title=text, description=text,
                owner=text[:100], status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 1),
                end_date=date(2027, 1, 31), notice_days=30,
            ),
        )  # fmt: skip
        add_milestone(session, view.id, MilestoneInput(text[:200], date(2026, 3, 1), text[:100]))
    session.flush()
    return partner


def reports(session: Session, partner_id: int, lang: str) -> dict[str, Callable[[], ReportData]]:
    return {
        "agreement": lambda: agreement_report(session, "H-00", lang, TODAY),
        "portfolio": lambda: portfolio_report(session, lang, TODAY),
        "renewals": lambda: renewal_report(session, 3650, lang, TODAY),
        "partner": lambda: partner_report(session, lang=lang, as_of=TODAY, partner_id=partner_id),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_report_prints_the_corpus_literally(
    session: Session, partner_of_corpus: PartnerView, lang: str
) -> None:
    for name, build in reports(session, partner_of_corpus.id, lang).items():
        pdf = read_pdf(render(build()))
        assert "&lt;" not in pdf.text and "&amp;amp;" not in pdf.text, name
        # .flat: the text without spaces and line breaks, as a table cell may wrap it.
        assert flat("A&B <Trading> Co., Ltd. &amp; <b>bold</b>") in pdf.flat, name
        assert "上海爱彼贸易有限公司" in pdf.flat, name
        if name in ("portfolio", "renewals", "partner"):  # the agreement list with titles
            for text in LITERAL:
                assert flat(text) in pdf.flat, (name, text)


def test_the_contract_report_of_each_corpus_title(
    session: Session, partner_of_corpus: PartnerView
) -> None:
    for i, text in enumerate(LITERAL[1:]):
        reference = f"L-{i}"
        create_agreement(session, agreement_input(partner_of_corpus.id, reference=reference,
                                                  title=text, description=text))  # fmt: skip
        pdf = read_pdf(render(agreement_report(session, reference, "en", TODAY)))
        assert pdf.flat.count(flat(text)) >= 2  # the title and the description


def test_text_stored_before_the_policy_never_stops_a_report(
    session: Session, partner_of_corpus: PartnerView
) -> None:
    for i, text in enumerate(LEGACY):
        session.execute(
            update(Agreement)
            .where(Agreement.reference == f"H-{i:02d}")
            .values(title=text, description=text, owner=text[:100])
        )
    session.execute(update(Partner).values(legal_name="\x0b".join(LEGACY)[:200]))
    for lang in ("en", "zh"):
        for name, build in reports(session, partner_of_corpus.id, lang).items():
            pdf = read_pdf(render(build()))
            assert "H-00" in pdf.text, (lang, name)
