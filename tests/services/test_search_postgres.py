"""Search on PostgreSQL: one- and two-character queries through the gram indexes of
migration 0019 (pg_trgm has no trigram for them), kept in step by the database on every
kind of write, and answering exactly what an ILIKE over the searched fields answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cli import main
from app.db import Database
from app.db.search_terms import like_pattern, pg_candidates
from app.services.agreements import create_agreement, delete_agreement, update_agreement
from app.services.demo import load_demo
from app.services.importing import import_file
from app.services.listing import AgreementFilter, agreement_ids, count_agreements
from app.services.partners import PartnerInput, create_partner, update_partner
from tests.conftest import TODAY, agreement_input
from tests.services.test_importing import row, write_csv
from tests.services.test_list_plans import _plans, _statements
from tests.services.test_search_index import QUERIES

pytestmark = pytest.mark.postgres


def _ilike(session: Session, needle: str) -> set[int]:
    """What PostgreSQL's own ILIKE over the searched fields answers, by a plain scan (the
    oracle: its case folding is the database's, not Python's)."""
    fields = ["a.reference", "a.title", "a.owner", "a.description", "p.legal_name", "p.local_name"]
    where = " OR ".join(f"{f} ILIKE :p ESCAPE '\\'" for f in fields)
    session.execute(text("SET LOCAL enable_indexscan = off"))
    session.execute(text("SET LOCAL enable_bitmapscan = off"))
    try:
        query = (
            f"SELECT a.id FROM agreements a JOIN partners p ON p.id = a.partner_id WHERE {where}"
        )
        return set(session.scalars(text(query), {"p": like_pattern(needle.strip())}))
    finally:
        session.execute(text("SET LOCAL enable_indexscan = on"))
        session.execute(text("SET LOCAL enable_bitmapscan = on"))


def _indexed(session: Session, needle: str) -> set[int]:
    """The rows the gram indexes alone give for ``needle`` (the list's ILIKE check would
    hide a row the index lost or kept too long), read through the indexes only."""
    session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        sql, params = pg_candidates(needle)
        plan = "\n".join(session.scalars(text("EXPLAIN " + sql), params))
        assert "ix_agreements_search_grams" in plan and "ix_partners_search_grams" in plan, plan
        assert "Seq Scan" not in plan, plan
        return set(session.scalars(text(sql), params))
    finally:
        session.execute(text("SET LOCAL enable_seqscan = on"))


GRAMS = ["极", "极星", "北光", "ne", "EN", "Au", "乐优", "z", "9", "-2"]


def _all_in_step(session: Session) -> None:
    for needle in GRAMS:
        assert _indexed(session, needle) == _ilike(session, needle), needle


def test_the_gram_indexes_follow_every_kind_of_write(pg_db: Database, tmp_path: Path) -> None:
    with pg_db.session() as s:
        partner = create_partner(
            s,
            PartnerInput(legal_name="Nordlicht Handels GmbH", local_name="北光贸易", country="DE"),
        )
        view = create_agreement(s, agreement_input(partner.id, title="Aurora 乐优 launch"))
        _all_in_step(s)
        assert _indexed(s, "乐优") == {view.id}
        assert _indexed(s, "北光") == {view.id}

        view = update_agreement(
            s, view.id, replace(view.to_input(), title="Borealis toner"), view.version
        )
        assert _indexed(s, "乐优") == set()
        _all_in_step(s)

        # A partner's new name is found in its agreements, its old name no more.
        update_partner(
            s,
            partner.id,
            replace(partner.to_input(), legal_name="Polarstern AG", local_name="极星股份"),
            partner.version,
        )
        assert _indexed(s, "北光") == set()
        assert _indexed(s, "极星") == {view.id}
        _all_in_step(s)

        report = import_file(s, write_csv(tmp_path / "in.csv", [row(title="Glacier 乐优 water")]))
        assert not report.problems
        assert len(_indexed(s, "乐优")) == 1
        _all_in_step(s)

        # Plain SQL, as a script or another program would write.
        s.execute(text("UPDATE agreements SET description = 'zz 9' WHERE id = :i"), {"i": view.id})
        s.execute(text("UPDATE partners SET local_name = NULL WHERE id = :i"), {"i": partner.id})
        assert _indexed(s, "极星") == set()
        assert _indexed(s, "z") == {view.id}
        _all_in_step(s)

        version = s.scalar(text("SELECT version FROM agreements WHERE id = :i"), {"i": view.id})
        delete_agreement(s, view.id, version)
        assert _indexed(s, "z") == set()
        _all_in_step(s)
        s.commit()

    # The demo's bulk load drops the indexes and builds them again from its rows.
    with pg_db.session() as s:
        load_demo(s, 80, today=TODAY)
        _all_in_step(s)
        assert len(_indexed(s, "-2")) >= 80


@pytest.fixture
def varied(pg_db: Database) -> Iterator[Session]:
    with pg_db.session() as s:
        blue = create_partner(
            s, PartnerInput(legal_name="Blue Ocean Co.", local_name="蓝海有限公司", country="CN")
        )
        star = create_partner(
            s, PartnerInput(legal_name="Star Beauty Ltd", local_name="星辰美妆", country="HK")
        )
        titles = [
            "Lumière serum launch",
            "Ocean freight 海洋运输",
            "Luxury skincare",
            "蓝色海岸活动",
        ]
        for i, title in enumerate(titles * 3):
            partner = blue if i % 2 else star
            create_agreement(
                s,
                agreement_input(
                    partner.id, title=title, owner=["Chen Jing", "Anna Ruiz"][i % 2],
                    description="" if i % 3 else "Renewal at 5% off_list",
                ),
            )  # fmt: skip
        s.commit()
    with pg_db.session() as s:
        yield s


def test_search_answers_exactly_what_ilike_answers(varied: Session) -> None:
    # Accented letters in either case too: folded by the database's lower(), as ILIKE does.
    for needle in [*QUERIES, "È", "è", "RE"]:
        expected = _ilike(varied, needle)
        whole = agreement_ids(varied, AgreementFilter(search=needle))
        assert set(whole) == expected, needle
        assert count_agreements(varied, AgreementFilter(search=needle)) == len(expected), needle
        first = agreement_ids(varied, AgreementFilter(search=needle), limit=5)
        assert first == whole[:5], needle
        # The same candidates through the bare driver (the command line's list).
        sql, params = pg_candidates(needle.strip(), pyformat=True)
        with varied.connection().connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(sql, params)
            assert {r[0] for r in cursor.fetchall()} >= expected, needle


def test_the_grams_are_every_character_and_pair_in_lower_case(varied: Session) -> None:
    grams = varied.scalar(text("SELECT partnerdesk_search_grams('AbC 乐优', NULL, 'É')"))
    # No space and no pair holding one: a stripped short query holds none.
    assert sorted(grams) == sorted(["a", "b", "c", "乐", "优", "é", "ab", "bc", "乐优"])
    assert varied.scalar(text("SELECT partnerdesk_search_grams('', NULL)")) == []


def test_short_searches_read_the_gram_indexes_never_every_row(
    pg_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """What keeps '乐优' at a million agreements in milliseconds: every statement of the
    window's first screen, its whole list and the command line reads indexes (PostgreSQL
    would scan when told not to only if no index can answer)."""
    with pg_db.session() as s:
        load_demo(s, 60, today=TODAY)
        rare = create_partner(
            s, PartnerInput(legal_name="Quux GmbH", local_name="乐优商贸", country="DE")
        )
        made = create_agreement(s, agreement_input(rare.id, title="Zephyr 璐米 launch"))
        s.commit()
    url = pg_db.engine.url.render_as_string(hide_password=False)
    for needle in ["乐优", "璐米", "璐", "ux", "Q"]:
        with pg_db.session() as s:
            s.execute(text("SET LOCAL enable_seqscan = off"))
            with _statements(s) as seen:
                first = agreement_ids(s, AgreementFilter(search=needle), limit=100)
                whole = agreement_ids(s, AgreementFilter(search=needle))
            expected = _ilike(s, needle)
            assert made.id in expected and set(whole) == expected, needle
            assert first == whole[:100], needle
            references = set(
                s.scalars(text("SELECT reference FROM agreements WHERE id = ANY(:i)"),
                          {"i": list(expected)})
            )  # fmt: skip
            for plan in _plans(s, seen):
                assert "Seq Scan" not in plan, (needle, plan)
                # (pg_trgm's index would be read whole for want of a trigram.)
                if " on partners" in plan:
                    assert "ix_partners_search_grams" in plan, (needle, plan)
                    assert "ix_partners_search " not in plan, (needle, plan)
        code = main(["--db", url, "list", "agreements", "--search", needle, "--format", "json"])
        out, _ = capsys.readouterr()
        assert code == 0 and {r["reference"] for r in json.loads(out)} == references, needle
