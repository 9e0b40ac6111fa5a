"""Migration 0013 (the #14 terms) carries what the database already said into the new
columns: purchase currency, festival, bonded import. Agreements are written through the
services at the newest schema, the schema is taken back to 0012 and migrated forward."""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from app.db import Database
from app.db.migrate import alembic_config, upgrade
from app.domain.enums import AgreementType
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input

festival_of = importlib.import_module(
    "app.db.migrations.versions.0013_type_terms_procurement_festival_actuals"
).festival_of


@pytest.mark.parametrize(
    ("title", "start", "end", "festival"),
    [
        ("618 livestream campaign", None, None, "618"),
        ("双11 直播", None, None, "double_11"),
        ("Singles' Day 11.11 push", None, None, "double_11"),
        ("Black Friday US", None, None, "black_friday"),
        ("Spring Festival gifting", None, None, "chinese_new_year"),
        ("Lumière brand day", None, None, "brand_day"),
        ("KOL seeding", date(2026, 5, 20), date(2026, 7, 1), "618"),
        ("KOL seeding", date(2026, 10, 1), date(2026, 11, 30), "double_11"),
        ("KOL seeding", date(2026, 12, 20), date(2027, 6, 30), "618"),
        ("KOL seeding", date(2026, 7, 1), date(2026, 9, 30), None),
        ("KOL seeding", None, None, None),
    ],
)
def test_festival_from_title_first_then_from_dates(
    title: str, start: date | None, end: date | None, festival: str | None
) -> None:
    assert festival_of(title, start, end) == festival


def _fill(db: Database) -> dict[str, int]:
    with db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Lumière SAS", country="FR"))
        made = {}
        for key, data in {
            "direct": agreement_input(partner.id, currency="JPY",
                                      terms={"operating_model": "direct"}),
            "platform": agreement_input(partner.id, terms={"operating_model": "platform"}),
            "618": agreement_input(partner.id, type=AgreementType.MARKETING,
                                   title="618 livestream campaign", terms={}),
            "dates": agreement_input(partner.id, type=AgreementType.MARKETING, title="Promotion",
                                     terms={"campaign_start": "2026-10-20",
                                            "campaign_end": "2026-11-20"}),
            "none": agreement_input(partner.id, type=AgreementType.MARKETING, title="Promotion",
                                    terms={}),
            "bonded": agreement_input(partner.id, type=AgreementType.LOGISTICS,
                                      terms={"services": ("bonded_warehouse", "last_mile")}),
            "mail": agreement_input(partner.id, type=AgreementType.LOGISTICS,
                                    terms={"services": ("last_mile",)}),
        }.items():  # fmt: skip
            made[key] = create_agreement(s, data).id
    return made


def _back_to_0012_and_forward(db: Database) -> None:
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0012")
    upgrade(db.engine)


def _carried(db: Database, ids: dict[str, int]) -> dict[str, Any]:
    with db.engine.connect() as conn:
        brand: dict[int, str | None] = dict(
            conn.execute(text("SELECT id, purchase_currency FROM brand_terms")).all()
        )
        festival: dict[int, str | None] = dict(
            conn.execute(text("SELECT id, festival FROM marketing_terms")).all()
        )
        mode: dict[int, str | None] = dict(
            conn.execute(text("SELECT id, import_mode FROM logistics_terms")).all()
        )
        blank = conn.execute(
            text("SELECT trademark_numbers, near_expiry_returnable FROM brand_terms")
        ).all()
    return {
        "direct": brand[ids["direct"]], "platform": brand[ids["platform"]],
        "618": festival[ids["618"]], "dates": festival[ids["dates"]],
        "none": festival[ids["none"]], "bonded": mode[ids["bonded"]], "mail": mode[ids["mail"]],
        "blank": {(row[0], bool(row[1])) for row in blank},
    }  # fmt: skip


EXPECTED = {
    "direct": "JPY",  # the agreement's currency
    "platform": None,
    "618": "618",
    "dates": "double_11",
    "none": None,
    "bonded": "bonded_import",
    "mail": None,
    "blank": {("", False)},
}


def test_0013_carries_existing_terms_over_on_sqlite(db: Database) -> None:
    ids = _fill(db)
    _back_to_0012_and_forward(db)
    assert _carried(db, ids) == EXPECTED


def test_0013_carries_existing_terms_over_on_postgresql(pg_db: Database) -> None:
    ids = _fill(pg_db)
    _back_to_0012_and_forward(pg_db)
    assert _carried(pg_db, ids) == EXPECTED
