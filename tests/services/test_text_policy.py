"""The one text policy (app/domain/text.py) at every way in: services, partners, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementType
from app.domain.models import Agreement, Partner
from app.domain.text import clean_text, for_terminal, is_visible, ooxml_escape, ooxml_unescape
from app.errors import ValidationError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.importing import import_file
from app.services.partners import ContactInput, PartnerInput, PartnerView, create_partner
from tests.conftest import agreement_input
from tests.services.test_importing import row, write_csv

KEPT = [
    "مرحبا\u200f شركة",  # Arabic with a right-to-left mark
    "👩\u200d💻 Studio",  # a ZWJ emoji sequence
    "Z\u0351\u0300 and 各国",  # combining marks that have no composed form
    "A&B <Trading> 有限公司",
    '=HYPERLINK("http://x")',
    "نام\u200cخانوادگی",  # Persian with a zero-width non-joiner
]


def count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("text", KEPT)
def test_text_of_every_script_is_stored_exactly(
    session: Session, partner: PartnerView, text: str
) -> None:
    view = create_agreement(session, agreement_input(partner.id, title=text, description=text))
    assert (view.title, view.description) == (text, text)


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x00", "U+0000"), ("\ufffe", "U+FFFE"), ("\uffff", "U+FFFF"), ("\ud800", "U+D800"),
     ("\U0001fffe", "U+1FFFE")],
)  # fmt: skip
def test_characters_that_are_not_text_are_refused_by_name_and_nothing_is_written(
    session: Session, partner: PartnerView, char: str, name: str
) -> None:
    before = count(session, Agreement)
    with pytest.raises(ValidationError) as caught:
        create_agreement(session, agreement_input(partner.id, title=f"Deal{char}2026"))
    [message] = caught.value.for_field("title")
    assert message.startswith(f"contains {name} ")
    assert "at character 5" in message
    assert count(session, Agreement) == before


def test_refused_characters_are_named_in_every_text_field(
    session: Session, partner: PartnerView
) -> None:
    data = agreement_input(
        partner.id,
        owner="Li\x00",
        description="ok\ufffe",
        territories=("CN", "H\uffffK"),
        terms={"operating_model": "direct", "brands": ("Lumière\x00",)},
    )
    with pytest.raises(ValidationError) as caught:
        create_agreement(session, data)
    fields = [e.field for e in caught.value.errors]
    assert fields == ["owner", "description", "territories", "brands"]


def test_invisible_controls_are_removed_and_line_breaks_made_plain(
    session: Session, partner: PartnerView
) -> None:
    view = create_agreement(
        session,
        agreement_input(
            partner.id,
            title="Spring\x0bcampaign \x1b[31mred\x1b[0m\ufeff",
            description="line one\x0bline two\r\nline three\x07",
            territories=("\ufeffCN",),
        ),
    )
    assert view.title == "Spring campaign [31mred[0m"
    assert view.description == "line one\nline two\r\nline three"
    assert view.territories == ("CN",)


def test_an_update_applies_the_same_policy(session: Session, partner: PartnerView) -> None:
    view = create_agreement(session, agreement_input(partner.id))
    data = agreement_input(partner.id, title="New\ttitle\x0c", reference=view.reference)
    updated = update_agreement(session, view.id, data, view.version)
    assert updated.title == "New title"
    with pytest.raises(ValidationError, match="title: contains U\\+FFFF"):
        update_agreement(session, view.id, agreement_input(partner.id, title="\uffff"), 2)
    assert get_agreement(session, view.id).title == "New title"


@pytest.mark.parametrize("title", ["\u200b", " \u3000\u200b\u2060 ", "\u3164", "\u0301", "\x0b"])
def test_a_title_of_invisible_characters_is_refused_like_an_empty_one(
    session: Session, partner: PartnerView, title: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_agreement(session, agreement_input(partner.id, title=title))
    assert caught.value.for_field("title") == ["an agreement needs a title"]


def test_partners_follow_the_same_policy(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        create_partner(session, PartnerInput(legal_name="\u200b\u200b", country="CN"))
    assert caught.value.for_field("legal_name") == ["a partner needs its legal name"]
    with pytest.raises(ValidationError) as caught:
        create_partner(
            session,
            PartnerInput(
                legal_name="Acme",
                country="CN",
                notes="a\x00b",
                contacts=(ContactInput("Ann", phone="\ufffe1"),),
            ),
        )
    assert [str(e) for e in caught.value.errors] == [
        "notes: contains U+0000 (NUL, a null byte) at character 2, which is not text; remove it",
        "contacts: contact 1 contains U+FFFE (a Unicode noncharacter) at character 1, "
        "which is not text; remove it",
    ]
    assert count(session, Partner) == 0
    view = create_partner(
        session,
        PartnerInput(
            legal_name="Acme\x0bTrading\u2028Ltd",
            country="CN",
            notes="one\x0btwo",
            contacts=(ContactInput("Ann\x1b"),),
        ),
    )
    assert (view.legal_name, view.notes, view.contacts[0].name) == (
        "Acme Trading Ltd",
        "one\ntwo",
        "Ann",
    )


def test_import_goes_through_the_same_policy(session: Session, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "in.csv",
        [row(reference="R-1", title="Good\x0btitle"), row(reference="R-2", title="Bad\x00")],
    )
    report = import_file(session, path)
    assert [str(p) for p in report.problems] == [
        "row 3, title: contains U+0000 (NUL, a null byte) at character 4, which is not text; "
        "remove it"
    ]
    assert count(session, Agreement) == 0
    path = write_csv(tmp_path / "in.csv", [row(reference="R-1", title="Good\x0btitle\u200b")])
    assert import_file(session, path).ok
    assert session.scalar(select(Agreement.title)) == "Good title\u200b"
    path = write_csv(tmp_path / "in.csv", [row(reference="R-3", title="\u200b")])
    assert [str(p) for p in import_file(session, path).problems] == [
        "row 2, title: an agreement needs a title"
    ]


def test_a_text_term_follows_the_policy(session: Session, partner: PartnerView) -> None:
    terms = {"partner_platform": "Shop\x0bee", "revenue_share_pct": "5"}
    data = agreement_input(partner.id, type=AgreementType.PLATFORM, terms=terms)
    assert create_agreement(session, data).terms["partner_platform"] == "Shop ee"


def test_the_helpers_are_exact_inverses_and_safe() -> None:
    for text in ["_x000D_", "a\x0b\ufffe\r\x00b", "_x005F_", "plain", "_xZZZZ_", "😀\x1f"]:
        escaped = ooxml_escape(text)
        assert ooxml_unescape(escaped) == text
        assert not any(c in escaped for c in "\x00\x0b\x0d\x1f\ufffe")
    shown = for_terminal("\x1b[2J\x1b]0;pwned\x07\u202eevil")
    assert shown == "\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil"
    assert clean_text("a\x0bb", multiline=True) == "a\nb"
    assert not is_visible("\u200b\u00a0\u2800") and is_visible("\u200bx")


def test_text_is_stored_composed_as_the_import_reads_it(
    session: Session, partner: PartnerView
) -> None:
    # "Café" typed with a combining accent (macOS file names, some keyboards) and composed:
    # one name, and an export imported back is the same.
    view = create_agreement(session, agreement_input(partner.id, title="Cafe\u0301 Ame\u0301lie"))
    assert view.title == "Caf\u00e9 Am\u00e9lie"
    with pytest.raises(ValidationError, match="legal_name: a partner named 'A&B <Trading>"):
        create_partner(session, PartnerInput(legal_name="A&B <Trading> Co., Ltd.", country="FR"))
    twin = create_partner(session, PartnerInput(legal_name="Lumie\u0300re", country="FR"))
    assert twin.legal_name == "Lumi\u00e8re"


def test_milestones_and_kpis_follow_the_same_policy(session: Session, partner: PartnerView) -> None:
    from datetime import date
    from decimal import Decimal

    from app.domain.enums import KpiDirection
    from app.services.kpis import KpiSpec, add_kpi, record_actual
    from app.services.milestones import MilestoneInput, add_milestone

    view = create_agreement(session, agreement_input(partner.id))
    milestone = add_milestone(
        session, view.id, MilestoneInput("Launch\x0bday\x1b[0m", date(2026, 3, 1), "Li\x07 Wei")
    )
    assert (milestone.title, milestone.owner) == ("Launch day[0m", "Li Wei")
    with pytest.raises(ValidationError) as caught:
        add_milestone(session, view.id, MilestoneInput("\u200b", date(2026, 3, 1), "\x00"))
    assert [str(e) for e in caught.value.errors] == [
        "title: a milestone needs a title",
        "owner: contains U+0000 (NUL, a null byte) at character 1, which is not text; remove it",
    ]
    with pytest.raises(ValidationError, match="metric: a KPI needs a name"):
        add_kpi(session, view.id, KpiSpec("\u2060", "%", Decimal(1), KpiDirection.HIGHER_IS_BETTER))
    kpi = add_kpi(
        session, view.id, KpiSpec("GMV\x0b", "CNY\ufeff", Decimal(1), KpiDirection.HIGHER_IS_BETTER)
    )
    assert (kpi.metric, kpi.unit) == ("GMV", "CNY")
    with pytest.raises(ValidationError, match=r"note: contains U\+FFFE"):
        record_actual(session, kpi.id, date(2026, 3, 31), Decimal(1), note="late\ufffe")
    actual = record_actual(session, kpi.id, date(2026, 3, 31), Decimal(1), note="a\x0bb")
    assert actual.actuals[-1].note == "a\nb"
