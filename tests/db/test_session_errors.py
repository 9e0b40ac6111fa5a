"""Database refusals reach people as one sentence, with nothing of the action kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import update

from app.db import Database, open_database
from app.domain.models import Partner
from app.errors import ConflictError, DatabaseError
from app.services.partners import PartnerInput, create_partner, get_partner, list_partners


def test_a_write_over_a_newer_version_is_a_conflict(db: Database) -> None:
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Race Ltd", country="GB"))
    with pytest.raises(ConflictError, match="someone else changed this record"), db.session() as s:
        mine = s.get(Partner, p.id)
        assert mine is not None
        # The row moves to a newer version under the ORM's feet, as another desk's save
        # would; the flush then finds no row at the version it read.
        s.execute(
            update(Partner).where(Partner.id == p.id).values(notes="theirs", version=9),
            execution_options={"synchronize_session": False},
        )
        mine.notes = "mine"
        s.flush()
    with db.session() as s:
        assert get_partner(s, p.id).notes == ""


def test_a_write_racing_another_desk_on_sqlite_is_a_conflict(db: Database) -> None:
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Race Ltd", country="GB"))
    # SQLite's WAL snapshot refuses a write from a transaction that read before another
    # desk committed: the user hears what PostgreSQL users hear, the record and versions,
    # and the other desk's change stays.
    with (
        pytest.raises(
            ConflictError, match=r"Race Ltd was changed by someone else .*version 1, now 2"
        ),
        db.session() as s,
    ):
        mine = s.get(Partner, p.id)
        assert mine is not None
        with sqlite3.connect(db.url.database or "") as other:
            other.execute("UPDATE partners SET notes = 'theirs', version = version + 1")
        other.close()
        mine.notes = "mine"
    with db.session() as s:
        assert get_partner(s, p.id).notes == "theirs"


def test_a_constraint_refusal_is_one_sentence_and_rolls_back(db: Database) -> None:
    with pytest.raises(ConflictError, match="the database refused the change"), db.session() as s:
        create_partner(s, PartnerInput(legal_name="Kept Ltd", country="GB"))
        s.execute(update(Partner).values(country=None))
    with db.session() as s:
        assert list_partners(s) == []


def test_a_busy_database_says_so_instead_of_hanging(db_path: Path) -> None:
    db = open_database(db_path, busy_timeout=0.2)
    blocker = sqlite3.connect(db_path)
    blocker.execute("BEGIN IMMEDIATE")  # another desk is in the middle of a write
    try:
        with pytest.raises(DatabaseError, match="busy"), db.session() as s:
            create_partner(s, PartnerInput(legal_name="Waiting Ltd", country="GB"))
    finally:
        blocker.rollback()
        blocker.close()
    with db.session() as s:
        assert list_partners(s) == []
    db.dispose()
