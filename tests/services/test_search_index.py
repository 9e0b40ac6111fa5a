"""Search through the database's text index: kept in step by the database, and answering
exactly what a LIKE over the searched fields answers, whatever the query's length."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.services import search
from app.services.agreements import create_agreement, delete_agreement, update_agreement
from app.services.demo import load_demo
from app.services.importing import import_file
from app.services.listing import AgreementFilter, agreement_ids, count_agreements, first_screens
from app.services.partners import PartnerInput, create_partner, update_partner
from tests.conftest import TODAY, agreement_input
from tests.services.test_importing import row, write_csv


def _in_step(session: Session) -> None:
    """FTS5 compares its index with the view it indexes: a row out of step is an error."""
    session.execute(
        text("INSERT INTO agreement_search(agreement_search) VALUES ('integrity-check')")
    )


def _indexed(session: Session, needle: str) -> set[int]:
    """The rows the index alone gives for ``needle`` (the list's LIKE check would hide a
    stale entry): each holds every trigram of it."""
    match = search._sqlite_match(session, needle)
    if not match:  # no trigram of the index begins with it
        return set()
    query = text("SELECT rowid FROM agreement_search WHERE agreement_search MATCH :m")
    return set(session.scalars(query, {"m": match}))


def _found(session: Session, needle: str) -> list[int]:
    return agreement_ids(session, AgreementFilter(search=needle))


def test_the_index_follows_every_write(session: Session) -> None:
    partner = create_partner(
        session,
        PartnerInput(legal_name="Nordlicht Handels GmbH", local_name="北光贸易", country="DE"),
    )
    view = create_agreement(
        session, agreement_input(partner.id, title="Aurora serum launch", owner="Li Wei")
    )
    _in_step(session)
    assert _indexed(session, "aurora") == {view.id}
    assert _indexed(session, "北光") == {view.id}
    assert _found(session, "Nordlicht") == [view.id]

    view = update_agreement(
        session, view.id, replace(view.to_input(), title="Borealis toner"), view.version
    )
    _in_step(session)
    assert _indexed(session, "aurora") == set()
    assert _found(session, "borealis") == [view.id]

    # A partner's new name is found in its agreements, its old name no more.
    update_partner(
        session,
        partner.id,
        replace(partner.to_input(), legal_name="Polarstern AG", local_name="极星股份"),
        partner.version,
    )
    _in_step(session)
    assert _indexed(session, "Nordlicht") == set()
    assert _indexed(session, "北光") == set()
    assert _found(session, "polarstern") == [view.id]
    assert _found(session, "极星") == [view.id]

    delete_agreement(session, view.id, view.version)
    _in_step(session)
    assert _indexed(session, "borealis") == set()


def test_imported_and_demo_agreements_are_indexed(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [row(title="Glacier water import")])
    report = import_file(session, path)
    assert not report.problems
    load_demo(session, 60, today=TODAY)
    _in_step(session)
    assert len(_found(session, "glacier water")) == 1
    assert set(_found(session, "-20")) == _expected(session, "-20")
    assert len(_expected(session, "-20")) == 61


# Latin in any case and Chinese; one, two, three and more characters; in every field.
QUERIES = [
    "a", "A", "z", "lu", "LU", "ri", "蓝", "蓝海", "海洋", "ser", "SERUM", "um la", "Chen",
    "bc-", "-0", "星辰美妆", "辰美", "x", "qq", "%", "_", "蓝海 ", "ocean co",
]  # fmt: skip


def _expected(session: Session, needle: str) -> set[int]:
    """What a LIKE over the searched fields answers (ASCII letters in any case), for the
    query as the list takes it: without the spaces around it."""
    rows = session.execute(
        text(
            "SELECT a.id, a.reference, a.title, a.owner, a.description, p.legal_name,"
            " coalesce(p.local_name, '') FROM agreements a JOIN partners p ON p.id = a.partner_id"
        )
    )
    folded = needle.strip().lower()
    return {r[0] for r in rows if any(folded in str(v).lower() for v in r[1:])}


@pytest.fixture
def varied(session: Session) -> Session:
    blue = create_partner(
        session, PartnerInput(legal_name="Blue Ocean Co.", local_name="蓝海有限公司", country="CN")
    )
    star = create_partner(
        session, PartnerInput(legal_name="Star Beauty Ltd", local_name="星辰美妆", country="HK")
    )
    titles = ["Lumière serum launch", "Ocean freight 海洋运输", "Luxury skincare", "蓝色海岸活动"]
    for i, title in enumerate(titles * 3):
        partner = blue if i % 2 else star
        create_agreement(
            session,
            agreement_input(
                partner.id, title=title, owner=["Chen Jing", "Anna Ruiz"][i % 2],
                description="" if i % 3 else "Renewal at 5% off_list",
            ),
        )  # fmt: skip
    return session


@pytest.mark.parametrize("needle", QUERIES)
def test_search_answers_exactly_what_like_answers(varied: Session, needle: str) -> None:
    expected = _expected(varied, needle)
    assert set(_found(varied, needle)) == expected
    assert count_agreements(varied, AgreementFilter(search=needle)) == len(expected)
    first = agreement_ids(varied, AgreementFilter(search=needle), limit=5)
    assert first == _found(varied, needle)[:5]  # the first screen in the list's order


@pytest.mark.parametrize("needle", ["a", "lu", "ser", "蓝海", "Chen"])
@pytest.mark.parametrize("sort", ["reference", "title", "partner", "value", "operating_model"])
def test_common_and_rare_terms_give_the_same_first_screen(
    varied: Session, monkeypatch: pytest.MonkeyPatch, needle: str, sort: str
) -> None:
    """A common term walks the sort order, a rare one sorts its candidates: same rows."""
    f = AgreementFilter(search=needle)
    whole = agreement_ids(varied, f, sort=sort, descending=True)
    monkeypatch.setattr(search, "DENSE", 1)  # every term is common
    monkeypatch.setattr(first_screens, "_FEW", 3)  # and looked for in the first 3 rows first
    assert agreement_ids(varied, f, sort=sort, descending=True, limit=4) == whole[:4]


@pytest.mark.postgres
def test_postgresql_searches_through_trigram_indexes(pg_db: Database) -> None:
    with pg_db.session() as s:
        names = set(
            s.scalars(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search'"))
        )
        assert names == {"ix_agreements_search", "ix_partners_search"}
        partner = create_partner(
            s, PartnerInput(legal_name="Blue Ocean Co.", local_name="蓝海有限公司", country="CN")
        )
        made = create_agreement(s, agreement_input(partner.id, title="Lumière serum launch"))
        for needle in ["LUMI", "蓝海", "蓝", "um la", "ocean"]:
            assert _found(s, needle) == [made.id], needle
            assert agreement_ids(s, AgreementFilter(search=needle), limit=10) == [made.id]
        assert _found(s, "absent") == []
