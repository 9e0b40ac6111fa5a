"""The hostile-text corpus through the services the editors call: agreements and partners.

Every string is stored exactly, cleaned as the text policy says, or refused with the field
named and nothing written; never an exception of another kind.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Agreement, AuditEntry, Partner
from app.errors import ValidationError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.partners import (
    ContactInput,
    PartnerInput,
    PartnerView,
    create_partner,
    get_partner,
    update_partner,
)
from tests.conftest import agreement_input
from tests.reliability.hostile_corpus import CLEANED, INVISIBLE, KEPT, REFUSED

STORED = {**{k: (v, v) for k, v in KEPT.items()}, **CLEANED}


def rows(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(m)) or 0
        for m in (Agreement, Partner, AuditEntry)
    )


@pytest.mark.parametrize(("given", "stored"), STORED.values(), ids=list(STORED))
def test_agreement_text_is_kept_or_cleaned(
    session: Session, partner: PartnerView, given: str, stored: str
) -> None:
    data = agreement_input(
        partner.id, title=given, owner=given, governing_law=given, territories=(given,),
        terms={"operating_model": "direct", "brands": (given,)},
    )  # fmt: skip
    view = create_agreement(session, data)
    assert (view.title, view.owner, view.governing_law) == (stored, stored, stored)
    assert view.territories == (stored,) and view.terms["brands"] == (stored,)
    # Saving the stored values again keeps them: the policy is idempotent.
    again = update_agreement(session, view.id, view.to_input(), view.version)
    assert (again.title, again.owner, again.territories) == (stored, stored, (stored,))


@pytest.mark.parametrize(("given", "code"), REFUSED.values(), ids=list(REFUSED))
def test_agreement_text_that_is_not_text_is_refused_in_every_field(
    session: Session, partner: PartnerView, given: str, code: str
) -> None:
    before = rows(session)
    for field in ("title", "owner", "description", "governing_law"):
        with pytest.raises(ValidationError) as caught:
            create_agreement(session, agreement_input(partner.id, **{field: given}))
        [message] = caught.value.for_field(field)
        assert message.startswith(f"contains {code} (") and message.endswith("; remove it")
    assert rows(session) == before


@pytest.mark.parametrize("given", INVISIBLE)
def test_invisible_titles_and_names_are_empty(session: Session, given: str) -> None:
    before = rows(session)
    with pytest.raises(ValidationError, match="legal_name: a partner needs its legal name"):
        create_partner(session, PartnerInput(legal_name=given, country="CN"))
    partner = create_partner(session, PartnerInput(legal_name="Acme", country="CN"))
    with pytest.raises(ValidationError, match=r"^title: an agreement needs a title$"):
        create_agreement(session, agreement_input(partner.id, title=given))
    assert rows(session)[0] == before[0]


def test_descriptions_keep_their_lines(session: Session, partner: PartnerView) -> None:
    for given, _ in CLEANED.values():
        view = create_agreement(session, agreement_input(partner.id, description=given))
        assert "\x0b" not in view.description and "\x1b" not in view.description
    view = create_agreement(
        session, agreement_input(partner.id, description="one\x0btwo\r\nthree\tfour\n")
    )
    assert view.description == "one\ntwo\r\nthree\tfour\n"


@pytest.mark.parametrize(("given", "stored"), STORED.values(), ids=list(STORED))
def test_partner_text_is_kept_or_cleaned(session: Session, given: str, stored: str) -> None:
    view = create_partner(
        session,
        PartnerInput(
            legal_name=given[:200], local_name=given[:200], country="CN", notes=given,
            contacts=(ContactInput(given, given, "", given),),
        ),
    )  # fmt: skip
    expected = stored if len(given) <= 200 else given[:200]
    assert view.legal_name == expected.strip()
    assert view.contacts[0].name == stored.strip()
    updated = update_partner(session, view.id, view.to_input(), view.version)
    assert get_partner(session, view.id).legal_name == updated.legal_name == view.legal_name


@pytest.mark.parametrize(("given", "code"), REFUSED.values(), ids=list(REFUSED))
def test_partner_text_that_is_not_text_is_refused(session: Session, given: str, code: str) -> None:
    before = rows(session)
    for field in ("legal_name", "local_name", "notes", "website"):
        values = {"legal_name": "Acme", "country": "CN", field: given}
        with pytest.raises(ValidationError) as caught:
            create_partner(session, PartnerInput(**values))  # type: ignore[arg-type]
        assert caught.value.for_field(field)[0].startswith(f"contains {code} (")
    assert rows(session) == before


def test_a_stored_agreement_reads_back_as_saved(session: Session, partner: PartnerView) -> None:
    for given, stored in STORED.values():
        view = create_agreement(session, agreement_input(partner.id, title=given))
        assert get_agreement(session, view.id).title == stored
