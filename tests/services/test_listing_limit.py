"""The first screen of a list: the same ids as the whole list, cut short."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.db import Database, Session
from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.services.agreements import create_agreement
from app.services.fx import set_rate
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids, first_screens, merges
from app.services.partners import PartnerInput, PartnerView, create_partner
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


def _every_filters_first_screens(session: Session, partner_id: int, fews: tuple[int, ...]) -> None:
    """Whichever plan finds it (the filter's rows sorted, a walk, index entries sorted), a
    first screen is the first rows of the same list in full, both ways, for every sort."""
    owners = ("Li Wei", "Ann Lee", "Bo Chen")
    statuses = (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION, AgreementStatus.ACTIVE)
    set_rate(session, "EUR", "CNY", Decimal("7.8"), date(2020, 1, 1))
    set_rate(session, "USD", "CNY", Decimal("7.1"), date(2020, 1, 1))
    # GBP has no rate: its agreements come last by base value, by id (the whole list's
    # order, which a first screen had by their own value).
    for i in range(15):
        kind = (AgreementType.BRAND, AgreementType.LOGISTICS, AgreementType.PAYMENT)[i % 3]
        terms = {"operating_model": ("direct", "platform")[i % 2]} if i % 3 == 0 else {}
        start = date(2024, 1, 1) + timedelta(days=97 * i)
        create_agreement(
            session,
            agreement_input(
                partner_id, title=f"Deal {i % 4}", type=kind, terms=terms, owner=owners[i % 3],
                start_date=start, end_date=start + timedelta(days=400 - 23 * i),
                value=Decimal(1000 * (i % 5) + 7 * (i % 2)), status=statuses[i // 5],
                currency=("EUR", "USD", "CNY", "GBP")[i % 4], signed_date=start,
            ),
            actor="tester",
        )  # fmt: skip
    filters = [
        AgreementFilter(),
        AgreementFilter(types=frozenset({AgreementType.LOGISTICS})),
        AgreementFilter(types=frozenset({AgreementType.LOGISTICS, AgreementType.BRAND})),
        AgreementFilter(statuses=frozenset({AgreementStatus.DRAFT})),
        AgreementFilter(
            types=frozenset({AgreementType.PAYMENT}),
            statuses=frozenset({AgreementStatus.NEGOTIATION, AgreementStatus.ACTIVE}),
        ),
        AgreementFilter(owner="ann LEE"),
        AgreementFilter(operating_model=OperatingModel.PLATFORM),
        AgreementFilter(start_from=date(2025, 1, 1)),
        AgreementFilter(end_to=date(2026, 6, 30)),
        AgreementFilter(decision_from=date(2025, 1, 1), decision_to=date(2026, 12, 31)),
    ]
    for few in fews:
        first_screens._FEW = few
        for f in filters:
            for sort in SORT_COLUMNS:
                for descending in (False, True):
                    whole = agreement_ids(session, f, sort=sort, descending=descending)
                    assert whole, f
                    for limit in (2, len(whole) - 1):
                        first = agreement_ids(
                            session, f, sort=sort, descending=descending, limit=limit
                        )
                        assert first == whole[:limit], (few, f, sort, descending, limit)


def test_every_filters_first_screen_under_every_sort_is_the_whole_lists_beginning(
    session: Session, partner: PartnerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_screens, "_FEW", first_screens._FEW)
    # By base value, the groups of a currency (or type, status and currency) in fewer
    # statements than one: merged again.
    monkeypatch.setattr(merges, "_BRANCHES", 2)
    # Narrow: its rows sorted; wide: the plans for many rows.
    _every_filters_first_screens(session, partner.id, (20_000, 0))


@pytest.mark.postgres
def test_every_filters_first_screen_on_postgresql(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_screens, "_FEW", first_screens._FEW)
    monkeypatch.setattr(merges, "_BRANCHES", 2)
    with pg_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Limit Partner Ltd", country="GB"))
        # Narrow: a merge's filter sorted; wide: the merges (by base value, by model).
        _every_filters_first_screens(s, partner.id, (first_screens._FEW, 0))
