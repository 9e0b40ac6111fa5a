"""Sellers' qualification documents in the reminders: told by mail to the owner of the
brand agreement the seller sells under (or the team lead), once per step, and in the
calendar, against the real SMTP server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from app.cli import main
from app.db import Database
from app.domain.enums import AgreementStatus, PartnerRole
from app.domain.sellers import SellerDocumentKind, SellerStatus
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from app.services.sellers.chain import add_document, link_brand
from app.services.sellers.register import SellerInput, create_seller, get_seller, update_seller
from tests.conftest import TODAY, agreement_input
from tests.services.notifications.conftest import LI, WANG, ZHANG, Desk, decision_in
from tests.services.notifications.servers import Mailbox, body


@dataclass(frozen=True)
class Sellers:
    reference: str  # the platform agreement Zhang Min owns, Harbour sells under it
    harbour: int  # a business licence in 10 days, an import permit expired 2 days ago
    drifter: int  # sells under nothing live: an import permit in 3 days


@pytest.fixture
def sellers(desk: Desk, db: Database) -> Sellers:  # noqa: ARG001 (the desk's people first)
    with db.session() as s:
        owner = create_partner(s, PartnerInput(
            legal_name="Maison Lumière SA", local_name="卢米埃尔", country="FR",
            roles=frozenset({PartnerRole.BRAND_OWNER})), actor="tester")  # fmt: skip
        platform = create_agreement(s, agreement_input(
            owner.id, title="Lumière platform listing", owner="Zhang Min",
            terms={"operating_model": "platform", "brands": ("Lumière",)},
            **decision_in(250)), actor="tester")  # fmt: skip
        harbour = create_seller(s, SellerInput(
            "Harbour Trading Ltd", "HK", "CNY", local_name="海港贸易有限公司",
            status=SellerStatus.ACTIVE), actor="tester").id  # fmt: skip
        link_brand(s, harbour, platform.id, "Lumière", as_of=TODAY)
        add_document(s, harbour, SellerDocumentKind.BUSINESS_LICENCE, "BL-7",
                     TODAY + timedelta(days=10))  # fmt: skip
        add_document(s, harbour, SellerDocumentKind.IMPORT_PERMIT, "", TODAY - timedelta(days=2))
        add_document(s, harbour, SellerDocumentKind.BRAND_AUTHORISATION, "far",
                     TODAY + timedelta(days=200))  # fmt: skip
        drifter = create_seller(s, SellerInput("Drift Goods GmbH", "DE", "EUR"), actor="t").id
        add_document(s, drifter, SellerDocumentKind.IMPORT_PERMIT, "IP-3",
                     TODAY + timedelta(days=3))  # fmt: skip
    return Sellers(platform.reference, harbour, drifter)


def notify(capsys: pytest.CaptureFixture[str], desk: Desk, on: date = TODAY) -> str:
    code = main(["--db", str(desk.path), "notify", "--as-of", str(on), "--only", "documents"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), out
    return out


def test_the_agreement_owner_is_told_of_the_sellers_papers_once(
    desk: Desk, sellers: Sellers, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    notify(capsys, desk)
    [zhang] = mailbox.to(ZHANG)
    text = body(zhang, "plain")
    # Zhang Min reads Chinese: the seller by its Chinese name too, under her agreement.
    assert f"* {sellers.reference} · Harbour Trading Ltd (海港贸易有限公司) · 卢米埃尔" in text
    licence = "卖家海港贸易有限公司的营业执照（编号 BL-7）将于2026年12月6日到期（还有 10 天）。"
    assert licence in text
    assert "卖家海港贸易有限公司的进口许可证已于2026年11月24日过期（已逾期 2 天）。" in text
    assert "far" not in text  # 200 days out: before the first step
    assert "Drift Goods" not in text

    # The seller under no live agreement is the team lead's; Li Wei has none of it.
    [wang] = mailbox.to(WANG)
    own = body(wang, "plain").split("== Your team")[0]
    assert "Drift Goods GmbH · sells under no live agreement" in own
    assert "Seller Drift Goods GmbH: Import permit “IP-3” expires on 2026-11-29 (in 3 days)." in own
    [li] = mailbox.to(LI)
    assert "Harbour" not in body(li, "plain") and "Drift" not in body(li, "plain")

    # Running again sends nothing; the next step (7 days before) is a new occasion.
    mailbox.messages.clear()
    assert "0 message(s) sent" in notify(capsys, desk)
    assert mailbox.messages == []
    notify(capsys, desk, TODAY + timedelta(days=3))
    [zhang] = mailbox.to(ZHANG)
    text = body(zhang, "plain")
    assert "营业执照（编号 BL-7）将于2026年12月6日到期（还有 7 天）" in text
    assert "进口许可证" not in text  # told when it became overdue; overdue is one step


def test_a_terminated_seller_or_an_ended_agreement_moves_the_reminder(
    desk: Desk, sellers: Sellers, db: Database, mailbox: Mailbox,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with db.session() as s:
        drifter = get_seller(s, sellers.drifter)
        data = SellerInput(drifter.legal_name, drifter.country, drifter.deposit_currency,
                           status=SellerStatus.TERMINATED)  # fmt: skip
        update_seller(s, drifter.id, data, drifter.version)
    notify(capsys, desk)
    assert "Drift Goods" not in body(mailbox.to(WANG)[0], "plain")
    assert "海港贸易有限公司" in body(mailbox.to(ZHANG)[0], "plain")


def test_the_calendar_carries_the_sellers_papers_under_their_agreement(
    desk: Desk, sellers: Sellers, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zhang.ics"
    code = main(["--db", str(desk.path), "calendar", str(out), "--owner", "zhang.min"])
    assert code == 0, capsys.readouterr().err
    events: dict[str, Any] = {
        str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    papers = {uid: e for uid, e in events.items() if uid.startswith("seller-document-")}
    # Harbour's three papers (Drift Goods sells under none of Zhang Min's agreements).
    assert len(papers) == 3
    licence = next(e for e in papers.values() if "Business licence" in str(e["SUMMARY"]))
    assert str(licence["SUMMARY"]) == "Seller paper expires: Business licence, Harbour Trading Ltd"
    assert licence["DTSTART"].dt == TODAY + timedelta(days=10)
    assert sellers.reference in str(licence["DESCRIPTION"])
    assert "Owner: Zhang Min." in str(licence["DESCRIPTION"])
    triggers = [a["TRIGGER"].dt for a in licence.walk("VALARM")]
    assert triggers == [timedelta(days=-30), timedelta(days=-7)]
    # Li Wei's calendar has none of them.
    mine = tmp_path / "li.ics"
    assert main(["--db", str(desk.path), "calendar", str(mine), "--owner", "li.wei"]) == 0
    assert b"seller-document-" not in mine.read_bytes()


def test_an_ended_agreement_leaves_the_papers_to_the_team_lead(
    desk: Desk, sellers: Sellers, db: Database, mailbox: Mailbox,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from app.services.agreements import agreement_id_for_reference, change_status, get_agreement

    with db.session() as s:
        a = get_agreement(s, agreement_id_for_reference(s, sellers.reference))
        change_status(s, a.id, AgreementStatus.TERMINATED, a.version)
    notify(capsys, desk)
    assert all("海港" not in body(m, "plain") for m in mailbox.to(ZHANG))
    own = body(mailbox.to(WANG)[0], "plain").split("== Your team")[0]
    assert "Harbour Trading Ltd (海港贸易有限公司) · sells under no live agreement" in own


def test_a_seller_under_no_agreement_reads_without_a_link_in_every_form() -> None:
    from app.domain.roles import Role
    from app.services.notifications.digest import EMAIL, Delivery
    from app.services.notifications.kinds import Kind
    from app.services.notifications.occasions import Item
    from app.services.notifications.recipients import Recipient
    from app.services.notifications.render import html_body, markdown, plain, records

    item = Item(Kind.DOCUMENTS, "seller-document:1:2026-11-29:7", "7", 0, "",
                "Drift <Goods> GmbH", "", None, "", TODAY + timedelta(days=3), 3, "IP-3",
                (("document_kind", "import_permit"), ("seller", "Drift <Goods> GmbH"),
                 ("seller_local", "")), fallback=("wang.fang",))  # fmt: skip
    lead = Recipient("wang.fang", "Wang Fang", None, WANG, "Brand", Role.APPROVER, "en")
    d = Delivery(EMAIL, "en", lead, "", (item,), (), (), TODAY)
    text = plain(d)
    assert "* Drift <Goods> GmbH · sells under no live agreement" in text
    assert "partnerdesk://" not in text
    assert "Drift &lt;Goods&gt; GmbH · sells under no live agreement" in html_body(d)
    assert "<a href" not in html_body(d)
    assert "- Drift \\<Goods\\> GmbH · sells under no live agreement: Seller" in markdown(d)
    [record] = records(d)
    assert (record["link"], record["seller"]) == ("", "Drift <Goods> GmbH")
