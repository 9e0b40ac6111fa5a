from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.domain.enums import PartnerRole
from app.errors import ConflictError, ValidationError
from app.services.agreements import create_agreement
from app.services.audit import history
from app.services.partners import (
    ContactInput,
    PartnerFilter,
    PartnerInput,
    PartnerView,
    count_partners,
    create_partner,
    delete_partner,
    find_partner,
    get_partner,
    list_partners,
    update_partner,
)
from tests.conftest import agreement_input


def test_partner_keeps_both_scripts_roles_and_contacts(session: Session) -> None:
    p = create_partner(
        session,
        PartnerInput(
            legal_name="Sakura Cosmetics K.K.",
            local_name="樱花化妆品株式会社",
            country="jp",
            roles=frozenset({PartnerRole.BRAND_OWNER, PartnerRole.MARKETING_CHANNEL}),
            contacts=(ContactInput("Sato Haruka", "KAM", "haruka@sakura.example", "+81 3 1234"),),
        ),
    )
    again = get_partner(session, p.id)
    assert again.country == "JP"
    assert again.local_name == "樱花化妆品株式会社"
    assert set(again.roles) == {PartnerRole.BRAND_OWNER, PartnerRole.MARKETING_CHANNEL}
    assert [c.email for c in again.contacts] == ["haruka@sakura.example"]
    assert again.display_name == "Sakura Cosmetics K.K. (樱花化妆品株式会社)"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"legal_name": "  "}, "legal_name", "needs its legal name"),
        ({"country": "XX"}, "country", "not an ISO 3166 country code"),
        (
            {"contacts": (ContactInput("Ann", email="not-an-email"),)},
            "contacts",
            "is not an e-mail address",
        ),
        ({"contacts": (ContactInput(" "),)}, "contacts", "contact 1 has no name"),
    ],
)
def test_invalid_partner_is_refused_with_field_and_reason(
    session: Session, changes: dict[str, object], field: str, message: str
) -> None:
    data = PartnerInput(**({"legal_name": "Valid Ltd", "country": "GB"} | changes))  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as err:
        create_partner(session, data)
    assert any(message in m for m in err.value.for_field(field))
    assert count_partners(session) == 0


def test_duplicate_legal_name_in_same_country_is_refused(
    session: Session, partner: PartnerView
) -> None:
    with pytest.raises(ValidationError, match="exists"):
        create_partner(session, PartnerInput(legal_name=partner.legal_name, country="FR"))


def test_find_partner_by_either_script_and_by_part(session: Session, partner: PartnerView) -> None:
    assert find_partner(session, "爱彼贸易有限公司").id == partner.id
    assert find_partner(session, "a&b <trading> co., ltd.").id == partner.id
    assert find_partner(session, "爱彼").id == partner.id


def test_search_filter_matches_chinese_name(session: Session, partner: PartnerView) -> None:
    rows = list_partners(session, PartnerFilter(search="贸易"))
    assert [r.legal_name for r in rows] == [partner.legal_name]
    assert list_partners(session, PartnerFilter(search="nothing like it")) == []


def test_update_records_each_changed_field_in_the_audit_trail(
    session: Session, partner: PartnerView
) -> None:
    changed = _with(
        partner, website="https://ab.example", roles=frozenset({PartnerRole.BRAND_OWNER})
    )
    updated = update_partner(session, partner.id, changed, partner.version, actor="mei")
    assert updated.version == partner.version + 1
    entries = {e.field: e for e in history(session, "partner", partner.id)}
    assert entries["website"].new_value == "https://ab.example"
    assert entries["roles"].old_value == "brand_owner, logistics_provider"
    assert entries["roles"].actor == "mei"


def test_stale_version_is_a_conflict_not_an_overwrite(db: Database) -> None:
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Kiwi Freight Ltd", country="NZ"))
    # Two managers open the same partner.
    with db.session() as first:
        mine = get_partner(first, p.id)
    with db.session() as second:
        theirs = get_partner(second, p.id)
        update_partner(second, p.id, _with(theirs, notes="theirs"), theirs.version)
    with pytest.raises(ConflictError, match="changed by someone else"), db.session() as s:
        update_partner(s, p.id, _with(mine, notes="mine"), mine.version)
    with db.session() as s:
        assert get_partner(s, p.id).notes == "theirs"


def _with(view: PartnerView, **changes: object) -> PartnerInput:
    data = view.to_input()
    values = {f: getattr(data, f) for f in data.__dataclass_fields__} | changes
    return PartnerInput(**values)


def test_partner_with_agreements_cannot_be_deleted(session: Session, partner: PartnerView) -> None:
    create_agreement(session, agreement_input(partner.id))
    with pytest.raises(ValidationError, match="still has 1 agreement"):
        delete_partner(session, partner.id)
    assert get_partner(session, partner.id).agreement_count == 1
