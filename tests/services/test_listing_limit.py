"""The first screen of a list: the same ids as the whole list, cut short."""

from __future__ import annotations

from app.db import Session
from app.services.agreements import create_agreement
from app.services.listing import agreement_ids
from app.services.partners import PartnerView
from tests.conftest import agreement_input


def test_limit_gives_the_first_ids_of_the_same_order(
    session: Session, partner: PartnerView
) -> None:
    for title in ("Alpha", "Beta", "Gamma"):
        create_agreement(session, agreement_input(partner.id, title=title), actor="tester")
    whole = agreement_ids(session, sort="title", descending=True)
    assert len(whole) == 3
    assert agreement_ids(session, sort="title", descending=True, limit=2) == whole[:2]
    assert agreement_ids(session, limit=0) == []
