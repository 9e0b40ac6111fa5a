from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from app.db import open_database
from app.db.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    upgrade,
)
from app.db.revisions import stored_revision
from app.db.search_schema import modelled
from app.domain.models import Base
from app.errors import DatabaseError
from app.services.agreements import create_agreement
from app.services.listing import count_agreements
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input


def test_empty_file_is_created_at_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "agreements",
            "brand_terms",
            "logistics_terms",
            "kpi_actuals",
            "audit_log",
        } <= tables
    finally:
        db.dispose()


def test_the_revisions_read_without_alembic_are_alembics(tmp_path: Path) -> None:
    """``app.db.revisions`` answers "is this schema current?" without importing Alembic:
    its answers must be Alembic's, at every revision and before the first."""
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    engine = create_engine(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        for revision in [None, *reversed([rev.revision for rev in script.walk_revisions()])]:
            if revision is not None:
                upgrade(engine, revision)
            with engine.connect() as conn:
                assert stored_revision(conn) == revision
                assert MigrationContext.configure(conn).get_current_revision() == revision
    finally:
        engine.dispose()


def test_a_migration_is_read_rightly_wherever_its_body_seems_to_start(tmp_path: Path) -> None:
    from app.db.revisions import _assigned

    plain = tmp_path / "0100_plain.py"
    plain.write_text('revision = "0100"\ndown_revision = "0099"\n\ndef upgrade():\n    pass\n')
    # A line starting with "def" inside a string, before the identifiers: the header alone
    # does not parse, and the whole file is read instead.
    tricky = tmp_path / "0101_tricky.py"
    tricky.write_text(
        'NOTE = """\ndef is not code here\n"""\nrevision: str = "0101"\n'
        "down_revision = ('0100', '0098')\n\ndef upgrade():\n    pass\n"
    )
    assert _assigned(plain) == {"revision": "0100", "down_revision": "0099"}
    assert _assigned(tricky) == {"revision": "0101", "down_revision": ("0100", "0098")}


def test_migrations_produce_exactly_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": modelled})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_older_database_is_backed_up_then_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO partners (legal_name, country, status, notes, version, created_at,"
            " updated_at) VALUES ('Old Partner Ltd', 'GB', 'active', '', 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    conn.close()

    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.session() as s:
            create_partner(s, PartnerInput(legal_name="New Partner Ltd", country="GB"))
            assert count_agreements(s) == 0
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("agreements")}
        assert "ix_agreements_status_decision_date" in indexes
    finally:
        db.dispose()
    backups = list(tmp_path.glob("old.schema-0001.*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT legal_name FROM partners").fetchall() == [("Old Partner Ltd",)]
    conn.close()


def test_database_from_a_newer_partnerdesk_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version of PartnerDesk"):
        open_database(db_path)


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("minutes of the meeting\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a PartnerDesk database"):
        open_database(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(DatabaseError, match="not a PartnerDesk database"):
        open_database(path)


def test_missing_file_is_not_created_when_only_reading(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no PartnerDesk database"):
        open_database(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_timestamps_come_back_in_utc(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.session() as s:
            p = create_partner(s, PartnerInput(legal_name="UTC Ltd", country="GB"))
        assert p.created_at.utcoffset() is not None
        assert p.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
        assert p.created_at.date() >= date(2026, 1, 1)
    finally:
        db.dispose()


def test_a_later_batch_migration_keeps_the_search_index_in_step(tmp_path: Path) -> None:
    """Alembic's batch mode rebuilds a SQLite table: its triggers go, and the rename of the
    copy into place would trip over the search view. upgrade() runs migrations so that
    neither happens; this runs one such operation the same way."""
    from alembic.operations import Operations

    from app.db.search_schema import restore_sqlite_search
    from app.services.listing import AgreementFilter, agreement_ids

    engine = create_engine(f"sqlite:///{tmp_path / 'b.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA legacy_alter_table=ON")  # as upgrade() does
        operations = Operations(MigrationContext.configure(conn))
        with operations.batch_alter_table("agreements", recreate="always") as batch:
            batch.alter_column("title", existing_type=sa.String(300), nullable=False)
        conn.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
        restore_sqlite_search(conn)
    engine.dispose()

    db = open_database(tmp_path / "b.db")
    try:
        with db.session() as s:
            partner = create_partner(s, PartnerInput(legal_name="Batch Partner Ltd", country="GB"))
            made = create_agreement(s, agreement_input(partner.id, title="Rebuilt table"))
            assert agreement_ids(s, AgreementFilter(search="rebuilt")) == [made.id]
            s.execute(sa.text(
                "INSERT INTO agreement_search(agreement_search) VALUES ('integrity-check')"
            ))  # fmt: skip
    finally:
        db.dispose()
